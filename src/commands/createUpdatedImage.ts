// "Create Updated Image…": AWS makes a new image of an owned one with the latest agent, drivers and OS updates,
// in the same region, and the tracker follows it to the end like a copy. AppStream asks AWS first (a dry run,
// one request) whether it can; WorkSpaces listings already say whether an update is available. The name and
// description are checked against the rules of CreateUpdatedImage / CreateUpdatedWorkspaceImage as the user
// types; the create call is sent once (a lost answer is settled by looking for the new image by name).
import { t } from '../platform/l10n';
import { ownedList, type ImageRecord } from '../core/image';
import { jobId, type CopyJob } from '../core/copyJobs';
import { SERVICES_CAN } from '../core/services';
import {
  appStreamDescription,
  appStreamDisplayName,
  carriedDescription,
  imageNameRule,
  suggestedUpdateName,
  workSpacesUpdatedDescription,
} from '../core/rules';
import type { CommandContext } from './context';
import { nameTaken, ownedAndAvailable } from './guards';
import { imageNodeArg } from './args';
import { report } from './run';
import { pickOwnedImage } from './pickImage';

const IAM_ACTION = {
  appstream: 'appstream:CreateUpdatedImage',
  workspaces: 'workspaces:CreateUpdatedWorkspaceImage',
} as const;

export async function createUpdatedImage(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const source = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Create Updated Image')));
  if (!source) return undefined;
  if (
    !ownedAndAvailable(ctx, source, (name, why) =>
      t('{0} cannot be updated: only available images you own can be updated (it is {1}).', name, why),
    )
  ) {
    return undefined;
  }
  const { service, region } = source;
  const title = t('Create Updated Image of {0} ({1})', source.name, region);
  const api = ctx.scope.session(source.profile).api;
  const context = {
    profile: source.profile,
    region,
    update: true,
    iamAction: IAM_ACTION[service],
    action: t('the updated image of {0}', source.name),
  };
  const suggested = suggestedUpdateName(service, source.name, new Date());

  let can: boolean;
  try {
    can = await api.canUpdate(source, suggested);
  } catch (e) {
    report(ctx, [{ error: e, title: t('Could not check for updates of {0}', source.name), context }]);
    return undefined;
  }
  if (!can) {
    void ctx.prompts.notify(
      'info',
      SERVICES_CAN[service].updateCheckedByDryRun
        ? t('AWS has no update for {0}: it cannot make an updated image of it now. Nothing was created.', source.name)
        : t('AWS reports no update for {0}. Nothing was created.', source.name),
    );
    return undefined;
  }

  const answers = await ask(ctx, source, title, suggested);
  if (!answers) return undefined;

  const startedAt = Date.now();
  let started: { id: string; state: string };
  try {
    started = await api.createUpdated({ source, ...answers, startedAt });
  } catch (e) {
    report(ctx, [{ error: e, title: t('Could not create an updated image of {0}', source.name), context }]);
    return undefined;
  }
  const dest = { profile: source.profile, service, region, id: started.id };
  const job: CopyJob = {
    id: jobId(dest),
    kind: 'update',
    profile: source.profile,
    service,
    sourceRegion: region,
    sourceName: source.name,
    sourceId: source.id,
    destRegion: region,
    destName: answers.name,
    destId: started.id,
    startedAt,
    state: started.state,
  };
  ctx.tracker.add(job);
  ctx.refreshes.listIfOpen(ownedList(dest), 'copy-started');
  void ctx.prompts.notify(
    'info',
    t(
      'Creating {0}, an updated image of {1}, in {2}. Progress is shown in the status bar.',
      answers.name,
      source.name,
      region,
    ),
  );
  return job;
}

interface Answers {
  name: string;
  description?: string;
  displayName?: string;
  tags?: Record<string, string>;
}

/** Name and description (WorkSpaces requires one); AppStream also a display name and the source's tags. */
async function ask(
  ctx: CommandContext,
  source: ImageRecord,
  title: string,
  suggested: string,
): Promise<Answers | undefined> {
  const { service } = source;
  const name = await ctx.prompts.input({
    title,
    prompt: t('Name of the updated image in {0}', source.region),
    value: suggested,
    validate: imageNameRule(service),
    validateOnAccept: (v) => nameTaken(ctx, source, [source.region], v),
  });
  if (name === undefined) return undefined;
  if (SERVICES_CAN[service].updateNeedsDescription) {
    const description = await ctx.prompts.input({
      title,
      prompt: t('Description of the updated image (required)'),
      value: carriedDescription(service, source.description),
      validate: workSpacesUpdatedDescription,
    });
    return description === undefined ? undefined : { name, description };
  }
  const description = await ctx.prompts.input({
    title,
    prompt: t('Description of the updated image (optional)'),
    value: source.description ?? '',
    validate: appStreamDescription,
  });
  if (description === undefined) return undefined;
  const displayName = await ctx.prompts.input({
    title,
    prompt: t('Display name of the updated image (optional)'),
    value: source.displayName ?? '',
    validate: appStreamDisplayName,
  });
  if (displayName === undefined) return undefined;
  const sourceTags = await ctx.scope.session(source.profile).api.tags(source);
  let tags: Record<string, string> | undefined;
  if (Object.keys(sourceTags).length) {
    const apply = await ctx.prompts.pick(
      [
        {
          label:
            Object.keys(sourceTags).length === 1
              ? t('Apply 1 tag')
              : t('Apply {0} tags', Object.keys(sourceTags).length),
          detail: Object.entries(sourceTags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          value: true,
        },
        { label: t('No tags'), value: false },
      ],
      { title, placeHolder: t("Apply the source image's tags to the updated image?") },
    );
    if (apply === undefined) return undefined;
    if (apply) tags = sourceTags;
  }
  return { name, description: description || undefined, displayName: displayName || undefined, tags };
}
