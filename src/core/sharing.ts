// Sharing an owned image with other AWS accounts: what an account may do with it, and how that reads.
// AppStream says per account whether its fleets and image builders may use the image; WorkSpaces shares an
// image by letting the account copy it (in the same region), with nothing more to say.

import type { ImageRecord } from './image';
import type { ServiceId } from './regions';
import { SERVICES_CAN } from './services';

/** What an account may do with an AppStream image (ImagePermissions allowFleet / allowImageBuilder). */
export interface ImageUse {
  readonly fleets: boolean;
  readonly imageBuilders: boolean;
}

export interface SharedAccount {
  readonly accountId: string;
  /** AppStream only: WorkSpaces has no permissions beyond "may copy". */
  readonly use?: ImageUse;
}

/** "fleets, image builders" — what a row says an account may do. */
export function useLabel(account: SharedAccount): string {
  if (!account.use) return 'may copy the image';
  const parts = [
    account.use.fleets ? 'fleets' : undefined,
    account.use.imageBuilders ? 'image builders' : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no use';
}

/** Whether sharing asks what the account may use the image for (AppStream); WorkSpaces only lets it copy. */
export function sharingHasUse(service: ServiceId): boolean {
  return SERVICES_CAN[service].sharingHasUse;
}

export function sameUse(a: ImageUse | undefined, b: ImageUse | undefined): boolean {
  return !!a && !!b && a.fleets === b.fleets && a.imageBuilders === b.imageBuilders;
}

/**
 * Whether an image row offers a "Shared with" row. AppStream says in every listing whether an owned image is
 * shared (ImageSharedWithOthers), so only shared ones do. WorkSpaces listings say nothing about sharing, so every
 * owned WorkSpaces image offers it, and its accounts are asked for only when the row is expanded.
 */
export function offersSharedWith(r: Pick<ImageRecord, 'service' | 'ownership' | 'sharedWithOthers'>): boolean {
  if (r.ownership !== 'owned') return false;
  return !SERVICES_CAN[r.service].sharingInListings || !!r.sharedWithOthers;
}

/** The account that owns an image, where it can be known without a request: WorkSpaces says; an AppStream ARN holds it. */
export function ownerAccountOf(r: Pick<ImageRecord, 'service' | 'ownerAccountId' | 'arn'>): string | undefined {
  if (r.ownerAccountId) return r.ownerAccountId;
  const fromArn = r.arn?.split(':')[4];
  return fromArn && /^\d{12}$/.test(fromArn) ? fromArn : undefined;
}

/** The IAM action each sharing request needs, named when access is denied. */
export const SHARING_IAM = {
  list: { appstream: 'appstream:DescribeImagePermissions', workspaces: 'workspaces:DescribeWorkspaceImagePermissions' },
  share: { appstream: 'appstream:UpdateImagePermissions', workspaces: 'workspaces:UpdateWorkspaceImagePermission' },
  unshare: { appstream: 'appstream:DeleteImagePermissions', workspaces: 'workspaces:UpdateWorkspaceImagePermission' },
} as const;
