// Composition root: build the parts, wire them, register them. Nothing here talks to AWS; the SDK is loaded
// on the first request.
import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { effectiveProfile } from './aws/profiles';
import { observeImages } from './aws/observe';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import { CopyTracker } from './copy/tracker';
import { CopyStatusBar } from './copy/statusBar';
import { copyFinished } from './copy/notifications';
import { DetailsDocuments } from './platform/details';
import { GlobalStateKeys, VIEW_ID, Settings } from './platform/ids';
import { createLog, logCall } from './platform/log';
import { VsCodePrompts } from './platform/prompts';
import { affects, readSettings } from './platform/settings';
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
  const newSession = (): AwsSession => new AwsSession(readSettings().profile, (c) => logCall(log, c));
  let session = newSession();

  // The refresher and the context are called back only after activation, once they exist.
  const tree = new ImageTreeProvider({ session: () => session, settings: readSettings, onListsChanged: () => refresher.kick() });
  const treeView = vscode.window.createTreeView<Node>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const refresher = new TransitionRefresher(tree, () => session, () => readSettings().pollIntervalSeconds * 1000);
  const details = new DetailsDocuments();
  const statusBar = new CopyStatusBar();
  const tracker = new CopyTracker({
    store: context.globalState,
    storeKey: GlobalStateKeys.copies,
    observe: (service, region, ids) => observeImages(session.api, service, region, ids),
    applyTags: (job, arn) => session.api.appstream.tag(job.destRegion, arn, job.pendingTags ?? {}),
    intervalMs: () => readSettings().pollIntervalSeconds * 1000,
    onChange: (jobs) => statusBar.update(jobs),
    onFinished: (job) => copyFinished(ctx, job),
    onError: (e) => log.warn(`copy tracking: ${(e as Error).name ?? 'error'}: ${(e as Error).message ?? String(e)}; trying again later`),
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
    log, tree, treeView, refresher, statusBar, details.register(),
    { dispose: () => tracker.dispose() },
    { dispose: () => session.dispose() },
    treeView.onDidChangeVisibility((e) => refresher.setVisible(e.visible)),
    vscode.workspace.onDidChangeConfiguration((e) => {
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
