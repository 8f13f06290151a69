// "Select Profile…": the profiles of the shared config and credentials files. The choice is the user-level
// setting cloudImages.profile; the settings listener swaps the session and refreshes the tree.
import { t } from '../platform/l10n';
import { listProfiles } from '../aws/profiles';
import { profileDescription } from './selectProfiles';
import { Settings } from '../platform/ids';
import { writeSetting } from '../platform/settings';
import type { CommandContext } from './context';
import { warn } from './run';

export async function selectProfile(ctx: CommandContext): Promise<string | undefined> {
  const current = ctx.scope.profile;
  const profiles = await listProfiles();
  if (!profiles.length) {
    warn(
      ctx,
      t(
        'No profiles were found in the AWS config or credentials file. Run "aws configure" or "aws configure sso" to create one.',
      ),
    );
    return undefined;
  }
  const items = profiles.map((p) => ({
    value: p.name,
    label: p.name,
    description: profileDescription(p),
    detail: p.name === current ? t('Current profile') : undefined,
    picked: p.name === current,
  }));
  const choice = await ctx.prompts.pick(items, { title: t('Select AWS Profile'), placeHolder: current });
  if (!choice) return undefined;
  await writeSetting(Settings.profile, choice);
  // One profile chosen: the tree shows it alone.
  if (ctx.settings().profiles.length) await writeSetting(Settings.profiles, []);
  return choice;
}
