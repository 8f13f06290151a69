// Shows an image's row: loads pages of its list until it is there, then selects it in the tree.
import * as vscode from 'vscode';
import type { ImageRecord } from '../core/image';
import type { CommandContext } from './context';

export async function revealImage(ctx: CommandContext, record: ImageRecord): Promise<boolean> {
  const node = await ctx.tree.locate(record);
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is no longer listed in {1}.', record.name, record.region));
    return false;
  }
  await ctx.treeView.reveal(node, { select: true, focus: true, expand: false });
  return true;
}
