// "Find Image…": searches every shown profile × region × list type at once (capped: core/limiter.ts), filling a
// quick pick as pages arrive, grouped by account and region, with "N of M lists searched". Lists read in the
// last few minutes (by a search, or complete in the tree) answer from memory, shown "as of 14:02", with a
// Refresh button; an exact AppStream name is also looked up directly (one request per region). Public
// AppStream images are searched only when the user ticks "Include public images". Closing the pick aborts the
// requests in flight.
import { t } from '../platform/l10n';
import {
  LIST_TYPES,
  SERVICE_LABELS,
  listTypeLabel,
  listTypeOf,
  ownedList,
  secondaryId,
  type ImageListKey,
  type ImageRecord,
} from '../core/image';
import { Keys } from '../core/imageRef';
import { runLimited } from '../core/limiter';
import { imageDescription } from '../core/present';
import { servicesIn, type ServiceId } from '../core/regions';
import { imageNameRule } from '../core/rules';
import { SERVICES_CAN } from '../core/services';
import { GlobalStateKeys } from '../platform/ids';
import type { Choice, SearchRun } from '../platform/prompts';
import type { CommandContext } from './context';
import { revealImage, targetOf } from './reveal';

const SEARCH_PAGE = 25;

function where(ctx: CommandContext, key: Pick<ImageListKey, 'profile' | 'region'>): string {
  const several = ctx.scope.profiles().length > 1;
  const account = ctx.scope.accountId(key.profile);
  return several ? `${key.profile}${account ? ` (${account})` : ''} · ${key.region}` : key.region;
}

const listName = (key: ImageListKey): string =>
  `${key.region} · ${SERVICE_LABELS[key.service]} · ${listTypeLabel(key.service, key.listType)}`;

/** `query` pre-fills the filter (as if typed). Resolves to the revealed image, if one was chosen. */
export async function findImage(ctx: CommandContext, query?: unknown): Promise<ImageRecord | undefined> {
  const text = typeof query === 'string' ? query : undefined;
  const record = await ctx.prompts.search<ImageRecord>({
    title: t('Find Image'),
    placeHolder: t('Type part of an image name or ID'),
    value: text,
    includePublic: ctx.memento.get<boolean>(GlobalStateKeys.findIncludesPublic) ?? false,
    onIncludePublic: (v) => void ctx.memento.update(GlobalStateKeys.findIncludesPublic, v),
    run: (add, progress, signal, how) => search(ctx, text, add, progress, signal, how),
  });
  if (!record) return undefined;
  // The search read the image's whole list a moment ago: the tree takes it, so revealing sends nothing.
  const key: ImageListKey = {
    profile: record.profile,
    region: record.region,
    service: record.service,
    listType: listTypeOf(record),
  };
  const searched = ctx.searchCache.get(Keys.list(key));
  if (searched) ctx.tree.typeNode(key).list.adopt(searched.items, searched.at);
  await revealImage(ctx, targetOf(record));
  return record;
}

async function search(
  ctx: CommandContext,
  text: string | undefined,
  add: (items: Choice<ImageRecord>[]) => void,
  progress: (m: string) => void,
  signal: AbortSignal,
  how: SearchRun,
): Promise<{ failed: string[]; asOf?: number }> {
  const keys: ImageListKey[] = [];
  for (const profile of ctx.scope.profiles()) {
    for (const region of await ctx.scope.regions(profile)) {
      for (const service of servicesIn(region)) {
        for (const listType of LIST_TYPES[service]) {
          if (listType !== 'PUBLIC' || how.includePublic) keys.push({ profile, region, service, listType });
        }
      }
    }
  }
  const seen = new Set<string>();
  const show = (records: ImageRecord[], key: ImageListKey): void => {
    const fresh = records.filter((r) => !seen.has(Keys.image(Keys.list(key), r.id)));
    for (const r of fresh) seen.add(Keys.image(Keys.list(key), r.id));
    if (fresh.length) {
      add(
        fresh.map((r) => ({
          label: r.name,
          description: `${where(ctx, key)} · ${SERVICE_LABELS[key.service]} · ${listTypeLabel(key.service, key.listType)}`,
          detail: [secondaryId(r), imageDescription(r)].filter(Boolean).join(' · '),
          value: r,
        })),
      );
    }
  };
  if (how.fresh) ctx.searchCache.clear();
  const failed: string[] = [];
  let asOf: number | undefined;
  let searched = 0;
  const report = (): void => progress(t('{0} of {1} lists searched', searched, keys.length));
  report();

  // An exact name, where the service looks images up by name (and the text is a valid name there): one direct
  // look per account and region finds it at once.
  const exact = text || undefined;
  // (Not where the account's own list is already at hand: that answers as fast, with no request.)
  const lookups = exact
    ? [
        ...new Set(
          keys
            .filter(
              (k) =>
                SERVICES_CAN[k.service].lookupByName &&
                !imageNameRule(k.service)(exact) &&
                k.listType === ownedList(k).listType &&
                !cachedList(ctx, k),
            )
            .map((k) => JSON.stringify([k.profile, k.region, k.service])),
        ),
      ]
    : [];
  const tasks = [
    ...lookups.map((pr) => {
      const [profile, region, service] = JSON.parse(pr) as [string, string, ServiceId];
      return {
        group: `${profile}/${region}`,
        run: async () => {
          if (signal.aborted) return;
          const found = await ctx.scope
            .session(profile)
            .api.describe(service, region, [exact!], signal)
            .catch(() => []);
          for (const r of found.filter((f) => f.ownership !== 'public' || how.includePublic)) {
            show([r], { profile, region, service, listType: listTypeOf(r) });
          }
        },
      };
    }),
    ...keys.map((key) => ({
      group: `${key.profile}/${key.region}`,
      run: async () => {
        if (signal.aborted) return;
        const cached = cachedList(ctx, key);
        if (cached) {
          show(cached.items, key);
          asOf = Math.min(asOf ?? cached.at, cached.at);
        } else {
          const all: ImageRecord[] = [];
          try {
            for await (const page of ctx.scope.session(key.profile).api.pages(key, SEARCH_PAGE, signal)) {
              all.push(...page);
              show(page, key);
            }
            ctx.searchCache.put(Keys.list(key), all);
          } catch (e) {
            if (signal.aborted) return;
            failed.push(
              `${where(ctx, key)} ${SERVICE_LABELS[key.service]} ${listTypeLabel(key.service, key.listType)}`,
            );
            ctx.log.warn(`Find Image: listing ${key.profile} ${listName(key)} failed: ${(e as Error).message}`);
          }
        }
        searched++;
        report();
      },
    })),
  ];
  await runLimited(tasks);
  return { failed, asOf };
}

/** A list read by a search in the last few minutes, or loaded to its end by the tree: no request needed. */
export function cachedList(ctx: CommandContext, key: ImageListKey): { items: ImageRecord[]; at: number } | undefined {
  return ctx.searchCache.get(Keys.list(key)) ?? treeList(ctx, key);
}

function treeList(ctx: CommandContext, key: ImageListKey): { items: ImageRecord[]; at: number } | undefined {
  const node = ctx.tree.openedList(key);
  if (!node?.list.loaded || node.list.hasMore || node.list.error) return undefined;
  return { items: [...node.list.items], at: node.list.loadedAt ?? Date.now() };
}
