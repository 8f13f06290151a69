// The one interface every service's images are reached through (appstreamImages.ts, workspacesImages.ts): ImageApi
// picks the adapter by the image's service, so no call site chooses a service. Arguments are narrow: an ImageRef
// (or its region) and what the call needs, never a whole record.

import type { ImageRecord, ListType, Page } from '../../core/image';
import type { ImageRef } from '../../core/imageRef';
import type { ImageUse, SharedAccount } from '../../core/sharing';
import type { ImageUser } from '../../core/usage';

/** The image a copy or an updated image is made from: its identity and name (AppStream addresses it by name). */
export type SourceImage = ImageRef & { readonly name: string };

export interface CopyRequest {
  readonly source: SourceImage;
  readonly destRegion: string;
  readonly name: string;
  readonly description?: string;
  /** Sent with the copy where the service accepts them (WorkSpaces); AppStream's are applied once it exists. */
  readonly tags?: Record<string, string>;
  /** When the request was sent: a copy found after a lost answer must be this new. */
  readonly startedAt: number;
}

export interface UpdateRequest {
  readonly source: SourceImage;
  readonly name: string;
  readonly description?: string;
  /** AppStream only: newImageDisplayName. */
  readonly displayName?: string;
  /** AppStream only: applied by AWS to the new image (newImageTags). */
  readonly tags?: Record<string, string>;
  /** When the request was sent: an image found after a lost answer must be this new. */
  readonly startedAt: number;
}

/** A new image's ID (AppStream name, WorkSpaces `wsi-` ID) and the state it starts in. */
export interface Started {
  readonly id: string;
  readonly state: string;
}

/** An image a watcher waits for: by ID once AWS has answered one, else by name, made at or after `since`. */
export interface Wanted {
  readonly id?: string;
  readonly name: string;
  readonly since: number;
}

/** What can be asked of a service's images; each method sends the requests its ImageApi namesake documents. */
export interface ServiceImages {
  listPage(
    region: string,
    listType: ListType,
    nextToken: string | undefined,
    maxResults: number,
    signal?: AbortSignal,
  ): Promise<Page<ImageRecord>>;
  pages(region: string, listType: ListType, pageSize: number, signal?: AbortSignal): AsyncGenerator<ImageRecord[]>;
  describe(region: string, ids: string[], signal?: AbortSignal): Promise<ImageRecord[]>;
  /** The image each wanted one names, where it exists (how old it is, ImageApi judges). */
  find(region: string, wanted: readonly Wanted[], signal?: AbortSignal): Promise<Map<Wanted, ImageRecord>>;
  isNameTaken(region: string, name: string): Promise<boolean>;
  copy(req: CopyRequest): Promise<Started>;
  delete(image: ImageRef): Promise<ImageRecord | undefined>;
  tags(image: ImageRef & { readonly arn?: string }, signal?: AbortSignal): Promise<Record<string, string>>;
  applyTags(region: string, arn: string | undefined, tags: Record<string, string>, signal?: AbortSignal): Promise<void>;
  users(region: string, signal?: AbortSignal): Promise<ImageUser[]>;
  permissions(image: ImageRef, nextToken?: string, signal?: AbortSignal): Promise<Page<SharedAccount>>;
  share(image: ImageRef, accountId: string, use: ImageUse): Promise<void>;
  unshare(image: ImageRef, accountId: string): Promise<void>;
  canUpdate(image: SourceImage & { readonly update?: ImageRecord['update'] }, newName: string): Promise<boolean>;
  createUpdated(req: UpdateRequest): Promise<Started>;
}
