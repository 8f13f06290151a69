// One entry point over both services: every operation the product uses, with service-neutral arguments (an
// ImageRef and what the call needs), so nothing above src/aws chooses a service to make a call. Each service is
// one adapter behind ServiceImages (services/), picked here by the image's service.

import type { BuilderRecord } from '../core/builders';
import type { ImageListKey, ImageRecord, Page } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import type { ServiceId } from '../core/regions';
import type { ImageUse, SharedAccount } from '../core/sharing';
import type { ImageUser } from '../core/usage';
import { AppStreamBuilders } from './builders';
import type { ExportTaskRecord } from '../core/importExport';
import { AppStreamImportExport, type DryRunAnswer, type ExportRequest, type ImportRequest } from './importExport';
import { WorkSpacesBundles } from './bundles';
import { AppStreamFleets, type FleetImage } from './fleets';
import type { BundleRecord, FleetRecord } from '../core/rollout';
import {
  builderSourceProblem,
  networkOffers,
  type BuilderCreateRequest,
  type BuilderNetworkOffers,
} from '../core/builderCreate';
import { builderUse, createBuilder, networkUsers } from './builderCreate';
import type { ClientPool } from './clients';
import { startedSince } from './reconcile';
import { AppStreamImages } from './services/appstreamImages';
import type { CopyRequest, ServiceImages, SourceImage, Started, UpdateRequest, Wanted } from './services/serviceImages';
import { WorkSpacesImages } from './services/workspacesImages';
import { WorkSpacesMaking, type FromWorkSpaceRequest, type ByolImportRequest } from './workspaceImages';
import type { WorkSpaceRecord } from '../core/workspaceImages';

import type { TagChanges, TaggedResource, Tags } from '../core/tags';
import { ResourceTags, type TagEditResult } from './tags';

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

export class ImageApi {
  private readonly services: Record<ServiceId, ServiceImages>;
  /** Image builders exist in AppStream only. */
  private readonly builders: AppStreamBuilders;
  /** Imports from and exports to EC2 AMIs exist in AppStream only. */
  private readonly amis: AppStreamImportExport;
  /** Roll-outs: AppStream fleets and the account's WorkSpaces bundles. */
  private readonly fleetsApi: AppStreamFleets;
  private readonly bundlesApi: WorkSpacesBundles;
  /** WorkSpaces images made from a WorkSpace or imported (workspaceImages.ts). */
  private readonly making: WorkSpacesMaking;
  private readonly tagCalls: ResourceTags;

  constructor(
    readonly pool: ClientPool,
    readonly profile: string,
    private readonly onAccount?: (accountId: string) => void,
  ) {
    this.services = { appstream: new AppStreamImages(pool, profile), workspaces: new WorkSpacesImages(pool, profile) };
    this.builders = new AppStreamBuilders(pool, profile);
    this.amis = new AppStreamImportExport(pool, profile);
    this.fleetsApi = new AppStreamFleets(pool, profile);
    this.bundlesApi = new WorkSpacesBundles(pool, profile);
    this.making = new WorkSpacesMaking(pool, profile);
    this.tagCalls = new ResourceTags(pool, profile);
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

  // ---- image builders (AppStream only: builders.ts) ----

  /** One page of the account's image builders in the region: one DescribeImageBuilders of up to 25. */
  listBuilders(
    profile: string,
    region: string,
    nextToken: string | undefined,
    signal?: AbortSignal,
  ): Promise<Page<BuilderRecord>> {
    return this.builders.list(profile, region, nextToken, signal);
  }

  /** The builders of these names that still exist, in one request while all exist: a missing name is gone. */
  describeBuilders(region: string, names: string[], signal?: AbortSignal): Promise<BuilderRecord[]> {
    return this.builders.describe(region, names, signal);
  }

  /** Starts a stopped builder (sent once; a lost answer settled by describing it). */
  startBuilder(region: string, name: string): Promise<void> {
    return this.builders.start(region, name);
  }

  /** Stops a running builder (sent once; a lost answer settled by describing it). */
  stopBuilder(region: string, name: string): Promise<void> {
    return this.builders.stop(region, name);
  }

  /** Deletes a stopped or failed builder (sent once; a lost answer settled by describing it). */
  deleteBuilder(region: string, name: string): Promise<void> {
    return this.builders.delete(region, name);
  }

  /** A link that opens a streaming session on a running builder. A credential: open it, never log or keep it. */
  builderStreamingUrl(region: string, name: string, validitySeconds: number): Promise<string> {
    return this.builders.streamingUrl(region, name, validitySeconds);
  }

  // ---- imports from and exports to EC2 AMIs (AppStream only: importExport.ts) ----

  /** A dry run of CreateImportedImage: creates nothing; AWS's refusal is thrown as it came. */
  importDryRun(req: ImportRequest): Promise<DryRunAnswer> {
    return this.amis.dryRunImport(req);
  }

  /** Imports an AMI as an image (sent once; a lost answer settled by describing the image by name). */
  importImage(req: ImportRequest, startedAt: number): Promise<Started> {
    return this.amis.importImage(req, startedAt);
  }

  /** Starts an export of an image to an AMI (sent once; a lost answer settled by listing the region's tasks). */
  exportImage(req: ExportRequest, startedAt: number): Promise<ExportTaskRecord> {
    return this.amis.exportImage(req, startedAt);
  }

  /** One page of the region's export tasks: one ListExportImageTasks. */
  listExportTasks(
    region: string,
    nextToken: string | undefined,
    signal?: AbortSignal,
  ): Promise<Page<ExportTaskRecord>> {
    return this.amis.listExports(region, nextToken, undefined, signal);
  }

  /** The export tasks with these IDs: one ListExportImageTasks per region while it has at most 500 tasks. */
  exportTasks(region: string, taskIds: readonly string[], signal?: AbortSignal): Promise<ExportTaskRecord[]> {
    return this.amis.exportsByIds(region, taskIds, signal);
  }

  /** One export task: one GetExportImageTask. */
  exportTask(region: string, taskId: string, signal?: AbortSignal): Promise<ExportTaskRecord> {
    return this.amis.exportTask(region, taskId, signal);
  }

  // ---- roll-outs (fleets.ts, bundles.ts) ----

  /** Every AppStream fleet of the region, with its type, state, capacity and image (every page of DescribeFleets). */
  fleets(region: string, signal?: AbortSignal): Promise<FleetRecord[]> {
    return this.fleetsApi.list(region, undefined, signal);
  }

  /** The fleets of these names that still exist, in one DescribeFleets while all exist: a missing name is gone. */
  describeFleets(region: string, names: string[], signal?: AbortSignal): Promise<FleetRecord[]> {
    return this.fleetsApi.describe(region, names, signal);
  }

  /** Gives a fleet an image (UpdateFleet, sent once; a lost answer settled by reading the fleet back). */
  setFleetImage(region: string, fleet: string, image: FleetImage): Promise<FleetRecord> {
    return this.fleetsApi.setImage(region, fleet, image);
  }

  /** Every WorkSpaces bundle of the account in the region (its own, not Amazon's), every page. */
  bundles(region: string, signal?: AbortSignal): Promise<BundleRecord[]> {
    return this.bundlesApi.list(region, signal);
  }

  /** Gives a bundle of the account an image (UpdateWorkspaceBundle, sent once; read back after it). */
  setBundleImage(region: string, bundleId: string, imageId: string): Promise<BundleRecord> {
    return this.bundlesApi.setImage(region, bundleId, imageId);
  }

  // ---- Create Image Builder (builderCreate.ts) ----

  /** Creates an image builder (sent once; a lost answer settled by describing it by name): the new builder. */
  createBuilder(req: BuilderCreateRequest): Promise<BuilderRecord> {
    return createBuilder(this.pool, this.profile, req, (region, names) => this.builders.describe(region, names));
  }

  /** The subnets, security groups and roles the region's builders and fleets use (both listings, every page). */
  async builderNetworkOffers(region: string, signal?: AbortSignal): Promise<BuilderNetworkOffers> {
    return networkOffers(await networkUsers(this.pool, region, signal));
  }

  /** Whether AWS makes an image builder from this image, in words when it does not (undefined: it does). */
  builderSourceProblem(image: ImageRecord): string | undefined {
    return builderSourceProblem(image, builderUse(image));
  }

  // ---- WorkSpaces images from a WorkSpace or a BYOL AMI (workspaceImages.ts) ----

  /** One page of the region's WorkSpaces: one DescribeWorkspaces of up to 25. */
  listWorkSpaces(region: string, nextToken?: string, signal?: AbortSignal): Promise<Page<WorkSpaceRecord>> {
    return this.making.listWorkSpaces(region, nextToken, signal);
  }

  /** CreateWorkspaceImage (sent once; a lost answer settled by looking for the image by name). */
  createWorkSpaceImage(req: FromWorkSpaceRequest): Promise<Started> {
    return this.making.fromWorkSpace(req);
  }

  /** ImportWorkspaceImage (sent once; a lost answer settled by looking for the image by name). */
  importWorkSpaceImage(req: ByolImportRequest): Promise<Started> {
    return this.making.importImage(req);
  }

  // ---- tags of an image or image builder (tags.ts) ----

  /** Every tag of the image or builder, "aws:" ones included: one ListTagsForResource or DescribeTags. */
  resourceTags(res: TaggedResource, signal?: AbortSignal): Promise<Tags> {
    return this.tagCalls.read(res, signal);
  }

  /** At most one removal and one addition, each sent once (a lost answer settled by reading the tags back). */
  editTags(res: TaggedResource, changes: TagChanges): Promise<TagEditResult> {
    return this.tagCalls.edit(res, changes);
  }
}
