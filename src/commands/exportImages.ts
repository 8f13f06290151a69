// "Export Images…" on a type row, a region, a profile or the whole view: the loaded images (or, after asking,
// every page of those lists) as CSV or JSON in an untitled editor, to save or diff.
import * as vscode from 'vscode';
import { exportRow, toCsv, toJson } from '../core/exportImages';
import { LIST_TYPES, type ImageListKey, type ImageRecord } from '../core/image';
import { servicesIn } from '../core/regions';
import type { TypeNode } from '../tree/nodes';
import type { CommandContext } from './context';
import { isNode } from './args';

/** The lists a row stands for: a type row its own; a region or profile row every list under it. */
async function listsOf(ctx: CommandContext, arg: unknown): Promise<TypeNode[]> {
  if (isNode(arg) && arg.kind === 'type') return [arg];
  const profiles = isNode(arg) && (arg.kind === 'profile' || arg.kind === 'region') ? [arg.profile] : ctx.scope.profiles();
  const keys: ImageListKey[] = [];
  for (const profile of profiles) {
    const regions = isNode(arg) && arg.kind === 'region' ? [arg.region] : await ctx.scope.regions(profile);
    for (const region of regions) {
      for (const service of servicesIn(region)) for (const listType of LIST_TYPES[service]) keys.push({ profile, region, service, listType });
    }
  }
  return keys.map((k) => ctx.tree.typeNode(k));
}

export async function exportImages(ctx: CommandContext, arg: unknown): Promise<string | undefined> {
  const lists = await listsOf(ctx, arg);
  const loaded = lists.filter((n) => n.list.loaded);
  const count = loaded.reduce((n, l) => n + l.list.items.length, 0);
  const title = vscode.l10n.t('Export Images');
  const scope = await ctx.prompts.pick([
    { label: vscode.l10n.t('Loaded images ({0})', count), value: 'loaded' as const, description: vscode.l10n.t('no request') },
    { label: vscode.l10n.t('All images'), value: 'all' as const, description: vscode.l10n.t('reads every page of {0} lists (public lists only where opened)', lists.length) },
  ], { title });
  if (!scope) return undefined;
  const format = await ctx.prompts.pick([{ label: 'CSV', value: 'csv' as const }, { label: 'JSON', value: 'json' as const }], { title, placeHolder: vscode.l10n.t('Format') });
  if (!format) return undefined;
  let chosen = loaded;
  if (scope === 'all') {
    // Public lists hold hundreds of AWS's images: read only where the user opened one.
    chosen = lists.filter((n) => n.key.listType !== 'PUBLIC' || n.list.loaded);
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
      await Promise.all(chosen.map((n) => ctx.tree.loadAll(n, token)));
    });
  }
  const records: ImageRecord[] = chosen.flatMap((n) => [...n.list.items]);
  const rows = records.map((r) => exportRow(r, ctx.scope.accountId(r.profile)));
  const content = format === 'csv' ? toCsv(rows) : toJson(rows);
  const doc = await vscode.workspace.openTextDocument({ language: format === 'csv' ? 'csv' : 'json', content });
  await vscode.window.showTextDocument(doc, { preview: false });
  const failed = chosen.filter((n) => n.list.error);
  if (failed.length) void ctx.prompts.notify('warning', vscode.l10n.t('{0} lists could not be read and are missing from the export.', failed.length));
  return content;
}
