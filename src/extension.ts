// Composition root: build the parts, wire them, register them. Nothing here talks to AWS; the SDK is loaded
// on the first request.
import * as vscode from 'vscode';
import { Scope } from './aws/scope';
import { UsageIndex } from './aws/usage';
import { toFailure } from './aws/errors';
import { preloadSdk } from './aws/clients';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import { openJob, retryTags } from './commands/copyProgress';
import { applyFilter, storedFilter } from './commands/filter';
import { destinationOf, jobKind } from './core/copyJobs';
import { sameImage } from './core/imageRef';
import { ownedList, type ImageRecord } from './core/image';
import { SearchCache } from './core/searchCache';
import { PollLoop } from './core/pollLoop';
import { stateReason } from './core/present';
import { CopyTracker, TASK_DEADLINE_MS } from './jobs/tracker';
import { CopyStatusBar } from './jobs/statusBar';
import { notifyDistributionEnded, notifyEnding } from './jobs/notifications';
import { Distributor } from './jobs/distributor';
import { DistributionStatusBar } from './jobs/distributionStatusBar';
import { FileJobStore } from './jobs/fileStore';
import { entryMerges, moveFromGlobalState } from './jobs/store';
import { setContextKey } from './platform/context';
import { DetailsDocuments } from './platform/details';
import { ContextKeys, GlobalStateKeys, VIEW_ID, Settings } from './platform/ids';
import { createLog, logCall } from './platform/log';
import { VsCodePrompts } from './platform/prompts';
import { affects, onSettingsProblem, readSettings } from './platform/settings';
import { ImageTreeProvider } from './tree/provider';
import { Refreshes } from './tree/refreshes';
import { TransitionRefresher } from './tree/transitionRefresher';
import type { Node } from './tree/nodes';

/** What the extension exports: its parts, for the integration tests and the benchmark. */
export interface CloudImagesApi {
  readonly ctx: CommandContext;
  readonly refresher: TransitionRefresher;
  readonly statusBar: CopyStatusBar;
  readonly distributionStatusBar: DistributionStatusBar;
  /** The extension's global state (the view's filter, Find's choice). */
  readonly globalState: vscode.Memento;
  /** Where tracked copies, distributions and their leases are kept, shared by every window. */
  readonly jobStore: FileJobStore;
}

export function activate(context: vscode.ExtensionContext): CloudImagesApi {
  const log = createLog();
  // A bad value in settings is logged once when first read (the code uses a bounded value instead).
  const settingsProblems = onSettingsProblem((line) => log.warn(line));
  // An empty tree lets viewsWelcome explain how to get credentials.
  const scope = new Scope((c) => logCall(log, c), readSettings,
    (v) => setContextKey(ContextKeys.noCredentials, !v.several && !v.profiles[0]?.credentials),
    (profile) => tree.accountLearned(profile));

  const intervalMs = (): number => readSettings().pollIntervalSeconds * 1000;
  // One loop for all background watching; a failing group backs off alone and never stops the loop.
  const loop = new PollLoop({
    intervalMs, taskDeadlineMs: TASK_DEADLINE_MS,
    onTaskError: (key, e) => log.warn(`${key}: ${toFailure(e).message} Trying again later.`),
  });
  // The refresher is called back only after activation, once it exists.
  // A usage listing that arrives re-renders the owned list of its region: tooltips and "Used by" rows show it.
  // Redrawn after the "Used by" row that asked has been answered: redrawing its list while the workbench still
  // waits for that row's children would register them twice.
  const usage = new UsageIndex((profile) => scope.session(profile).api, (ref) => setTimeout(() => {
    const list = tree.openedList(ownedList(ref));
    if (list) tree.changedNode(list);
  }, 0));
  const tree = new ImageTreeProvider({ scope, settings: readSettings, describe: toFailure, usage, onListsChanged: () => refresher.kick() });
  const treeView = vscode.window.createTreeView<Node>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const searchCache = new SearchCache<ImageRecord>();
  const refreshes = new Refreshes(tree, (line) => log.trace(line), [usage, searchCache]);
  // A row of a tracked copy or update is followed by the tracker (which re-lists its list when it ends).
  const refresher = new TransitionRefresher(tree, scope, loop, (ref) => tracker.inFlight().some((j) => sameImage(destinationOf(j), ref)));
  const statusBar = new CopyStatusBar((profile) => scope.profileGone(profile));
  // Files in global storage, not global state: another window's write replaces global state whole (fileStore.ts).
  const jobStore = new FileJobStore({
    dir: context.globalStorageUri.fsPath, merges: entryMerges(GlobalStateKeys.copies, GlobalStateKeys.distributions),
    onError: (e) => log.warn(`tracked copies: ${toFailure(e).message}`),
  });
  context.subscriptions.push({ dispose: () => jobStore.dispose() });
  // What 0.1 and 0.2 kept in global state moves into the files (the store has it before the tracker resumes).
  void moveFromGlobalState(context.globalState, jobStore, [GlobalStateKeys.copies, GlobalStateKeys.distributions]).done
    .catch((e: unknown) => log.warn(`tracked copies: ${toFailure(e).message}`));
  const tracker: CopyTracker = new CopyTracker({
    store: jobStore,
    storeKey: GlobalStateKeys.copies,
    loop,
    // A profile since deleted from the files is said so (and sends nothing) before the SDK's chain is tried.
    look: async (g, signal) => {
      await scope.checkProfile(g.profile);
      return new Map((await scope.session(g.profile).api.describe(g.service, g.region, g.ids, signal))
        .map((r) => [r.id, { state: r.state, reason: stateReason(r), arn: r.arn }]));
    },
    applyTags: (job, arn, signal) => scope.session(job.profile).api.applyTags({ service: job.service, region: job.destRegion, arn }, job.pendingTags ?? {}, signal),
    defaultProfile: () => scope.profile,
    intervalMs,
    describe: (e, region) => toFailure(e, { region }).message,
    onChange: (jobs) => statusBar.update(jobs),
    onFinished: (job) => {
      // A deleted image's row just leaves; a copy or update (or a delete AWS did not carry out) is listed again.
      if (jobKind(job) === 'delete' && job.outcome === 'succeeded') refreshes.record(destinationOf(job), undefined, 'deleted');
      else refreshes.listIfOpen(ownedList(destinationOf(job)), 'copy-ended');
      notifyEnding(log, job, {
        open: (j) => openJob(ctx, j), retryTags: (j) => retryTags(ctx, j), acknowledge: (j) => tracker.acknowledge([j]),
        notify: (severity, message, ...actions) => ctx.prompts.notify(severity, message, ...actions),
      });
    },
    onDropped: (n) => log.warn(`tracked copies: ${n} stored ${n === 1 ? 'entry' : 'entries'} could not be read and ${n === 1 ? 'was' : 'were'} dropped`),
  });
  const distributionStatusBar = new DistributionStatusBar();
  const distributor = new Distributor({
    store: jobStore,
    storeKey: GlobalStateKeys.distributions,
    loop,
    api: (profile) => scope.session(profile).api,
    intervalMs,
    describe: (e, region) => toFailure(e, { region }).message,
    onChange: (all) => distributionStatusBar.update(all),
    // The destination's list shows a copy once it exists, and again when it is available or failed.
    onDestination: (d, dest) => {
      const copyChanged = dest.phase === 'copying' || (dest.phase === 'available' && !dest.isSource) || dest.failed?.step === 'copy';
      if (copyChanged) refreshes.listIfOpen(ownedList({ profile: d.profile, service: d.service, region: dest.region }), dest.phase === 'copying' ? 'copy-started' : 'copy-ended');
    },
    onFinished: (d) => notifyDistributionEnded(log, d, (severity, message, ...actions) => ctx.prompts.notify(severity, message, ...actions)),
    onError: (e) => log.warn(`distributions: ${toFailure(e).message}`),
  });
  const details = new DetailsDocuments();
  const ctx: CommandContext = {
    tree, treeView, refreshes, log, details, tracker, distributor, prompts: new VsCodePrompts(), scope, settings: readSettings, usage,
    searchCache, memento: context.globalState,
  };

  const describeProfile = (): void => {
    const profiles = scope.profiles();
    treeView.description = profiles.length > 1 ? vscode.l10n.t('{0} profiles', profiles.length) : scope.profile;
  };
  describeProfile();
  refresher.setVisible(treeView.visible);
  // The view is open (that is what activated us): load the SDK now, off the activation path.
  setTimeout(preloadSdk, 0);

  context.subscriptions.push(
    log, settingsProblems, tree, treeView, refresher, statusBar, distributionStatusBar, details.register(),
    { dispose: () => tracker.dispose() },
    { dispose: () => distributor.dispose() },
    { dispose: () => loop.dispose() },
    { dispose: () => scope.dispose() },
    treeView.onDidChangeVisibility((e) => {
      refresher.setVisible(e.visible);
      tracker.setWatching(e.visible);
    }),
    // Another window may have started copies meanwhile (the job store is shared): look when this one is used.
    // Another window wrote a job: show it now (on the next turn: the store tells during a read).
    jobStore.onDidChange(() => setTimeout(() => {
      tracker.refresh();
      distributionStatusBar.update(distributor.all());
    }, 0)),
    vscode.window.onDidChangeWindowState((e) => {
      if (e.focused) tracker.refresh();
    }),
    // The view follows the profiles and regions as they are read now, whatever changed them: the Scope compares
    // them on every event here and on every read (a remote window drops machine-scoped values of the local
    // user settings, and no event need name them).
    scope.onSettingsChange((change) => {
      if (change === 'profile') describeProfile();
      refreshes.all(change === 'profile' ? 'profile' : 'settings');
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      readSettings(); // reports a bad value as soon as it is saved
      if (scope.settingsChanged()) return;
      if (affects(e, Settings.pageSize)) refreshes.all('settings');
      else if (affects(e, Settings.sortOrder)) tree.reorder();
    }),
    ...registerCommands(ctx),
  );
  // The filter of the last session still applies (loaded lists only: nothing is requested for it).
  void applyFilter(ctx, storedFilter(ctx), false);
  // Copies started before a reload go on being watched (reads the job store only; polls only if in flight).
  tracker.resume();
  tracker.setWatching(treeView.visible);
  // Distributions under way before a reload carry on where they were (a step sent just before is looked at).
  distributor.resume();
  return { ctx, refresher, statusBar, distributionStatusBar, globalState: context.globalState, jobStore };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
