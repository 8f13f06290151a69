// Create Image Builder: what the request carries, and AWS's rules for each answer (CreateImageBuilder in the
// appstream model, botocore 1.43.11) as pure functions returning the message to show, or undefined when valid.
import type { BuilderRecord } from './builders';
import type { ImageRecord } from './image';

export interface BuilderCreateRequest {
  region: string;
  name: string;
  displayName?: string;
  description?: string;
  /** The image by name (owned or public), or by ARN (shared with the account: reached by ARN only). */
  imageName?: string;
  imageArn?: string;
  instanceType: string;
  subnetIds: string[];
  securityGroupIds: string[];
  iamRoleArn?: string;
  internetAccess: boolean;
  tags?: Record<string, string>;
  /** When the request was sent (Date.now()): a builder of that name made earlier is not this one. */
  startedAt: number;
}

/** The model's Name pattern (1 to 101 characters), DisplayName max 100, Description max 256. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$/;
export const BUILDER_LIMITS = {
  name: 101,
  displayName: 100,
  description: 256,
  /** VpcConfig.SecurityGroupIds max 5 (model); an image builder uses one subnet (AWS API reference, VpcConfig). */
  securityGroups: 5,
  subnets: 1,
} as const;

export const DEFAULT_BUILDER_INSTANCE_TYPE = 'stream.standard.medium';

/** The instance types offered as picks (any other stream.* type may be typed). */
export const COMMON_BUILDER_INSTANCE_TYPES = [
  'stream.standard.small',
  'stream.standard.medium',
  'stream.standard.large',
  'stream.standard.xlarge',
  'stream.standard.2xlarge',
  'stream.compute.large',
  'stream.compute.xlarge',
  'stream.memory.large',
  'stream.memory.xlarge',
  'stream.graphics.g4dn.xlarge',
  'stream.graphics.g5.xlarge',
] as const;

/**
 * The model gives InstanceType only min 1; AWS's AppStream instance types are all "stream.<family>.<size>", the
 * family possibly in two parts (stream.memory.z1d.large, stream.graphics.g4dn.xlarge, stream.graphics-pro.4xlarge).
 */
const INSTANCE_TYPE = /^stream\.[a-z][a-z0-9-]*(\.[a-z0-9]+)?\.[a-z0-9]+$/;
const SUBNET = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

const length = (s: string): number => [...s].length;

export function builderNameProblem(value: string): string | undefined {
  if (!value) return 'Enter a name for the image builder.';
  if (length(value) > BUILDER_LIMITS.name) {
    return `The name is ${length(value)} characters long; AppStream allows at most ${BUILDER_LIMITS.name}.`;
  }
  if (!/^[a-zA-Z0-9]/.test(value)) return 'The name must start with a letter or a digit.';
  if (!NAME.test(value)) {
    const bad = [...new Set([...value].filter((c) => !/[a-zA-Z0-9_.-]/.test(c)))]
      .map((c) => (c === ' ' ? 'space' : `"${c}"`))
      .join(', ');
    return `Not allowed in an image builder name: ${bad}. Use letters, digits, "_", "." and "-".`;
  }
  return undefined;
}

export function builderDisplayNameProblem(value: string): string | undefined {
  return length(value) > BUILDER_LIMITS.displayName
    ? `The display name is ${length(value)} characters long; AppStream allows at most ${BUILDER_LIMITS.displayName}.`
    : undefined;
}

export function builderDescriptionProblem(value: string): string | undefined {
  return length(value) > BUILDER_LIMITS.description
    ? `The description is ${length(value)} characters long; AppStream allows at most ${BUILDER_LIMITS.description}.`
    : undefined;
}

export function instanceTypeProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an instance type, such as stream.standard.medium.';
  if (!v.startsWith('stream.')) return `${v} is not an AppStream instance type: they start with "stream.".`;
  return INSTANCE_TYPE.test(v)
    ? undefined
    : `${v} is not an AppStream instance type: use stream.<family>.<size>, such as stream.standard.medium.`;
}

export function subnetProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter a subnet ID (subnet- and 8 or 17 hexadecimal digits).';
  return SUBNET.test(v) ? undefined : `${v} is not a subnet ID: subnet- followed by 8 or 17 hexadecimal digits.`;
}

/** Comma-separated security group IDs (optional), at most `room` of them (5 with those already chosen). */
export function securityGroupsProblem(value: string, room: number = BUILDER_LIMITS.securityGroups): string | undefined {
  const ids = splitList(value);
  const bad = ids.find((id) => !SECURITY_GROUP.test(id));
  if (bad) return `${bad} is not a security group ID: sg- followed by 8 or 17 hexadecimal digits.`;
  if (new Set(ids).size !== ids.length) return 'A security group is listed twice.';
  if (ids.length > room) {
    return `An image builder takes at most ${BUILDER_LIMITS.securityGroups} security groups; ${room === BUILDER_LIMITS.securityGroups ? `${ids.length} were entered` : `${room} more fit`}.`;
  }
  return undefined;
}

export function splitList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Whether AWS makes an image builder from the image: an AVAILABLE AppStream image that is the account's, public,
 * or shared with it for image builders (ImagePermissions.allowImageBuilder), and that supports builders
 * (ImageBuilderSupported). `builderUse`: what the listing said about the last two (src/aws reads it).
 */
export function builderSourceProblem(
  image: Pick<ImageRecord, 'service' | 'state' | 'ownership' | 'name'>,
  builderUse: { allowed?: boolean; supported?: boolean },
): string | undefined {
  if (image.service !== 'appstream') return `${image.name} is not an AppStream image.`;
  if (image.state !== 'AVAILABLE') return `${image.name} is ${image.state}: only an available image can be used.`;
  if (builderUse.supported === false) return `AWS does not support image builders from ${image.name}.`;
  if (image.ownership === 'shared' && !builderUse.allowed) {
    return `${image.name} is shared with this account for fleets only: its owner has not allowed image builders from it.`;
  }
  return undefined;
}

/** What the region's builders and fleets already use: offered as picks (no EC2 or IAM request is made). */
export interface BuilderNetworkOffers {
  subnetIds: string[];
  securityGroupIds: string[];
  roleArns: string[];
}

export function networkOffers(
  users: readonly Pick<BuilderRecord, 'subnetIds' | 'securityGroupIds' | 'iamRoleArn'>[],
): BuilderNetworkOffers {
  const uniq = (xs: (string | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort();
  return {
    subnetIds: uniq(users.flatMap((u) => u.subnetIds)),
    securityGroupIds: uniq(users.flatMap((u) => u.securityGroupIds)),
    roleArns: uniq(users.map((u) => u.iamRoleArn)),
  };
}
