// "Copy Image…": to one or more regions, with a name and description checked against AWS's rules as the user
// types and a taken name reported in the input box before any copy is requested. AppStream tags are offered
// (AWS does not copy them; the tracker applies them once the copy exists); WorkSpaces tags are passed along.
import { t } from '../platform/l10n';
import { ownedList } from '../core/image';
import { jobId, type CopyJob } from '../core/copyJobs';
import { carriedDescription, copyCarriesTags, descriptionRule, imageNameRule, suggestedCopyName } from '../core/rules';
import type { CommandContext } from './context';
import { askDestinations, nameTaken, ownedAndAvailable } from './guards';
import { imageNodeArg } from './args';
import { report } from './run';
import { pickOwnedImage } from './pickImage';

export async function copyImage(ctx: CommandContext, arg: unknown): Promise<CopyJob[] | undefined> {
  const source = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Copy Image')));
  if (!source) return undefined;
  if (
    !ownedAndAvailable(ctx, source, (name, why) =>
      t('{0} cannot be copied: only available images you own can be copied (it is {1}).', name, why),
    )
  ) {
    return undefined;
  }
  const service = source.service;
  const title = t('Copy {0} ({1})', source.name, source.region);

  const regions = await askDestinations(ctx, source, {
    title,
    placeHolder: t('Destination regions'),
    sourceRegion: t('source region'),
    noneChosen: t('Choose at least one destination region. Nothing was copied.'),
  });
  if (!regions) return undefined;

  const name = await ctx.prompts.input({
    title,
    prompt: t('Name of the copy in {0}', regions.join(', ')),
    value: suggestedCopyName(service, source.name),
    validate: imageNameRule(service),
    validateOnAccept: (v) => nameTaken(ctx, source, regions, v),
  });
  if (name === undefined) return undefined;
  const description = await ctx.prompts.input({
    title,
    prompt: t('Description of the copy (optional)'),
    value: carriedDescription(service, source.description),
    validate: descriptionRule(service),
  });
  if (description === undefined) return undefined;

  const api = ctx.scope.session(source.profile).api;
  const sourceTags = await api.tags(source);
  let tags: Record<string, string> | undefined = sourceTags;
  if (!copyCarriesTags(service) && Object.keys(sourceTags).length) {
    const copyTags = await ctx.prompts.pick(
      [
        {
          label: t('Copy {0} tags', Object.keys(sourceTags).length),
          detail: Object.entries(sourceTags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          value: true,
        },
        { label: t('Do not copy tags'), value: false },
      ],
      { title, placeHolder: t("AppStream does not copy tags. Apply the source image's tags to the copy?") },
    );
    if (copyTags === undefined) return undefined;
    if (!copyTags) tags = undefined;
  }

  const jobs: CopyJob[] = [];
  const failures: { region: string; error: unknown }[] = [];
  for (const region of regions) {
    const startedAt = Date.now();
    try {
      // Sent once: a lost answer is settled by looking at the destination, never by sending the copy again.
      const started = await api.copy({
        source,
        destRegion: region,
        name,
        description: description || undefined,
        tags,
        startedAt,
      });
      const dest = { profile: source.profile, service, region, id: started.id };
      const job: CopyJob = {
        id: jobId(dest),
        profile: source.profile,
        service,
        sourceRegion: source.region,
        sourceName: source.name,
        sourceId: source.id,
        destRegion: region,
        destName: name,
        destId: started.id,
        startedAt,
        state: started.state,
        ...(tags && !copyCarriesTags(service) && Object.keys(tags).length ? { pendingTags: tags } : {}),
      };
      ctx.tracker.add(job);
      jobs.push(job);
      ctx.refreshes.listIfOpen(ownedList(dest), 'copy-started');
    } catch (e) {
      failures.push({ region, error: e });
    }
  }
  if (jobs.length) {
    void ctx.prompts.notify(
      'info',
      t(
        'Copying {0} to {1}. Progress is shown in the status bar.',
        source.name,
        jobs.map((j) => j.destRegion).join(', '),
      ),
    );
  }
  report(
    ctx,
    failures.map((f) => ({
      error: f.error,
      title: t('Could not copy {0} to {1}', source.name, f.region),
      context: {
        profile: source.profile,
        region: f.region,
        action: t('the copy of {0} to {1}', source.name, f.region),
      },
    })),
  );
  return jobs;
}
