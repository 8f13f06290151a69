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
/** The model's IamRoleArn / ImageArn pattern. */
export const ARN_PATTERN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;
/** The model's tag key and value patterns (TagKey min 1 max 128, TagValue max 256), "aws:" refused. */
const TAG_KEY = /^(?!aws:).[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const BUILDER_LIMITS = {
  name: 101,
  displayName: 100,
  description: 256,
  /** VpcConfig.SecurityGroupIds max 5 (model); an image builder uses one subnet (AWS API reference, VpcConfig). */
  securityGroups: 5,
  subnets: 1,
  tags: 50,
  tagKey: 128,
  tagValue: 256,
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
const ROLE = /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

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

export function roleArnProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an IAM role ARN (arn:aws:iam::<account>:role/<name>).';
  if (!ARN_PATTERN.test(v)) return `${v} is not an ARN: arn:aws:iam::<12-digit account>:role/<name>.`;
  return ROLE.test(v) ? undefined : `${v} is not an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>.`;
}

export function splitList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "key=value, key2=value2" as a map, or the reason it is not tags AWS accepts. Empty: no tags. */
export function parseBuilderTags(value: string): { tags: Record<string, string> } | { problem: string } {
  const tags: Record<string, string> = {};
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > BUILDER_LIMITS.tags) {
    return { problem: `${parts.length} tags: AWS allows at most ${BUILDER_LIMITS.tags}.` };
  }
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 1) return { problem: `"${part}" is not key=value.` };
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key.toLowerCase().startsWith('aws:')) return { problem: `Tag keys starting with "aws:" are reserved by AWS.` };
    if (length(key) > BUILDER_LIMITS.tagKey) {
      return { problem: `The tag key ${key.slice(0, 20)}… is too long: at most ${BUILDER_LIMITS.tagKey} characters.` };
    }
    if (!TAG_KEY.test(key)) {
      return { problem: `Tag key "${key}": use letters, digits, spaces and _ . : / = + - @.` };
    }
    if (length(val) > BUILDER_LIMITS.tagValue) {
      return { problem: `The value of ${key} is too long: at most ${BUILDER_LIMITS.tagValue} characters.` };
    }
    if (!TAG_VALUE.test(val)) {
      return { problem: `Tag value of "${key}": use letters, digits, spaces and _ . : / = + - @.` };
    }
    if (Object.hasOwn(tags, key)) return { problem: `The tag key ${key} is given twice.` };
    tags[key] = val;
  }
  return { tags };
}

export function builderTagsProblem(value: string): string | undefined {
  const parsed = parseBuilderTags(value);
  return 'problem' in parsed ? parsed.problem : undefined;
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
