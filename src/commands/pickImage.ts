// From the palette, commands that act on an image ask for it: region, service, then the owned images of that
// list, paged ("Load more…") and filtered as you type.
import { t } from '../platform/l10n';
import { ownedList, secondaryId, SERVICE_LABELS, type ImageListKey, type ImageRecord } from '../core/image';
import { imageDescription } from '../core/present';
import { knownRegions, regionLabel, servicesIn, type ServiceId } from '../core/regions';
import type { CommandContext } from './context';

/** The profile to act in: the one shown, or a choice when several are side by side. */
export async function pickProfile(ctx: CommandContext, title: string): Promise<string | undefined> {
  const profiles = ctx.scope.profiles();
  if (profiles.length === 1) return profiles[0];
  return ctx.prompts.pick(
    profiles.map((p) => ({ label: p, description: ctx.scope.accountId(p), value: p })),
    { title, placeHolder: t('Profile') },
  );
}

export async function pickRegion(
  ctx: CommandContext,
  title: string,
  profile = ctx.scope.profile,
): Promise<string | undefined> {
  const selected = await ctx.scope.regions(profile);
  const others = knownRegions()
    .map((r) => r.code)
    .filter((r) => !selected.includes(r));
  return ctx.prompts.pick(
    [...selected, ...others].map((r) => ({
      label: regionLabel(r),
      value: r,
      description: selected.includes(r) ? t('selected') : undefined,
    })),
    { title, placeHolder: t('Region') },
  );
}

export async function pickOwnedImage(ctx: CommandContext, title: string): Promise<ImageRecord | undefined> {
  const profile = await pickProfile(ctx, title);
  if (!profile) return undefined;
  const region = await pickRegion(ctx, title, profile);
  if (!region) return undefined;
  const services = servicesIn(region);
  const service =
    services.length === 1
      ? services[0]
      : await ctx.prompts.pick<ServiceId>(
          services.map((s) => ({ label: SERVICE_LABELS[s], value: s })),
          { title, placeHolder: t('Service') },
        );
  if (!service) return undefined;
  const key: ImageListKey = ownedList({ profile, service, region });
  return ctx.prompts.pickPaged<ImageRecord>({
    title,
    placeHolder: t('Image (type to filter)'),
    fetch: async (token) => {
      const page = await ctx.scope.session(key.profile).api.listPage(key, token, ctx.settings().pageSize);
      return {
        items: page.items.map((r) => ({
          label: r.name,
          description: imageDescription(r),
          detail: secondaryId(r),
          value: r,
        })),
        nextToken: page.nextToken,
      };
    },
  });
}
