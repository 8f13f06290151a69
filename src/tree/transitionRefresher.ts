// Keeps images in transition (COPYING, PENDING, DELETING ...) current while the view is visible: one batched
// request per (service, region) per interval, and no timer at all when nothing is in transition.

import type * as vscode from 'vscode';
import { isTransitional } from '../core/imageState';
import type { ImageRecord } from '../core/image';
import type { AwsSession } from '../aws/session';
import { describeAppStreamNames } from '../aws/lookup';
import type { ImageTreeProvider } from './provider';
import type { TypeNode } from './nodes';

export class TransitionRefresher implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private visible = false;
  private running = false;

  constructor(
    private readonly tree: ImageTreeProvider,
    private readonly session: () => AwsSession,
    private readonly intervalMs: () => number,
  ) {}

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.kick();
  }

  /** Starts the timer if there is something to watch and none is set; stops it when there is nothing. */
  kick(): void {
    if (!this.visible || !this.pending().length) {
      this.dispose();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, this.intervalMs());
  }

  get active(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private pending(): { node: TypeNode; record: ImageRecord }[] {
    return this.tree.loadedLists().flatMap((node) => node.list.items.filter((r) => isTransitional(r.state)).map((record) => ({ node, record })));
  }

  /** One refresh round; exposed so tests can count its requests without waiting for the timer. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const groups = new Map<string, { node: TypeNode; record: ImageRecord }[]>();
      for (const p of this.pending()) {
        const k = `${p.record.service}/${p.record.region}`;
        groups.set(k, [...(groups.get(k) ?? []), p]);
      }
      const api = this.session().api;
      for (const group of groups.values()) {
        const { service, region } = group[0].record;
        const ids = [...new Set(group.map((p) => p.record.id))];
        let fresh: ImageRecord[];
        try {
          fresh = service === 'appstream'
            ? await describeAppStreamNames(api.appstream, region, ids)
            : await api.workspaces.describeByIds(region, ids);
        } catch {
          continue; // a failed background refresh changes nothing; the next round tries again
        }
        const byId = new Map(fresh.map((r) => [r.id, r]));
        for (const node of new Set(group.map((p) => p.node))) {
          const before = node.list.items.map((r) => `${r.id}:${r.state}`).join();
          node.list.update((r) => (ids.includes(r.id) ? (byId.has(r.id) ? { ...byId.get(r.id)!, ownership: r.ownership } : undefined) : r));
          // Re-render only what changed: a redraw under an open menu or hover would disturb the user.
          if (node.list.items.map((r) => `${r.id}:${r.state}`).join() !== before) this.tree.changedNode(node);
        }
      }
    } finally {
      this.running = false;
      this.kick();
    }
  }
}
