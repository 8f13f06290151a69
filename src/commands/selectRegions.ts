// "Select Regions…": a multi-select of every region where AppStream 2.0 or WorkSpaces exists.
import { t } from '../platform/l10n';
import { knownRegions, servicesIn } from '../core/regions';
import { SERVICE_LABELS } from '../core/image';
import { Settings } from '../platform/ids';
import { writeSetting } from '../platform/settings';
import type { CommandContext } from './context';
import { warn } from './run';

export async function selectRegions(ctx: CommandContext): Promise<string[] | undefined> {
  const current = new Set(await ctx.scope.regions());
  const items = knownRegions().map((r) => ({
    value: r.code,
    label: r.code,
    description: r.name,
    detail:
      servicesIn(r.code)
        .map((s) => SERVICE_LABELS[s])
        .join(', ') + (r.optIn ? t(' · opt-in region') : ''),
    picked: current.has(r.code),
  }));
  const chosen = await ctx.prompts.pickMany(items, { title: t('Select Regions') });
  if (!chosen) return undefined;
  // In the list's order, whatever order they were ticked in.
  const regions = items.map((i) => i.value).filter((r) => chosen.includes(r));
  if (!regions.length) {
    warn(ctx, t('Select at least one region. The region list was not changed.'));
    return undefined;
  }
  await writeSetting(Settings.regions, regions);
  return regions;
}
