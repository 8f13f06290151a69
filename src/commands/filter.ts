// "Filter…", "Clear Filter" and "Toggle Sort": what the loaded lists show, without a request. The filter is
// kept across reloads (global state) and said in the view's message; the sort is the setting cloudImages.sortOrder.
import { t } from '../platform/l10n';
import type { ImageFilter, StateFacet } from '../core/filter';
import { Settings } from '../platform/ids';
import { writeSetting } from '../platform/settings';
import type { CommandContext } from './context';
import { applyFilter } from '../tree/viewFilter';
import { parseTagFilter } from '../core/tags';
import { withProgress } from '../platform/progress';
import { warn } from './run';

type Facet = { state: StateFacet } | { platform: string } | { ownership: 'owned' | 'shared' };

export async function filterImages(ctx: CommandContext): Promise<ImageFilter | undefined> {
  const current = ctx.tree.filter;
  const title = t('Filter Images');
  const text = await ctx.prompts.input({
    title,
    prompt: t(
      'Name or image ID contains (empty: any name); or "tag key=value" for images with that tag, "tag key" for any value (your own images: their tags are read)',
    ),
    value: current?.tag
      ? `tag ${current.tag.key}${current.tag.value !== undefined ? `=${current.tag.value}` : ''}`
      : (current?.text ?? ''),
    validate: (v) =>
      /^tag(\s|$)/i.test(v.trim()) && !parseTagFilter(v) ? t('Type "tag key=value" or "tag key".') : undefined,
  });
  if (text === undefined) return undefined;
  const platforms = [
    ...new Set(
      ctx.tree
        .loadedLists()
        .flatMap((n) => n.list.items.map((r) => r.platform))
        .filter((p): p is string => !!p),
    ),
  ].sort();
  const facets: { label: string; value: Facet; picked: boolean }[] = [
    ...(['available', 'transitional', 'failed'] as const).map((state) => ({
      label: { available: t('State: available'), transitional: t('State: in transition'), failed: t('State: failed') }[
        state
      ],
      value: { state },
      picked: !!current?.states?.includes(state),
    })),
    ...platforms.map((platform) => ({
      label: t('Platform: {0}', platform),
      value: { platform },
      picked: !!current?.platforms?.includes(platform),
    })),
    ...(['owned', 'shared'] as const).map((ownership) => ({
      label: ownership === 'owned' ? t('WorkSpaces: owned') : t('WorkSpaces: shared with me'),
      value: { ownership },
      picked: current?.ownership === ownership,
    })),
  ];
  const chosen = await ctx.prompts.pickMany(facets, {
    title,
    placeHolder: t('Only images that are… (none ticked: any)'),
  });
  if (!chosen) return undefined;
  const ownerships = chosen.flatMap((f) => ('ownership' in f ? [f.ownership] : []));
  const tag = parseTagFilter(text);
  const filter: ImageFilter = {
    ...(tag ? { tag } : text.trim() ? { text: text.trim() } : {}),
    states: chosen.flatMap((f) => ('state' in f ? [f.state] : [])),
    platforms: chosen.flatMap((f) => ('platform' in f ? [f.platform] : [])),
    ...(ownerships.length === 1 ? { ownership: ownerships[0] } : {}),
  };
  if (tag) await readLoadedTags(ctx);
  await applyFilter(ctx, filter);
  return ctx.tree.filter;
}

/** The tags of the loaded lists' own images, each read once (kept until refresh), a few at a time. */
async function readLoadedTags(ctx: CommandContext): Promise<void> {
  const images = ctx.tree.loadedLists().flatMap((n) => n.list.items);
  const failed = await withProgress(t('Reading the tags of your images'), () => ctx.tree.tags.readAll(images));
  if (failed) {
    warn(
      ctx,
      failed === 1
        ? t('The tags of 1 image could not be read: it is not shown. Refresh and filter again to retry.')
        : t('The tags of {0} images could not be read: they are not shown. Refresh and filter again to retry.', failed),
    );
  }
}

export async function clearFilter(ctx: CommandContext): Promise<void> {
  await applyFilter(ctx, undefined);
}

export async function toggleSort(ctx: CommandContext): Promise<string> {
  const next = ctx.settings().sortOrder === 'name' ? 'newest' : 'name';
  await writeSetting(Settings.sortOrder, next);
  return next;
}
