// "Create Image Builder…" (on a region's Image Builders row, or from the palette) and "Create Image Builder from
// This Image…" (on an AppStream image AWS builds from): the questions (builderQuestions.ts), a summary to confirm,
// then CreateImageBuilder sent once (a lost answer settled by describing the builder by name). The new builder is
// shown in its region's list at once and followed to RUNNING as a 'builder-create' job.
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import type { BuilderNetworkOffers } from '../core/builderCreate';
import type { ImageRecord } from '../core/image';
import { BUILDERS_SERVICE } from '../core/services';
import type { CommandContext } from './context';
import { buildersNodeArg, imageNodeArg } from './args';
import { builderJob } from './builderArgs';
import { askBuilder, type BuilderAnswers } from './builderQuestions';
import { pickPlace, type Place } from './pickPlace';
import { report, warn } from './run';

export async function createImageBuilder(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const row = buildersNodeArg(arg);
  const place = row
    ? { profile: row.profile, region: row.region }
    : await pickPlace(ctx, t('Create Image Builder'), BUILDERS_SERVICE);
  if (!place) return undefined;
  return create(ctx, place, undefined);
}

export async function createImageBuilderFromImage(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const image = imageNodeArg(arg)?.record;
  if (!image) return undefined;
  const problem = ctx.scope.session(image.profile).api.builderSourceProblem(image);
  if (problem) {
    warn(ctx, t('Nothing was sent: {0}', problem));
    return undefined;
  }
  return create(ctx, { profile: image.profile, region: image.region }, image);
}

async function create(ctx: CommandContext, place: Place, given: ImageRecord | undefined): Promise<CopyJob | undefined> {
  const api = ctx.scope.session(place.profile).api;
  const title = t('Create Image Builder in {0}', place.region);
  // Listed while the first questions are answered: the subnet question does not wait for it.
  const known: Promise<BuilderNetworkOffers> = api.builderNetworkOffers(place.region).catch((e: unknown) => {
    // Only the offers are lost: any subnet, security group or role can still be typed.
    ctx.log.warn(`Could not list what the builders and fleets of ${place.region} use: ${String(e)}`);
    return { subnetIds: [], securityGroupIds: [], roleArns: [] };
  });
  const a = await askBuilder(ctx, place, title, given, () => known);
  if (!a) return undefined;
  const go = await ctx.prompts.confirm(
    t('Create the image builder {0} in {1}?', a.name, place.region),
    summary(a),
    t('Create'),
  );
  if (!go) return undefined;

  const startedAt = Date.now();
  let made;
  try {
    made = await api.createBuilder({
      region: place.region,
      name: a.name,
      displayName: a.displayName,
      description: a.description,
      // Shared images are reached by ARN only; the account's own and public ones by name.
      ...(a.source.ownership === 'shared' ? { imageArn: a.source.arn } : { imageName: a.source.name }),
      instanceType: a.instanceType,
      subnetIds: a.subnetIds,
      securityGroupIds: a.securityGroupIds,
      iamRoleArn: a.iamRoleArn,
      internetAccess: a.internetAccess,
      tags: a.tags,
      startedAt,
    });
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not create the image builder {0}', a.name),
        context: {
          profile: place.profile,
          region: place.region,
          action: t('the creation of the image builder {0}', a.name),
          builderCreate: true,
          iamAction: a.iamRoleArn
            ? 'appstream:CreateImageBuilder and iam:PassRole on the role'
            : 'appstream:CreateImageBuilder',
        },
      },
    ]);
    return undefined;
  }
  const record = { ...made, profile: place.profile };
  ctx.refreshes.builderAdded(record, 'builder-created');
  // The source image is used by one more builder: what uses the region's images is listed again when next needed
  // (Used by, and the check before a delete, would otherwise go on without it).
  ctx.refreshes.usage(place.profile, place.region, BUILDERS_SERVICE, 'builder-created');
  const job = { ...builderJob(record, 'builder-create', record.state), startedAt };
  ctx.tracker.add(job);
  void ctx.prompts.notify(
    'info',
    t('Creating the image builder {0} in {1}. Progress is shown in the status bar.', a.name, place.region),
  );
  return job;
}

/** What will be sent, one line each, for the confirmation. */
function summary(a: BuilderAnswers): string {
  const none = t('none');
  return [
    t('Source image: {0}', a.source.name),
    t('Instance type: {0}', a.instanceType),
    t('Display name: {0}', a.displayName ?? none),
    t('Description: {0}', a.description ?? none),
    t('Subnet: {0}', a.subnetIds.join(', ') || none),
    t('Security groups: {0}', a.securityGroupIds.join(', ') || none),
    t('IAM role: {0}', a.iamRoleArn ?? none),
    t('Default internet access: {0}', a.internetAccess ? t('yes') : t('no')),
    t(
      'Tags: {0}',
      a.tags
        ? Object.entries(a.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : none,
    ),
    t('An image builder is billed by the hour while it is running.'),
  ].join('\n');
}
