// Typed access to the cloudImages.* settings. `profile` is machine-scoped in package.json, so a workspace (a
// cloned repository) cannot choose which credentials sign requests; the settings that make requests are also
// restricted in untrusted workspaces. Values are read raw and bounded by core/settingsRules: VS Code does not
// enforce the manifest's types or bounds on read.
import type * as vscode from 'vscode';
import { requireEditor } from './editor';
import { parseSettings, type CloudImagesSettings } from '../core/settingsRules';
import { Settings } from './ids';

export type { CloudImagesSettings, DeleteConfirmation } from '../core/settingsRules';

const KEYS = [
  Settings.profile,
  Settings.regions,
  Settings.profiles,
  Settings.profileRegions,
  Settings.pageSize,
  Settings.sortOrder,
  Settings.deleteConfirmation,
  Settings.pollIntervalSeconds,
];

const handlers = new Set<(line: string) => void>();
/** The problems of the last read that reached a handler: settings are read often, a problem is told once. */
let told = new Set<string>();

/**
 * Calls `handler` with each corrected setting (one line: setting, value, what is used instead) when it first
 * appears; told again only after the setting was fixed in between. Register before the first read.
 */
export function onSettingsProblem(handler: (line: string) => void): vscode.Disposable {
  handlers.add(handler);
  return new (requireEditor().Disposable)(() => {
    handlers.delete(handler);
    // With no one listening, the next handler hears every current problem.
    if (!handlers.size) told = new Set();
  });
}

export function readSettings(): CloudImagesSettings {
  const c = requireEditor().workspace.getConfiguration(Settings.section);
  const { settings, problems } = parseSettings(Object.fromEntries(KEYS.map((k) => [k, c.get<unknown>(k)])));
  if (handlers.size) {
    for (const line of problems) {
      if (told.has(line)) continue;
      for (const h of handlers) h(line);
    }
    told = new Set(problems);
  }
  return settings;
}

export async function writeSetting(key: string, value: unknown): Promise<void> {
  const v = requireEditor();
  await v.workspace.getConfiguration(Settings.section).update(key, value, v.ConfigurationTarget.Global);
}

export function affects(e: vscode.ConfigurationChangeEvent, key: string): boolean {
  return e.affectsConfiguration(`${Settings.section}.${key}`);
}
