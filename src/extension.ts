// Composition root: build the parts, wire them, register them. Nothing here talks to AWS; the SDK is loaded
// on the first request.
import * as vscode from 'vscode';
import { AwsSession } from './aws/session';
import { effectiveProfile } from './aws/profiles';
import { registerCommands } from './commands';
import type { CommandContext } from './commands/context';
import { DetailsDocuments } from './platform/details';
import { VIEW_ID, Settings } from './platform/ids';
import { createLog, logCall } from './platform/log';
import { affects, readSettings } from './platform/settings';
import { ImageTreeProvider } from './tree/provider';
import { TransitionRefresher } from './tree/transitionRefresher';
import type { Node } from './tree/nodes';

export interface CloudImagesApi {
  readonly ctx: CommandContext;
  readonly refresher: TransitionRefresher;
}

export function activate(context: vscode.ExtensionContext): CloudImagesApi {
  const log = createLog();
  const maxAttempts = Number(process.env.CLOUD_IMAGES_MAX_ATTEMPTS) || undefined;
  const newSession = (): AwsSession => new AwsSession(readSettings().profile, (c) => logCall(log, c), maxAttempts);
  let session = newSession();

  // The refresher is called back only after activation, once it exists.
  const tree = new ImageTreeProvider({ session: () => session, settings: readSettings, onListsChanged: () => refresher.kick() });
  const treeView = vscode.window.createTreeView<Node>(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const refresher = new TransitionRefresher(tree, () => session, () => readSettings().pollIntervalSeconds * 1000);
  refresher.setVisible(treeView.visible);
  const details = new DetailsDocuments();

  const describeProfile = (): void => {
    treeView.description = effectiveProfile(readSettings().profile);
  };
  describeProfile();

  const ctx: CommandContext = { tree, treeView, log, details, session: () => session, settings: readSettings };

  context.subscriptions.push(
    log, tree, treeView, refresher, details.register(),
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
  return { ctx, refresher };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
