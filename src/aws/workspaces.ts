// WorkSpaces image calls. The SDK has no paginator for DescribeWorkspaceImages, so pages() follows NextToken.

import type { WorkspaceImage } from '@aws-sdk/client-workspaces';
import type { ImageRecord, Ownership, Page, Reason, WorkSpacesListType } from '../core/image';
import type { ClientPool } from './clients';
import { imageErrorDetailWords } from '../core/workspaceImageErrors';
import { answeredWithoutId, copyFound, sendOnce } from './reconcile';

/** DescribeWorkspaceImages takes at most 25 ImageIds per call. */
export const MAX_IDS_PER_CALL = 25;

const joined = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(': ');

/**
 * The SDK's image as the product's record, mapped here only. Ownership: the list it came from says it;
 * otherwise the owner account against `accountId` when known (a look by ID), else owned.
 */
export function toRecord(profile: string, region: string, img: WorkspaceImage, ownership?: Ownership): ImageRecord {
  const raw = { ...img } as Record<string, unknown>;
  if (img.Created instanceof Date) raw.Created = img.Created.getTime() / 1000;
  const reasons: Reason[] = [];
  if (img.ErrorCode || img.ErrorMessage) {
    reasons.push({ label: 'Error', text: joined(img.ErrorCode, img.ErrorMessage) });
  }
  for (const e of img.ErrorDetails ?? []) {
    // The code in words where this version knows it (AWS's message alone rarely says what to change).
    const words = imageErrorDetailWords(e.ErrorCode);
    reasons.push({ label: 'Error detail', text: joined(e.ErrorCode, e.ErrorMessage) + (words ? ` (${words})` : '') });
  }
  return {
    profile,
    service: 'workspaces',
    region,
    id: img.ImageId ?? '',
    name: img.Name ?? img.ImageId ?? '',
    state: img.State ?? 'AVAILABLE',
    ownership: ownership ?? 'owned',
    created: img.Created,
    description: img.Description || undefined,
    platform: img.OperatingSystem?.Type,
    ownerAccountId: img.OwnerAccountId,
    tenancy: img.RequiredTenancy,
    ...(img.Updates
      ? { update: { available: !!img.Updates.UpdateAvailable, description: img.Updates.Description || undefined } }
      : {}),
    applications: [],
    reasons,
    raw,
  };
}

export class WorkSpacesCalls {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  async listPage(
    region: string,
    type: WorkSpacesListType,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>> {
    const { DescribeWorkspaceImagesCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out = await client.send(
      new DescribeWorkspaceImagesCommand({
        ImageType: type,
        MaxResults: maxResults,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
      { abortSignal: signal },
    );
    // The list type tells ownership; the owner ID is not known otherwise without an STS call.
    const items = (out.Images ?? []).map((i) =>
      toRecord(this.profile, region, i, type === 'OWNED' ? 'owned' : 'shared'),
    );
    return { items, nextToken: out.NextToken || undefined };
  }

  async *pages(
    region: string,
    type: WorkSpacesListType,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<ImageRecord[]> {
    let token: string | undefined;
    do {
      const page = await this.listPage(region, type, token, pageSize, signal);
      yield page.items;
      token = page.nextToken;
    } while (token);
  }

  /** Images by ID, in as few calls as the 25-ID limit allows. Unknown IDs are simply absent. */
  async describeByIds(region: string, ids: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    const { DescribeWorkspaceImagesCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    const out: ImageRecord[] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL) {
      const res = await client.send(
        new DescribeWorkspaceImagesCommand({ ImageIds: ids.slice(i, i + MAX_IDS_PER_CALL) }),
        { abortSignal: signal },
      );
      out.push(...(res.Images ?? []).map((img) => toRecord(this.profile, region, img)));
    }
    return out;
  }

  /**
   * CopyWorkspaceImage is sent to the destination region and answers the new image's ID; when the answer is
   * lost, the copy is looked for by name among the destination's own images.
   */
  async copy(
    destinationRegion: string,
    input: {
      sourceRegion: string;
      sourceImageId: string;
      name: string;
      description?: string;
      tags?: { Key: string; Value?: string }[];
    },
    startedAt: number,
  ): Promise<string> {
    const { CopyWorkspaceImageCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(destinationRegion, 'write');
    return sendOnce(
      async () =>
        (
          await client.send(
            new CopyWorkspaceImageCommand({
              Name: input.name,
              SourceRegion: input.sourceRegion,
              SourceImageId: input.sourceImageId,
              ...(input.description ? { Description: input.description } : {}),
              ...(input.tags?.length ? { Tags: input.tags } : {}),
            }),
          )
        ).ImageId ?? answeredWithoutId(),
      async () => copyFound(await this.findOwnedByName(destinationRegion, input.name), startedAt, this.pool.clock),
    );
  }

  /** An owned image of this name in the region (names are unique per account and region), if any. */
  async findOwnedByName(
    region: string,
    name: string,
    accept: (r: ImageRecord) => boolean = () => true,
  ): Promise<ImageRecord | undefined> {
    return (await this.findOwnedByNames(region, [name], accept)).get(name);
  }

  /** Owned images by name, in one walk through the owned list that stops once every name is found. */
  async findOwnedByNames(
    region: string,
    names: readonly string[],
    accept: (r: ImageRecord) => boolean = () => true,
    signal?: AbortSignal,
  ): Promise<Map<string, ImageRecord>> {
    const wanted = new Set(names);
    const found = new Map<string, ImageRecord>();
    if (!wanted.size) return found;
    for await (const page of this.pages(region, 'OWNED', MAX_IDS_PER_CALL, signal)) {
      for (const r of page) if (wanted.has(r.name) && !found.has(r.name) && accept(r)) found.set(r.name, r);
      if (found.size === wanted.size) break;
    }
    return found;
  }

  /** WorkSpaces removes the image at once (it has no DELETING state): when the answer is lost, gone means done. */
  async delete(region: string, imageId: string): Promise<void> {
    const { DeleteWorkspaceImageCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new DeleteWorkspaceImageCommand({ ImageId: imageId }));
        return true;
      },
      async () => ((await this.describeByIds(region, [imageId])).length === 0 ? true : undefined),
    );
  }

  async listTags(region: string, imageId: string, signal?: AbortSignal): Promise<{ Key: string; Value?: string }[]> {
    const { DescribeTagsCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region);
    return (
      (await client.send(new DescribeTagsCommand({ ResourceId: imageId }), { abortSignal: signal })).TagList ?? []
    ).filter((t): t is { Key: string; Value?: string } => !!t.Key);
  }

  /** CreateTags (adds or changes), sent once: a lost answer is settled by reading the tags back. */
  async createTags(
    region: string,
    id: string,
    tags: Record<string, string>,
    onRecovered?: (lost: unknown) => void,
  ): Promise<void> {
    const { CreateTagsCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region, 'write');
    const list = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    await sendOnce(
      async () => {
        await client.send(new CreateTagsCommand({ ResourceId: id, Tags: list }));
        return true;
      },
      async () => {
        const now = new Map((await this.listTags(region, id)).map((t) => [t.Key, t.Value ?? '']));
        return list.every((t) => now.get(t.Key) === t.Value) ? true : undefined;
      },
      onRecovered,
    );
  }

  /** DeleteTags, sent once: a lost answer is settled by reading the tags back (none of the keys left). */
  async deleteTags(region: string, id: string, keys: string[], onRecovered?: (lost: unknown) => void): Promise<void> {
    const { DeleteTagsCommand } = await import('@aws-sdk/client-workspaces');
    const client = await this.pool.workspaces(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new DeleteTagsCommand({ ResourceId: id, TagKeys: keys }));
        return true;
      },
      async () => {
        const now = new Set((await this.listTags(region, id)).map((t) => t.Key));
        return keys.every((k) => !now.has(k)) ? true : undefined;
      },
      onRecovered,
    );
  }
}
