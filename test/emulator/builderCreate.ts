// CreateImageBuilder over the emulated world: the new builder is PENDING, then RUNNING after the copy delay (or
// FAILED with AWS's errors in a subnet with no free address), with the refusals AWS names. The model's member
// constraints are schema.ts's; what the model cannot say is checked here:
// - the image: exactly one of ImageName / ImageArn (InvalidParameterCombinationException); by name only the
//   account's own or public images, by ARN any it can see (ResourceNotFoundException); AVAILABLE only
//   (ResourceNotAvailableException); a shared image only with allowImageBuilder (OperationNotPermittedException,
//   (inf)); ImageBuilderSupported false: IncompatibleImageException;
// - the name: a builder of that name exists (ResourceAlreadyExistsException);
// - the instance type: stream.<family>.<size> (InvalidParameterCombinationException, (inf)); the graphics
//   families AWS offers for Windows only on a Linux image: IncompatibleImageException;
// - the network: one subnet for a builder; security groups need a subnet (InvalidParameterCombinationException);
// - the role: an IAM role ARN that AppStream can assume (InvalidRoleException), scenario `unassumableRoles`;
// - the quota: `builderQuota` builders per region (LimitExceededException).
import { AwsError, asNotFound } from './errors';
import type { AsImage, Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

const INSTANCE_TYPE = /^stream\.[a-z][a-z0-9-]*(\.[a-z0-9]+)?\.[a-z0-9]+$/;
const WINDOWS_ONLY = /^stream\.graphics-(design|pro)\./;
const IAM_ROLE = /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:iam::\d{12}:role\/.+$/;

const combination = (message: string): AwsError => new AwsError('InvalidParameterCombinationException', message);

export class BuilderCreateService {
  constructor(private readonly world: World) {}

  readonly operations: Record<string, (c: Call) => Json> = {
    CreateImageBuilder: (c) => this.create(c),
  };

  private image(region: string, input: Json): AsImage {
    const name = input.ImageName as string | undefined;
    const arn = input.ImageArn as string | undefined;
    if ((name === undefined) === (arn === undefined)) {
      throw combination('Specify either ImageName or ImageArn, not both and not neither.');
    }
    const images = [...this.world.settled(region).appstream.values()];
    const img = name
      ? images.find((i) => i.image.Name === name && i.image.Visibility !== 'SHARED')
      : images.find((i) => i.image.Arn === arn);
    if (!img) throw asNotFound(`The image ${name ?? arn} could not be found.`);
    if (img.image.State !== 'AVAILABLE') {
      throw new AwsError(
        'ResourceNotAvailableException',
        `The image ${img.image.Name} is not available: its state is ${img.image.State}.`,
      );
    }
    const perms = img.image.ImagePermissions as { allowImageBuilder?: boolean } | undefined;
    if (img.image.Visibility === 'SHARED' && !perms?.allowImageBuilder) {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image ${img.image.Name} is not shared with this account for image builders.`,
      );
    }
    if (img.image.ImageBuilderSupported === false) {
      throw new AwsError('IncompatibleImageException', `Image builders are not supported for ${img.image.Name}.`);
    }
    return img;
  }

  private create({ region, input }: Call): Json {
    const name = input.Name as string;
    const builders = this.world.settled(region).imageBuilders;
    const img = this.image(region, input);
    if (builders.has(name)) {
      throw new AwsError('ResourceAlreadyExistsException', `An image builder named ${name} already exists.`);
    }
    const type = input.InstanceType as string;
    if (!INSTANCE_TYPE.test(type)) throw combination(`The instance type ${type} is not supported.`);
    if (WINDOWS_ONLY.test(type) && /LINUX|RHEL|UBUNTU/.test(String(img.image.Platform))) {
      throw new AwsError(
        'IncompatibleImageException',
        `The instance type ${type} is not supported for the platform ${String(img.image.Platform)}.`,
      );
    }
    const vpc = input.VpcConfig as { SubnetIds?: string[]; SecurityGroupIds?: string[] } | undefined;
    if ((vpc?.SubnetIds?.length ?? 0) > 1) throw combination('An image builder takes only one subnet.');
    if (vpc?.SecurityGroupIds?.length && !vpc.SubnetIds?.length) {
      throw combination('Security groups can be specified only with a subnet.');
    }
    const role = input.IamRoleArn as string | undefined;
    if (role && (!IAM_ROLE.test(role) || this.world.unassumableRoles.has(role))) {
      throw new AwsError('InvalidRoleException', `AppStream 2.0 cannot assume the role ${role}.`);
    }
    if (builders.size >= this.world.builderQuota) {
      throw new AwsError(
        'LimitExceededException',
        `The image builder quota of ${this.world.builderQuota} in ${region} has been reached.`,
      );
    }
    const full = vpc?.SubnetIds?.some((id) => this.world.fullSubnets.has(id));
    const builder = this.world.putImageBuilder(region, {
      Name: name,
      ImageName: img.image.Name,
      ImageArn: img.image.Arn,
      State: 'PENDING',
      DisplayName: (input.DisplayName as string | undefined) ?? name,
      ...(input.Description ? { Description: input.Description } : {}),
      InstanceType: type,
      Platform: img.image.Platform,
      AppstreamAgentVersion: (input.AppstreamAgentVersion as string | undefined) ?? img.image.AppstreamAgentVersion,
      EnableDefaultInternetAccess: input.EnableDefaultInternetAccess === true,
      ...(vpc ? { VpcConfig: vpc } : {}),
      ...(role ? { IamRoleArn: role } : {}),
      _settleAfterMs: this.world.copyDelayMs,
      _settlesTo: full ? 'FAILED' : 'RUNNING',
      CreatedTime: this.world.now() / 1000,
    });
    if (full) {
      this.world.builderSim(region, name).failWith = {
        reason: { Code: 'INTERNAL_ERROR', Message: 'The image builder could not be created.' },
        errors: [
          {
            ErrorCode: 'SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES',
            ErrorMessage: `The subnet ${vpc?.SubnetIds?.[0]} has no free IP addresses.`,
          },
        ],
      };
    }
    return { ImageBuilder: builder };
  }
}
