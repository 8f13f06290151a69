// The image tree's provider: Region -> Service -> Type -> Images (nodes kept in nodeStore.ts). Expanding regions
// and services sends nothing; a type node's first expansion sends one list request, kept until refresh (listRows.ts
// says what a list shows). What the view is about is the Scope's to decide: this only renders it. Every redraw
// is asked for through the refresh owner (refreshes.ts), which calls the methods below that say so.

import * as vscode from 'vscode';
import type { Failure, FailureContext } from '../core/errors';
import { LIST_TYPES, listTypeOf, mergeRecord, type ImageListKey, type ImageRecord } from '../core/image';
import { Keys, sameImage, type ImageRef } from '../core/imageRef';
import { isActive, matches, view, type ImageFilter } from '../core/filter';
import { servicesIn } from '../core/regions';
import type { Scope } from '../aws/scope';
import type { UsageIndex } from '../aws/usage';
import type { HealthMarks } from '../core/healthMarks';
import { Disposable } from '../platform/lifecycle';
import type { CloudImagesSettings } from '../platform/settings';
import type { ImageNode, Node, ProfileNode, TypeNode } from './nodes';
import { NodeStore } from './nodeStore';
import { listRows, loadAll, loadMore, loadUntil, missingProfileRow, noRegionsRow } from './listRows';
import { renderNode } from './render';
import { usedByChildren, usedByRow } from './usage';
import { SharingRows } from './sharing';
import { BuilderRows } from './builders';
import { ExportRows } from './exports';
import type { PagedRowsDeps } from './pagedRows';
import { TagIndex } from '../aws/tagIndex';
import { baseImageTooltip, resolveImageTooltip, type TooltipDeps } from './tooltips';

export interface TreeDeps {
  scope: Scope;
  settings(): CloudImagesSettings;
  /** A thrown value in the user's words (error rows). */
  describe(e: unknown, ctx: FailureContext): Failure;
  /** What uses images, listed per (profile, region) only when asked ("Used by", delete, clean-up). */
  usage: UsageIndex;
  /** The last health report's marks on image rows. */
  health?: HealthMarks;
}

export class ImageTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listShown = this._register(new vscode.EventEmitter<void>());
  /** A list was shown (its first page loaded, or loaded already): the transition refresher looks for work. */
  readonly onDidShowList = this.listShown.event;
  private readonly nodes = new NodeStore({ scope: () => this.deps.scope, settings: () => this.deps.settings() });
  private _filter: ImageFilter | undefined;
  private readonly sharing = new SharingRows({
    intern: (n) => this.intern(n),
    api: (profile) => this.deps.scope.session(profile).api,
    describe: (e, ctx) => this.deps.describe(e, ctx),
    profileOf: (accountId) => this.deps.scope.profileOfAccount(accountId),
  });
  /** The "Image Builders" rows (builders.ts); Load more and Retry reach them through here. */
  readonly builders = new BuilderRows(this.pagedRowDeps());
  /** The "Exports to AMI" rows (exports.ts); Load more and Retry reach them through here. */
  readonly exports = new ExportRows(this.pagedRowDeps());

  /** The owned images' tags, read when a tooltip, the details or a tag filter needs them; kept until refresh. */
  readonly tags = new TagIndex((profile) => this.deps.scope.session(profile).api);

  constructor(private readonly deps: TreeDeps) {
    super();
  }

  get filter(): ImageFilter | undefined {
    return this._filter;
  }

  /** Shows only what the filter keeps, in every loaded list (no request: the lists are not re-read). Call through the Refreshes owner. */
  setFilter(f: ImageFilter | undefined): void {
    this._filter = isActive(f) ? f : undefined;
    this.changed.fire(undefined);
  }

  /** The order changed: redraw the loaded lists. Call through the Refreshes owner. */
  reorder(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return renderNode(
      node,
      this.deps.usage,
      (t) => this.shownCount(t),
      (r) => this.tags.known(r),
      this.deps.health,
    );
  }

  /** Hovering an owned image's row reads its tags (one request, then kept) into the tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: Node, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    return resolveImageTooltip(item, node, this.tooltipDeps(), token);
  }

  /** An image row's tooltip without its tags (nothing read): what the hover shows around them. */
  baseTooltip(node: ImageNode): vscode.MarkdownString {
    return baseImageTooltip(node, this.tooltipDeps());
  }

  private tooltipDeps(): TooltipDeps {
    return { ...this.deps, tags: this.tags };
  }

  /** What the paged rows under a service (image builders, exports to AMI) need from the tree. */
  private pagedRowDeps(): PagedRowsDeps {
    return {
      intern: (n) => this.intern(n),
      lookup: (key) => this.nodes.get(key),
      api: (profile) => this.deps.scope.session(profile).api,
      describe: (e, ctx) => this.deps.describe(e, ctx),
      changed: (n) => this.changed.fire(n),
    };
  }

  getParent(node: Node): Node | undefined {
    return 'parent' in node ? node.parent : undefined;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'profile':
        return this.profileChildren(node);
      case 'region':
        return servicesIn(node.region).map((service) => this.nodes.serviceNode(node, service));
      case 'service':
        return [
          ...LIST_TYPES[node.service].map((listType) =>
            this.typeNode({ profile: node.profile, region: node.region, service: node.service, listType }),
          ),
          ...this.builders.rowsOf(node),
          ...this.exports.rowsOf(node),
        ];
      case 'builders':
        return this.builders.children(node);
      case 'exports':
        return this.exports.children(node);
      case 'type':
        return this.typeChildren(node);
      case 'image':
        return [
          ...usedByRow(node),
          ...node.record.applications.map((app): Node =>
            this.nodes.current({ kind: 'app', id: Keys.child(node.id, app.name), app, parent: node }),
          ),
          ...this.sharing.rowsOf(node),
        ];
      case 'usedBy':
        return (
          await usedByChildren(this.deps.usage, node, (e) =>
            this.deps.describe(e, { region: node.parent.record.region, profile: node.parent.record.profile }),
          )
        ).map((row) => this.nodes.current(row));
      case 'sharedWith':
        return this.sharing.children(node);
      default:
        return [];
    }
  }

  private async roots(): Promise<Node[]> {
    const view = await this.deps.scope.view();
    if (view.several) return view.profiles.map((p) => this.nodes.profileNode(p));
    const [one] = view.profiles;
    // An empty tree lets viewsWelcome explain how to get credentials.
    if (!one.credentials) return [];
    return this.regionRows(one.profile, one.regions);
  }

  private async profileChildren(node: ProfileNode): Promise<Node[]> {
    const view = await this.deps.scope.view();
    const p = view.several ? view.profiles.find((v) => v.profile === node.profile) : undefined;
    if (!p) {
      // The settings read now no longer show this profile (the Scope redraws the tree): its row is not offered.
      this.changed.fire(undefined);
      return [];
    }
    if (!p.credentials) return [missingProfileRow(node, view.filesError)];
    return this.regionRows(node.profile, p.regions);
  }

  private regionRows(profile: string, regions: string[]): Node[] {
    if (!regions.length) return [noRegionsRow(profile)];
    return regions.map((region) => this.nodes.regionNode(profile, region));
  }

  /** A profile's account became known: its row shows it. Call through the Refreshes owner. */
  accountLearned(profile: string): void {
    const node = this.nodes.get(`profile:${Keys.profile(profile)}`) as ProfileNode | undefined;
    if (!node) return;
    node.accountId = this.deps.scope.accountId(profile);
    this.changed.fire(node);
  }

  private async typeChildren(node: TypeNode): Promise<Node[]> {
    await node.list.ensureLoaded();
    this.listShown.fire();
    // A tag filter needs the tags of the list's owned images: each read once (tagIndex.ts), then kept.
    const unread = this._filter?.tag ? await this.tags.readAll(node.list.items) : 0;
    const shown = view(node.list.items, this._filter, this.deps.settings().sortOrder, (r) => this.tags.known(r));
    const images = shown.map((r) => this.imageNode(node, r));
    return listRows(node, images, (e, c) => this.deps.describe(e, c), unread);
  }

  /** How many of a list's loaded images the filter shows (undefined: no filter). */
  shownCount(node: TypeNode): number | undefined {
    return this._filter
      ? node.list.items.filter((r) => matches(r, this._filter, (x) => this.tags.known(x))).length
      : undefined;
  }

  private intern<T extends Node>(node: T): T {
    return this.nodes.intern(node);
  }

  typeNode(key: ImageListKey): TypeNode {
    return this.nodes.typeNode(key);
  }

  imageNode(parent: TypeNode, record: ImageRecord): ImageNode {
    return this.nodes.imageNode(parent, record);
  }

  /** Type nodes whose first page is loaded. */
  loadedLists(): TypeNode[] {
    return this.nodes.loadedLists();
  }

  /** Type nodes opened so far (loaded or not). */
  openedList(key: ImageListKey): TypeNode | undefined {
    return this.nodes.openedList(key);
  }

  /** Forgets every node and page: the next render lists again. Call through the Refreshes owner. */
  clear(): void {
    this.nodes.clear();
    this.tags.clear();
    this.changed.fire(undefined);
  }

  /** Forgets one list's pages. Call through the Refreshes owner. */
  reset(node: TypeNode): void {
    for (const r of node.list.items) this.tags.forget(r);
    node.list.reset();
    this.changed.fire(node);
  }

  /** Shows a changed record (e.g. DELETING) or drops it (`next` undefined) wherever it is listed. Call through the Refreshes owner. */
  updateRecord(ref: ImageRef, next: ImageRecord | undefined): void {
    for (const node of this.loadedLists()) {
      if (!node.list.items.some((r) => sameImage(r, ref))) continue;
      node.list.update((r) => (sameImage(r, ref) ? (next ? mergeRecord(r, next) : undefined) : r));
      this.changed.fire(node);
    }
  }

  /** Forgets the accounts listed under an image (they load again on expansion). Call through the Refreshes owner. */
  resetSharing(ref: ImageRef): void {
    for (const n of this.nodes.values()) {
      if (n.kind !== 'sharedWith' || !sameImage(n.parent.record, ref)) continue;
      n.list.reset();
      this.changed.fire(n);
    }
  }

  /** Forgets what uses a region's images (listed again when next asked). Call through the Refreshes owner. */
  forgetUsage(profile: string, region: string): void {
    this.deps.usage.forget(profile, region);
  }

  /** Redraws a row whose node changed in place (and its children). Call through the Refreshes owner. */
  redraw(node: Node): void {
    this.changed.fire(node);
  }

  loadMore(node: TypeNode): Promise<void> {
    return loadMore(node, (n) => this.changed.fire(n));
  }

  loadAll(node: TypeNode, token: vscode.CancellationToken, progress?: (count: number) => void): Promise<void> {
    return loadAll(node, token, progress, (n) => this.changed.fire(n));
  }

  /** Loads pages of the image's list until it is there, and returns its node (for reveal). */
  async locate(ref: ImageRef, ownership: ImageRecord['ownership']): Promise<ImageNode | undefined> {
    const node = this.typeNode({
      profile: ref.profile,
      region: ref.region,
      service: ref.service,
      listType: listTypeOf({ service: ref.service, ownership }),
    });
    await loadUntil(node, (r) => sameImage(r, ref));
    this.changed.fire(node);
    const found = node.list.items.find((r) => sameImage(r, ref));
    return found ? this.imageNode(node, found) : undefined;
  }
}
