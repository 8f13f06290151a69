// Composition root: build the parts, wire them, register them. Nothing here talks to AWS; the SDK is loaded
// on the first request. Parts built first tell what they learn through TreeEvents and JobEvents, which the parts
// built after them hear: nothing refers to a part not built yet.
import * as vscode from 'vscode';
import { Scope } from './aws/scope';
import { UsageIndex } from './aws/usage';
import { toFailure } from './aws/errors';
import { preloadSdk } from './aws/clients';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import type { ImageRecord } from './core/image';
import { SearchCache } from './core/searchCache';
import { HealthMarks } from './core/healthMarks';
import { PollLoop } from './core/pollLoop';
import { CopyTracker, TASK_DEADLINE_MS } from './jobs/tracker';
import { CopyStatusBar } from './jobs/statusBar';
import { EndingNotifications } from './jobs/notifications';
import { Distributor } from './jobs/distributor';
import { DistributionStatusBar } from './jobs/distributionStatusBar';
import type { FileJobStore } from './jobs/fileStore';
import { followJobs, JobEvents, openJobStore } from './jobs/wiring';
import { setContextKey } from './platform/context';
import { DetailsDocuments } from './platform/details';
import { ContextKeys, GlobalStateKeys, VIEW_ID } from './platform/ids';
import { createLog, logCall } from './platform/log';
import { VsCodePrompts } from './platform/prompts';
import { systemBrowser } from './platform/browser';
import { onSettingsProblem, readSettings } from './platform/settings';
import { ImageTreeProvider } from './tree/provider';
import { Refreshes } from './tree/refreshes';
import { TransitionRefresher } from './tree/transitionRefresher';
import { applyFilter, storedFilter } from './tree/viewFilter';
import { followSettings, TreeEvents } from './tree/wiring';
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
  const treeEvents = new TreeEvents();
  const jobEvents = new JobEvents();
  // An empty tree lets viewsWelcome explain how to get credentials.
  const scope = new Scope(
    (c) => logCall(log, c),
    readSettings,
    (v) => setContextKey(ContextKeys.noCredentials, !v.several && !v.profiles[0]?.credentials),
    treeEvents.accountLearned,
  );
  const intervalMs = (): number => readSettings().pollIntervalSeconds * 1000;
  // One loop for all background watching; a failing group backs off alone and never stops the loop.
  const loop = new PollLoop({
    intervalMs,
    taskDeadlineMs: TASK_DEADLINE_MS,
    onTaskError: (key, e) => log.warn(`${key}: ${toFailure(e).message} Trying again later.`),
  });
  const usage = new UsageIndex((profile) => scope.session(profile).api, treeEvents.usageKnown);
  const health = new HealthMarks();
  const tree = new ImageTreeProvider({ scope, settings: readSettings, describe: toFailure, usage, health });
  const treeView = vscode.window.createTreeView<Node>(VIEW_ID, {
    treeDataProvider: tree,
    showCollapseAll: true,
    canSelectMany: true,
  });
  const searchCache = new SearchCache<ImageRecord>();
  const refreshes = new Refreshes(tree, treeEvents, jobEvents, (line) => log.trace(line), [usage, searchCache]);
  const jobStore = openJobStore(context, log);
  const statusBar = new CopyStatusBar((profile) => scope.profileGone(profile));
  const tracker = new CopyTracker({
    store: jobStore,
    storeKey: GlobalStateKeys.copies,
    loop,
    api: (profile) => scope.session(profile).api,
    // A profile since deleted from the files is said so (and sends nothing) before the SDK's chain is tried.
    checkProfile: (profile) => scope.checkProfile(profile),
    defaultProfile: () => scope.profile,
    intervalMs,
    describe: (e, region) => toFailure(e, { region }).message,
    onChange: (jobs) => statusBar.update(jobs),
    onFinished: jobEvents.copyEnded,
    onDropped: (n) =>
      log.warn(
        `tracked copies: ${n} stored ${n === 1 ? 'entry' : 'entries'} could not be read and ${n === 1 ? 'was' : 'were'} dropped`,
      ),
  });
  // A row of a tracked copy or update is followed by the tracker (which re-lists its list when it ends).
  const refresher = new TransitionRefresher(tree, treeView, refreshes, scope, loop, (ref) => tracker.follows(ref));
  const distributionStatusBar = new DistributionStatusBar();
  const distributor = new Distributor({
    store: jobStore,
    storeKey: GlobalStateKeys.distributions,
    loop,
    api: (profile) => scope.session(profile).api,
    intervalMs,
    describe: (e, region) => toFailure(e, { region }).message,
    onChange: (all) => distributionStatusBar.update(all),
    onDestination: jobEvents.destinationChanged,
    onFinished: jobEvents.distributionEnded,
    onError: (e) => log.warn(`distributions: ${toFailure(e).message}`),
  });
  const details = new DetailsDocuments();
  const ctx: CommandContext = {
    tree,
    treeView,
    refreshes,
    log,
    details,
    tracker,
    distributor,
    prompts: new VsCodePrompts(),
    browser: systemBrowser,
    scope,
    settings: readSettings,
    usage,
    searchCache,
    memento: context.globalState,
    health,
  };
  // The view is open (that is what activated us): load the SDK now, off the activation path.
  setTimeout(preloadSdk, 0);

  context.subscriptions.push(
    jobStore,
    log,
    settingsProblems,
    treeEvents,
    jobEvents,
    tree,
    treeView,
    refreshes,
    refresher,
    statusBar,
    distributionStatusBar,
    details.register(),
    tracker,
    distributor,
    loop,
    scope,
    new EndingNotifications(jobEvents, log, ctx, (job) => tracker.acknowledge([job])),
    ...followJobs({ tracker, distributor, distributionStatusBar, jobStore, treeView }),
    ...followSettings(scope, treeView, refreshes),
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
