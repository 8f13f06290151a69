// What command handlers may use. Built once in extension.ts.
import type * as vscode from 'vscode';
import type { AwsSession } from '../aws/session';
import type { CloudImagesSettings } from '../platform/settings';
import type { DetailsDocuments } from '../platform/details';
import type { ImageTreeProvider } from '../tree/provider';
import type { Node } from '../tree/nodes';

export interface CommandContext {
  readonly tree: ImageTreeProvider;
  readonly treeView: vscode.TreeView<Node>;
  readonly log: vscode.LogOutputChannel;
  readonly details: DetailsDocuments;
  session(): AwsSession;
  settings(): CloudImagesSettings;
}

export type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;
