// The questions of Create Image Builder, in order, each answer checked as it is typed against CreateImageBuilder's
// rules (core/builderCreate.ts): name, display name, description, source image, instance type, subnet, security
// groups, IAM role, default internet access, tags. Subnets, security groups and roles are offered from what the
// region's builders and fleets already use; any other may be typed.
import { t } from '../platform/l10n';
import {
  BUILDER_LIMITS,
  builderDescriptionProblem,
  builderDisplayNameProblem,
  builderNameProblem,
  COMMON_BUILDER_INSTANCE_TYPES,
  DEFAULT_BUILDER_INSTANCE_TYPE,
  instanceTypeProblem,
  securityGroupsProblem,
  splitList,
  subnetProblem,
  type BuilderNetworkOffers,
} from '../core/builderCreate';
import { roleArnRule } from '../core/idRules';
import type { ImageRecord } from '../core/image';
import { BUILDERS_SERVICE } from '../core/services';
import { MAX_TAGS, parseTagList, tagListRule } from '../core/tags';
import type { CommandContext } from './context';
import { pickBuilderSource } from './pickBuilder';

export interface BuilderAnswers {
  name: string;
  displayName?: string;
  description?: string;
  source: ImageRecord;
  instanceType: string;
  subnetIds: string[];
  securityGroupIds: string[];
  iamRoleArn?: string;
  internetAccess: boolean;
  tags?: Record<string, string>;
}

interface Place {
  profile: string;
  region: string;
}

type Picked = { offered: string } | 'typed' | 'none';

/** A pick among offered values, "Enter another…" (then typed and checked) or, where optional, none. */
async function offeredOrTyped(
  ctx: CommandContext,
  o: {
    title: string;
    placeHolder: string;
    offered: { value: string; description?: string }[];
    typeLabel: string;
    noneLabel?: string;
    prompt: string;
    validate(v: string): string | undefined;
  },
): Promise<string | null | undefined> {
  const picked = await ctx.prompts.pick<Picked>(
    [
      ...o.offered.map((x) => ({ label: x.value, description: x.description, value: { offered: x.value } })),
      { label: o.typeLabel, value: 'typed' as const },
      ...(o.noneLabel ? [{ label: o.noneLabel, value: 'none' as const }] : []),
    ],
    { title: o.title, placeHolder: o.placeHolder },
  );
  if (picked === undefined) return undefined;
  if (picked === 'none') return null;
  if (picked !== 'typed') return picked.offered;
  const typed = await ctx.prompts.input({ title: o.title, prompt: o.prompt, validate: o.validate });
  return typed === undefined ? undefined : typed.trim();
}

/** Every answer, or undefined when the user gave up at any question (nothing is sent). */
export async function askBuilder(
  ctx: CommandContext,
  place: Place,
  title: string,
  given: ImageRecord | undefined,
  offers: () => Promise<BuilderNetworkOffers>,
): Promise<BuilderAnswers | undefined> {
  const name = await ctx.prompts.input({
    title,
    prompt: t('Name of the image builder in {0} (letters, digits, "_", "." and "-")', place.region),
    validate: builderNameProblem,
  });
  if (name === undefined) return undefined;
  const displayName = await ctx.prompts.input({
    title,
    prompt: t('Display name (optional, at most {0} characters)', BUILDER_LIMITS.displayName),
    value: name,
    validate: builderDisplayNameProblem,
  });
  if (displayName === undefined) return undefined;
  const description = await ctx.prompts.input({
    title,
    prompt: t('Description (optional, at most {0} characters)', BUILDER_LIMITS.description),
    validate: builderDescriptionProblem,
  });
  if (description === undefined) return undefined;
  const source = given ?? (await pickBuilderSource(ctx, place, title));
  if (!source) return undefined;

  const instanceType = await offeredOrTyped(ctx, {
    title,
    placeHolder: t('Instance type'),
    offered: [
      { value: DEFAULT_BUILDER_INSTANCE_TYPE, description: t('default') },
      ...COMMON_BUILDER_INSTANCE_TYPES.filter((x) => x !== DEFAULT_BUILDER_INSTANCE_TYPE).map((value) => ({ value })),
    ],
    typeLabel: t('Another instance type…'),
    prompt: t('Instance type (stream.<family>.<size>)'),
    validate: instanceTypeProblem,
  });
  if (!instanceType) return undefined;

  const known = await offers();
  const used = t('used by image builders or fleets here');
  const subnet = await offeredOrTyped(ctx, {
    title,
    placeHolder: t('Subnet (an image builder uses one)'),
    offered: known.subnetIds.map((value) => ({ value, description: used })),
    typeLabel: t('Enter a subnet ID…'),
    noneLabel: t('No subnet (no VPC)'),
    prompt: t('Subnet ID (subnet- and 8 or 17 hexadecimal digits)'),
    validate: subnetProblem,
  });
  if (subnet === undefined) return undefined;
  const securityGroupIds = subnet ? await askSecurityGroups(ctx, title, known, used) : [];
  if (!securityGroupIds) return undefined;

  const role = await offeredOrTyped(ctx, {
    title,
    placeHolder: t('IAM role the image builder assumes (optional)'),
    offered: known.roleArns.map((value) => ({ value, description: used })),
    typeLabel: t('Enter a role ARN…'),
    noneLabel: t('No role'),
    prompt: t('IAM role ARN (arn:aws:iam::<account>:role/<name>)'),
    validate: roleArnRule,
  });
  if (role === undefined) return undefined;

  const internetAccess = await ctx.prompts.pick(
    [
      { label: t('No default internet access'), value: false },
      { label: t('Default internet access'), value: true, description: t('needs a public subnet, or none') },
    ],
    { title, placeHolder: t('Default internet access') },
  );
  if (internetAccess === undefined) return undefined;
  const tagText = await ctx.prompts.input({
    title,
    prompt: t('Tags: key=value, separated by commas (optional, at most {0})', MAX_TAGS),
    validate: tagListRule(BUILDERS_SERVICE),
  });
  if (tagText === undefined) return undefined;
  const parsed = parseTagList(BUILDERS_SERVICE, tagText);
  const tags = 'tags' in parsed && Object.keys(parsed.tags).length ? parsed.tags : undefined;
  return {
    name,
    ...(displayName ? { displayName } : {}),
    ...(description ? { description } : {}),
    source,
    instanceType,
    subnetIds: subnet ? [subnet] : [],
    securityGroupIds,
    ...(role ? { iamRoleArn: role } : {}),
    internetAccess,
    ...(tags ? { tags } : {}),
  };
}

/** The offered security groups to tick, then any others typed (at most 5 in all). */
async function askSecurityGroups(
  ctx: CommandContext,
  title: string,
  known: BuilderNetworkOffers,
  used: string,
): Promise<string[] | undefined> {
  let picked: string[] = [];
  if (known.securityGroupIds.length) {
    const chosen = await ctx.prompts.pickMany(
      known.securityGroupIds.map((value) => ({ label: value, description: used, value })),
      { title, placeHolder: t('Security groups (at most {0}; none is allowed)', BUILDER_LIMITS.securityGroups) },
    );
    if (chosen === undefined) return undefined;
    picked = chosen.slice(0, BUILDER_LIMITS.securityGroups);
  }
  const room = BUILDER_LIMITS.securityGroups - picked.length;
  if (room === 0) return picked;
  const typed = await ctx.prompts.input({
    title,
    prompt: t('Other security group IDs, separated by commas (optional, {0} more at most)', room),
    validate: (v) => securityGroupsProblem(v, room) ?? duplicateOf(picked, v),
  });
  if (typed === undefined) return undefined;
  return [...picked, ...splitList(typed)];
}

function duplicateOf(picked: string[], typed: string): string | undefined {
  const again = splitList(typed).find((id) => picked.includes(id));
  return again ? `${again} is already chosen above.` : undefined;
}
