// One image, whichever service it belongs to: what the tree, the commands and the copy tracker need, plus the
// record exactly as AWS returned it (shown by "Show Image Details").

import type { ServiceId } from './regions';

export type AppStreamListType = 'PRIVATE' | 'SHARED' | 'PUBLIC';
export type WorkSpacesListType = 'OWNED' | 'SHARED';
export type ListType = AppStreamListType | WorkSpacesListType;

export interface ImageListKey {
  readonly region: string;
  readonly service: ServiceId;
  readonly listType: ListType;
}

export type Ownership = 'owned' | 'shared' | 'public';

export interface ImageRecord {
  readonly service: ServiceId;
  readonly region: string;
  /** What the API addresses the image by: the AppStream name, or the WorkSpaces `wsi-` ID. */
  readonly id: string;
  readonly name: string;
  readonly arn?: string;
  readonly state: string;
  readonly ownership: Ownership;
  readonly created?: Date;
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

export function listTypeLabel(service: ServiceId, listType: ListType): string {
  switch (listType) {
    case 'PRIVATE': return 'Private';
    case 'OWNED': return 'Owned';
    case 'PUBLIC': return 'Public';
    case 'SHARED': return 'Shared with me';
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

export function sameImage(a: Pick<ImageRecord, 'service' | 'region' | 'id'>, b: Pick<ImageRecord, 'service' | 'region' | 'id'>): boolean {
  return a.service === b.service && a.region === b.region && a.id === b.id;
}
