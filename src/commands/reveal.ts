// Shows an image's row: loads pages of its list until it is there, then selects it in the tree.
import { t } from '../platform/l10n';
import { focusView } from '../platform/context';
import type { Ownership } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { CommandContext } from './context';

/** What reveal needs: the image's identity, the list it is in, and its name for a message. */
export interface RevealTarget {
  readonly ref: ImageRef;
  readonly ownership: Ownership;
  readonly name: string;
}

export async function revealImage(ctx: CommandContext, target: RevealTarget): Promise<boolean> {
  const node = await ctx.tree.locate(target.ref, target.ownership);
  if (!node) {
    void ctx.prompts.notify('info', t('{0} is no longer listed in {1}.', target.name, target.ref.region));
    return false;
  }
  // From the palette or a notification the view may be closed: show it first.
  if (!ctx.treeView.visible) {
    const shown = new Promise<void>((resolve) => {
      const sub = ctx.treeView.onDidChangeVisibility((e) => {
        if (e.visible) {
          sub.dispose();
          resolve();
        }
      });
      setTimeout(() => {
        sub.dispose();
        resolve();
      }, 3000);
    });
    await focusView();
    await shown;
  }
  // A view that has just opened may drop a reveal while it fetches its first rows: try again a few times
  // until the workbench reports the row selected.
  for (let attempt = 0; attempt < 5; attempt++) {
    await ctx.treeView.reveal(node, { select: true, focus: true, expand: false });
    if (await selectionIncludes(ctx, node.id, 600)) return true;
  }
  return true;
}

/** A record is its own reveal target. */
export function targetOf(r: ImageRef & { ownership: Ownership; name: string }): RevealTarget {
  return {
    ref: { profile: r.profile, service: r.service, region: r.region, id: r.id },
    ownership: r.ownership,
    name: r.name,
  };
}

function selectionIncludes(ctx: CommandContext, id: string, ms: number): Promise<boolean> {
  if (ctx.treeView.selection.some((n) => n.id === id)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const sub = ctx.treeView.onDidChangeSelection((e) => {
      if (e.selection.some((n) => n.id === id)) {
        sub.dispose();
        resolve(true);
      }
    });
    setTimeout(() => {
      sub.dispose();
      resolve(false);
    }, ms);
  });
}
