// AppStream 2.0 image calls. Each function sends exactly the requests its name says; paging is the caller's.

import type { Image } from '@aws-sdk/client-appstream';
import type { AppStreamListType, ImageRecord, Page } from '../core/image';
import type { ClientPool } from './clients';

export function toRecord(region: string, img: Image): ImageRecord {
  const raw = { ...img } as Record<string, unknown>;
  // Keep dates as epoch seconds in `raw`, as the wire has them, so details and tooltips read one format.
  for (const k of ['CreatedTime', 'PublicBaseImageReleasedDate'] as const) {
    const v = img[k];
    if (v instanceof Date) raw[k] = v.getTime() / 1000;
  }
  const ownership = img.Visibility === 'PUBLIC' ? 'public' : img.Visibility === 'SHARED' ? 'shared' : 'owned';
  return {
    service: 'appstream', region, id: img.Name ?? '', name: img.Name ?? '', arn: img.Arn, state: img.State ?? 'AVAILABLE',
    ownership, created: img.CreatedTime, raw,
  };
}

export class AppStreamImages {
  constructor(private readonly pool: ClientPool) {}

  async listPage(region: string, type: AppStreamListType, nextToken: string | undefined, maxResults: number): Promise<Page<ImageRecord>> {
    const { DescribeImagesCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new DescribeImagesCommand({ Type: type, MaxResults: maxResults, ...(nextToken ? { NextToken: nextToken } : {}) }));
    return { items: (out.Images ?? []).map((i) => toRecord(region, i)), nextToken: out.NextToken || undefined };
  }

  /** Pages with the SDK's paginator (Find Image, Load all). */
  async *pages(region: string, type: AppStreamListType, pageSize: number): AsyncGenerator<ImageRecord[]> {
    const { paginateDescribeImages } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    for await (const page of paginateDescribeImages({ client, pageSize }, { Type: type })) {
      yield (page.Images ?? []).map((i) => toRecord(region, i));
    }
  }

  /** One request for all names (the batched refresh of transitional images and copy tracking). */
  async describeByNames(region: string, names: string[]): Promise<ImageRecord[]> {
    const { DescribeImagesCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new DescribeImagesCommand({ Names: names }));
    return (out.Images ?? []).map((i) => toRecord(region, i));
  }

  async copy(region: string, input: { source: string; destinationRegion: string; destinationName: string; description?: string }): Promise<string> {
    const { CopyImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new CopyImageCommand({
      SourceImageName: input.source, DestinationRegion: input.destinationRegion, DestinationImageName: input.destinationName,
      ...(input.description ? { DestinationImageDescription: input.description } : {}),
    }));
    return out.DestinationImageName ?? input.destinationName;
  }

  async delete(region: string, name: string): Promise<ImageRecord | undefined> {
    const { DeleteImageCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    const out = await client.send(new DeleteImageCommand({ Name: name }));
    return out.Image ? toRecord(region, out.Image) : undefined;
  }

  async listTags(region: string, arn: string): Promise<Record<string, string>> {
    const { ListTagsForResourceCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    return (await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? {};
  }

  async tag(region: string, arn: string, tags: Record<string, string>): Promise<void> {
    const { TagResourceCommand } = await import('@aws-sdk/client-appstream');
    const client = await this.pool.appstream(region);
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags }));
  }
}
