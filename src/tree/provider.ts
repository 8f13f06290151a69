// The image tree: Region -> Service -> Type -> Images. Expanding regions and services sends nothing; a type
// node's first expansion sends one list request; "Load more" sends one more. Pages stay until refresh.
// Failures and empty lists become rows (never toasts). What the view is about (profile, regions, credentials)
// is the Scope's to decide: this only renders it. Every redraw is asked for through the refresh owner (refreshes.ts),
// which calls the methods below that say so.

import * as vscode from 'vscode';
import type { Failure, FailureContext } from '../core/errors';
import { LIST_TYPES, listTypeOf, mergeRecord, type ImageListKey, type ImageRecord } from '../core/image';
import { Keys, sameImage, type ImageRef } from '../core/imageRef';
import { isActive, matches, view, type ImageFilter } from '../core/filter';
import { PagedList } from '../core/pagedList';
import { servicesIn } from '../core/regions';
import type { Scope } from '../aws/scope';
import type { UsageIndex } from '../aws/usage';
import { Commands } from '../platform/ids';
import { Disposable } from '../platform/lifecycle';
import type { CloudImagesSettings } from '../platform/settings';
import type { ImageNode, MessageNode, Node, ProfileNode, RegionNode, ServiceNode, TypeNode } from './nodes';
import { errorRowFields } from './errorRow';
import { renderNode } from './render';
import { usedByChildren, usedByRow } from './usage';
import { SharingRows } from './sharing';

export interface TreeDeps {
  scope: Scope;
  settings(): CloudImagesSettings;
  /** A thrown value in the user's words (error rows). */
  describe(e: unknown, ctx: FailureContext): Failure;
  /** What uses images, listed per (profile, region) only when asked ("Used by", delete, clean-up). */
  usage: UsageIndex;
}

export class ImageTreeProvider extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listShown = this._register(new vscode.EventEmitter<void>());
  /** A list was shown (its first page loaded, or loaded already): the transition refresher looks for work. */
  readonly onDidShowList = this.listShown.event;
  private readonly nodes = new Map<string, Node>();
  private _filter: ImageFilter | undefined;
  private readonly sharing = new SharingRows({
    intern: (n) => this.intern(n),
    api: (profile) => this.deps.scope.session(profile).api,
    describe: (e, ctx) => this.deps.describe(e, ctx),
    profileOf: (accountId) => this.deps.scope.profileOfAccount(accountId),
  });

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
    return renderNode(node, this.deps.usage, (t) => this.shownCount(t));
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
        return servicesIn(node.region).map((service) => this.serviceNode(node, service));
      case 'service':
        return LIST_TYPES[node.service].map((listType) =>
          this.typeNode({ profile: node.profile, region: node.region, service: node.service, listType }),
        );
      case 'type':
        return this.typeChildren(node);
      case 'image':
        return [
          ...usedByRow(node),
          ...node.record.applications.map((app): Node =>
            this.current({ kind: 'app', id: Keys.child(node.id, app.name), app, parent: node }),
          ),
          ...this.sharing.rowsOf(node),
        ];
      case 'usedBy':
        return (
          await usedByChildren(this.deps.usage, node, (e) =>
            this.deps.describe(e, { region: node.parent.record.region, profile: node.parent.record.profile }),
          )
        ).map((row) => this.current(row));
      case 'sharedWith':
        return this.sharing.children(node);
      default:
        return [];
    }
  }

  private async roots(): Promise<Node[]> {
    const view = await this.deps.scope.view();
    if (view.several) return view.profiles.map((p) => this.profileNode(p));
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
    if (!p.credentials) {
      // "Not in your files" only when the files were read and lack it.
      const label =
        view.filesError !== undefined
          ? vscode.l10n.t('Cannot read your AWS config or credentials files: {0}', view.filesError)
          : vscode.l10n.t('The profile {0} is not in your AWS config or credentials files.', node.profile);
      return [
        {
          kind: 'message',
          id: Keys.row(node.id, 'missing'),
          icon: 'warning',
          parent: node,
          contextValue: 'error.no-credentials',
          label,
          command: { id: Commands.selectProfiles, title: vscode.l10n.t('Select Profiles…') },
        },
      ];
    }
    return this.regionRows(node.profile, p.regions);
  }

  private regionRows(profile: string, regions: string[]): Node[] {
    if (!regions.length) {
      return [
        {
          kind: 'message',
          id: Keys.row(Keys.profile(profile), 'no-regions'),
          label: vscode.l10n.t('No regions selected'),
          icon: 'info',
          command: { id: Commands.selectRegions, title: vscode.l10n.t('Select Regions…') },
        },
      ];
    }
    return regions.map((region) => this.regionNode(profile, region));
  }

  private profileNode(p: { profile: string; accountId?: string; known: boolean }): ProfileNode {
    const node = this.intern<ProfileNode>({
      kind: 'profile',
      id: Keys.profile(p.profile),
      profile: p.profile,
      known: p.known,
    });
    node.accountId = p.accountId ?? node.accountId;
    node.known = p.known;
    return node;
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
    const shown = view(node.list.items, this._filter, this.deps.settings().sortOrder);
    const rows: Node[] = shown.map((record) => this.imageNode(node, record));
    if (node.list.error) {
      rows.push(this.errorRow(node));
    } else if (node.list.loaded && node.list.items.length === 0) {
      rows.push({
        kind: 'message',
        id: Keys.row(node.id, 'empty'),
        label: vscode.l10n.t('No images'),
        icon: 'info',
        parent: node,
      });
    }
    const filteredOut = node.list.loaded && !node.list.error && node.list.items.length > 0 && shown.length === 0;
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

  /** How many of a list's loaded images the filter shows (undefined: no filter). */
  shownCount(node: TypeNode): number | undefined {
    return this._filter ? node.list.items.filter((r) => matches(r, this._filter)).length : undefined;
  }

  private errorRow(node: TypeNode): MessageNode {
    const failure = this.deps.describe(node.list.error, { region: node.key.region, profile: node.key.profile });
    return { kind: 'message', id: Keys.row(node.id, 'error'), failure, parent: node, ...errorRowFields(failure, node) };
  }

  /**
   * The one object for this ID, holding what is true now. The workbench keys rows by ID and refuses a second
   * object for an ID it has registered (two refreshes of one list can overlap), so rows rebuilt on every
   * render update the object they had.
   */
  private current<T extends Node>(node: T): T {
    return Object.assign(this.intern(node), node);
  }

  private intern<T extends Node>(node: T): T {
    const existing = this.nodes.get(`${node.kind}:${node.id}`) as T | undefined;
    if (existing) return existing;
    this.nodes.set(`${node.kind}:${node.id}`, node);
    return node;
  }

  private regionNode(profile: string, region: string): RegionNode {
    // Several profiles: every region row hangs under its profile's row (reveal walks up to it).
    const parent =
      this.deps.scope.profiles().length > 1
        ? this.profileNode({ profile, known: true, accountId: this.deps.scope.accountId(profile) })
        : undefined;
    return this.intern<RegionNode>({
      kind: 'region',
      id: Keys.region(profile, region),
      profile,
      region,
      ...(parent ? { parent } : {}),
    });
  }

  private serviceNode(parent: RegionNode, service: ServiceNode['service']): ServiceNode {
    return this.intern<ServiceNode>({
      kind: 'service',
      id: Keys.service(parent.profile, parent.region, service),
      profile: parent.profile,
      region: parent.region,
      service,
      parent,
    });
  }

  typeNode(key: ImageListKey): TypeNode {
    const id = Keys.list(key);
    const existing = this.nodes.get(`type:${id}`) as TypeNode | undefined;
    if (existing) return existing;
    const parent = this.serviceNode(this.regionNode(key.profile, key.region), key.service);
    const list = new PagedList<ImageRecord>((token) =>
      this.deps.scope.session(key.profile).api.listPage(key, token, this.deps.settings().pageSize),
    );
    return this.intern<TypeNode>({ kind: 'type', id, key, list, parent });
  }

  imageNode(parent: TypeNode, record: ImageRecord): ImageNode {
    const node = this.intern<ImageNode>({ kind: 'image', id: Keys.image(parent.id, record.id), record, parent });
    node.record = record;
    return node;
  }

  /** Type nodes whose first page is loaded. */
  loadedLists(): TypeNode[] {
    return [...this.nodes.values()].filter((n): n is TypeNode => n.kind === 'type' && n.list.loaded);
  }

  /** Type nodes opened so far (loaded or not). */
  openedList(key: ImageListKey): TypeNode | undefined {
    return this.nodes.get(`type:${Keys.list(key)}`) as TypeNode | undefined;
  }

  /** Forgets every node and page: the next render lists again. Call through the Refreshes owner. */
  clear(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  /** Forgets one list's pages. Call through the Refreshes owner. */
  reset(node: TypeNode): void {
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

  /** Redraws a row whose node changed in place (and its children). Call through the Refreshes owner. */
  redraw(node: Node): void {
    this.changed.fire(node);
  }

  async loadMore(node: TypeNode): Promise<void> {
    const pending = node.list.loadMore();
    this.changed.fire(node); // shows "Loading…" on the row
    await pending;
    this.changed.fire(node);
  }

  async loadAll(node: TypeNode, token: vscode.CancellationToken, progress?: (count: number) => void): Promise<void> {
    await node.list.loadAll(
      () => token.isCancellationRequested,
      () => progress?.(node.list.items.length),
    );
    this.changed.fire(node);
  }

  /** Loads pages of the image's list until it is there, and returns its node (for reveal). */
  async locate(ref: ImageRef, ownership: ImageRecord['ownership']): Promise<ImageNode | undefined> {
    const node = this.typeNode({
      profile: ref.profile,
      region: ref.region,
      service: ref.service,
      listType: listTypeOf({ service: ref.service, ownership }),
    });
    await node.list.ensureLoaded();
    while (!node.list.items.some((r) => sameImage(r, ref)) && node.list.hasMore && !node.list.error) {
      await node.list.loadMore();
    }
    this.changed.fire(node);
    const found = node.list.items.find((r) => sameImage(r, ref));
    return found ? this.imageNode(node, found) : undefined;
  }
}
