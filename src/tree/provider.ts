// The image tree: Region -> Service -> Type -> Images. Expanding regions and services sends nothing; a type
// node's first expansion sends one list request; "Load more" sends one more. Pages stay until refresh.
// Failures and empty lists become rows (never toasts).

import * as vscode from 'vscode';
import { LIST_TYPES, listTypeOf, type ImageListKey, type ImageRecord } from '../core/image';
import { PagedList } from '../core/pagedList';
import { servicesIn } from '../core/regions';
import type { AwsSession } from '../aws/session';
import { effectiveProfile, hasCredentialSource, readProfiles, type ProfileInfo } from '../aws/profiles';
import { Commands, ContextKeys } from '../platform/ids';
import type { CloudImagesSettings } from '../platform/settings';
import { toFailure } from '../platform/failures';
import { keyId, type ImageNode, type MessageNode, type Node, type RegionNode, type ServiceNode, type TypeNode } from './nodes';
import { renderNode } from './render';

export interface TreeDeps {
  session(): AwsSession;
  settings(): CloudImagesSettings;
  /** Called after any list loads, so the transition refresher can look for work. */
  onListsChanged?(): void;
}

export class ImageTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, Node>();

  constructor(private readonly deps: TreeDeps) {}

  dispose(): void {
    this.changed.dispose();
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return renderNode(node);
  }

  getParent(node: Node): Node | undefined {
    return 'parent' in node ? node.parent : undefined;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'region':
        return servicesIn(node.region).map((service) => this.intern<ServiceNode>({ kind: 'service', id: `${node.region}/${service}`, region: node.region, service, parent: node }));
      case 'service':
        return LIST_TYPES[node.service].map((listType) => this.typeNode({ region: node.region, service: node.service, listType }));
      case 'type':
        return this.typeChildren(node);
      case 'image': {
        const apps = node.record.raw.Applications as { Name?: string; DisplayName?: string; Platforms?: string[] }[] | undefined;
        return (apps ?? []).map((app) => ({ kind: 'app', id: `${node.id}/app/${app.Name}`, app, parent: node }));
      }
      default:
        return [];
    }
  }

  /** The region list: the setting, else the profile's region, else us-east-1. */
  async regions(profiles?: readonly ProfileInfo[]): Promise<string[]> {
    const s = this.deps.settings();
    if (s.regions) return s.regions;
    const profile = effectiveProfile(s.profile);
    const region = (profiles ?? await readProfiles()).find((p) => p.name === profile)?.region;
    return [process.env.AWS_REGION || region || 'us-east-1'];
  }

  private async roots(): Promise<Node[]> {
    const s = this.deps.settings();
    const profiles = await readProfiles();
    const ok = hasCredentialSource(effectiveProfile(s.profile), profiles);
    // An empty tree lets viewsWelcome explain how to get credentials.
    await vscode.commands.executeCommand('setContext', ContextKeys.noCredentials, !ok);
    if (!ok) return [];
    const regions = await this.regions(profiles);
    if (!regions.length) {
      return [{ kind: 'message', id: 'no-regions', label: vscode.l10n.t('No regions selected'), icon: 'info', command: { id: Commands.selectRegions, title: vscode.l10n.t('Select Regions…') } }];
    }
    return regions.map((region) => this.intern<RegionNode>({ kind: 'region', id: region, region }));
  }

  private async typeChildren(node: TypeNode): Promise<Node[]> {
    await node.list.ensureLoaded();
    this.deps.onListsChanged?.();
    const rows: Node[] = node.list.items.map((record) => this.imageNode(node, record));
    if (node.list.error) {
      rows.push(this.errorRow(node));
    } else if (node.list.loaded && rows.length === 0) {
      rows.push({ kind: 'message', id: `${node.id}/empty`, label: vscode.l10n.t('No images'), icon: 'info', parent: node });
    } else if (node.list.hasMore) {
      rows.push({ kind: 'loadMore', id: `${node.id}/more`, parent: node });
    }
    return rows;
  }

  private errorRow(node: TypeNode): MessageNode {
    const s = this.deps.settings();
    const failure = toFailure(node.list.error, { region: node.key.region, profile: effectiveProfile(s.profile) });
    return {
      kind: 'message', id: `${node.id}/error`, label: failure.message, icon: 'error', failure, parent: node,
      tooltip: failure.requestId ? `${failure.message}\n\nRequest ID: ${failure.requestId}` : failure.message,
      command: { id: Commands.retry, title: vscode.l10n.t('Retry'), args: [node] },
      // error.<kind>: menus offer the fix that fits (Select Profile, Select Regions) beside Retry.
      contextValue: `error.${failure.kind}`,
    };
  }

  private intern<T extends Node>(node: T): T {
    const existing = this.nodes.get(`${node.kind}:${node.id}`) as T | undefined;
    if (existing) return existing;
    this.nodes.set(`${node.kind}:${node.id}`, node);
    return node;
  }

  typeNode(key: ImageListKey): TypeNode {
    const id = keyId(key);
    const existing = this.nodes.get(`type:${id}`) as TypeNode | undefined;
    if (existing) return existing;
    const region = this.intern<RegionNode>({ kind: 'region', id: key.region, region: key.region });
    const parent = this.intern<ServiceNode>({ kind: 'service', id: `${key.region}/${key.service}`, region: key.region, service: key.service, parent: region });
    const list = new PagedList<ImageRecord>((token) => this.deps.session().api.listPage(key, token, this.deps.settings().pageSize));
    return this.intern<TypeNode>({ kind: 'type', id, key, list, parent });
  }

  imageNode(parent: TypeNode, record: ImageRecord): ImageNode {
    const node = this.intern<ImageNode>({ kind: 'image', id: `${parent.id}/${record.id}`, record, parent });
    node.record = record;
    return node;
  }

  /** Type nodes whose first page is loaded. */
  loadedLists(): TypeNode[] {
    return [...this.nodes.values()].filter((n): n is TypeNode => n.kind === 'type' && n.list.loaded);
  }

  refreshAll(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  refresh(node: TypeNode): void {
    node.list.reset();
    this.changed.fire(node);
  }

  /** Re-lists the type node an image belongs in, if it has been opened. */
  refreshListOf(record: Pick<ImageRecord, 'service' | 'region' | 'ownership'>): void {
    const node = this.nodes.get(`type:${keyId({ region: record.region, service: record.service, listType: listTypeOf(record) })}`) as TypeNode | undefined;
    if (node) this.refresh(node);
  }

  /** Shows a changed record (e.g. DELETING) or drops it (`next` undefined) wherever it is listed. */
  updateRecord(record: Pick<ImageRecord, 'service' | 'region' | 'id'>, next: ImageRecord | undefined): void {
    for (const node of this.loadedLists()) {
      if (node.key.service !== record.service || node.key.region !== record.region) continue;
      if (!node.list.items.some((r) => r.id === record.id)) continue;
      node.list.update((r) => (r.id === record.id ? (next ? { ...next, ownership: r.ownership } : undefined) : r));
      this.changed.fire(node);
    }
  }

  changedNode(node: Node | undefined): void {
    this.changed.fire(node);
  }

  async loadMore(node: TypeNode): Promise<void> {
    const pending = node.list.loadMore();
    this.changed.fire(node); // shows "Loading…" on the row
    await pending;
    this.changed.fire(node);
  }

  async loadAll(node: TypeNode, token: vscode.CancellationToken, progress?: (count: number) => void): Promise<void> {
    await node.list.loadAll(() => token.isCancellationRequested, () => progress?.(node.list.items.length));
    this.changed.fire(node);
  }

  /** Loads pages of the image's list until it is there, and returns its node (for reveal). */
  async locate(record: ImageRecord): Promise<ImageNode | undefined> {
    const node = this.typeNode({ region: record.region, service: record.service, listType: listTypeOf(record) });
    await node.list.ensureLoaded();
    while (!node.list.items.some((r) => r.id === record.id) && node.list.hasMore && !node.list.error) await node.list.loadMore();
    this.changed.fire(node);
    const found = node.list.items.find((r) => r.id === record.id);
    return found ? this.imageNode(node, found) : undefined;
  }
}
