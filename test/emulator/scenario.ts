// The JSON scenario the emulator is seeded from. Images are given as AWS returns them (timestamps as ISO
// strings for readability), plus a few emulator-only members prefixed with "_".

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AppStreamImageSeed {
  Name: string;
  Visibility?: 'PUBLIC' | 'PRIVATE' | 'SHARED';
  State?: string;
  Platform?: string;
  CreatedTime?: string;
  /** "fleet NAME" or "image builder NAME": a fleet or image builder on this image is made (DescribeFleets /
   *  DescribeImageBuilders list it, DeleteImage answers ResourceInUseException). */
  _inUseBy?: string;
  /** Created this many days before the endpoint starts (instead of CreatedTime): scenarios that do not age. */
  _ageDays?: number;
  /** Accounts the image is shared with (fleets only, unless said): DeleteImage is refused until they are removed. */
  _sharedWith?: (string | { account: string; allowFleet?: boolean; allowImageBuilder?: boolean })[];
  _tags?: Record<string, string>;
  /** Copies of this image fail (IMAGE_COPY_FAILURE) instead of becoming AVAILABLE. */
  _copyFails?: boolean;
  /** An image in transition (COPYING ...) settles this long after the endpoint starts: to AVAILABLE, or FAILED with _copyFails. */
  _settleAfterMs?: number;
  [member: string]: unknown;
}

export interface WorkSpacesImageSeed {
  ImageId: string;
  Name: string;
  State?: string;
  OwnerAccountId?: string;
  Created?: string;
  /** IDs of the account's bundles built on the image (made in the region; DeleteWorkspaceImage answers
   *  ResourceAssociatedException). */
  _bundles?: string[];
  _ageDays?: number;
  /** Accounts the image is shared with: DeleteWorkspaceImage is refused until it is unshared. */
  _sharedWith?: string[];
  /** AWS will not share the image (e.g. BYOL where unsupported): sharing answers OperationNotSupportedException. */
  _notShareable?: { message: string; reason?: string };
  _tags?: { Key: string; Value?: string }[];
  _copyFails?: boolean;
  _settleAfterMs?: number;
  [member: string]: unknown;
}

export interface GenerateSpec {
  appstreamPrivate?: number;
  appstreamPublic?: number;
  workspacesOwned?: number;
  /** Fleets Fleet-001 ... on `fleetImage` (more than a page of DescribeFleets). */
  fleets?: number;
  fleetImage?: string;
}

/** A fleet or image builder on an image of the region, by the image's name. */
export interface AppStreamUserSeed {
  Name: string;
  ImageName: string;
  State?: string;
  /** Builders: created this many days before the endpoint starts (instead of CreatedTime). */
  _ageDays?: number;
  /** Builders: starting it ends in FAILED (INTERNAL_ERROR, with an ImageBuilderErrors entry) instead of RUNNING. */
  _startFails?: boolean;
  /** Builders: StartImageBuilder answers IncompatibleImageException with this message. */
  _incompatible?: string;
  /** Builders seeded in a transition (PENDING ...): they reach `_settlesTo` (default RUNNING) this long after start. */
  _settleAfterMs?: number;
  _settlesTo?: string;
  [member: string]: unknown;
}

/** An AMI in the region: imported, it becomes AVAILABLE, or FAILED after VALIDATING with `_validationFails`. */
export interface ImportAmiSeed {
  AmiId: string;
  Platform?: string;
  /** The import ends FAILED (IMAGE_IMPORT_FAILURE) with this ImageErrors entry. */
  _validationFails?: { ErrorCode: string; ErrorMessage: string };
  /** CreateImportedImage answers IncompatibleImageException with this message. */
  _incompatible?: string;
}

/** An export task as ListExportImageTasks returns it, by the image's name (times as ISO strings). */
export interface ExportTaskSeed {
  TaskId: string;
  ImageName: string;
  AmiName: string;
  State?: string;
  AmiId?: string;
  CreatedDate?: string;
  AmiDescription?: string;
  ErrorDetails?: { ErrorCode?: string; ErrorMessage?: string }[];
  /** An EXPORTING task completes (or fails, for an image in exportFails) this long after the endpoint starts. */
  _settleAfterMs?: number;
}

export interface BundleSeed {
  BundleId: string;
  Name: string;
  ImageId: string;
  /** Absent: the account's own. "Amazon": one of AWS's bundles. */
  Owner?: string;
  [member: string]: unknown;
}

/** A WorkSpace (DescribeWorkspaces), as AWS returns it, plus what CreateWorkspaceImage does with it. */
export interface DesktopSeed {
  WorkspaceId: string;
  UserName?: string;
  ComputerName?: string;
  State?: string;
  /** An image made of it settles to ERROR with these ErrorDetails instead of AVAILABLE. */
  _imageFails?: { ErrorCode: string; ErrorMessage?: string }[];
  /** CreateWorkspaceImage answers OperationNotSupportedException with this message. */
  _notSupported?: string;
  [member: string]: unknown;
}

/** An EC2 image ImportWorkspaceImage can import (an AMI not listed here answers ResourceNotFoundException). */
export interface AmiSeed {
  ImageId: string;
  /** "windows" (default) or another platform, which the import refuses (OperationNotSupportedException). */
  Platform?: string;
  /** The import settles to ERROR with these ErrorDetails instead of AVAILABLE. */
  _importFails?: { ErrorCode: string; ErrorMessage?: string }[];
}

export interface RegionSeed {
  appstream?: AppStreamImageSeed[];
  workspaces?: WorkSpacesImageSeed[];
  fleets?: AppStreamUserSeed[];
  imageBuilders?: AppStreamUserSeed[];
  bundles?: BundleSeed[];
  generate?: GenerateSpec;
  /** EC2 AMIs CreateImportedImage can import here (importExport.ts); any other AMI ID is not found. */
  importAmis?: ImportAmiSeed[];
  /** Export tasks ListExportImageTasks lists, and images whose exports fail (importExport.ts). */
  exportTasks?: ExportTaskSeed[];
  exportFails?: string[];
  /** WorkSpaces (not images: those are `workspaces`) and importable AMIs. */
  desktops?: DesktopSeed[];
  amis?: AmiSeed[];
}

export interface Scenario {
  accountId?: string;
  /** How long a copy stays COPYING / PENDING before it settles. */
  copyDelayMs?: number;
  /** AppStream copies in flight (COPYING) per destination region before CopyImage answers LimitExceededException (default 2). */
  copyQuota?: number;
  /** How long an AppStream image stays DELETING before it is gone. */
  deleteDelayMs?: number;
  /** Regions whose opt-in is not enabled: every call answers UnrecognizedClientException, as AWS does. */
  disabledRegions?: string[];
  /** Access key IDs whose session has expired (ExpiredTokenException) or that AWS does not know. */
  expiredAccessKeys?: string[];
  invalidAccessKeys?: string[];
  regions: Record<string, RegionSeed>;
  /** Image builders a region may have before CreateImageBuilder answers LimitExceededException (default 10). */
  builderQuota?: number;
  /** Role ARNs that pass the model's pattern but that AppStream cannot assume: InvalidRoleException. */
  unassumableRoles?: string[];
  /** Subnets with no free IP address: a builder created in one ends FAILED (SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES). */
  fullSubnets?: string[];
  /**
   * Other AWS accounts: requests signed with one of an account's access key IDs see that account's images
   * (its own scenario), as a profile of another account would. Other keys see this scenario's account.
   */
  accounts?: { accessKeyIds: string[]; accountId: string; regions: Record<string, RegionSeed> }[];
}

export const SCENARIO_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'scenarios');

export function loadScenario(nameOrPath: string): Scenario {
  const file = fs.existsSync(nameOrPath) ? nameOrPath : path.join(SCENARIO_DIR, `${nameOrPath}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Scenario;
}
