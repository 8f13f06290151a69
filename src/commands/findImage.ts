// "Find Image…": pages every selected region and list type in the background (SDK paginators), filling a quick
// pick as pages arrive, behind a cancellable progress notification; the chosen image is revealed in the tree.
import * as vscode from 'vscode';
import { LIST_TYPES, SERVICE_LABELS, listTypeLabel, type ImageListKey, type ImageRecord } from '../core/image';
import { imageDescription } from '../core/present';
import { servicesIn } from '../core/regions';
import type { CommandContext } from './context';
import { revealImage } from './reveal';

interface Item extends vscode.QuickPickItem {
  record: ImageRecord;
}

const SEARCH_PAGE = 25;

/** `query` pre-fills the filter (as if typed). Resolves to the revealed image, if one was chosen. */
export async function findImage(ctx: CommandContext, query?: unknown): Promise<ImageRecord | undefined> {
  const regions = await ctx.tree.regions();
  const keys: ImageListKey[] = regions.flatMap((region) =>
    servicesIn(region).flatMap((service) => LIST_TYPES[service].map((listType) => ({ region, service, listType }))));
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Find Image');
  qp.placeholder = vscode.l10n.t('Type part of an image name or ID');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.keepScrollPosition = true;
  if (typeof query === 'string') qp.value = query;
  qp.busy = true;
  const stop = new vscode.CancellationTokenSource();
  // Closing the pick or cancelling the progress aborts the requests in flight, not only the next page.
  const abort = new AbortController();
  stop.token.onCancellationRequested(() => abort.abort());
  const items: Item[] = [];
  const failures: string[] = [];

  const search = vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Searching images'), cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => stop.cancel());
      for (const key of keys) {
        if (stop.token.isCancellationRequested) break;
        progress.report({ message: `${key.region} · ${SERVICE_LABELS[key.service]} · ${listTypeLabel(key.service, key.listType)}` });
        try {
          for await (const page of ctx.session().api.pages(key, SEARCH_PAGE, abort.signal)) {
            if (stop.token.isCancellationRequested) break;
            items.push(...page.map((record) => ({
              label: record.name,
              description: `${record.region} · ${SERVICE_LABELS[record.service]} · ${listTypeLabel(record.service, key.listType)}`,
              detail: [record.id !== record.name ? record.id : undefined, imageDescription(record)].filter(Boolean).join(' · '),
              record,
            })));
            qp.items = items;
          }
        } catch (e) {
          if (abort.signal.aborted) break;
          failures.push(`${key.region} ${SERVICE_LABELS[key.service]} ${listTypeLabel(key.service, key.listType)}`);
          ctx.log.warn(`Find Image: listing ${key.region}/${key.service}/${key.listType} failed: ${(e as Error).message}`);
        }
      }
      qp.busy = false;
      if (failures.length) qp.title = vscode.l10n.t('Find Image (could not search: {0})', failures.join(', '));
    },
  );

  qp.show();
  const chosen = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  stop.cancel();
  qp.dispose();
  await search;
  if (!chosen) return undefined;
  await revealImage(ctx, chosen.record);
  return chosen.record;
}
