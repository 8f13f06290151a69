// The node kinds of the image tree. Nodes are plain objects kept by the provider so that loaded pages and
// identities (for reveal) survive re-renders until a refresh.

import type { Failure } from '../core/errors';
import type { ImageListKey, ImageRecord } from '../core/image';
import type { PagedList } from '../core/pagedList';
import type { ServiceId } from '../core/regions';

export interface RegionNode { kind: 'region'; id: string; region: string }
export interface ServiceNode { kind: 'service'; id: string; region: string; service: ServiceId; parent: RegionNode }
export interface TypeNode { kind: 'type'; id: string; key: ImageListKey; list: PagedList<ImageRecord>; parent: ServiceNode }
export interface ImageNode { kind: 'image'; id: string; record: ImageRecord; parent: TypeNode }
export interface AppNode { kind: 'app'; id: string; app: { Name?: string; DisplayName?: string; Platforms?: string[] }; parent: ImageNode }
export interface LoadMoreNode { kind: 'loadMore'; id: string; parent: TypeNode }
export interface MessageNode {
  kind: 'message';
  id: string;
  label: string;
  icon: string;
  tooltip?: string;
  /** A fix-it command run on click (Retry, Select Regions ...). */
  command?: { id: string; title: string; args?: unknown[] };
  contextValue?: string;
  failure?: Failure;
  parent?: TypeNode;
}

export type Node = RegionNode | ServiceNode | TypeNode | ImageNode | AppNode | LoadMoreNode | MessageNode;

export function keyId(k: ImageListKey): string {
  return `${k.region}/${k.service}/${k.listType}`;
}
