// The view's filter: what the loaded lists show (no request), said in the view's message and the `filtered`
// context key, and kept across reloads in global state. "Filter…" and "Clear Filter" set it; activation restores it.
import type * as vscode from 'vscode';
import { describeFilter, isActive, parseFilter, type ImageFilter } from '../core/filter';
import { setContextKey } from '../platform/context';
import { ContextKeys, GlobalStateKeys } from '../platform/ids';
import { t } from '../platform/l10n';
import type { Node } from './nodes';
import type { Refreshes } from './refreshes';

export interface FilteredView {
  readonly refreshes: Refreshes;
  readonly treeView: vscode.TreeView<Node>;
  readonly memento: vscode.Memento;
}

/** Shows, announces and (unless it came from global state) remembers the filter, or its absence. */
export async function applyFilter(view: FilteredView, filter: ImageFilter | undefined, remember = true): Promise<void> {
  const f = isActive(filter) ? filter : undefined;
  view.refreshes.filter(f);
  view.treeView.message = f ? t('Filtered: {0}', describeFilter(f)) : undefined;
  setContextKey(ContextKeys.filtered, !!f);
  if (remember) await view.memento.update(GlobalStateKeys.filter, f);
}

/** The filter kept from the last session, checked. */
export function storedFilter(view: Pick<FilteredView, 'memento'>): ImageFilter | undefined {
  return parseFilter(view.memento.get<unknown>(GlobalStateKeys.filter));
}
