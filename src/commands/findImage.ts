// "Find Image…": pages every selected region and list type in the background (SDK paginators), filling a quick
// pick as pages arrive, behind a cancellable progress notification; the chosen image is revealed in the tree.
// Closing the pick aborts the requests in flight.
import * as vscode from 'vscode';
import { LIST_TYPES, SERVICE_LABELS, listTypeLabel, secondaryId, type ImageListKey, type ImageRecord } from '../core/image';
import { imageDescription } from '../core/present';
import { servicesIn } from '../core/regions';
import type { Choice } from '../platform/prompts';
import type { CommandContext } from './context';
import { revealImage, targetOf } from './reveal';

const SEARCH_PAGE = 25;

const listName = (key: ImageListKey): string => `${key.region} · ${SERVICE_LABELS[key.service]} · ${listTypeLabel(key.service, key.listType)}`;

/** `query` pre-fills the filter (as if typed). Resolves to the revealed image, if one was chosen. */
export async function findImage(ctx: CommandContext, query?: unknown): Promise<ImageRecord | undefined> {
  const profile = ctx.scope.profile;
  const regions = await ctx.scope.regions();
  const keys: ImageListKey[] = regions.flatMap((region) =>
    servicesIn(region).flatMap((service) => LIST_TYPES[service].map((listType) => ({ profile, region, service, listType }))));
  const record = await ctx.prompts.search<ImageRecord>({
    title: vscode.l10n.t('Find Image'),
    placeHolder: vscode.l10n.t('Type part of an image name or ID'),
    value: typeof query === 'string' ? query : undefined,
    run: async (add, progress, signal) => {
      const failed: string[] = [];
      for (const key of keys) {
        if (signal.aborted) break;
        progress(listName(key));
        try {
          for await (const page of ctx.scope.session(profile).api.pages(key, SEARCH_PAGE, signal)) {
            add(page.map((r): Choice<ImageRecord> => ({
              label: r.name, description: listName(key), detail: [secondaryId(r), imageDescription(r)].filter(Boolean).join(' · '), value: r,
            })));
          }
        } catch (e) {
          if (signal.aborted) break;
          failed.push(listName(key));
          ctx.log.warn(`Find Image: listing ${listName(key)} failed: ${(e as Error).message}`);
        }
      }
      return failed;
    },
  });
  if (!record) return undefined;
  await revealImage(ctx, targetOf(record));
  return record;
}
