// One entry point over both services: every operation the product uses, with service-neutral arguments (an
// ImageRef and what the call needs), so nothing above src/aws chooses a service to make a call. Each service is
// one adapter behind ServiceImages (services/), picked here by the image's service. What is not an image (image
// builders, AMI imports and exports, WorkSpaces image making, fleets and bundles, tags) is ResourceApi's.

import type { ImageListKey, ImageRecord, Page } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { ServiceId } from '../core/regions';
import type { ImageUse, SharedAccount } from '../core/sharing';
import type { ImageUser } from '../core/usage';
import type { ClientPool } from './clients';
import { startedSince } from './reconcile';
import { ResourceApi } from './resourceApi';
import { AppStreamImages } from './services/appstreamImages';
import type { CopyRequest, ServiceImages, SourceImage, Started, UpdateRequest, Wanted } from './services/serviceImages';
import { WorkSpacesImages } from './services/workspacesImages';

export type { CopyRequest, SourceImage, Started, UpdateRequest, Wanted } from './services/serviceImages';
export type { FromWorkSpaceRequest, ByolImportRequest } from './workspaceImages';
export type { TagEditResult } from './tags';

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

export class ImageApi extends ResourceApi {
  private readonly services: Record<ServiceId, ServiceImages>;

  constructor(
    pool: ClientPool,
    profile: string,
    private readonly onAccount?: (accountId: string) => void,
  ) {
    super(pool, profile);
    this.services = { appstream: new AppStreamImages(pool, profile), workspaces: new WorkSpacesImages(pool, profile) };
  }

  async listPage(
    key: ImageListKey,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>> {
    const page = await this.services[key.service].listPage(key.region, key.listType, nextToken, maxResults, signal);
    this.learnAccount(page.items);
    return page;
  }

  async *pages(key: ImageListKey, pageSize: number, signal?: AbortSignal): AsyncGenerator<ImageRecord[]> {
    for await (const page of this.services[key.service].pages(key.region, key.listType, pageSize, signal)) {
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
    return this.services[service].describe(region, ids, signal);
  }

  /**
   * The images of a region that a watcher is waiting for, each by its ID where known, else by name (a copy
   * whose answer was lost), in as few requests as the service allows: AppStream addresses images by name (one
   * DescribeImages); WorkSpaces by ID (one request per 25), and by name only through one walk of the owned list.
   * An image found by name that was made before `since` is another image of that name: `older`.
   */
  async find(
    service: ServiceId,
    region: string,
    wanted: readonly Wanted[],
    signal?: AbortSignal,
  ): Promise<Map<Wanted, Found>> {
    const out = new Map<Wanted, Found>();
    for (const [w, record] of await this.services[service].find(region, wanted, signal)) {
      out.set(w, { record, older: !w.id && !startedSince(record, w.since, this.pool.clock) });
    }
    return out;
  }

  /** Starts a copy (sent once); answers the copy's ID in its destination region and the state it starts in. */
  copy(req: CopyRequest): Promise<Started> {
    return this.services[req.source.service].copy(req);
  }

  /** Deletes the image; answers its record after the delete (DELETING), or undefined once it is gone. */
  delete(image: ImageRef): Promise<ImageRecord | undefined> {
    return this.services[image.service].delete(image);
  }

  /** The image's tags that a user may set on another image ("aws:" keys and oversized ones left out). */
  tags(image: ImageRef & { readonly arn?: string }, signal?: AbortSignal): Promise<Record<string, string>> {
    return this.services[image.service].tags(image, signal);
  }

  /**
   * Applies tags to an image that exists where the copy request could not carry them (AppStream, by ARN): sent
   * once, a lost answer settled by reading them back. Nothing is sent without an ARN or where the copy took them.
   */
  applyTags(
    target: { service: ServiceId; region: string; arn?: string },
    tags: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.services[target.service].applyTags(target.region, target.arn, tags, signal);
  }

  /** Whether an image of the account in that region already has this name. */
  isNameTaken(service: ServiceId, region: string, name: string): Promise<boolean> {
    return this.services[service].isNameTaken(region, name);
  }

  /** What can use images of the service in the region: fleets and image builders, or the account's bundles (every page). */
  users(service: ServiceId, region: string, signal?: AbortSignal): Promise<ImageUser[]> {
    return this.services[service].users(region, signal);
  }

  /** One page of the accounts an owned image is shared with: one request. */
  permissions(image: ImageRef, nextToken?: string, signal?: AbortSignal): Promise<Page<SharedAccount>> {
    return this.services[image.service].permissions(image, nextToken, signal);
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
    return this.services[image.service].share(image, accountId, use);
  }

  /** Stops sharing the image with an account (sent once). */
  unshare(image: ImageRef, accountId: string): Promise<void> {
    return this.services[image.service].unshare(image, accountId);
  }

  /**
   * Whether AWS can make an updated image of this one now. AppStream: a dry run of CreateUpdatedImage (one
   * request, creates nothing; `newName` is the name the user is offered). WorkSpaces: what the listing said.
   */
  canUpdate(image: SourceImage & { readonly update?: ImageRecord['update'] }, newName: string): Promise<boolean> {
    return this.services[image.service].canUpdate(image, newName);
  }

  /** Starts an updated image in the source's region (sent once); answers its ID and the state it starts in. */
  createUpdated(req: UpdateRequest): Promise<Started> {
    return this.services[req.source.service].createUpdated(req);
  }
}
