// "Distribute Image…": an owned, available image to several regions in one go: copied there (AppStream: at most
// AWS's quota of copies in flight per region, more wait for a slot), with the source's tags (AWS copies none:
// AppStream's are applied once the copy exists, WorkSpaces' go with the copy request) and shared with the same
// accounts everywhere. A summary lists every step and its requests
// before anything is sent; the distributor (src/jobs/distributor.ts) runs it as one tracked job.
import { t } from '../platform/l10n';
import { copyQuota, needsTagStep, newDistribution, plannedRequests, type Distribution } from '../core/distribution';
import { copyCarriesTags, imageNameRule } from '../core/rules';
import { STEP_REQUESTS } from '../aws/images';
import { sharingHasUse } from '../core/sharing';
import type { CommandContext } from './context';
import { askDestinations, nameTaken, ownedAndAvailable } from './guards';
import { imageNodeArg } from './args';
import { pickOwnedImage } from './pickImage';
import { askAccountIds, askUseFor } from './sharing';

export async function distributeImage(ctx: CommandContext, arg: unknown): Promise<Distribution | undefined> {
  const source = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Distribute Image')));
  if (!source) return undefined;
  if (
    !ownedAndAvailable(ctx, source, (name, why) =>
      t('{0} cannot be distributed: only available images you own can be (it is {1}).', name, why),
    )
  ) {
    return undefined;
  }
  const title = t('Distribute {0} ({1})', source.name, source.region);

  const regions = await askDestinations(ctx, source, {
    title,
    placeHolder: t('Regions to distribute the image to'),
    sourceRegion: t('source region: shared, not copied'),
    noneChosen: t('Choose at least one region. Nothing was distributed.'),
  });
  if (!regions) return undefined;

  const accounts = await askAccountIds(
    ctx,
    source,
    title,
    t(
      'AWS account IDs to share the image with in every region: 12 digits each, separated by commas, spaces or new lines',
    ),
  );
  if (!accounts) return undefined;
  const use = await askUseFor(ctx, source.service, title);
  if (!use) return undefined;

  const copies = regions.filter((r) => r !== source.region);
  let name = source.name;
  if (copies.length) {
    const chosen = await ctx.prompts.input({
      title,
      prompt: t('Name of the image in {0}', copies.join(', ')),
      value: source.name,
      validate: imageNameRule(source.service),
      validateOnAccept: (v) => nameTaken(ctx, source, copies, v),
    });
    if (chosen === undefined) return undefined;
    name = chosen;
  }

  // The source's tags go with the copies (the source region keeps its own): asked only when something is copied.
  let tags: Record<string, string> = copies.length ? await ctx.scope.session(source.profile).api.tags(source) : {};
  if (Object.keys(tags).length) {
    const withCopy = copyCarriesTags(source.service);
    const apply = await ctx.prompts.pick(
      [
        {
          label: Object.keys(tags).length === 1 ? t('Apply 1 tag') : t('Apply {0} tags', Object.keys(tags).length),
          detail: Object.entries(tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', '),
          value: true,
        },
        { label: t('Do not apply tags'), value: false },
      ],
      {
        title,
        placeHolder: withCopy
          ? t("AWS does not copy tags. Send the source image's tags with every copy?")
          : t("AWS does not copy tags. Apply the source image's tags to every copy?"),
      },
    );
    if (apply === undefined) return undefined;
    if (!apply) tags = {};
  }

  const d = newDistribution({
    profile: source.profile,
    service: source.service,
    source: { region: source.region, name: source.name, id: source.id, arn: source.arn },
    name,
    regions,
    tags,
    accounts,
    use,
    now: Date.now(),
  });
  if (
    !(await ctx.prompts.confirm(
      t(
        'Distribute {0} to {1} and {2}?',
        source.name,
        regions.length === 1 ? t('1 region') : t('{0} regions', regions.length),
        accounts.length === 1 ? t('1 account') : t('{0} accounts', accounts.length),
      ),
      summary(d, regions),
      t('Distribute'),
    ))
  ) {
    return undefined;
  }

  await ctx.distributor.start(d);
  void ctx.prompts.notify(
    'info',
    t('Distributing {0} to {1}. Progress is shown in the status bar.', source.name, regions.join(', ')),
  );
  return ctx.distributor.get(d.id) ?? d;
}

/** Every step of every region with its requests, then the totals: what the user agrees to. */
export function summary(d: Distribution, regions: readonly string[]): string {
  const n = d.accounts.length;
  const op = STEP_REQUESTS[d.service];
  const tagCount = Object.keys(d.tags).length;
  // A copy is tagged once it exists (AppStream), or carries the tags in its request (WorkSpaces).
  const tagsAfter = needsTagStep(d, { isSource: false });
  const tag = tagsAfter ? [t('tag (1 {0})', op.tag ?? '')] : [];
  const share =
    n === 1 ? t('share with 1 account (1 {0})', op.share) : t('share with {0} accounts ({0} {1})', n, op.share);
  const copy =
    !tagCount || tagsAfter
      ? t('copy as {0} (1 {1})', d.name, op.copy)
      : tagCount === 1
        ? t('copy as {0} with 1 tag (1 {1})', d.name, op.copy)
        : t('copy as {0} with {1} tags (1 {2})', d.name, tagCount, op.copy);
  const lines = regions.map((r) =>
    r === d.sourceRegion
      ? `• ${r} (${t('source region')}): ${[t('no copy'), share].join(', ')}`
      : `• ${r}: ${[copy, t('wait until available'), ...tag, share].join(', ')}`,
  );
  const p = plannedRequests(d, regions);
  const quota = copyQuota(d.service);
  return [
    ...lines,
    '',
    [
      t('In all: {0} copies, {1} tag requests, {2} shares.', p.copies, p.tags, p.shares),
      ...(Number.isFinite(quota) && p.copies > 0
        ? [t('AWS copies at most {0} images at a time into one region: more wait for a slot.', quota)]
        : []),
      t('Each region is checked with one request per poll interval.'),
    ].join(' '),
    sharingHasUse(d.service)
      ? t(
          'The accounts may use the image for: {0}.',
          [d.use.fleets ? t('fleets') : '', d.use.imageBuilders ? t('image builders') : ''].filter(Boolean).join(', '),
        )
      : t('The accounts may copy the image into their own account, in the same region.'),
  ].join('\n');
}
