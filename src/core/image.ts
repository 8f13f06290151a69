// One image, whichever service it belongs to: typed fields for everything the product shows or decides on,
// mapped once from the SDK in src/aws, plus the record exactly as AWS returned it (for "Show Image Details"
// only). An ImageRecord is an ImageRef: its identity is (profile, service, region, id).

import type { ImageRef } from './imageRef';
import type { ServiceId } from './regions';

export type AppStreamListType = 'PRIVATE' | 'SHARED' | 'PUBLIC';
export type WorkSpacesListType = 'OWNED' | 'SHARED';
export type ListType = AppStreamListType | WorkSpacesListType;

/** One list of images: what a type node shows and a page request asks for. */
export interface ImageListKey {
  readonly profile: string;
  readonly region: string;
  readonly service: ServiceId;
  readonly listType: ListType;
}

export type Ownership = 'owned' | 'shared' | 'public';

export interface AppInfo {
  readonly name: string;
  readonly displayName?: string;
  readonly platforms: readonly string[];
}

/** Why an image is in its state: a labelled line ("State reason", "Error", "Error detail"). */
export interface Reason {
  readonly label: string;
  readonly text: string;
}

export interface ImageRecord extends ImageRef {
  readonly name: string;
  readonly arn?: string;
  readonly state: string;
  readonly ownership: Ownership;
  readonly created?: Date;
  readonly displayName?: string;
  readonly description?: string;
  /** AppStream's Platform, or WorkSpaces' operating system type. */
  readonly platform?: string;
  /** AppStream: PUBLIC, PRIVATE or SHARED. */
  readonly visibility?: string;
  /** The account that owns the image, where AWS says (WorkSpaces; AppStream images shared with you). */
  readonly ownerAccountId?: string;
  /** WorkSpaces: DEFAULT or DEDICATED. */
  readonly tenancy?: string;
  /** AppStream agent version, and whether it is the latest. */
  readonly agentVersion?: string;
  readonly agentLatest?: boolean;
  /** An update AWS offers for the image (WorkSpaces `Updates`), in AWS's words. */
  readonly update?: { readonly available: boolean; readonly description?: string };
  /** AppStream `ImageSharedWithOthers`. */
  readonly sharedWithOthers?: boolean;
  readonly applications: readonly AppInfo[];
  readonly reasons: readonly Reason[];
  /** As AWS returned it (dates as epoch seconds): Show Image Details only. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

export const LIST_TYPES: Record<ServiceId, readonly ListType[]> = {
  appstream: ['PRIVATE', 'SHARED', 'PUBLIC'],
  workspaces: ['OWNED', 'SHARED'],
};

export const SERVICE_LABELS: Record<ServiceId, string> = {
  appstream: 'AppStream 2.0',
  workspaces: 'WorkSpaces',
};

/**
 * The services' full names, where space allows (tooltips, details): AWS now calls AppStream 2.0 "Amazon
 * WorkSpaces Applications", and users know it by either name.
 */
export const SERVICE_FULL_NAMES: Record<ServiceId, string> = {
  appstream: 'Amazon WorkSpaces Applications (AppStream 2.0)',
  workspaces: 'Amazon WorkSpaces',
};

export function listTypeLabel(service: ServiceId, listType: ListType): string {
  switch (listType) {
    case 'PRIVATE':
      return 'Private';
    case 'OWNED':
      return 'Owned';
    case 'PUBLIC':
      return 'Public';
    case 'SHARED':
      return 'Shared with me';
  }
  return `${SERVICE_LABELS[service]} ${String(listType)}`;
}

/** The list an image belongs in, from its ownership. */
export function listTypeOf(record: Pick<ImageRecord, 'service' | 'ownership'>): ListType {
  if (record.service === 'appstream') {
    return record.ownership === 'owned' ? 'PRIVATE' : record.ownership === 'public' ? 'PUBLIC' : 'SHARED';
  }
  return record.ownership === 'owned' ? 'OWNED' : 'SHARED';
}

/** The list of the images a profile owns in a region (where copies land, what delete and copy pick from). */
export function ownedList(ref: Pick<ImageRef, 'profile' | 'service' | 'region'>): ImageListKey {
  return {
    profile: ref.profile,
    region: ref.region,
    service: ref.service,
    listType: listTypeOf({ service: ref.service, ownership: 'owned' }),
  };
}

/**
 * A fresh look at an image that was listed before. A look by ID cannot always tell ownership (WorkSpaces
 * DescribeWorkspaceImages by ID does not say which list an image is in), so the listed ownership stays.
 */
export function mergeRecord(listed: ImageRecord, fresh: ImageRecord): ImageRecord {
  return { ...fresh, ownership: listed.ownership };
}

/** The ID to show beside the name when they differ (WorkSpaces `wsi-` IDs). */
export function secondaryId(r: Pick<ImageRecord, 'id' | 'name'>): string | undefined {
  return r.id !== r.name ? r.id : undefined;
}
