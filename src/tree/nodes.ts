// The node kinds of the image tree. Nodes are plain objects kept by the provider so that loaded pages and
// identities (for reveal) survive re-renders until a refresh. IDs come from core/imageRef's Keys: every one
// includes the profile.

import type { Failure } from '../core/errors';
import type { AppInfo, ImageListKey, ImageRecord } from '../core/image';
import type { PagedList } from '../core/pagedList';
import type { ServiceId } from '../core/regions';
import type { SharedAccount } from '../core/sharing';

export interface RegionNode { kind: 'region'; id: string; profile: string; region: string }
export interface ServiceNode { kind: 'service'; id: string; profile: string; region: string; service: ServiceId; parent: RegionNode }
export interface TypeNode { kind: 'type'; id: string; key: ImageListKey; list: PagedList<ImageRecord>; parent: ServiceNode }
export interface ImageNode { kind: 'image'; id: string; record: ImageRecord; parent: TypeNode }
export interface AppNode { kind: 'app'; id: string; app: AppInfo; parent: ImageNode }
/** "Shared with" under an owned image: its accounts, every page loaded on first expansion. */
export interface SharedWithNode { kind: 'sharedWith'; id: string; list: PagedList<SharedAccount>; parent: ImageNode }
export interface AccountNode { kind: 'account'; id: string; account: SharedAccount; parent: SharedWithNode }
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
  parent?: TypeNode | SharedWithNode;
}

export type Node = RegionNode | ServiceNode | TypeNode | ImageNode | AppNode | SharedWithNode | AccountNode | LoadMoreNode | MessageNode;
