// What command handlers may use. Built once in extension.ts.
import type * as vscode from 'vscode';
import type { AwsSession } from '../aws/session';
import type { CloudImagesSettings } from '../platform/settings';
import type { DetailsDocuments } from '../platform/details';
import type { ImageTreeProvider } from '../tree/provider';
import type { Node } from '../tree/nodes';
import type { CopyTracker } from '../copy/tracker';
import type { Prompts } from '../platform/prompts';

export interface CommandContext {
  readonly tree: ImageTreeProvider;
  readonly treeView: vscode.TreeView<Node>;
  readonly log: vscode.LogOutputChannel;
  readonly details: DetailsDocuments;
  readonly tracker: CopyTracker;
  /** The questions commands ask; replaceable so an integration test can answer them. */
  prompts: Prompts;
  session(): AwsSession;
  settings(): CloudImagesSettings;
}

export type Handler = (ctx: CommandContext, ...args: unknown[]) => unknown;
