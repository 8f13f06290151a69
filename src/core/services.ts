// What each service can do, as one table: code above src/aws reads a capability here instead of naming a
// service, so a new service is an entry in this table plus its adapter in src/aws.

import type { ImageRecord } from './image';
import type { ServiceId } from './regions';
import type { UserKind } from './usage';

export interface ServiceCapabilities {
  /** Codicon of the service's row in the tree. */
  readonly icon: 'window' | 'vm';
  /** What can use its images, in the order the "Used by" row lists them. */
  readonly usageKinds: readonly UserKind[];
  /**
   * Listings say whether an owned image is shared with other accounts (AppStream `ImageSharedWithOthers`), so a
   * change of sharing shows in the record; otherwise the accounts are known only by asking (WorkSpaces).
   */
  readonly sharingInListings: boolean;
  /** Sharing says what the account may use the image for (AppStream fleets / image builders); else it may only copy it. */
  readonly sharingHasUse: boolean;
  /** Images are addressed by their exact name (AppStream DescribeImages by Name): a typed name is one direct look. */
  readonly lookupByName: boolean;
  /** The copy request carries tags (CopyWorkspaceImage `Tags`); otherwise they are applied once the copy exists. */
  readonly tagsInCopyRequest: boolean;
  /** Whether AWS can update an image is asked of AWS (a dry run); otherwise the listing says (`Updates`). */
  readonly updateCheckedByDryRun: boolean;
  /**
   * An updated image needs a description (CreateUpdatedWorkspaceImage), and takes nothing else from the user;
   * otherwise the description is optional and a display name and tags may be given.
   */
  readonly updateNeedsDescription: boolean;
  /** Copies leave the source region only in the commercial partition (CopyWorkspaceImage in China, GovCloud). */
  readonly crossRegionCopyOnlyInAws: boolean;
  /** Images are made on image builders the account runs: the region's service row lists them. */
  readonly imageBuilders: boolean;
  /** Images run on fleets (Use in Fleets, Change Image). */
  readonly fleets: boolean;
  /** The account's bundles launch WorkSpaces from its images (Use in Bundles). */
  readonly bundles: boolean;
  /** Images are imported from and exported to EC2 AMIs (CreateImportedImage, CreateExportImageTask). */
  readonly amiImportExport: boolean;
  /** Images are made from the account's WorkSpaces, or imported from an AMI for BYOL (ImportWorkspaceImage). */
  readonly imagesFromWorkSpaces: boolean;
}

export const SERVICES_CAN: Readonly<Record<ServiceId, ServiceCapabilities>> = {
  appstream: {
    icon: 'window',
    usageKinds: ['fleet', 'imageBuilder'],
    sharingInListings: true,
    sharingHasUse: true,
    lookupByName: true,
    tagsInCopyRequest: false,
    updateCheckedByDryRun: true,
    updateNeedsDescription: false,
    crossRegionCopyOnlyInAws: false,
    imageBuilders: true,
    fleets: true,
    bundles: false,
    amiImportExport: true,
    imagesFromWorkSpaces: false,
  },
  workspaces: {
    icon: 'vm',
    usageKinds: ['bundle'],
    sharingInListings: false,
    sharingHasUse: false,
    lookupByName: false,
    tagsInCopyRequest: true,
    updateCheckedByDryRun: false,
    updateNeedsDescription: true,
    crossRegionCopyOnlyInAws: true,
    imageBuilders: false,
    fleets: false,
    bundles: true,
    amiImportExport: false,
    imagesFromWorkSpaces: true,
  },
};

/** The one service that has a capability (each of these belongs to one service today). */
const serviceThat = (can: keyof ServiceCapabilities): ServiceId =>
  (Object.keys(SERVICES_CAN) as ServiceId[]).find((s) => SERVICES_CAN[s][can] === true)!;

/** The service whose images are made on image builders: builder rows and builder jobs belong to it. */
export const BUILDERS_SERVICE = serviceThat('imageBuilders');
/** The service whose images run on fleets, and the one whose bundles launch WorkSpaces from its images. */
export const FLEETS_SERVICE = serviceThat('fleets');
export const BUNDLES_SERVICE = serviceThat('bundles');
/** The service whose images are made from WorkSpaces or imported for BYOL. */
export const WORKSPACE_IMAGES_SERVICE = serviceThat('imagesFromWorkSpaces');

/**
 * The record a listing will show once sharing changed (`shared`: whether any account still has the image), so
 * the tree can show it before AWS is asked again; undefined where listings say nothing of sharing.
 */
export function afterSharingChange(image: ImageRecord, shared: boolean): ImageRecord | undefined {
  return SERVICES_CAN[image.service].sharingInListings ? { ...image, sharedWithOthers: shared } : undefined;
}
