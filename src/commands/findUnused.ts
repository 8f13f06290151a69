// "Find Unused Images…": on a region row (or rows), or from the palette for a region or all selected ones.
// Lists the owned images of each region to the end (ImageApi.pages) and what uses them (the UsageIndex, one
// listing per region), regions in parallel; the candidates (core/cleanup.ts) are offered in a multi-select with
// their age, family size and why; the chosen ones go to the delete flow, behind its one confirmation.
import { t } from '../platform/l10n';
import { withProgress } from '../platform/progress';
import { DEFAULT_MIN_AGE_DAYS, judge, minAgeDaysRule, type Verdict } from '../core/cleanup';
import { ownedList, SERVICE_LABELS, type ImageRecord } from '../core/image';
import { knownRegions, regionLabel, servicesIn } from '../core/regions';
import type { ImageUser } from '../core/usage';
import type { RegionNode } from '../tree/nodes';
import { isNode } from './args';
import type { CommandContext } from './context';
import { deleteImages, type DeleteResult } from './deleteImage';
import { report } from './run';

const PAGE = 25;

export interface CleanupResult {
  readonly regions: string[];
  /** Every owned image looked at, candidate or not, with the reasons. */
  readonly verdicts: Verdict[];
  readonly chosen: ImageRecord[];
  readonly deleted?: DeleteResult;
}

function regionArgs(arg: unknown, all: unknown): RegionNode[] {
  if (!isNode(arg) || arg.kind !== 'region') return [];
  // Regions of the clicked row's profile only: each search runs with one account's credentials.
  const many = Array.isArray(all)
    ? all.filter((n): n is RegionNode => isNode(n) && n.kind === 'region' && n.profile === arg.profile)
    : [];
  return many.some((n) => n.id === arg.id) ? many : [arg];
}

async function pickRegions(ctx: CommandContext, title: string): Promise<string[] | undefined> {
  const selected = await ctx.scope.regions();
  const others = knownRegions()
    .map((r) => r.code)
    .filter((r) => !selected.includes(r));
  return ctx.prompts.pick<string[]>(
    [
      ...(selected.length > 1
        ? [{ label: t('All selected regions'), description: selected.join(', '), value: selected }]
        : []),
      ...[...selected, ...others].map((r) => ({
        label: regionLabel(r),
        value: [r],
        description: selected.includes(r) ? t('selected') : undefined,
      })),
    ],
    { title, placeHolder: t('Region') },
  );
}

interface RegionListing {
  region: string;
  images: ImageRecord[];
  users: readonly ImageUser[];
}

/** The owned images of a region (every page of each service) and what uses them, side by side. */
async function listRegion(
  ctx: CommandContext,
  profile: string,
  region: string,
  signal: AbortSignal,
): Promise<RegionListing> {
  const api = ctx.scope.session(profile).api;
  const owned = Promise.all(
    servicesIn(region).map(async (service) => {
      const out: ImageRecord[] = [];
      for await (const page of api.pages(ownedList({ profile, region, service }), PAGE, signal)) out.push(...page);
      return out;
    }),
  );
  const [images, users] = await Promise.all([owned, ctx.usage.region(profile, region)]);
  return { region, images: images.flat(), users };
}

export async function findUnusedImages(
  ctx: CommandContext,
  arg: unknown,
  all: unknown,
): Promise<CleanupResult | undefined> {
  const title = t('Find Unused Images');
  const nodes = regionArgs(arg, all);
  const profile = nodes[0]?.profile ?? ctx.scope.profile;
  const regions = nodes.length ? nodes.map((n) => n.region) : await pickRegions(ctx, title);
  if (!regions?.length) return undefined;
  const days = await ctx.prompts.input({
    title,
    prompt: t('Images older than how many days? (1-3650)'),
    value: String(DEFAULT_MIN_AGE_DAYS),
    validate: minAgeDaysRule,
  });
  if (days === undefined) return undefined;
  const minAgeDays = Number(days.trim());

  const listed = await withProgress(
    t('Looking for unused images in {0}', regions.join(', ')),
    async (_report, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const results = await Promise.all(
        regions.map((region) =>
          listRegion(ctx, profile, region, abort.signal).then(
            (listing) => ({ listing }),
            (error: unknown) => ({ region, error }),
          ),
        ),
      );
      return abort.signal.aborted ? undefined : results;
    },
  );
  if (!listed) return undefined;
  report(
    ctx,
    listed.flatMap((r) =>
      'error' in r
        ? [
            {
              error: r.error,
              title: t('Could not look for unused images in {0}', r.region),
              context: { profile, region: r.region, action: t('the search for unused images in {0}', r.region) },
            },
          ]
        : [],
    ),
  );
  const listings = listed.flatMap((r) => ('listing' in r ? [r.listing] : []));
  if (!listings.length) return undefined;

  const now = Date.now();
  const verdictsWith = (includeShared: boolean) =>
    listings.flatMap((l) => judge(l.images, l.users, { now, minAgeDays, includeShared }));
  let verdicts = verdictsWith(false);
  const sharedOnly = verdicts.filter((v) => v.sharedOnly);
  if (sharedOnly.length) {
    const include = await ctx.prompts.pick(
      [
        { label: t('Leave them out'), value: false, description: sharedOnly.map((v) => v.image.name).join(', ') },
        {
          label: t('Include them'),
          value: true,
          detail: t('AWS refuses to delete an image that is shared with other accounts until it is no longer shared.'),
        },
      ],
      { title, placeHolder: t('{0} otherwise unused images are shared with other accounts', sharedOnly.length) },
    );
    if (include === undefined) return undefined;
    if (include) verdicts = verdictsWith(true);
  }
  for (const v of verdicts.filter((x) => !x.candidate)) {
    ctx.log.info(
      `Find Unused Images: kept ${v.image.name} (${v.image.region}, ${SERVICE_LABELS[v.image.service]}): ${v.reasons.join('; ')}`,
    );
  }
  const candidates = verdicts.filter((v) => v.candidate);
  const searched = listings.map((l) => l.region);
  if (!candidates.length) {
    void ctx.prompts.notify(
      'info',
      t(
        'No unused images older than {0} days in {1}: every image is in use, recent, or the newest of its family.',
        minAgeDays,
        searched.join(', '),
      ),
    );
    return { regions: searched, verdicts, chosen: [] };
  }
  const chosen = await ctx.prompts.pickMany(
    candidates.map((v) => ({
      label: v.image.name,
      description: [
        v.image.region,
        SERVICE_LABELS[v.image.service],
        t('{0} days old', v.ageDays ?? '?'),
        v.familySize === 1 ? t('1 image in family') : t('{0} images in family', v.familySize),
      ].join(' · '),
      detail: v.reasons.join('; '),
      value: v.image,
    })),
    {
      title,
      placeHolder: t(
        '{0} candidates to delete; {1} images kept (the log says why each)',
        candidates.length,
        verdicts.length - candidates.length,
      ),
    },
  );
  if (!chosen?.length) return { regions: searched, verdicts, chosen: [] };
  return { regions: searched, verdicts, chosen, deleted: await deleteImages(ctx, chosen) };
}
