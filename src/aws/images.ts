// One entry point over both services: every operation the product uses, with service-neutral arguments, so
// nothing above src/aws chooses a service to make a call.

import type { AppStreamListType, ImageListKey, ImageRecord, Page, WorkSpacesListType } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { ServiceId } from '../core/regions';
import type { ImageUse, SharedAccount } from '../core/sharing';
import { userTags } from '../core/rules';
import type { ImageUser } from '../core/usage';
import { AppStreamImages } from './appstream';
import { startedSince } from './reconcile';
import type { ClientPool } from './clients';
import { appStreamUsers, workSpacesUsers } from './usageLists';
import { appStreamCanUpdate, createUpdatedAppStream, createUpdatedWorkSpaces, type Started, type UpdateRequest } from './updates';
import { WorkSpacesImages } from './workspaces';

export interface CopyRequest {
  readonly source: ImageRecord;
  readonly destRegion: string;
  readonly name: string;
  readonly description?: string;
  /** Sent with the copy where the service accepts them (WorkSpaces); AppStream's are applied once it exists. */
  readonly tags?: Record<string, string>;
  /** When the request was sent: a copy found after a lost answer must be this new. */
  readonly startedAt: number;
}

export type { UpdateRequest } from './updates';

/** An image a watcher waits for: by ID once AWS has answered one, else by name, made at or after `since`. */
export interface Wanted {
  readonly id?: string;
  readonly name: string;
  readonly since: number;
}

export interface Found {
  readonly record: ImageRecord;
  /** Found by name but made before the request: not the image waited for. */
  readonly older: boolean;
}

/** The request each step of a distribution sends, by service (what its summary counts). */
export const STEP_REQUESTS: Record<ServiceId, { copy: string; tag?: string; share: string }> = {
  appstream: { copy: 'CopyImage', tag: 'TagResource', share: 'UpdateImagePermissions' },
  workspaces: { copy: 'CopyWorkspaceImage', share: 'UpdateWorkspaceImagePermission' },
};

export class ImageApi {
  private readonly appstream: AppStreamImages;
  private readonly workspaces: WorkSpacesImages;

  constructor(readonly pool: ClientPool, readonly profile: string, private readonly onAccount?: (accountId: string) => void) {
    this.appstream = new AppStreamImages(pool, profile);
    this.workspaces = new WorkSpacesImages(pool, profile);
  }

  async listPage(key: ImageListKey, nextToken: string | undefined, maxResults: number, signal?: AbortSignal): Promise<Page<ImageRecord>> {
    const page = await (key.service === 'appstream'
      ? this.appstream.listPage(key.region, key.listType as AppStreamListType, nextToken, maxResults, signal)
      : this.workspaces.listPage(key.region, key.listType as WorkSpacesListType, nextToken, maxResults, signal));
    this.learnAccount(page.items);
    return page;
  }

  async *pages(key: ImageListKey, pageSize: number, signal?: AbortSignal): AsyncGenerator<ImageRecord[]> {
    const pages = key.service === 'appstream'
      ? this.appstream.pages(key.region, key.listType as AppStreamListType, pageSize, signal)
      : this.workspaces.pages(key.region, key.listType as WorkSpacesListType, pageSize, signal);
    for await (const page of pages) {
      this.learnAccount(page);
      yield page;
    }
  }

  /** The account the profile signs in as, from the first owned image that names it (no STS request needed). */
  private learnAccount(items: readonly ImageRecord[]): void {
    if (!this.onAccount) return;
    const owned = items.find((r) => r.ownership === 'owned' && r.ownerAccountId);
    if (owned?.ownerAccountId) this.onAccount(owned.ownerAccountId);
  }

  /**
   * The images with these IDs (AppStream names, WorkSpaces `wsi-` IDs) that still exist, in as few requests as
   * AWS allows: one per region for AppStream, one per 25 IDs for WorkSpaces. A missing ID is gone.
   */
  describe(service: ServiceId, region: string, ids: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    return service === 'appstream' ? this.appstream.describe(region, ids, signal) : this.workspaces.describeByIds(region, ids, signal);
  }

  /**
   * The images of a region that a watcher is waiting for, each by its ID where known, else by name (a copy
   * whose answer was lost), in as few requests as the service allows: AppStream addresses images by name (one
   * DescribeImages); WorkSpaces by ID (one request per 25), and by name only through one walk of the owned list.
   * An image found by name that was made before `since` is another image of that name: `older`.
   */
  async find(service: ServiceId, region: string, wanted: readonly Wanted[], signal?: AbortSignal): Promise<Map<Wanted, Found>> {
    const byId = new Map<string, ImageRecord>();
    const byName = new Map<string, ImageRecord>();
    if (service === 'appstream') {
      for (const r of await this.appstream.describe(region, [...new Set(wanted.map((w) => w.id ?? w.name))], signal)) byId.set(r.id, r).set(r.name, r);
    } else {
      const ids = [...new Set(wanted.flatMap((w) => (w.id ? [w.id] : [])))];
      for (const r of ids.length ? await this.workspaces.describeByIds(region, ids, signal) : []) byId.set(r.id, r);
      for (const [name, r] of await this.workspaces.findOwnedByNames(region, wanted.filter((w) => !w.id).map((w) => w.name), () => true, signal)) byName.set(name, r);
    }
    const out = new Map<Wanted, Found>();
    for (const w of wanted) {
      const record = w.id ? byId.get(w.id) : byName.get(w.name) ?? byId.get(w.name);
      if (record) out.set(w, { record, older: !w.id && !startedSince(record, w.since, this.pool.clock) });
    }
    return out;
  }

  /** Starts a copy (sent once); answers the copy's ID in its destination region and the state it starts in. */
  async copy(req: CopyRequest): Promise<{ id: string; state: string }> {
    const { source } = req;
    if (source.service === 'appstream') {
      const id = await this.appstream.copy(source.region, {
        source: source.name, destinationRegion: req.destRegion, destinationName: req.name, description: req.description,
      }, req.startedAt);
      return { id, state: 'COPYING' };
    }
    const id = await this.workspaces.copy(req.destRegion, {
      sourceRegion: source.region, sourceImageId: source.id, name: req.name, description: req.description,
      tags: Object.entries(req.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    }, req.startedAt);
    return { id, state: 'PENDING' };
  }

  /** Deletes the image; answers its record after the delete (DELETING), or undefined once it is gone. */
  async delete(image: ImageRecord): Promise<ImageRecord | undefined> {
    if (image.service === 'appstream') return this.appstream.delete(image.region, image.id);
    await this.workspaces.delete(image.region, image.id);
    return undefined;
  }

  /** The image's tags that a user may set on another image ("aws:" keys and oversized ones left out). */
  async tags(image: ImageRecord, signal?: AbortSignal): Promise<Record<string, string>> {
    if (image.service === 'appstream') return image.arn ? userTags(await this.appstream.listTags(image.region, image.arn, signal)) : {};
    const list = await this.workspaces.listTags(image.region, image.id, signal);
    return userTags(Object.fromEntries(list.map((t) => [t.Key, t.Value ?? ''])));
  }

  /** Applies tags to an image that exists (AppStream, by ARN): sent once, a lost answer settled by reading them back. */
  applyTags(target: { service: ServiceId; region: string; arn?: string }, tags: Record<string, string>, signal?: AbortSignal): Promise<void> {
    if (target.service !== 'appstream' || !target.arn) return Promise.resolve();
    return this.appstream.tag(target.region, target.arn, tags, signal);
  }

  /** Whether an image of the account in that region already has this name. */
  async isNameTaken(service: ServiceId, region: string, name: string): Promise<boolean> {
    if (service === 'appstream') return (await this.appstream.describe(region, [name])).length > 0;
    return (await this.workspaces.findOwnedByName(region, name)) !== undefined;
  }

  /** What can use images of the service in the region: fleets and image builders, or the account's bundles (every page). */
  users(service: ServiceId, region: string, signal?: AbortSignal): Promise<ImageUser[]> {
    return service === 'appstream' ? appStreamUsers(this.pool, region, signal) : workSpacesUsers(this.pool, region, signal);
  }

  /** One page of the accounts an owned image is shared with: one request. */
  permissions(image: ImageRef, nextToken?: string, signal?: AbortSignal): Promise<Page<SharedAccount>> {
    return image.service === 'appstream'
      ? this.appstream.permissions(image.region, image.id, nextToken, undefined, signal)
      : this.workspaces.permissions(image.region, image.id, nextToken, signal);
  }

  /** Every account an owned image is shared with, one request per page. */
  async sharedAccounts(image: ImageRef, signal?: AbortSignal): Promise<SharedAccount[]> {
    const all: SharedAccount[] = [];
    let token: string | undefined;
    do {
      const page = await this.permissions(image, token, signal);
      all.push(...page.items);
      token = page.nextToken;
    } while (token);
    return all;
  }

  /** Shares the image with an account (sent once); for AppStream `use` says what it may do, and changes it when shared. */
  share(image: ImageRef, accountId: string, use: ImageUse): Promise<void> {
    return image.service === 'appstream'
      ? this.appstream.share(image.region, image.id, accountId, use)
      : this.workspaces.setShared(image.region, image.id, accountId, true);
  }

  /** Stops sharing the image with an account (sent once). */
  unshare(image: ImageRef, accountId: string): Promise<void> {
    return image.service === 'appstream'
      ? this.appstream.unshare(image.region, image.id, accountId)
      : this.workspaces.setShared(image.region, image.id, accountId, false);
  }

  /**
   * Whether AWS can make an updated image of this one now. AppStream: a dry run of CreateUpdatedImage (one
   * request, creates nothing; `newName` is the name the user is offered). WorkSpaces: what the listing said.
   */
  canUpdate(image: ImageRecord, newName: string): Promise<boolean> {
    return image.service === 'appstream'
      ? appStreamCanUpdate(this.pool, image.region, image.name, newName)
      : Promise.resolve(image.update?.available === true);
  }

  /** Starts an updated image in the source's region (sent once); answers its ID and the state it starts in. */
  createUpdated(req: UpdateRequest): Promise<Started> {
    return req.source.service === 'appstream' ? createUpdatedAppStream(this.pool, this.profile, req) : createUpdatedWorkSpaces(this.pool, this.profile, req);
  }
}
