// What the view hears from parts built before it, and how it follows the settings: the Scope and the usage index
// are built first and tell through TreeEvents; followSettings routes a settings change to the refresh owner.
import * as vscode from 'vscode';
import type { Scope } from '../aws/scope';
import { Settings } from '../platform/ids';
import { Disposable } from '../platform/lifecycle';
import { affects, readSettings } from '../platform/settings';
import type { Node } from './nodes';
import type { Refreshes, ServiceRegion } from './refreshes';

export class TreeEvents extends Disposable {
  private readonly account = this._register(new vscode.EventEmitter<string>());
  private readonly usage = this._register(new vscode.EventEmitter<ServiceRegion>());
  readonly onAccountLearned = this.account.event;
  readonly onUsageKnown = this.usage.event;
  /** For the Scope: a profile's account became known. */
  readonly accountLearned = (profile: string): void => this.account.fire(profile);
  /** For the usage index: what uses the service's images in a region was listed. */
  readonly usageKnown = (ref: ServiceRegion): void => this.usage.fire(ref);
}

/** The view follows the profiles, regions, page size and sort order; its description names the profile(s). */
export function followSettings(
  scope: Scope,
  treeView: vscode.TreeView<Node>,
  refreshes: Refreshes,
): vscode.Disposable[] {
  const describeProfile = (): void => {
    const profiles = scope.profiles();
    treeView.description = profiles.length > 1 ? vscode.l10n.t('{0} profiles', profiles.length) : scope.profile;
  };
  describeProfile();
  return [
    // The view follows the profiles and regions as they are read now, whatever changed them: the Scope compares
    // them on every event here and on every read (a remote window drops machine-scoped values of the local
    // user settings, and no event need name them).
    scope.onSettingsChange((change) => {
      if (change === 'profile') describeProfile();
      refreshes.all(change === 'profile' ? 'profile' : 'settings');
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      readSettings(); // reports a bad value as soon as it is saved
      if (scope.settingsChanged()) return;
      if (affects(e, Settings.pageSize)) refreshes.all('settings');
      else if (affects(e, Settings.sortOrder)) refreshes.reorder();
    }),
  ];
}
