// Amazon WorkSpaces: the WorkSpaces themselves (DescribeWorkspaces, paged and filtered as the model allows) and
// the images made from one (CreateWorkspaceImage) or imported from an AMI (ImportWorkspaceImage, BYOL). A new
// image is PENDING until the copy delay has passed, then AVAILABLE, or ERROR with the ErrorDetails its WorkSpace
// or AMI is seeded to fail with.
//
// Refusals, as the model names them: an unknown WorkSpace or AMI answers ResourceNotFoundException; a WorkSpace
// not AVAILABLE or STOPPED, InvalidResourceStateException (AWS's documented requirement); a name the account
// already uses in the region, ResourceAlreadyExistsException; the region's image quota (World.wsImageQuota, 40 by
// default), ResourceLimitExceededException; a WorkSpace seeded `_notSupported` or an AMI that is not Windows,
// OperationNotSupportedException. (inf) DescribeWorkspaces takes one of WorkspaceIds, DirectoryId or BundleId
// (AWS: "only one filter at a time"), and UserName only with DirectoryId: otherwise InvalidParameterValuesException.
import { AwsError } from './errors';
import { Pager } from './paging';
import type { Desktop, Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

const PAGE = 25;
const SOURCE_STATES = new Set(['AVAILABLE', 'STOPPED']);

export class WorkSpaceImageService {
  private readonly pager: Pager;
  constructor(private readonly world: World) {
    this.pager = new Pager(() => world.now());
  }

  readonly operations: Record<string, (c: Call) => Json> = {
    DescribeWorkspaces: (c) => this.describeWorkspaces(c),
    CreateWorkspaceImage: (c) => this.createImage(c),
    ImportWorkspaceImage: (c) => this.importImage(c),
  };

  private describeWorkspaces({ region, input }: Call): Json {
    const ids = input.WorkspaceIds as string[] | undefined;
    const dir = input.DirectoryId as string | undefined;
    const bundle = input.BundleId as string | undefined;
    const user = input.UserName as string | undefined;
    const wsName = input.WorkspaceName as string | undefined;
    if ([ids, dir, bundle].filter((x) => x !== undefined).length > 1) {
      throw new AwsError(
        'InvalidParameterValuesException',
        'Only one of WorkspaceIds, DirectoryId and BundleId can be specified.',
      );
    }
    if (user !== undefined && dir === undefined) {
      throw new AwsError('InvalidParameterValuesException', 'UserName can be specified only with DirectoryId.');
    }
    const all = [...this.world.region(region).desktops.values()].sort((a, b) =>
      a.WorkspaceId.localeCompare(b.WorkspaceId),
    );
    const matched = all.filter(
      (w) =>
        (!ids || ids.includes(w.WorkspaceId)) &&
        (dir === undefined || w.DirectoryId === dir) &&
        (bundle === undefined || w.BundleId === bundle) &&
        (user === undefined || (w.UserName as string | undefined)?.toLowerCase() === user.toLowerCase()) &&
        (wsName === undefined || w.WorkspaceName === wsName),
    );
    const page = this.pager.page(
      matched,
      JSON.stringify(['workspaces', region, ids, dir, bundle, user, wsName]),
      (input.Limit as number | undefined) ?? PAGE,
      input.NextToken as string | undefined,
    );
    return {
      Workspaces: page.items.map((w) => publicMembers(w)),
      ...(page.next ? { NextToken: page.next } : {}),
    };
  }

  private createImage({ region, input }: Call): Json {
    const id = input.WorkspaceId as string;
    const ws = this.world.region(region).desktops.get(id);
    if (!ws) {
      throw new AwsError('ResourceNotFoundException', `The WorkSpace ${id} could not be found.`, 400, {
        ResourceId: id,
      });
    }
    if (typeof ws._notSupported === 'string') {
      throw new AwsError('OperationNotSupportedException', ws._notSupported);
    }
    if (!SOURCE_STATES.has(ws.State)) {
      throw new AwsError(
        'InvalidResourceStateException',
        `The WorkSpace ${id} is ${ws.State}; an image can be created only from a WorkSpace that is AVAILABLE or STOPPED.`,
      );
    }
    const made = this.newImage(region, input.Name as string, input.Description as string, input.Tags, {
      OperatingSystem: { Type: 'WINDOWS' },
      RequiredTenancy: 'DEFAULT',
    });
    if (ws._imageFails) made.failDetails = ws._imageFails;
    made.transition = { at: this.world.now() + this.world.copyDelayMs, to: ws._imageFails ? 'ERROR' : 'AVAILABLE' };
    const { ImageId, Name, Description, OperatingSystem, State, RequiredTenancy, Created, OwnerAccountId } = made.image;
    return { ImageId, Name, Description, OperatingSystem, State, RequiredTenancy, Created, OwnerAccountId };
  }

  private importImage({ region, input }: Call): Json {
    const amiId = input.Ec2ImageId as string;
    const ami = this.world.region(region).amis.get(amiId);
    if (!ami) {
      throw new AwsError('ResourceNotFoundException', `The EC2 image ${amiId} could not be found in ${region}.`, 400, {
        ResourceId: amiId,
      });
    }
    if ((ami.Platform ?? 'windows') !== 'windows') {
      throw new AwsError(
        'OperationNotSupportedException',
        `The image ${amiId} runs ${ami.Platform}; only Windows 10 and 11 images can be imported.`,
      );
    }
    const made = this.newImage(region, input.ImageName as string, input.ImageDescription as string, input.Tags, {
      OperatingSystem: { Type: 'WINDOWS' },
      // BYOL images run on dedicated hardware.
      RequiredTenancy: 'DEDICATED',
    });
    if (ami._importFails) made.failDetails = ami._importFails;
    made.transition = { at: this.world.now() + this.world.copyDelayMs, to: ami._importFails ? 'ERROR' : 'AVAILABLE' };
    return { ImageId: made.image.ImageId };
  }

  /** A new owned image PENDING in the region, once the name is free and the quota allows it. */
  private newImage(region: string, name: string, description: string, tags: unknown, members: Json) {
    const owned = [...this.world.settled(region).workspaces.values()].filter(
      (i) => i.image.OwnerAccountId === this.world.accountId,
    );
    if (owned.some((i) => i.image.Name === name)) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        `An image with the name ${name} already exists in ${region}.`,
      );
    }
    if (owned.length >= this.world.wsImageQuota) {
      throw new AwsError(
        'ResourceLimitExceededException',
        `The limit of ${this.world.wsImageQuota} images in ${region} has been reached.`,
      );
    }
    return this.world.putWorkSpaces(region, {
      ...members,
      ImageId: this.world.newWorkSpacesImageId(),
      Name: name,
      Description: description,
      State: 'PENDING',
      Created: new Date(this.world.now()).toISOString(),
      _tags: (tags as { Key: string; Value?: string }[] | undefined) ?? [],
    });
  }
}

/** What AWS returns of a WorkSpace: the seed without the endpoint's "_" members. */
function publicMembers(w: Desktop): Json {
  return Object.fromEntries(Object.entries(w).filter(([k]) => !k.startsWith('_')));
}
