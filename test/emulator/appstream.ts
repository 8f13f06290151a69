// AppStream 2.0 image operations (PhotonAdminProxyService.*) over the emulated world.

import { APPSTREAM_REGIONS } from './regions';
import { AwsError, asNotFound } from './errors';
import { Pager } from './paging';
import type { AsImage, Json, World } from './state';

export interface Call {
  region: string;
  input: Json;
}

const DEFAULT_PAGE = 25;
const FLEETS_PAGE = 10;
/** AWS's default quota of accounts an image may be shared with (adjustable per account; AWS-API.md section 6). */
export const MAX_SHARED_ACCOUNTS = 100;
/** AWS's default quota of managed image updates in flight (AWS-API.md section 6); over it, LimitExceededException. */
export const MAX_UPDATES_IN_FLIGHT = 5;
/** (inf) Managed image updates are for Windows images; others answer IncompatibleImageException. */
const UPDATABLE_PLATFORM = /^WINDOWS/;
/** The agent an updated image gets (the scenario's images that are up to date have it too). */
const LATEST_AGENT = '1.1.1500';

export class AppStreamService {
  private readonly pager: Pager;
  constructor(private readonly world: World) {
    this.pager = new Pager(() => world.now());
  }

  readonly operations: Record<string, (c: Call) => Json> = {
    DescribeImages: (c) => this.describeImages(c),
    CopyImage: (c) => this.copyImage(c),
    DeleteImage: (c) => this.deleteImage(c),
    CreateUpdatedImage: (c) => this.createUpdatedImage(c),
    DescribeImagePermissions: (c) => this.describePermissions(c),
    UpdateImagePermissions: (c) => this.updatePermissions(c),
    DeleteImagePermissions: (c) => this.deletePermissions(c),
    DescribeFleets: (c) => this.describeFleets(c),
    // The image builder operations, DescribeImageBuilders included, are builders.ts's.
  };

  /**
   * DescribeFleets has no MaxResults: (inf) AWS pages it itself; the endpoint answers 10 fleets a page so paging
   * is exercised. Unknown names: ResourceNotFoundException.
   */
  private describeFleets({ region, input }: Call): Json {
    const all = this.world.region(region).fleets;
    const names = input.Names as string[] | undefined;
    const matched = names
      ? names.map((n) => {
          const u = all.get(n);
          if (!u) throw asNotFound(`The fleet ${n} could not be found.`);
          return u;
        })
      : [...all.values()].sort((a, b) => a.Name.localeCompare(b.Name));
    const page = this.pager.page(
      matched,
      JSON.stringify(['fleets', region, names]),
      FLEETS_PAGE,
      input.NextToken as string | undefined,
    );
    return { Fleets: page.items, ...(page.next ? { NextToken: page.next } : {}) };
  }

  private images(region: string): Map<string, AsImage> {
    return this.world.settled(region).appstream;
  }

  private describeImages({ region, input }: Call): Json {
    const names = input.Names as string[] | undefined;
    const arns = input.Arns as string[] | undefined;
    if (names && arns) {
      throw new AwsError('InvalidParameterCombinationException', 'Names and Arns cannot be specified together.');
    }
    const all = [...this.images(region).values()].sort((a, b) => a.image.Name.localeCompare(b.image.Name));
    let matched: AsImage[];
    if (names) {
      // Shared images are reached by ARN or Type=SHARED, not by name.
      matched = names.map((n) => {
        const img = this.images(region).get(n);
        if (!img || img.image.Visibility === 'SHARED') throw asNotFound(`The image ${n} could not be found.`);
        return img;
      });
    } else if (arns) {
      matched = arns.map((a) => {
        const img = all.find((i) => i.image.Arn === a);
        if (!img) throw asNotFound(`The image ${a} could not be found.`);
        return img;
      });
    } else matched = all;
    if (input.Type) matched = matched.filter((i) => i.image.Visibility === input.Type);
    const max = (input.MaxResults as number | undefined) || DEFAULT_PAGE;
    const query = JSON.stringify([region, names, arns, input.Type]);
    const page = this.pager.page(matched, query, max, input.NextToken as string | undefined);
    return { Images: page.items.map((i) => i.image), ...(page.next ? { NextToken: page.next } : {}) };
  }

  private owned(region: string, name: string): AsImage {
    const img = this.images(region).get(name);
    if (!img || img.image.Visibility === 'SHARED') throw asNotFound(`The image ${name} could not be found.`);
    return img;
  }

  private copyImage({ region, input }: Call): Json {
    const src = this.owned(region, input.SourceImageName as string);
    const dest = input.DestinationRegion as string;
    if (!src.owned) throw new AwsError('OperationNotPermittedException', 'Only images that you own can be copied.');
    if (!APPSTREAM_REGIONS.has(dest)) {
      throw new AwsError('ResourceNotAvailableException', `AppStream 2.0 is not available in the region ${dest}.`);
    }
    if (this.world.disabledRegions.has(dest)) {
      throw new AwsError('InvalidAccountStatusException', `The account is not enabled for the region ${dest}.`);
    }
    if (src.image.State !== 'AVAILABLE') {
      throw new AwsError(
        'ResourceNotAvailableException',
        `The image ${src.image.Name} is not available; its state is ${src.image.State}.`,
      );
    }
    const name = input.DestinationImageName as string;
    const destImages = this.images(dest);
    if (destImages.has(name)) {
      throw new AwsError('ResourceAlreadyExistsException', `An image with the name ${name} already exists in ${dest}.`);
    }
    // AWS's quota of image copies in flight per destination region (AWS-API.md section 6): over it, LimitExceeded.
    const copying = [...destImages.values()].filter((i) => i.owned && i.image.State === 'COPYING').length;
    if (copying >= this.world.copyQuota) {
      throw new AwsError(
        'LimitExceededException',
        `The maximum number of image copies in progress (${this.world.copyQuota}) has been reached in ${dest}.`,
      );
    }
    const copy = this.world.putAppStream(dest, {
      ...src.image,
      Name: name,
      Visibility: 'PRIVATE',
      Arn: this.world.appStreamArn(dest, name, true),
      DisplayName: (src.image.DisplayName as string | undefined) ?? name,
      Description: (input.DestinationImageDescription as string | undefined) ?? src.image.Description,
      State: 'COPYING',
      CreatedTime: new Date(this.world.now()).toISOString(),
      ImageSharedWithOthers: undefined,
    });
    copy.transition = { at: this.world.now() + this.world.copyDelayMs, to: src.copyFails ? 'FAILED' : 'AVAILABLE' };
    return { DestinationImageName: name };
  }

  /**
   * An image of the account's own with the latest agent (LatestAppstreamAgentVersion FALSE) can be updated: a new
   * image PENDING until the copy delay has passed, then AVAILABLE. `dryRun` checks the same and answers only
   * `canUpdateImage`, creating nothing. (inf) A real call on an image that is up to date is not permitted.
   */
  private createUpdatedImage({ region, input }: Call): Json {
    const name = input.existingImageName as string;
    const src = this.owned(region, name);
    if (!src.owned) {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image ${name} is not owned by this account: only your own images can be updated.`,
      );
    }
    if (src.image.State !== 'AVAILABLE') {
      throw new AwsError(
        'ConcurrentModificationException',
        `The image ${name} cannot be updated while its state is ${src.image.State}.`,
      );
    }
    const platform = String(src.image.Platform ?? '');
    if (!UPDATABLE_PLATFORM.test(platform)) {
      throw new AwsError(
        'IncompatibleImageException',
        `Managed image updates are not supported for ${platform} images.`,
      );
    }
    const canUpdateImage = src.image.LatestAppstreamAgentVersion === 'FALSE';
    if (input.dryRun === true) return { canUpdateImage };
    if (!canUpdateImage) {
      throw new AwsError('OperationNotPermittedException', `The image ${name} already has the latest updates.`);
    }
    const newName = input.newImageName as string;
    const images = this.images(region);
    if (images.has(newName)) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        `An image with the name ${newName} already exists in ${region}.`,
      );
    }
    if ([...images.values()].filter((i) => i.madeByUpdate && i.transition).length >= MAX_UPDATES_IN_FLIGHT) {
      throw new AwsError(
        'LimitExceededException',
        `The limit of ${MAX_UPDATES_IN_FLIGHT} image updates in progress has been reached.`,
      );
    }
    const { StateChangeReason: _r, ImageErrors: _e, ImageSharedWithOthers: _s, ...members } = src.image;
    const made = this.world.putAppStream(region, {
      ...members,
      Name: newName,
      Visibility: 'PRIVATE',
      Arn: this.world.appStreamArn(region, newName, true),
      BaseImageArn: src.image.Arn,
      DisplayName:
        (input.newImageDisplayName as string | undefined) ?? (src.image.DisplayName as string | undefined) ?? newName,
      Description: (input.newImageDescription as string | undefined) ?? src.image.Description,
      State: 'PENDING',
      AppstreamAgentVersion: LATEST_AGENT,
      LatestAppstreamAgentVersion: 'TRUE',
      CreatedTime: new Date(this.world.now()).toISOString(),
      _tags: (input.newImageTags as Record<string, string> | undefined) ?? {},
    });
    made.madeByUpdate = true;
    made.transition = { at: this.world.now() + this.world.copyDelayMs, to: 'AVAILABLE' };
    return { image: made.image, canUpdateImage: true };
  }

  private deleteImage({ region, input }: Call): Json {
    const name = input.Name as string;
    const img = this.owned(region, name);
    if (!img.owned) {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image ${name} is not owned by this account and cannot be deleted.`,
      );
    }
    const users = this.world.appStreamUsers(region, img);
    if (users.length) {
      throw new AwsError('ResourceInUseException', `The image ${name} is in use by ${users.join(', ')}.`);
    }
    if (img.sharedWith.size) {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image ${name} is shared with other accounts. Remove its image permissions before deleting it.`,
      );
    }
    if (!['AVAILABLE', 'FAILED'].includes(img.image.State)) {
      throw new AwsError(
        'ConcurrentModificationException',
        `The image ${name} cannot be deleted while its state is ${img.image.State}.`,
      );
    }
    img.image.State = 'DELETING';
    img.transition = { at: this.world.now() + this.world.deleteDelayMs, to: 'GONE' };
    return { Image: img.image };
  }

  /** The permission operations are about "a private image that you own": anything else is not found. */
  private ownedPrivate(region: string, name: string): AsImage {
    const img = this.owned(region, name);
    if (!img.owned) throw asNotFound(`The image ${name} could not be found.`);
    return img;
  }

  private describePermissions({ region, input }: Call): Json {
    const img = this.ownedPrivate(region, input.Name as string);
    const filter = input.SharedAwsAccountIds as string[] | undefined;
    const list = [...img.sharedWith]
      .filter(([acct]) => !filter || filter.includes(acct))
      .map(([sharedAccountId, imagePermissions]) => ({ sharedAccountId, imagePermissions }));
    const page = this.pager.page(
      list,
      JSON.stringify(['perm', region, input.Name, filter]),
      (input.MaxResults as number | undefined) || 500,
      input.NextToken as string | undefined,
    );
    return {
      Name: img.image.Name,
      SharedImagePermissionsList: page.items,
      ...(page.next ? { NextToken: page.next } : {}),
    };
  }

  private updatePermissions({ region, input }: Call): Json {
    const img = this.ownedPrivate(region, input.Name as string);
    if (img.image.State !== 'AVAILABLE') {
      throw new AwsError('ResourceNotAvailableException', `The image ${img.image.Name} is not available.`);
    }
    const perms = input.ImagePermissions as { allowFleet?: boolean; allowImageBuilder?: boolean };
    const account = input.SharedAccountId as string;
    if (!img.sharedWith.has(account) && img.sharedWith.size >= MAX_SHARED_ACCOUNTS) {
      throw new AwsError(
        'LimitExceededException',
        `The image ${img.image.Name} is already shared with the maximum number of accounts (${MAX_SHARED_ACCOUNTS}).`,
      );
    }
    img.sharedWith.set(input.SharedAccountId as string, {
      allowFleet: !!perms.allowFleet,
      allowImageBuilder: !!perms.allowImageBuilder,
    });
    img.image.ImageSharedWithOthers = 'TRUE';
    return {};
  }

  private deletePermissions({ region, input }: Call): Json {
    const img = this.ownedPrivate(region, input.Name as string);
    if (!img.sharedWith.delete(input.SharedAccountId as string)) {
      throw asNotFound(`The image ${img.image.Name} is not shared with ${String(input.SharedAccountId)}.`);
    }
    img.image.ImageSharedWithOthers = img.sharedWith.size ? 'TRUE' : 'FALSE';
    return {};
  }
}
