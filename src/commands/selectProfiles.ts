// "Select Profiles…": several profiles side by side, one row each (the setting cloudImages.profiles), and
// "Select Regions for This Profile…" on a profile row (cloudImages.profileRegions).
import { t } from '../platform/l10n';
import { listProfiles, type ProfileInfo } from '../aws/profiles';
import { knownRegions } from '../core/regions';
import { Settings } from '../platform/ids';
import { writeSetting } from '../platform/settings';
import type { CommandContext } from './context';
import { warn } from './run';
import { profileNodeArg } from './args';

/** "sso · 123456789012 · Admin · eu-west-1": how the profile signs in, where the files say. */
export function profileDescription(p: ProfileInfo): string {
  const how = p.kind === 'keys' ? t('access keys') : p.kind === 'other' ? undefined : p.kind;
  return [how, p.accountId, p.role, p.region].filter(Boolean).join(' · ');
}

export async function selectProfiles(ctx: CommandContext): Promise<string[] | undefined> {
  const profiles = await listProfiles().catch(() => []);
  if (!profiles.length) {
    warn(
      ctx,
      t(
        'No profiles were found in the AWS config or credentials file. Run "aws configure" or "aws configure sso" to create one.',
      ),
    );
    return undefined;
  }
  const shown = new Set(ctx.scope.profiles());
  const chosen = await ctx.prompts.pickMany(
    profiles.map((p) => ({
      value: p.name,
      label: p.name,
      description: profileDescription(p),
      picked: shown.has(p.name),
    })),
    { title: t('Select Profiles'), placeHolder: t('Profiles to show side by side') },
  );
  if (!chosen) return undefined;
  if (!chosen.length) {
    warn(ctx, t('Select at least one profile. The profiles shown were not changed.'));
    return undefined;
  }
  // In the files' order, whatever order they were ticked in.
  const names = profiles.map((p) => p.name).filter((n) => chosen.includes(n));
  await writeSetting(Settings.profiles, names.length > 1 ? names : []);
  if (names.length === 1) await writeSetting(Settings.profile, names[0]);
  return names;
}

export async function selectProfileRegions(ctx: CommandContext, arg: unknown): Promise<string[] | undefined> {
  const profile =
    profileNodeArg(arg)?.profile ??
    (await ctx.prompts.pick(
      ctx.scope.profiles().map((p) => ({ label: p, value: p })),
      { title: t('Select Regions for a Profile') },
    ));
  if (!profile) return undefined;
  const current = new Set(await ctx.scope.regions(profile));
  const items = knownRegions().map((r) => ({
    value: r.code,
    label: r.code,
    description: r.name,
    picked: current.has(r.code),
  }));
  const chosen = await ctx.prompts.pickMany(items, { title: t('Regions of {0}', profile) });
  if (!chosen) return undefined;
  if (!chosen.length) {
    warn(ctx, t('Select at least one region. The regions of {0} were not changed.', profile));
    return undefined;
  }
  const regions = items.map((i) => i.value).filter((r) => chosen.includes(r));
  await writeSetting(Settings.profileRegions, { ...ctx.settings().profileRegions, [profile]: regions });
  return regions;
}
