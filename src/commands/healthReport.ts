// "Image Health Report…": from a profile row (its regions), a region row (that region, or the selected ones) or
// the view title and palette (the shown profiles and regions, with a pick to narrow). Asks the age once
// (remembered), reads every place at once (healthListing.ts), opens the report as Markdown, marks the rows, and
// then offers the CSV and JSON exports and a reveal of any image in the report.
import { setMaxListeners } from 'node:events';
import { t } from '../platform/l10n';
import { setContextKey } from '../platform/context';
import { openUntitled } from '../platform/documents';
import { ContextKeys, GlobalStateKeys } from '../platform/ids';
import { withProgress } from '../platform/progress';
import { minAgeDaysRule } from '../core/cleanup';
import { DEFAULT_MAX_AGE_DAYS, healthLabels } from '../core/health';
import { healthCsv, healthJson, healthMarkdown, type HealthReport } from '../core/healthReport';
import { ownedList, SERVICE_LABELS, type ImageRecord } from '../core/image';
import { Keys } from '../core/imageRef';
import type { Choice } from '../platform/prompts';
import { isNode } from './args';
import type { CommandContext } from './context';
import { gatherHealth } from './healthListing';
import { revealImage, targetOf } from './reveal';
import { warn } from './run';

type Place = { profile: string; region: string };

export interface HealthResult {
  readonly report: HealthReport;
  readonly markdown: string;
  readonly exported?: { format: 'csv' | 'json'; content: string };
  readonly revealed?: ImageRecord;
}

async function placesOf(ctx: CommandContext, arg: unknown, all: unknown, title: string): Promise<Place[] | undefined> {
  if (isNode(arg) && arg.kind === 'profile') {
    return (await ctx.scope.regions(arg.profile)).map((region) => ({ profile: arg.profile, region }));
  }
  if (isNode(arg) && arg.kind === 'region') {
    const selected = Array.isArray(all) ? all.filter((n) => isNode(n) && n.kind === 'region') : [];
    const nodes = selected.some((n) => isNode(n) && n.id === arg.id) ? selected : [arg];
    return nodes.flatMap((n) => (isNode(n) && n.kind === 'region' ? [{ profile: n.profile, region: n.region }] : []));
  }
  const shown: Place[] = [];
  for (const profile of ctx.scope.profiles()) {
    for (const region of await ctx.scope.regions(profile)) shown.push({ profile, region });
  }
  const profiles = [...new Set(shown.map((p) => p.profile))];
  const regions = [...new Set(shown.map((p) => p.region))];
  if (shown.length <= 1) return shown;
  const choices: Choice<Place[]>[] = [
    {
      label: t('All shown profiles and regions'),
      description: t('{0} profiles × {1} regions', profiles.length, regions.length),
      value: shown,
    },
    ...(profiles.length > 1
      ? profiles.map((p) => ({
          label: p,
          description: shown
            .filter((s) => s.profile === p)
            .map((s) => s.region)
            .join(', '),
          value: shown.filter((s) => s.profile === p),
        }))
      : []),
    ...(regions.length > 1
      ? regions.map((r) => ({
          label: r,
          description: t('{0} profiles', shown.filter((s) => s.region === r).length),
          value: shown.filter((s) => s.region === r),
        }))
      : []),
  ];
  return ctx.prompts.pick(choices, { title, placeHolder: t('Which accounts and regions?') });
}

export async function imageHealthReport(
  ctx: CommandContext,
  arg: unknown,
  all: unknown,
): Promise<HealthResult | undefined> {
  const title = t('Image Health Report');
  const places = await placesOf(ctx, arg, all, title);
  if (!places?.length) return undefined;
  const remembered = ctx.memento.get<number>(GlobalStateKeys.healthMaxAgeDays) ?? DEFAULT_MAX_AGE_DAYS;
  const days = await ctx.prompts.input({
    title,
    prompt: t('Report images older than how many days? (1-3650)'),
    value: String(remembered),
    validate: minAgeDaysRule,
  });
  if (days === undefined) return undefined;
  const maxAgeDays = Number(days.trim());
  await ctx.memento.update(GlobalStateKeys.healthMaxAgeDays, maxAgeDays);

  const regions = [...new Set(places.map((p) => p.region))];
  const report = await withProgress(t('Checking images in {0}', regions.join(', ')), async (_r, token) => {
    const abort = new AbortController();
    // Every request of the report listens to this one signal.
    setMaxListeners(0, abort.signal);
    token.onCancellationRequested(() => abort.abort());
    const out = await gatherHealth(ctx, places, maxAgeDays, abort.signal);
    return abort.signal.aborted ? undefined : out;
  });
  if (!report) return undefined;
  ctx.health.set(report.rows);
  setContextKey(ContextKeys.healthMarks, ctx.health.size > 0);
  ctx.refreshes.health('health');
  const markdown = healthMarkdown(report);
  await openUntitled(markdown, 'markdown');
  if (report.gaps.length) {
    warn(
      ctx,
      t('The health report is incomplete: {0} listings could not be read (the report says which).', report.gaps.length),
    );
  }
  return { report, markdown, ...(await afterReport(ctx, report, title)) };
}

/** Export as CSV or JSON, or reveal an image of the report in the tree (its actions are there). */
async function afterReport(
  ctx: CommandContext,
  report: HealthReport,
  title: string,
): Promise<Pick<HealthResult, 'exported' | 'revealed'>> {
  type Next = { format: 'csv' | 'json' } | { image: ImageRecord };
  const attention = report.rows.filter((r) => r.reasons.length);
  const next = await ctx.prompts.pick<Next>(
    [
      { label: t('Export as CSV'), value: { format: 'csv' } },
      { label: t('Export as JSON'), value: { format: 'json' } },
      ...attention.map((r) => ({
        label: r.image.name,
        description: `${r.image.profile} · ${r.image.region} · ${SERVICE_LABELS[r.image.service]}`,
        detail: healthLabels(r.reasons),
        value: { image: r.image },
      })),
    ],
    { title, placeHolder: t('Reveal an image from the report, or export it') },
  );
  if (!next) return {};
  if ('format' in next) {
    const content = next.format === 'csv' ? healthCsv(report) : healthJson(report);
    await openUntitled(content, next.format);
    return { exported: { format: next.format, content } };
  }
  // The report read the image's whole list a moment ago: the tree takes it, so revealing sends nothing.
  const key = ownedList(next.image);
  const read = ctx.searchCache.get(Keys.list(key));
  if (read) ctx.tree.typeNode(key).list.adopt(read.items, read.at);
  await revealImage(ctx, targetOf(next.image));
  return { revealed: next.image };
}

/** "Clear Health Report Marks": the rows show no mark until the report runs again. */
export function clearHealthMarks(ctx: CommandContext): void {
  ctx.health.clear();
  setContextKey(ContextKeys.healthMarks, false);
  ctx.refreshes.health('health');
}
