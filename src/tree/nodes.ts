// The node kinds of the image tree. Nodes are plain objects kept by the provider so that loaded pages and
// identities (for reveal) survive re-renders until a refresh. IDs come from core/imageRef's Keys: every one
// includes the profile.

import type { Failure } from '../core/errors';
import type { AppInfo, ImageListKey, ImageRecord } from '../core/image';
import type { PagedList } from '../core/pagedList';
import type { ServiceId } from '../core/regions';
import type { SharedAccount } from '../core/sharing';
import type { BuilderNode, BuildersNode } from './builders';
import type { ExportsNode, ExportTaskNode } from './exports';

/** A profile's row, shown when several profiles are side by side. */
export interface ProfileNode {
  kind: 'profile';
  id: string;
  profile: string;
  accountId?: string;
  known: boolean;
}
export interface RegionNode {
  kind: 'region';
  id: string;
  profile: string;
  region: string;
  parent?: ProfileNode;
}
export interface ServiceNode {
  kind: 'service';
  id: string;
  profile: string;
  region: string;
  service: ServiceId;
  parent: RegionNode;
}
export interface TypeNode {
  kind: 'type';
  id: string;
  key: ImageListKey;
  list: PagedList<ImageRecord>;
  parent: ServiceNode;
}
export interface ImageNode {
  kind: 'image';
  id: string;
  record: ImageRecord;
  parent: TypeNode;
}
export interface AppNode {
  kind: 'app';
  id: string;
  app: AppInfo;
  parent: ImageNode;
}
/** "Shared with" under an owned image: its accounts, every page loaded on first expansion. */
export interface SharedWithNode {
  kind: 'sharedWith';
  id: string;
  list: PagedList<SharedAccount>;
  parent: ImageNode;
}
/** An account an image is shared with; `profile`: the user's own profile that signs in as that account, if any. */
export interface AccountNode {
  kind: 'account';
  id: string;
  account: SharedAccount;
  profile?: string;
  parent: SharedWithNode;
}
export interface LoadMoreNode {
  kind: 'loadMore';
  id: string;
  parent: TypeNode | BuildersNode | ExportsNode;
}
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
  parent?: TypeNode | ProfileNode | SharedWithNode | BuildersNode | ExportsNode;
}

/** "Used by" under an owned image: expanding it lists what uses images of its region (once per region). */
export interface UsedByNode {
  kind: 'usedBy';
  id: string;
  parent: ImageNode;
}
/** A fleet, image builder or bundle using the image; or "not used", or why the listing failed. */
export interface UsageRowNode {
  kind: 'usageRow';
  id: string;
  label: string;
  description?: string;
  icon: string;
  tooltip?: string;
  command?: { id: string; title: string; args?: unknown[] };
  contextValue: string;
  parent: UsedByNode;
}

export type Node =
  | ProfileNode
  | RegionNode
  | ServiceNode
  | TypeNode
  | ImageNode
  | AppNode
  | SharedWithNode
  | AccountNode
  | LoadMoreNode
  | MessageNode
  | UsedByNode
  | UsageRowNode
  | BuildersNode
  | BuilderNode
  | ExportsNode
  | ExportTaskNode;
