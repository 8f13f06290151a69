// The product's calls about what is not an image itself, for ImageApi (images.ts) to extend: image builders
// (builders.ts, builderCreate.ts), imports from and exports to EC2 AMIs (importExport.ts), WorkSpaces images made
// from a WorkSpace or a BYOL AMI (workspaceImages.ts), fleets and bundles for roll-outs (fleets.ts, bundles.ts),
// and tags (tags.ts). Each is a single service's: the method names say which.

import type { BuilderRecord } from '../core/builders';
import type { ImageRecord, Page } from '../core/image';
import type { ExportTaskRecord } from '../core/importExport';
import type { BundleRecord, FleetRecord } from '../core/rollout';
import type { TagChanges, TaggedResource, Tags } from '../core/tags';
import type { WorkSpaceRecord } from '../core/workspaceImages';
import {
  builderSourceProblem,
  networkOffers,
  type BuilderCreateRequest,
  type BuilderNetworkOffers,
} from '../core/builderCreate';
import { builderUse, createBuilder, networkUsers } from './builderCreate';
import { AppStreamBuilders } from './builders';
import { WorkSpacesBundles } from './bundles';
import type { ClientPool } from './clients';
import { AppStreamFleets, type FleetImage } from './fleets';
import { AppStreamImportExport, type DryRunAnswer, type ExportRequest, type ImportRequest } from './importExport';
import type { Started } from './services/serviceImages';
import { ResourceTags, type TagEditResult } from './tags';
import { WorkSpacesMaking, type ByolImportRequest, type FromWorkSpaceRequest } from './workspaceImages';

export type { ByolImportRequest, FromWorkSpaceRequest } from './workspaceImages';
export type { TagEditResult } from './tags';

export class ResourceApi {
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
  ) {
    this.builders = new AppStreamBuilders(pool, profile);
    this.amis = new AppStreamImportExport(pool, profile);
    this.fleetsApi = new AppStreamFleets(pool, profile);
    this.bundlesApi = new WorkSpacesBundles(pool, profile);
    this.making = new WorkSpacesMaking(pool, profile);
    this.tagCalls = new ResourceTags(pool, profile);
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
  editTags(
    res: TaggedResource,
    changes: TagChanges,
    onStep?: (step: 'remove' | 'set') => void,
  ): Promise<TagEditResult> {
    return this.tagCalls.edit(res, changes, onStep);
  }
}
