// Roll-out operations over the emulated world: AppStream UpdateFleet (the image change, and the few other members
// the scenarios show) and WorkSpaces UpdateWorkspaceBundle. Members are checked against the models (schema.ts)
// before these run.
//
// UpdateFleet, as AWS documents it ("Update a fleet", UpdateFleet): ImageName or ImageArn, never both
// (InvalidParameterCombinationException); FleetState has no updating state, so a running fleet stays RUNNING on
// its new image (its instances are replaced as sessions end) and a stopped one records it for its next start.
// (inf) Which modeled error AWS answers is documented for none of these cases; the endpoint answers:
// - a fleet STARTING or STOPPING: ConcurrentModificationException (the fleet is changing state);
// - an Elastic fleet given an image: InvalidParameterCombinationException (Elastic fleets run app blocks);
// - an unknown image or fleet: ResourceNotFoundException; an image not AVAILABLE: ResourceNotAvailableException;
// - a Windows image for a Linux fleet or the reverse (the fleet's Platform): IncompatibleImageException.
// UpdateWorkspaceBundle: the account's own bundles only (an Amazon bundle: InvalidParameterValuesException);
// an unknown bundle or image: ResourceNotFoundException; an image not AVAILABLE: ResourceUnavailableException.

import { AwsError, asNotFound, validation } from './errors';
import type { AsImage, Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

const family = (platform: unknown): string | undefined =>
  typeof platform !== 'string' ? undefined : platform.startsWith('WINDOWS') ? 'windows' : 'linux';

/** Members of UpdateFleet the endpoint applies besides the image; the others are checked, then accepted as is. */
const APPLIED = ['DisplayName', 'Description', 'MaxUserDurationInSeconds', 'DisconnectTimeoutInSeconds'] as const;

export class RolloutService {
  constructor(private readonly world: World) {}

  readonly appstream: Record<string, (c: Call) => Json> = {
    UpdateFleet: (c) => this.updateFleet(c),
  };

  readonly workspaces: Record<string, (c: Call) => Json> = {
    UpdateWorkspaceBundle: (c) => this.updateBundle(c),
  };

  private updateFleet({ region, input }: Call): Json {
    // The model leaves Name optional; AWS cannot tell which fleet is meant without it.
    if (typeof input.Name !== 'string') {
      throw validation("Value null at 'name' failed to satisfy constraint: Member must not be null");
    }
    const r = this.world.settled(region);
    const fleet = r.fleets.get(input.Name);
    if (!fleet) throw asNotFound(`The fleet ${input.Name} could not be found.`);
    const { ImageName, ImageArn } = input as { ImageName?: string; ImageArn?: string };
    if (ImageName !== undefined && ImageArn !== undefined) {
      throw new AwsError('InvalidParameterCombinationException', 'ImageName and ImageArn cannot both be specified.');
    }
    if (fleet.State === 'STARTING' || fleet.State === 'STOPPING') {
      throw new AwsError(
        'ConcurrentModificationException',
        `The fleet ${fleet.Name} is ${fleet.State}. Wait until it is RUNNING or STOPPED, then try again.`,
      );
    }
    if (ImageName !== undefined || ImageArn !== undefined) {
      if (fleet.FleetType === 'ELASTIC') {
        throw new AwsError(
          'InvalidParameterCombinationException',
          `The fleet ${fleet.Name} is an Elastic fleet: Elastic fleets do not use images.`,
        );
      }
      const image = this.image(region, ImageName, ImageArn);
      const wanted = ImageName ?? ImageArn;
      if (!image) throw asNotFound(`The image ${wanted} could not be found.`);
      if (image.image.State !== 'AVAILABLE') {
        throw new AwsError(
          'ResourceNotAvailableException',
          `The image ${image.image.Name} is not available (it is ${image.image.State}).`,
        );
      }
      const [from, to] = [family(fleet.Platform), family(image.image.Platform)];
      if (from && to && from !== to) {
        throw new AwsError(
          'IncompatibleImageException',
          `The image ${image.image.Name} (${String(image.image.Platform)}) is not compatible with the fleet ${fleet.Name} (${String(fleet.Platform)}).`,
        );
      }
      fleet.ImageName = image.image.Name;
      fleet.ImageArn = image.image.Arn;
      if (to) fleet.Platform = image.image.Platform;
    }
    for (const k of APPLIED) if (input[k] !== undefined) fleet[k] = input[k];
    return { Fleet: fleet };
  }

  /** An image a fleet of the region may use: the account's own, a public one, or one shared with it. */
  private image(region: string, name: string | undefined, arn: string | undefined): AsImage | undefined {
    const images = this.world.settled(region).appstream;
    if (name !== undefined) return images.get(name);
    return [...images.values()].find((i) => i.image.Arn === arn);
  }

  private updateBundle({ region, input }: Call): Json {
    const { BundleId, ImageId } = input as { BundleId?: string; ImageId?: string };
    // Both are optional in the model; AWS needs both to know what to change.
    if (BundleId === undefined || ImageId === undefined) {
      throw new AwsError('InvalidParameterValuesException', 'BundleId and ImageId are required.');
    }
    const r = this.world.settled(region);
    const bundle = r.bundles.get(BundleId);
    if (!bundle) {
      throw new AwsError('ResourceNotFoundException', `The bundle ${BundleId} could not be found.`, 400, {
        ResourceId: BundleId,
      });
    }
    if (bundle.Owner !== this.world.accountId) {
      throw new AwsError(
        'InvalidParameterValuesException',
        `The bundle ${BundleId} is not owned by this account: only your own bundles can be updated.`,
      );
    }
    const image = r.workspaces.get(ImageId);
    if (!image) {
      throw new AwsError('ResourceNotFoundException', `The image ${ImageId} could not be found.`, 400, {
        ResourceId: ImageId,
      });
    }
    if (image.image.State !== 'AVAILABLE') {
      throw new AwsError('ResourceUnavailableException', `The image ${ImageId} is not available.`, 400, {
        ResourceId: ImageId,
      });
    }
    bundle.ImageId = ImageId;
    bundle.LastUpdatedTime = this.world.now() / 1000;
    return {};
  }
}
