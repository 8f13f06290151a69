// Typed access to the cloudImages.* settings. `profile` is machine-scoped in package.json, so a workspace (a
// cloned repository) cannot choose which credentials sign requests.
import * as vscode from 'vscode';
import { Settings } from './ids';

export type DeleteConfirmation = 'button' | 'typeName';

export interface CloudImagesSettings {
  /** Undefined: AWS_PROFILE, else "default". */
  profile: string | undefined;
  /** Undefined: not chosen yet (the profile's region, else us-east-1). */
  regions: string[] | undefined;
  pageSize: number;
  deleteConfirmation: DeleteConfirmation;
  pollIntervalSeconds: number;
}

export function readSettings(): CloudImagesSettings {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const regions = c.get<string[]>(Settings.regions);
  return {
    profile: c.get<string>(Settings.profile)?.trim() || undefined,
    regions: regions && regions.length ? regions : undefined,
    pageSize: clamp(c.get<number>(Settings.pageSize, 25), 1, 25),
    deleteConfirmation: c.get<DeleteConfirmation>(Settings.deleteConfirmation, 'button') === 'typeName' ? 'typeName' : 'button',
    pollIntervalSeconds: Math.max(5, c.get<number>(Settings.pollIntervalSeconds, 30)),
  };
}

export async function writeSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, vscode.ConfigurationTarget.Global);
}

export function affects(e: vscode.ConfigurationChangeEvent, key: string): boolean {
  return e.affectsConfiguration(`${Settings.section}.${key}`);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(Number.isFinite(n) ? n : hi)));
}
