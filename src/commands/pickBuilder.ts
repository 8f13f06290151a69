// From the palette, the image builder commands ask what they act on: profile, a region where AppStream exists,
// then a builder of that region in a state where AWS accepts the action (paged, filtered as you type). Create
// Image Builder asks the profile and region, and its source image among the region's images AWS builds from.
import { t } from '../platform/l10n';
import { builderActions, builderStateLabel, type BuilderActions, type BuilderRecord } from '../core/builders';
import type { ImageRecord, ImageListKey, ListType } from '../core/image';
import { BUILDERS_SERVICE } from '../core/services';
import type { CommandContext } from './context';
import { pickPlace } from './pickPlace';

/** A builder chosen from the palette, handed to the command as its row would be. */
export class PickedBuilder {
  constructor(readonly record: BuilderRecord) {}
}

/** The row's node as it came, or (from the palette: no argument) a builder picked among those `action` fits. */
export async function builderArg(
  ctx: CommandContext,
  arg: unknown,
  action: keyof BuilderActions,
  title: string,
): Promise<unknown> {
  if (arg !== undefined) return arg;
  const place = await pickPlace(ctx, title, BUILDERS_SERVICE);
  if (!place) return undefined;
  const api = ctx.scope.session(place.profile).api;
  const picked = await ctx.prompts.pickPaged<BuilderRecord>({
    title,
    placeHolder: t('Image builder (only those in a state that allows this are listed)'),
    fetch: async (token) => {
      const page = await api.listBuilders(place.profile, place.region, token);
      return {
        items: page.items
          .filter((b) => builderActions(b.state)[action])
          .map((b) => ({
            label: b.name,
            description: [builderStateLabel(b.state), b.instanceType].filter(Boolean).join(' · '),
            detail: b.displayName,
            value: b,
          })),
        nextToken: page.nextToken,
      };
    },
  });
  return picked ? new PickedBuilder(picked) : undefined;
}

/** AppStream's lists, in the order the source image is offered: the account's own, shared with it, public. */
const SOURCE_LISTS: ListType[] = ['PRIVATE', 'SHARED', 'PUBLIC'];

/**
 * An image of the region AWS makes a builder from (available; owned, public, or shared for builder use), over
 * the three lists one page at a time ("Load more…" moves on to the next list when one ends).
 */
export async function pickBuilderSource(
  ctx: CommandContext,
  place: { profile: string; region: string },
  title: string,
): Promise<ImageRecord | undefined> {
  const api = ctx.scope.session(place.profile).api;
  const ownership: Record<string, string> = {
    owned: t('yours'),
    shared: t('shared with you'),
    public: t('public'),
  };
  return ctx.prompts.pickPaged<ImageRecord>({
    title,
    placeHolder: t('Source image (type to filter)'),
    fetch: async (token) => {
      const [at, inner] = token ? [Number(token.slice(0, 1)), token.slice(2) || undefined] : [0, undefined];
      const key: ImageListKey = { ...place, service: BUILDERS_SERVICE, listType: SOURCE_LISTS[at] };
      const page = await api.listPage(key, inner, ctx.settings().pageSize);
      const next = page.nextToken ? `${at}:${page.nextToken}` : at + 1 < SOURCE_LISTS.length ? `${at + 1}:` : undefined;
      return {
        items: page.items
          .filter((r) => api.builderSourceProblem(r) === undefined)
          .map((r) => ({
            label: r.name,
            description: [ownership[r.ownership], r.platform].filter(Boolean).join(' · '),
            detail: r.displayName,
            value: r,
          })),
        nextToken: next,
      };
    },
  });
}
