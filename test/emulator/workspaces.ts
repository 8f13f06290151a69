// Amazon WorkSpaces image operations (WorkspacesService.*) over the emulated world.

import { WORKSPACES_REGIONS } from './regions';
import { AwsError } from './errors';
import { Pager } from './paging';
import type { Call } from './appstream';
import type { Json, World, WsImage } from './state';

const DEFAULT_PAGE = 25;

export class WorkSpacesService {
  private readonly pager: Pager;
  constructor(private readonly world: World) {
    this.pager = new Pager(() => world.now());
  }

  readonly operations: Record<string, (c: Call) => Json> = {
    DescribeWorkspaceImages: (c) => this.describeImages(c),
    CopyWorkspaceImage: (c) => this.copyImage(c),
    DeleteWorkspaceImage: (c) => this.deleteImage(c),
    CreateUpdatedWorkspaceImage: (c) => this.createUpdatedImage(c),
    DescribeWorkspaceImagePermissions: (c) => this.describePermissions(c),
    UpdateWorkspaceImagePermission: (c) => this.updatePermission(c),
    DescribeTags: (c) => this.describeTags(c),
    DescribeWorkspaceBundles: (c) => this.describeBundles(c),
  };

  /**
   * Owner absent: the account's own bundles; "AMAZON": AWS's. BundleIds (any owner; unknown IDs are absent) cannot
   * be combined with Owner. (inf) 25 bundles a page: the operation has no MaxResults.
   */
  private describeBundles({ region, input }: Call): Json {
    const ids = input.BundleIds as string[] | undefined;
    const owner = input.Owner as string | undefined;
    if (ids && owner !== undefined) {
      throw new AwsError('InvalidParameterValuesException', 'BundleIds and Owner cannot be specified together.');
    }
    const all = [...this.world.region(region).bundles.values()].sort((a, b) => a.BundleId.localeCompare(b.BundleId));
    const matched = ids
      ? all.filter((b) => ids.includes(b.BundleId))
      : all.filter((b) =>
          owner === undefined
            ? b.Owner === this.world.accountId
            : owner.toUpperCase() === 'AMAZON'
              ? b.Owner === 'Amazon'
              : false,
        );
    const page = this.pager.page(
      matched,
      JSON.stringify(['bundles', region, ids, owner]),
      DEFAULT_PAGE,
      input.NextToken as string | undefined,
    );
    return { Bundles: page.items, ...(page.next ? { NextToken: page.next } : {}) };
  }

  private images(region: string): Map<string, WsImage> {
    return this.world.settled(region).workspaces;
  }

  private describeImages({ region, input }: Call): Json {
    const ids = input.ImageIds as string[] | undefined;
    let matched = [...this.images(region).values()].sort((a, b) => a.image.Name.localeCompare(b.image.Name));
    // Unknown IDs are simply absent: DescribeWorkspaceImages models no ResourceNotFound.
    if (ids) matched = matched.filter((i) => ids.includes(i.image.ImageId));
    if (input.ImageType === 'OWNED') matched = matched.filter((i) => i.image.OwnerAccountId === this.world.accountId);
    if (input.ImageType === 'SHARED') matched = matched.filter((i) => i.image.OwnerAccountId !== this.world.accountId);
    const query = JSON.stringify([region, ids, input.ImageType]);
    const page = this.pager.page(
      matched,
      query,
      (input.MaxResults as number | undefined) ?? DEFAULT_PAGE,
      input.NextToken as string | undefined,
    );
    return { Images: page.items.map((i) => i.image), ...(page.next ? { NextToken: page.next } : {}) };
  }

  private notFound(id: string): AwsError {
    return new AwsError('ResourceNotFoundException', `The image ${id} could not be found.`, 400, { ResourceId: id });
  }

  private copyImage({ region, input }: Call): Json {
    const sourceRegion = input.SourceRegion as string;
    const sourceId = input.SourceImageId as string;
    if (!WORKSPACES_REGIONS.has(sourceRegion)) {
      throw new AwsError('InvalidParameterValuesException', `The source region ${sourceRegion} is not valid.`);
    }
    const src = this.images(sourceRegion).get(sourceId);
    if (!src) throw this.notFound(sourceId);
    const owned = src.image.OwnerAccountId === this.world.accountId;
    if (!owned && sourceRegion !== region) {
      throw new AwsError(
        'OperationNotSupportedException',
        'An image shared with you can be copied only within its own region.',
        400,
        { reason: 'SHARED_IMAGE_CROSS_REGION' },
      );
    }
    if (src.image.State !== 'AVAILABLE') {
      throw new AwsError(
        'ResourceUnavailableException',
        `The image ${sourceId} is not available; its state is ${src.image.State}.`,
        400,
        { ResourceId: sourceId },
      );
    }
    const name = input.Name as string;
    for (const img of this.images(region).values()) {
      if (img.image.Name === name && img.image.OwnerAccountId === this.world.accountId) {
        throw new AwsError(
          'ResourceAlreadyExistsException',
          `An image with the name ${name} already exists in ${region}.`,
        );
      }
    }
    const { ErrorCode: _e, ErrorMessage: _m, ErrorDetails: _d, Updates: _u, ...members } = src.image;
    const copy = this.world.putWorkSpaces(region, {
      ...members,
      ImageId: this.world.newWorkSpacesImageId(),
      Name: name,
      Description: (input.Description as string | undefined) ?? (src.image.Description as string | undefined),
      State: 'PENDING',
      OwnerAccountId: this.world.accountId,
      Created: new Date(this.world.now()).toISOString(),
      _tags: (input.Tags as { Key: string; Value?: string }[] | undefined) ?? [],
    });
    copy.transition = { at: this.world.now() + this.world.copyDelayMs, to: src.copyFails ? 'ERROR' : 'AVAILABLE' };
    // (inf) A copy keeps what keeps its source from being shared (a BYOL image stays BYOL).
    if (src.notShareable) copy.notShareable = src.notShareable;
    return { ImageId: copy.image.ImageId };
  }

  /**
   * An owned Windows image whose Updates say one is available: a new image PENDING until the copy delay has
   * passed, then AVAILABLE, with no update left. AWS updates only some Windows versions (the model's words):
   * a Linux image answers OperationNotSupportedException. (inf) An image with no update, or not AVAILABLE,
   * answers InvalidResourceStateException; 5 updates in flight, ResourceLimitExceededException.
   */
  private createUpdatedImage({ region, input }: Call): Json {
    const id = input.SourceImageId as string;
    const src = this.ownedImage(region, id);
    const os = (src.image.OperatingSystem as { Type?: string } | undefined)?.Type;
    if (os !== 'WINDOWS') {
      throw new AwsError(
        'OperationNotSupportedException',
        `Only Windows 10, Windows Server 2016 and Windows Server 2019 images can be updated; ${id} runs ${os ?? 'an unknown operating system'}.`,
      );
    }
    if (src.image.State !== 'AVAILABLE') {
      throw new AwsError(
        'InvalidResourceStateException',
        `The image ${id} cannot be updated while it is ${src.image.State}.`,
      );
    }
    if (!(src.image.Updates as { UpdateAvailable?: boolean } | undefined)?.UpdateAvailable) {
      throw new AwsError('InvalidResourceStateException', `The image ${id} has no updates available.`);
    }
    const name = input.Name as string;
    const images = [...this.images(region).values()];
    if (images.some((i) => i.image.Name === name && i.image.OwnerAccountId === this.world.accountId)) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        `An image with the name ${name} already exists in ${region}.`,
      );
    }
    if (images.filter((i) => i.madeByUpdate && i.transition).length >= 5) {
      throw new AwsError(
        'ResourceLimitExceededException',
        'The limit of 5 image updates in progress has been reached.',
      );
    }
    const { ErrorCode: _e, ErrorMessage: _m, ErrorDetails: _d, Updates: _u, ...members } = src.image;
    const made = this.world.putWorkSpaces(region, {
      ...members,
      ImageId: this.world.newWorkSpacesImageId(),
      Name: name,
      Description: input.Description as string,
      State: 'PENDING',
      Created: new Date(this.world.now()).toISOString(),
      _tags: (input.Tags as { Key: string; Value?: string }[] | undefined) ?? [],
    });
    made.madeByUpdate = true;
    made.transition = { at: this.world.now() + this.world.copyDelayMs, to: 'AVAILABLE' };
    return { ImageId: made.image.ImageId };
  }

  private deleteImage({ region, input }: Call): Json {
    const id = input.ImageId as string;
    const img = this.images(region).get(id);
    if (!img) return {}; // (inf) deleting an ID that does not exist succeeds: nothing to do.
    if (img.image.OwnerAccountId !== this.world.accountId) {
      throw new AwsError('AccessDeniedException', `You do not own the image ${id}.`);
    }
    const bundles = this.world.bundlesOf(region, id);
    if (bundles.length) {
      throw new AwsError(
        'ResourceAssociatedException',
        `The image ${id} is associated with the bundles ${bundles.join(', ')}. Delete them first.`,
      );
    }
    if (img.sharedWith.size) {
      throw new AwsError(
        'InvalidResourceStateException',
        `The image ${id} is shared with other accounts. Unshare it before deleting it.`,
      );
    }
    if (img.image.State === 'PENDING') {
      throw new AwsError('InvalidResourceStateException', `The image ${id} cannot be deleted while it is PENDING.`);
    }
    this.images(region).delete(id);
    return {};
  }

  private ownedImage(region: string, id: string): WsImage {
    const img = this.images(region).get(id);
    if (!img || img.image.OwnerAccountId !== this.world.accountId) throw this.notFound(id);
    return img;
  }

  private describePermissions({ region, input }: Call): Json {
    const img = this.ownedImage(region, input.ImageId as string);
    const list = [...img.sharedWith].map((SharedAccountId) => ({ SharedAccountId }));
    const page = this.pager.page(
      list,
      JSON.stringify(['perm', region, input.ImageId]),
      (input.MaxResults as number | undefined) ?? DEFAULT_PAGE,
      input.NextToken as string | undefined,
    );
    return { ImageId: img.image.ImageId, ImagePermissions: page.items, ...(page.next ? { NextToken: page.next } : {}) };
  }

  private updatePermission({ region, input }: Call): Json {
    const img = this.ownedImage(region, input.ImageId as string);
    const acct = input.SharedAccountId as string;
    if (input.AllowCopyImage) {
      // An image AWS will not share (e.g. a BYOL image where that is unsupported): the modeled OperationNotSupported.
      if (img.notShareable) {
        throw new AwsError('OperationNotSupportedException', img.notShareable.message, 400, {
          reason: img.notShareable.reason,
        });
      }
      // (inf) The model names no error for sharing with the owner itself; InvalidParameterValues is the modeled fit.
      if (acct === this.world.accountId) {
        throw new AwsError(
          'InvalidParameterValuesException',
          'An image cannot be shared with the account that owns it.',
        );
      }
      if (img.image.State !== 'AVAILABLE') {
        throw new AwsError('ResourceUnavailableException', `The image ${img.image.ImageId} is not available.`, 400, {
          ResourceId: img.image.ImageId,
        });
      }
      img.sharedWith.add(acct);
    } else if (!img.sharedWith.delete(acct)) {
      throw new AwsError('InvalidParameterValuesException', `The image is not shared with ${acct}.`);
    }
    return {};
  }

  private describeTags({ region, input }: Call): Json {
    const img = this.images(region).get(input.ResourceId as string);
    if (!img) throw this.notFound(input.ResourceId as string);
    return { TagList: img.tags };
  }
}
