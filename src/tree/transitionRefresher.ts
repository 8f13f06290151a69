// Keeps images in transition (COPYING, PENDING, DELETING ...) current while the view is visible: one batched
// request per (service, region) per interval on the shared poll loop, and nothing to do (no timer) when
// nothing is in transition or the view is hidden.

import type * as vscode from 'vscode';
import { isTransitional } from '../core/imageState';
import { mergeRecord, type ImageRecord } from '../core/image';
import { Keys, sameImage, type ImageRef } from '../core/imageRef';
import type { PollLoop, PollSource, PollTask } from '../core/pollLoop';
import type { Scope } from '../aws/scope';
import { Disposable } from '../platform/lifecycle';
import type { ImageTreeProvider } from './provider';
import type { Refreshes } from './refreshes';
import type { Node, TypeNode } from './nodes';

export class TransitionRefresher extends Disposable implements PollSource {
  private visible = false;

  constructor(
    private readonly tree: ImageTreeProvider,
    view: Pick<vscode.TreeView<Node>, 'visible' | 'onDidChangeVisibility'>,
    private readonly refreshes: Refreshes,
    private readonly scope: Scope,
    private readonly loop: PollLoop,
    /** Images another watcher polls already (tracked copies and updates): not looked at twice. */
    private readonly watchedElsewhere: (ref: ImageRef) => boolean = () => false,
  ) {
    super();
    this._register(loop.add(this));
    // A list shown may hold images in transition.
    this._register(tree.onDidShowList(() => this.kick()));
    this._register(view.onDidChangeVisibility((e) => this.setVisible(e.visible)));
    this.setVisible(view.visible);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.kick();
  }

  /** Lists changed: look for work again. */
  kick(): void {
    this.loop.kick();
  }

  /** The loop is watching images in transition for this view. */
  get active(): boolean {
    return this.loop.active && this.tasks().length > 0;
  }

  tasks(): PollTask[] {
    return this.visible ? this.groupTasks() : [];
  }

  /** One refresh round now, visible or not; exposed so tests can count its requests without the timer. */
  tick(): Promise<void> {
    return this.loop.tick({ tasks: () => this.groupTasks() });
  }

  private groupTasks(): PollTask[] {
    const groups = new Map<string, { node: TypeNode; record: ImageRecord }[]>();
    for (const node of this.tree.loadedLists()) {
      for (const record of node.list.items.filter((r) => isTransitional(r.state) && !this.watchedElsewhere(r))) {
        const k = Keys.group('transitions', record);
        groups.set(k, [...(groups.get(k) ?? []), { node, record }]);
      }
    }
    return [...groups].map(([key, group]) => ({ key, run: (signal) => this.refresh(group, signal) }));
  }

  private async refresh(group: { node: TypeNode; record: ImageRecord }[], signal?: AbortSignal): Promise<void> {
    const { profile, service, region } = group[0].record;
    const ids = [...new Set(group.map((p) => p.record.id))];
    const fresh = await this.scope.session(profile).api.describe(service, region, ids, signal);
    const asked = (r: ImageRecord): boolean => group.some((p) => sameImage(p.record, r));
    for (const node of new Set(group.map((p) => p.node))) {
      const before = node.list.items.map((r) => `${r.id}:${r.state}`).join();
      node.list.update((r) => {
        if (!asked(r)) return r;
        const now = fresh.find((f) => sameImage(f, r));
        return now ? mergeRecord(r, now) : undefined;
      });
      // Re-render only what changed: a redraw under an open menu or hover would disturb the user.
      if (node.list.items.map((r) => `${r.id}:${r.state}`).join() !== before) this.refreshes.redraw(node, 'transition');
    }
  }
}
