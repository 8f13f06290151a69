// The one owner of refresh triggers (as Container Tools' RefreshManager): everything that re-lists a node or
// changes a row asks here, with a reason, so "what re-lists this node?" has one answer and the log says why.
import type { ImageListKey, ImageRecord } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { ImageTreeProvider } from './provider';
import type { TypeNode } from './nodes';

export type RefreshReason =
  | 'user' // Refresh in the view title or on a type row
  | 'retry' // Retry on an error row
  | 'settings' // regions or page size changed
  | 'profile' // another profile was chosen
  | 'copy-started' // a copy now exists in its destination list
  | 'copy-ended' // a tracked copy reached its end
  | 'deleted' // AWS accepted a delete
  | 'sharing'; // an image was shared or unshared

export class Refreshes {
  /** `caches` are dropped with every page on a full refresh (usage listings, lists a search kept). */
  constructor(private readonly tree: ImageTreeProvider, private readonly trace?: (line: string) => void, private readonly caches: { clear(): void }[] = []) {}

  /** Forgets every page (and what searches kept): the tree lists again as it is expanded. */
  all(reason: RefreshReason): void {
    this.trace?.(`refresh all (${reason})`);
    for (const c of this.caches) c.clear();
    this.tree.clear();
  }

  /** Re-lists one type node. */
  list(node: TypeNode, reason: RefreshReason): void {
    this.trace?.(`refresh ${node.id} (${reason})`);
    this.tree.reset(node);
  }

  /** Re-lists a list if it has been opened (a list never opened is listed fresh anyway). */
  listIfOpen(key: ImageListKey, reason: RefreshReason): void {
    const node = this.tree.openedList(key);
    if (node) this.list(node, reason);
  }

  /** Shows what AWS answered about one image (DELETING), or drops its row (`next` undefined: gone). */
  record(ref: ImageRef, next: ImageRecord | undefined, reason: RefreshReason): void {
    this.trace?.(`update ${ref.region}/${ref.id} (${reason})`);
    this.tree.updateRecord(ref, next);
  }

  /** Re-lists the accounts an image is shared with, and shows what is known of its sharing (`next`) on its row. */
  sharing(ref: ImageRef, next: ImageRecord | undefined, reason: RefreshReason): void {
    this.trace?.(`sharing ${ref.region}/${ref.id} (${reason})`);
    if (next) this.tree.updateRecord(ref, next);
    this.tree.resetSharing(ref);
  }
}
