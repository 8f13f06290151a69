// "Select Profile…": the profiles of the shared config and credentials files. The choice is the user-level
// setting cloudImages.profile; the settings listener swaps the session and refreshes the tree.
import * as vscode from 'vscode';
import { effectiveProfile, listProfiles } from '../aws/profiles';
import { Settings } from '../platform/ids';
import { writeSetting } from '../platform/settings';
import type { CommandContext } from './context';

export async function selectProfile(ctx: CommandContext): Promise<string | undefined> {
  const current = effectiveProfile(ctx.settings().profile);
  const profiles = await listProfiles();
  if (!profiles.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No profiles were found in the AWS config or credentials file. Run "aws configure" or "aws configure sso" to create one.'));
    return undefined;
  }
  const items = profiles.map((p) => ({
    value: p.name,
    label: p.name,
    description: [p.kind === 'keys' ? vscode.l10n.t('access keys') : p.kind, p.region].filter((x) => x && x !== 'other').join(' · '),
    detail: p.name === current ? vscode.l10n.t('Current profile') : undefined,
    picked: p.name === current,
  }));
  const choice = await ctx.prompts.pick(items, { title: vscode.l10n.t('Select AWS Profile'), placeHolder: current });
  if (!choice) return undefined;
  await writeSetting(Settings.profile, choice);
  return choice;
}
