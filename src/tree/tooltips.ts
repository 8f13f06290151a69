// An image row's tooltip: its tags are read when it is first hovered (resolveTreeItem resolves only a tooltip
// left undefined by render.ts), then kept; the last health report's reasons are part of it.
import * as vscode from 'vscode';
import type { Failure, FailureContext } from '../core/errors';
import type { HealthMarks } from '../core/healthMarks';
import { TAG_IAM, tagsReadable } from '../core/tags';
import type { TagIndex } from '../aws/tagIndex';
import type { UsageIndex } from '../aws/usage';
import type { ImageNode, Node } from './nodes';
import { imageMarkdown } from './render';

export interface TooltipDeps {
  usage: UsageIndex;
  health?: HealthMarks;
  tags: TagIndex;
  describe(e: unknown, ctx: FailureContext): Failure;
}

export async function resolveImageTooltip(
  item: vscode.TreeItem,
  node: Node,
  deps: TooltipDeps,
  token: vscode.CancellationToken,
): Promise<vscode.TreeItem> {
  if (node.kind !== 'image' || item.tooltip !== undefined || !tagsReadable(node.record)) return item;
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  const marked = deps.health?.of(node.record);
  try {
    item.tooltip = imageMarkdown(node.record, deps.usage, await deps.tags.tags(node.record, abort.signal), marked);
  } catch (e) {
    const { profile, region, service } = node.record;
    const text = deps.describe(e, { profile, region, tags: true, iamAction: TAG_IAM.read[service] }).message;
    const md = imageMarkdown(node.record, deps.usage, undefined, marked);
    md.appendText(`\n${vscode.l10n.t('Tags could not be read: {0}', text)}`);
    item.tooltip = md;
  } finally {
    sub.dispose();
  }
  return item;
}

export function baseImageTooltip(node: ImageNode, deps: TooltipDeps): vscode.MarkdownString {
  return imageMarkdown(node.record, deps.usage, undefined, deps.health?.of(node.record));
}
