// The tree's nodes, one object per row ID, and how the structural ones (profile, region, service, list, image)
// are made. Kept by the provider until a refresh, so loaded pages and reveal's identities survive re-renders.

import type { ImageListKey, ImageRecord } from '../core/image';
import { Keys } from '../core/imageRef';
import { PagedList } from '../core/pagedList';
import type { Scope } from '../aws/scope';
import type { CloudImagesSettings } from '../platform/settings';
import type { ImageNode, Node, ProfileNode, RegionNode, ServiceNode, TypeNode } from './nodes';

/** Read when a node is made, not when the store is: the provider's deps are not set while its fields are. */
export interface NodeStoreDeps {
  scope(): Scope;
  settings(): CloudImagesSettings;
}

/** Keyed `${kind}:${id}`; a Map so the provider can look a node up, walk them all, or forget them all. */
export class NodeStore extends Map<string, Node> {
  constructor(private readonly deps: NodeStoreDeps) {
    super();
  }

  /**
   * The one object for this ID, holding what is true now. The workbench keys rows by ID and refuses a second
   * object for an ID it has registered (two refreshes of one list can overlap), so rows rebuilt on every
   * render update the object they had.
   */
  current<T extends Node>(node: T): T {
    return Object.assign(this.intern(node), node);
  }

  /** The object already kept for this node's ID, or this one, kept from now on. */
  intern<T extends Node>(node: T): T {
    const existing = this.get(`${node.kind}:${node.id}`) as T | undefined;
    if (existing) return existing;
    this.set(`${node.kind}:${node.id}`, node);
    return node;
  }

  profileNode(p: { profile: string; accountId?: string; known: boolean }): ProfileNode {
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

  regionNode(profile: string, region: string): RegionNode {
    const scope = this.deps.scope();
    // Several profiles: every region row hangs under its profile's row (reveal walks up to it).
    const parent =
      scope.profiles().length > 1
        ? this.profileNode({ profile, known: true, accountId: scope.accountId(profile) })
        : undefined;
    return this.intern<RegionNode>({
      kind: 'region',
      id: Keys.region(profile, region),
      profile,
      region,
      ...(parent ? { parent } : {}),
    });
  }

  serviceNode(parent: RegionNode, service: ServiceNode['service']): ServiceNode {
    return this.intern<ServiceNode>({
      kind: 'service',
      id: Keys.service(parent.profile, parent.region, service),
      profile: parent.profile,
      region: parent.region,
      service,
      parent,
    });
  }

  /** A list's node, made (with its empty PagedList, nothing sent yet) the first time it is asked for. */
  typeNode(key: ImageListKey): TypeNode {
    const id = Keys.list(key);
    const existing = this.get(`type:${id}`) as TypeNode | undefined;
    if (existing) return existing;
    const parent = this.serviceNode(this.regionNode(key.profile, key.region), key.service);
    const list = new PagedList<ImageRecord>((token) =>
      this.deps.scope().session(key.profile).api.listPage(key, token, this.deps.settings().pageSize),
    );
    return this.intern<TypeNode>({ kind: 'type', id, key, list, parent });
  }

  /** An image's node, holding the record just listed (a re-list may have changed it). */
  imageNode(parent: TypeNode, record: ImageRecord): ImageNode {
    const node = this.intern<ImageNode>({ kind: 'image', id: Keys.image(parent.id, record.id), record, parent });
    node.record = record;
    return node;
  }

  /** Type nodes whose first page is loaded. */
  loadedLists(): TypeNode[] {
    return [...this.values()].filter((n): n is TypeNode => n.kind === 'type' && n.list.loaded);
  }

  /** Type nodes opened so far (loaded or not). */
  openedList(key: ImageListKey): TypeNode | undefined {
    return this.get(`type:${Keys.list(key)}`) as TypeNode | undefined;
  }
}
