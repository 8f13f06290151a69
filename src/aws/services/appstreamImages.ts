// AppStream 2.0 behind the ServiceImages interface: images are addressed by name, tags are applied by ARN once
// an image exists, sharing says what each account may use the image for.

import type { AppStreamListType, ImageRecord, ListType, Page } from '../../core/image';
import type { ImageRef } from '../../core/imageRef';
import { userTags } from '../../core/rules';
import type { ImageUse, SharedAccount } from '../../core/sharing';
import type { ImageUser } from '../../core/usage';
import { AppStreamCalls } from '../appstream';
import type { ClientPool } from '../clients';
import { AppStreamSharing } from '../sharing/appstreamSharing';
import { appStreamCanUpdate, createUpdatedAppStream } from '../updates';
import { appStreamUsers } from '../usageLists';
import type { CopyRequest, ServiceImages, SourceImage, Started, UpdateRequest, Wanted } from './serviceImages';

export class AppStreamImages implements ServiceImages {
  private readonly calls: AppStreamCalls;
  private readonly sharing: AppStreamSharing;

  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {
    this.calls = new AppStreamCalls(pool, profile);
    this.sharing = new AppStreamSharing(pool);
  }

  listPage(
    region: string,
    listType: ListType,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>> {
    return this.calls.listPage(region, listType as AppStreamListType, nextToken, maxResults, signal);
  }

  pages(region: string, listType: ListType, pageSize: number, signal?: AbortSignal): AsyncGenerator<ImageRecord[]> {
    return this.calls.pages(region, listType as AppStreamListType, pageSize, signal);
  }

  /** One request for every name in the region (falling back to one per name when one is gone). */
  describe(region: string, names: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    return this.calls.describe(region, names, signal);
  }

  /** IDs are names here, so one DescribeImages answers by ID and by name alike. */
  async find(region: string, wanted: readonly Wanted[], signal?: AbortSignal): Promise<Map<Wanted, ImageRecord>> {
    const byName = new Map(
      (await this.calls.describe(region, [...new Set(wanted.map((w) => w.id ?? w.name))], signal)).map((r) => [
        r.name,
        r,
      ]),
    );
    const out = new Map<Wanted, ImageRecord>();
    for (const w of wanted) {
      const record = byName.get(w.id ?? w.name);
      if (record) out.set(w, record);
    }
    return out;
  }

  async isNameTaken(region: string, name: string): Promise<boolean> {
    return (await this.calls.describe(region, [name])).length > 0;
  }

  /** CopyImage takes no tags: they are applied once the copy exists (applyTags). */
  async copy(req: CopyRequest): Promise<Started> {
    const id = await this.calls.copy(
      req.source.region,
      {
        source: req.source.name,
        destinationRegion: req.destRegion,
        destinationName: req.name,
        description: req.description,
      },
      req.startedAt,
    );
    return { id, state: 'COPYING' };
  }

  delete(image: ImageRef): Promise<ImageRecord | undefined> {
    return this.calls.delete(image.region, image.id);
  }

  async tags(image: ImageRef & { readonly arn?: string }, signal?: AbortSignal): Promise<Record<string, string>> {
    return image.arn ? userTags(await this.calls.listTags(image.region, image.arn, signal)) : {};
  }

  /** Without an ARN there is nothing to tag yet. */
  applyTags(
    region: string,
    arn: string | undefined,
    tags: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<void> {
    return arn ? this.calls.tag(region, arn, tags, signal) : Promise.resolve();
  }

  users(region: string, signal?: AbortSignal): Promise<ImageUser[]> {
    return appStreamUsers(this.pool, region, signal);
  }

  permissions(image: ImageRef, nextToken?: string, signal?: AbortSignal): Promise<Page<SharedAccount>> {
    return this.sharing.permissions(image.region, image.id, nextToken, undefined, signal);
  }

  share(image: ImageRef, accountId: string, use: ImageUse): Promise<void> {
    return this.sharing.share(image.region, image.id, accountId, use);
  }

  unshare(image: ImageRef, accountId: string): Promise<void> {
    return this.sharing.unshare(image.region, image.id, accountId);
  }

  /** A dry run of CreateUpdatedImage: one request, creates nothing. */
  canUpdate(image: SourceImage, newName: string): Promise<boolean> {
    return appStreamCanUpdate(this.pool, image.region, image.name, newName);
  }

  createUpdated(req: UpdateRequest): Promise<Started> {
    return createUpdatedAppStream(this.pool, this.profile, req);
  }
}
