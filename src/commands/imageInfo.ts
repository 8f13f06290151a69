// Show Image Details, Copy ARN / Image ID / Name, Open in AWS Console: read-only actions on one image row.
import * as vscode from 'vscode';
import { consoleUrl } from '../core/present';
import { describeUser } from '../core/usage';
import { knownUsers } from '../tree/usage';
import type { CommandContext } from './context';
import { imageNodeArg } from './args';

export async function showDetails(ctx: CommandContext, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const node = imageNodeArg(arg);
  if (!node) return undefined;
  // What uses it, if its region's usage has been listed (Show Details sends no request of its own).
  const users = node.record.ownership === 'owned' ? knownUsers(ctx.usage, node.record) : undefined;
  const usedBy = users?.map((u) => `${describeUser(u)}${u.state ? ` (${u.state})` : ''}`);
  const doc = await vscode.workspace.openTextDocument(ctx.details.set(node.record, usedBy));
  await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
  return doc;
}

async function copyText(text: string | undefined, what: string): Promise<string | undefined> {
  if (!text) return undefined;
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}: {1}', what, text), 3000);
  return text;
}

export const copyArn = (_ctx: CommandContext, arg: unknown) => copyText(imageNodeArg(arg)?.record.arn, 'ARN');
export const copyImageId = (_ctx: CommandContext, arg: unknown) => copyText(imageNodeArg(arg)?.record.id, vscode.l10n.t('image ID'));
export const copyName = (_ctx: CommandContext, arg: unknown) => copyText(imageNodeArg(arg)?.record.name, vscode.l10n.t('name'));

export function openInConsole(ctx: CommandContext, arg: unknown): string | undefined {
  const node = imageNodeArg(arg);
  if (!node) return undefined;
  const url = consoleUrl(node.record);
  // Not awaited: the editor may ask the user to confirm the external site, for as long as they take.
  vscode.env.openExternal(vscode.Uri.parse(url)).then(undefined, (e: unknown) => ctx.log.warn(`Could not open ${url}: ${String(e)}`));
  return url;
}
