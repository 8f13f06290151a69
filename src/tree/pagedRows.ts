// What the paged rows under a service row share (the "Image Builders" and "Exports to AMI" rows, builders.ts and
// exports.ts): the tree they are built in, and the rows that follow a list's items - its failure (Retry on click),
// "none" when it is empty, and Load more while AWS has more pages.
import type { Failure, FailureContext } from '../core/errors';
import { Keys } from '../core/imageRef';
import type { ImageApi } from '../aws/images';
import { errorRowFields } from './errorRow';
import type { BuildersNode } from './builders';
import type { ExportsNode } from './exports';
import type { Node } from './nodes';

export interface PagedRowsDeps {
  intern<T extends Node>(node: T): T;
  /** The provider's object for `<kind>:<id>`, if it has one (none after a refresh forgot it). */
  lookup(key: string): Node | undefined;
  api(profile: string): ImageApi;
  describe(e: unknown, ctx: FailureContext): Failure;
  /** Redraws a row (undefined: the whole tree). */
  changed(node: Node | undefined): void;
}

/** A row that lists one region's resources of a kind, page by page. */
export type PagedNode = BuildersNode | ExportsNode;

/** The rows after a paged list's items: its failure, "none" (`empty`), and Load more. */
export function pagedRows(
  node: PagedNode,
  items: Node[],
  deps: PagedRowsDeps,
  empty: string,
  failureContext: FailureContext = {},
): Node[] {
  const rows = [...items];
  if (node.list.error) {
    const failure = deps.describe(node.list.error, { region: node.region, profile: node.profile, ...failureContext });
    rows.push({
      kind: 'message',
      id: Keys.row(node.id, 'error'),
      failure,
      parent: node,
      ...errorRowFields(failure, node),
    });
  } else if (node.list.loaded && node.list.items.length === 0) {
    rows.push({ kind: 'message', id: Keys.row(node.id, 'empty'), label: empty, icon: 'info', parent: node });
  }
  if (!node.list.error && node.list.hasMore) {
    rows.push({ kind: 'loadMore', id: Keys.row(node.id, 'more'), parent: node });
  }
  return rows;
}

/** The next page, with "Loading…" on the row while it comes. */
export async function loadMorePaged(node: PagedNode, deps: PagedRowsDeps): Promise<void> {
  const pending = node.list.loadMore();
  deps.changed(node);
  await pending;
  deps.changed(node);
}

/** Forgets a list's pages: it lists again when shown. */
export function resetPaged(node: PagedNode, deps: PagedRowsDeps): void {
  node.list.reset();
  deps.changed(node);
}
