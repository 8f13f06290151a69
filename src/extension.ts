// Composition root: build the parts, wire them, register them. Nothing here talks to AWS; the SDK is loaded
// on the first request.
import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { effectiveProfile } from './aws/profiles';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import { CopyTracker, TASK_DEADLINE_MS } from './copy/tracker';
import { CopyStatusBar } from './copy/statusBar';
import { notifyEnding } from './copy/notifications';
import { openJob, retryTags } from './commands/copyProgress';
import { DetailsDocuments } from './platform/details';
import { GlobalStateKeys, VIEW_ID, Settings } from './platform/ids';
import { createLog, logCall } from './platform/log';
import { VsCodePrompts } from './platform/prompts';
import { toFailure } from './platform/failures';
import { PollLoop } from './core/pollLoop';
import { stateReason } from './core/present';
import { affects, onSettingsProblem, readSettings } from './platform/settings';
import { ImageTreeProvider } from './tree/provider';
import { TransitionRefresher } from './tree/transitionRefresher';
import type { Node } from './tree/nodes';

/** What the extension exports: its parts, for the integration tests and the benchmark. */
export interface CloudImagesApi {
  readonly ctx: CommandContext;
  readonly refresher: TransitionRefresher;
  readonly statusBar: CopyStatusBar;
  /** Where tracked copies are kept across reloads. */
  readonly globalState: vscode.Memento;
}

export function activate(context: vscode.ExtensionContext): CloudImagesApi {
  const log = createLog();
  // A bad value in settings is logged once when first read (the code uses a bounded value instead).
  const settingsProblems = onSettingsProblem((line) => log.warn(line));
  const newSession = (): AwsSession => new AwsSession(readSettings().profile, (c) => logCall(log, c));
  let session = newSession();

  const intervalMs = (): number => readSettings().pollIntervalSeconds * 1000;
  // One loop for all background watching; a failing group backs off alone and never stops the loop.
  const loop = new PollLoop({
    intervalMs, taskDeadlineMs: TASK_DEADLINE_MS,
    onTaskError: (key, e) => log.warn(`${key}: ${toFailure(e).message} Trying again later.`),
  });
  // The refresher and the context are called back only after activation, once they exist.
  const tree = new ImageTreeProvider({ session: () => session, settings: readSettings, onListsChanged: () => refresher.kick() });
  const treeView = vscode.window.createTreeView<Node>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const refresher = new TransitionRefresher(tree, () => session, loop);
  const details = new DetailsDocuments();
  const statusBar = new CopyStatusBar();
  const tracker = new CopyTracker({
    store: context.globalState,
    storeKey: GlobalStateKeys.copies,
    loop,
    observe: async (service, region, ids) => new Map((await session.api.describe(service, region, ids))
      .map((r) => [r.id, { state: r.state, reason: stateReason(r), arn: r.arn }])),
    applyTags: (job, arn) => session.api.applyTags({ service: job.service, region: job.destRegion, arn }, job.pendingTags ?? {}),
    intervalMs,
    describe: (e, region) => toFailure(e, { region }).message,
    onChange: (jobs) => statusBar.update(jobs),
    onFinished: (job) => {
      tree.refreshListOf({ service: job.service, region: job.destRegion, ownership: 'owned' });
      notifyEnding(log, job, { open: (j) => openJob(ctx, j), retryTags: (j) => retryTags(ctx, j), acknowledge: (j) => tracker.acknowledge([j]) });
    },
    onDropped: (n) => log.warn(`tracked copies: ${n} stored ${n === 1 ? 'entry' : 'entries'} could not be read and ${n === 1 ? 'was' : 'were'} dropped`),
  });
  const ctx: CommandContext = {
    tree, treeView, log, details, tracker, prompts: new VsCodePrompts(), session: () => session, settings: readSettings,
  };

  const describeProfile = (): void => {
    treeView.description = effectiveProfile(readSettings().profile);
  };
  describeProfile();
  refresher.setVisible(treeView.visible);

  context.subscriptions.push(
    log, settingsProblems, tree, treeView, refresher, statusBar, details.register(),
    { dispose: () => tracker.dispose() },
    { dispose: () => loop.dispose() },
    { dispose: () => session.dispose() },
    treeView.onDidChangeVisibility((e) => refresher.setVisible(e.visible)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      readSettings(); // reports a bad value as soon as it is saved
      if (affects(e, Settings.profile)) {
        // A new profile: no client, credential or page of the old one may survive.
        session.dispose();
        session = newSession();
        describeProfile();
        tree.refreshAll();
      } else if (affects(e, Settings.regions) || affects(e, Settings.pageSize)) {
        tree.refreshAll();
      }
    }),
    ...registerCommands(ctx),
  );
  // Copies started before a reload go on being watched (reads global state only; polls only if in flight).
  tracker.resume();
  return { ctx, refresher, statusBar, globalState: context.globalState };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
