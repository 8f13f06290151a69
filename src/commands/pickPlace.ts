// From the palette, a command that acts in one region of one service asks where: the profile, then a region where
// that service exists (so no region is offered that AWS has no endpoint of the service in, and nothing is sent
// there). Create Image Builder, Import Image from AMI and the WorkSpaces image commands share it.
import { t } from '../platform/l10n';
import { knownRegions, regionLabel, serviceExistsIn, type ServiceId } from '../core/regions';
import type { CommandContext } from './context';
import { pickProfile } from './pickImage';

export interface Place {
  readonly profile: string;
  readonly region: string;
}

/** A region where `service` exists: the profile's selected ones first, then the others AWS offers it in. */
export async function pickServiceRegion(
  ctx: CommandContext,
  title: string,
  profile: string,
  service: ServiceId,
): Promise<string | undefined> {
  const selected = (await ctx.scope.regions(profile)).filter((r) => serviceExistsIn(service, r));
  const others = knownRegions()
    .map((r) => r.code)
    .filter((r) => serviceExistsIn(service, r) && !selected.includes(r));
  return ctx.prompts.pick(
    [...selected, ...others].map((r) => ({
      label: regionLabel(r),
      value: r,
      description: selected.includes(r) ? t('selected') : undefined,
    })),
    { title, placeHolder: t('Region') },
  );
}

/** The profile and a region of `service` to act in, asked in turn; undefined when either pick is closed. */
export async function pickPlace(ctx: CommandContext, title: string, service: ServiceId): Promise<Place | undefined> {
  const profile = await pickProfile(ctx, title);
  if (!profile) return undefined;
  const region = await pickServiceRegion(ctx, title, profile, service);
  return region ? { profile, region } : undefined;
}
