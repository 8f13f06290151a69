// "Export Images…" on a type row, a region, a profile or the whole view: the loaded images (or, after asking,
// every page of those lists) as CSV or JSON in an untitled editor, to save or diff.
import { t } from '../platform/l10n';
import { openUntitled } from '../platform/documents';
import { withProgress } from '../platform/progress';
import { exportRow, toCsv, toJson } from '../core/exportImages';
import { LIST_TYPES, type ImageListKey, type ImageRecord } from '../core/image';
import { servicesIn } from '../core/regions';
import type { TypeNode } from '../tree/nodes';
import type { CommandContext } from './context';
import { warn } from './run';
import { isNode } from './args';

/** The lists a row stands for: a type row its own; a region or profile row every list under it. */
async function listsOf(ctx: CommandContext, arg: unknown): Promise<TypeNode[]> {
  if (isNode(arg) && arg.kind === 'type') return [arg];
  const profiles =
    isNode(arg) && (arg.kind === 'profile' || arg.kind === 'region') ? [arg.profile] : ctx.scope.profiles();
  const keys: ImageListKey[] = [];
  for (const profile of profiles) {
    const regions = isNode(arg) && arg.kind === 'region' ? [arg.region] : await ctx.scope.regions(profile);
    for (const region of regions) {
      for (const service of servicesIn(region)) {
        for (const listType of LIST_TYPES[service]) keys.push({ profile, region, service, listType });
      }
    }
  }
  return keys.map((k) => ctx.tree.typeNode(k));
}

export async function exportImages(ctx: CommandContext, arg: unknown): Promise<string | undefined> {
  const lists = await listsOf(ctx, arg);
  const loaded = lists.filter((n) => n.list.loaded);
  const count = loaded.reduce((n, l) => n + l.list.items.length, 0);
  const title = t('Export Images');
  const scope = await ctx.prompts.pick(
    [
      { label: t('Loaded images ({0})', count), value: 'loaded' as const, description: t('no request') },
      {
        label: t('All images'),
        value: 'all' as const,
        description: t('reads every page of {0} lists (public lists only where opened)', lists.length),
      },
    ],
    { title },
  );
  if (!scope) return undefined;
  const format = await ctx.prompts.pick(
    [
      { label: 'CSV', value: 'csv' as const },
      { label: 'JSON', value: 'json' as const },
    ],
    { title, placeHolder: t('Format') },
  );
  if (!format) return undefined;
  let chosen = loaded;
  if (scope === 'all') {
    // Public lists hold hundreds of AWS's images: read only where the user opened one.
    chosen = lists.filter((n) => n.key.listType !== 'PUBLIC' || n.list.loaded);
    await withProgress(title, async (_report, token) => {
      await Promise.all(chosen.map((n) => ctx.tree.loadAll(n, token)));
    });
  }
  const records: ImageRecord[] = chosen.flatMap((n) => [...n.list.items]);
  const rows = records.map((r) => exportRow(r, ctx.scope.accountId(r.profile)));
  const content = format === 'csv' ? toCsv(rows) : toJson(rows);
  await openUntitled(content, format === 'csv' ? 'csv' : 'json');
  const failed = chosen.filter((n) => n.list.error);
  if (failed.length) warn(ctx, t('{0} lists could not be read and are missing from the export.', failed.length));
  return content;
}
