// WorkSpaces behind the ServiceImages interface: images are addressed by `wsi-` ID (a name only through a walk of
// the owned list), tags travel with the copy request, sharing only lets an account copy the image.

import type { ImageRecord, ListType, Page, WorkSpacesListType } from '../../core/image';
import type { ImageRef } from '../../core/imageRef';
import { userTags } from '../../core/rules';
import type { SharedAccount } from '../../core/sharing';
import type { ImageUser } from '../../core/usage';
import type { ClientPool } from '../clients';
import { WorkSpacesSharing } from '../sharing/workspacesSharing';
import { createUpdatedWorkSpaces } from '../updates';
import { workSpacesUsers } from '../usageLists';
import { WorkSpacesCalls } from '../workspaces';
import type { CopyRequest, ServiceImages, Started, UpdateRequest, Wanted } from './serviceImages';

export class WorkSpacesImages implements ServiceImages {
  private readonly calls: WorkSpacesCalls;
  private readonly sharing: WorkSpacesSharing;

  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {
    this.calls = new WorkSpacesCalls(pool, profile);
    this.sharing = new WorkSpacesSharing(pool);
  }

  listPage(
    region: string,
    listType: ListType,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>> {
    return this.calls.listPage(region, listType as WorkSpacesListType, nextToken, maxResults, signal);
  }

  pages(region: string, listType: ListType, pageSize: number, signal?: AbortSignal): AsyncGenerator<ImageRecord[]> {
    return this.calls.pages(region, listType as WorkSpacesListType, pageSize, signal);
  }

  /** One request per 25 IDs. */
  describe(region: string, ids: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    return this.calls.describeByIds(region, ids, signal);
  }

  /** By ID where known (one request per 25); the rest by name in one walk of the owned list. */
  async find(region: string, wanted: readonly Wanted[], signal?: AbortSignal): Promise<Map<Wanted, ImageRecord>> {
    const ids = [...new Set(wanted.flatMap((w) => (w.id ? [w.id] : [])))];
    const byId = new Map((ids.length ? await this.calls.describeByIds(region, ids, signal) : []).map((r) => [r.id, r]));
    const byName = await this.calls.findOwnedByNames(
      region,
      wanted.filter((w) => !w.id).map((w) => w.name),
      () => true,
      signal,
    );
    const out = new Map<Wanted, ImageRecord>();
    for (const w of wanted) {
      const record = w.id ? byId.get(w.id) : (byName.get(w.name) ?? byId.get(w.name));
      if (record) out.set(w, record);
    }
    return out;
  }

  async isNameTaken(region: string, name: string): Promise<boolean> {
    return (await this.calls.findOwnedByName(region, name)) !== undefined;
  }

  /** CopyWorkspaceImage is sent to the destination region, with the tags. */
  async copy(req: CopyRequest): Promise<Started> {
    const id = await this.calls.copy(
      req.destRegion,
      {
        sourceRegion: req.source.region,
        sourceImageId: req.source.id,
        name: req.name,
        description: req.description,
        tags: Object.entries(req.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      },
      req.startedAt,
    );
    return { id, state: 'PENDING' };
  }

  /** Gone at once (no DELETING state): nothing to answer. */
  async delete(image: ImageRef): Promise<undefined> {
    await this.calls.delete(image.region, image.id);
    return undefined;
  }

  async tags(image: ImageRef, signal?: AbortSignal): Promise<Record<string, string>> {
    const list = await this.calls.listTags(image.region, image.id, signal);
    return userTags(Object.fromEntries(list.map((t) => [t.Key, t.Value ?? ''])));
  }

  /** The tags went with the copy request: nothing is left to send. */
  applyTags(): Promise<void> {
    return Promise.resolve();
  }

  users(region: string, signal?: AbortSignal): Promise<ImageUser[]> {
    return workSpacesUsers(this.pool, region, signal);
  }

  permissions(image: ImageRef, nextToken?: string, signal?: AbortSignal): Promise<Page<SharedAccount>> {
    return this.sharing.permissions(image.region, image.id, nextToken, signal);
  }

  /** WorkSpaces has no use to grant: sharing lets the account copy the image. */
  share(image: ImageRef, accountId: string): Promise<void> {
    return this.sharing.setShared(image.region, image.id, accountId, true);
  }

  unshare(image: ImageRef, accountId: string): Promise<void> {
    return this.sharing.setShared(image.region, image.id, accountId, false);
  }

  /** The listing said (`Updates`): no request. */
  canUpdate(image: { readonly update?: ImageRecord['update'] }): Promise<boolean> {
    return Promise.resolve(image.update?.available === true);
  }

  createUpdated(req: UpdateRequest): Promise<Started> {
    return createUpdatedWorkSpaces(this.pool, this.profile, req);
  }
}
