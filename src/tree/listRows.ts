// What a type node's list shows besides its images (its failure as a row, never a toast; "No images"; nothing
// matching the filter; Load more; Clear Filter), how it pages on request, and the rows in place of regions.

import * as vscode from 'vscode';
import type { Failure, FailureContext } from '../core/errors';
import type { ImageRecord } from '../core/image';
import { Keys } from '../core/imageRef';
import { Commands } from '../platform/ids';
import type { MessageNode, Node, ProfileNode, TypeNode } from './nodes';
import { errorRowFields } from './errorRow';

/**
 * A type node's children: its shown image rows, then what to say about the list. Message rows are new objects on
 * every render (they hold no state), unlike the image rows, which the provider interns.
 */
export function listRows(
  node: TypeNode,
  images: Node[],
  describe: (e: unknown, ctx: FailureContext) => Failure,
  /** Images whose tags a tag filter could not read (left out of `images`). */
  tagsUnread = 0,
): Node[] {
  const rows: Node[] = tagsUnread ? [tagsUnreadRow(node, tagsUnread), ...images] : [...images];
  if (node.list.error) {
    rows.push(errorRow(node, describe(node.list.error, { region: node.key.region, profile: node.key.profile })));
  } else if (node.list.loaded && node.list.items.length === 0) {
    rows.push({
      kind: 'message',
      id: Keys.row(node.id, 'empty'),
      label: vscode.l10n.t('No images'),
      icon: 'info',
      parent: node,
    });
  }
  const filteredOut = node.list.loaded && !node.list.error && node.list.items.length > 0 && images.length === 0;
  const clear = { id: Commands.clearFilter, title: vscode.l10n.t('Clear Filter') };
  // A list only partly loaded may hold matches further on: say how much was searched, and offer both ways on.
  if (filteredOut) {
    rows.push({
      kind: 'message',
      id: Keys.row(node.id, 'filtered'),
      icon: 'filter',
      parent: node,
      contextValue: 'filtered-out',
      command: clear,
      label: node.list.hasMore
        ? vscode.l10n.t('No loaded images match the filter ({0} loaded)', node.list.items.length)
        : vscode.l10n.t('No images match the filter'),
    });
  }
  if (!node.list.error && node.list.hasMore) {
    rows.push({ kind: 'loadMore', id: Keys.row(node.id, 'more'), parent: node });
  }
  if (filteredOut && node.list.hasMore) {
    rows.push({
      kind: 'message',
      id: Keys.row(node.id, 'clear-filter'),
      icon: 'clear-all',
      parent: node,
      contextValue: 'clear-filter',
      label: clear.title,
      command: clear,
    });
  }
  return rows;
}

/** A list's failure as its last row; clicking it retries the list. */
function errorRow(node: TypeNode, failure: Failure): MessageNode {
  return { kind: 'message', id: Keys.row(node.id, 'error'), failure, parent: node, ...errorRowFields(failure, node) };
}

/**
 * In place of a profile's regions when it has no credentials. "Not in your files" only when the files were read
 * and lack it: a file that could not be read says so instead.
 */
/** Images whose tags could not be read are left out by a tag filter: say so, and offer to read them again. */
function tagsUnreadRow(node: TypeNode, unread: number): MessageNode {
  return {
    kind: 'message',
    id: Keys.row(node.id, 'tags-unread'),
    icon: 'warning',
    parent: node,
    label:
      unread === 1
        ? vscode.l10n.t('The tags of 1 image could not be read: the tag filter leaves it out')
        : vscode.l10n.t('The tags of {0} images could not be read: the tag filter leaves them out', unread),
    command: { id: Commands.refreshNode, title: vscode.l10n.t('Refresh'), args: [node] },
  };
}

export function missingProfileRow(node: ProfileNode, filesError: string | undefined): MessageNode {
  const label =
    filesError !== undefined
      ? vscode.l10n.t('Cannot read your AWS config or credentials files: {0}', filesError)
      : vscode.l10n.t('The profile {0} is not in your AWS config or credentials files.', node.profile);
  return {
    kind: 'message',
    id: Keys.row(node.id, 'missing'),
    icon: 'warning',
    parent: node,
    contextValue: 'error.no-credentials',
    label,
    command: { id: Commands.selectProfiles, title: vscode.l10n.t('Select Profiles…') },
  };
}

/** In place of a profile's regions when none is selected. */
export function noRegionsRow(profile: string): MessageNode {
  return {
    kind: 'message',
    id: Keys.row(Keys.profile(profile), 'no-regions'),
    label: vscode.l10n.t('No regions selected'),
    icon: 'info',
    command: { id: Commands.selectRegions, title: vscode.l10n.t('Select Regions…') },
  };
}

/** One more page of a list; its row is redrawn at once (showing "Loading…") and again when the page is in. */
export async function loadMore(node: TypeNode, redraw: (node: TypeNode) => void): Promise<void> {
  const pending = node.list.loadMore();
  redraw(node); // shows "Loading…" on the row
  await pending;
  redraw(node);
}

/** Every page of a list (Load All, export), until done or cancelled; `progress` hears the count so far. */
export async function loadAll(
  node: TypeNode,
  token: vscode.CancellationToken,
  progress: ((count: number) => void) | undefined,
  redraw: (node: TypeNode) => void,
): Promise<void> {
  await node.list.loadAll(
    () => token.isCancellationRequested,
    () => progress?.(node.list.items.length),
  );
  redraw(node);
}

/** Pages of a list until `wanted` is in it, the list ends, or a page fails (reveal of an image not yet loaded). */
export async function loadUntil(node: TypeNode, wanted: (r: ImageRecord) => boolean): Promise<void> {
  await node.list.ensureLoaded();
  while (!node.list.items.some(wanted) && node.list.hasMore && !node.list.error) {
    await node.list.loadMore();
  }
}
