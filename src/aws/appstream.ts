// AppStream 2.0 image calls. Each function sends exactly the requests its name says; paging is the caller's.

import type { Image } from '@aws-sdk/client-appstream';
import type { AppStreamListType, ImageRecord, Page, Reason } from '../core/image';
import type { ClientPool } from './clients';
import { copyFound, sendOnce } from './reconcile';

const isNotFound = (e: unknown): boolean => (e as { name?: string }).name === 'ResourceNotFoundException';

const joined = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(': ');

/** The SDK's image as the product's record: every field the product shows or decides on, mapped here only. */
export function toRecord(profile: string, region: string, img: Image): ImageRecord {
  const raw = { ...img } as Record<string, unknown>;
  // Keep dates as epoch seconds in `raw`, as the wire has them, so Show Details reads like the CLI.
  for (const k of ['CreatedTime', 'PublicBaseImageReleasedDate'] as const) {
    const v = img[k];
    if (v instanceof Date) raw[k] = v.getTime() / 1000;
  }
  const ownership = img.Visibility === 'PUBLIC' ? 'public' : img.Visibility === 'SHARED' ? 'shared' : 'owned';
  const reasons: Reason[] = [];
  if (img.StateChangeReason?.Code || img.StateChangeReason?.Message) {
    reasons.push({ label: 'State reason', text: joined(img.StateChangeReason.Code, img.StateChangeReason.Message) });
  }
  for (const e of img.ImageErrors ?? []) reasons.push({ label: 'Error', text: joined(e.ErrorCode, e.ErrorMessage) });
  return {
    profile,
    service: 'appstream',
    region,
    id: img.Name ?? '',
    name: img.Name ?? '',
    arn: img.Arn,
    state: img.State ?? 'AVAILABLE',
    ownership,
    created: img.CreatedTime,
    displayName: img.DisplayName || undefined,
    description: img.Description || undefined,
    platform: img.Platform,
    visibility: img.Visibility,
    // The ARN names the owner: this account for its own images, the sharing account for shared ones.
    ownerAccountId: ownership !== 'public' ? img.Arn?.split(':')[4] || undefined : undefined,
    agentVersion: img.AppstreamAgentVersion || undefined,
    agentLatest: img.LatestAppstreamAgentVersion === 'TRUE',
    ...(img.LatestAppstreamAgentVersion === 'FALSE'
      ? { update: { available: true, description: 'A newer AppStream 2.0 agent is available.' } }
      : {}),
    sharedWithOthers: img.ImageSharedWithOthers === 'TRUE',
    applications: (img.Applications ?? []).map((a) => ({
      name: a.Name ?? '',
      displayName: a.DisplayName || undefined,
      platforms: a.Platforms ?? [],
    })),
    reasons,
    raw,
  };
}

export class AppStreamCalls {
  constructor(
    private readonly pool: ClientPool,
    private readonly profile: string,
  ) {}

  async listPage(
    region: string,
    type: AppStreamListType,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>> {
    const { DescribeImagesCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(
      new DescribeImagesCommand({ Type: type, MaxResults: maxResults, ...(nextToken ? { NextToken: nextToken } : {}) }),
      { abortSignal: signal },
    );
    return {
      items: (out.Images ?? []).map((i) => toRecord(this.profile, region, i)),
      nextToken: out.NextToken || undefined,
    };
  }

  /** Pages with the SDK's paginator (Find Image, Load all). */
  async *pages(
    region: string,
    type: AppStreamListType,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<ImageRecord[]> {
    const { paginateDescribeImages } = await import('@aws-sdk/client-appstream');
    const { client, release } = await this.pool.lease('appstream', region);
    try {
      for await (const page of paginateDescribeImages({ client, pageSize }, { Type: type }, { abortSignal: signal })) {
        yield (page.Images ?? []).map((i) => toRecord(this.profile, region, i));
      }
    } finally {
      release();
    }
  }

  /** One request for all names. It fails whole when one name is gone (ResourceNotFoundException). */
  async describeByNames(region: string, names: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    const { DescribeImagesCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new DescribeImagesCommand({ Names: names }), { abortSignal: signal });
    return (out.Images ?? []).map((i) => toRecord(this.profile, region, i));
  }

  /**
   * The images of these names that exist, in one request while all exist; a batch that hits a deleted image
   * falls back to one call per name to tell which remain.
   */
  async describe(region: string, names: string[], signal?: AbortSignal): Promise<ImageRecord[]> {
    try {
      return await this.describeByNames(region, names, signal);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      if (names.length === 1) return [];
    }
    const found: ImageRecord[] = [];
    for (const name of names) {
      try {
        found.push(...(await this.describeByNames(region, [name], signal)));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    return found;
  }

  /**
   * CopyImage is sent to the source region. Its answer names the copy; when the answer is lost, the copy is
   * looked for by name in the destination region (the name was free when the user chose it).
   */
  async copy(
    sourceRegion: string,
    input: { source: string; destinationRegion: string; destinationName: string; description?: string },
    startedAt: number,
  ): Promise<string> {
    const { CopyImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(sourceRegion, 'write');
    return sendOnce(
      async () =>
        (
          await client.send(
            new CopyImageCommand({
              SourceImageName: input.source,
              DestinationRegion: input.destinationRegion,
              DestinationImageName: input.destinationName,
              ...(input.description ? { DestinationImageDescription: input.description } : {}),
            }),
          )
        ).DestinationImageName ?? input.destinationName,
      async () =>
        copyFound(
          await this.describe(input.destinationRegion, [input.destinationName]).then(([r]) => r),
          startedAt,
          this.pool.clock,
        ),
    );
  }

  /** The image after the delete (DELETING), or undefined when it is already gone. */
  async delete(region: string, name: string): Promise<ImageRecord | undefined> {
    const { DeleteImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    const GONE = null;
    const after = await sendOnce<ImageRecord | null>(
      async () => {
        const out = await client.send(new DeleteImageCommand({ Name: name }));
        return out.Image ? toRecord(this.profile, region, out.Image) : GONE;
      },
      async () => {
        const [found] = await this.describe(region, [name]);
        if (!found) return GONE;
        return found.state === 'DELETING' ? found : undefined;
      },
    );
    return after ?? undefined;
  }

  async listTags(region: string, arn: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const { ListTagsForResourceCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    return (
      (await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }), { abortSignal: signal })).Tags ?? {}
    );
  }

  /**
   * TagResource is sent once, like every change (a resend after a lost answer would report a failure for tags
   * that were applied); a lost answer is settled by reading the tags back: applied when each wanted tag is there
   * with its value. An aborted `signal` stops it before it is sent and bounds the read-back; a request already
   * sent is not aborted (that would only lose its answer), its own deadline bounds it.
   */
  async tag(
    region: string,
    arn: string,
    tags: Record<string, string>,
    signal?: AbortSignal,
    onRecovered?: (lost: unknown) => void,
  ): Promise<void> {
    const { TagResourceCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    signal?.throwIfAborted();
    await sendOnce(
      async () => {
        await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags }));
        return true;
      },
      async () => {
        const now = await this.listTags(region, arn, signal);
        return Object.entries(tags).every(([k, v]) => now[k] === v) ? true : undefined;
      },
      onRecovered,
    );
  }

  /** UntagResource, sent once like tag(): a lost answer is settled by reading the tags back (none of the keys left). */
  async untag(region: string, arn: string, keys: string[], onRecovered?: (lost: unknown) => void): Promise<void> {
    const { UntagResourceCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region, 'write');
    await sendOnce(
      async () => {
        await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: keys }));
        return true;
      },
      async () => {
        const now = await this.listTags(region, arn);
        return keys.every((k) => !Object.hasOwn(now, k)) ? true : undefined;
      },
      onRecovered,
    );
  }
}
