import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, until } from './env';

suite('Extension in a real extension host', () => {
  test('the vscode API is the real one', () => {
    assert.match(vscode.version, /^1\.\d+\./);
  });

  test('activates and exports its parts', async () => {
    const a = await api();
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    assert.ok(a.ctx.tree);
  });

  test('every contributed command is registered, and every registered command is contributed', async () => {
    await api();
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('cloudImages.')).sort();
    // The view itself registers focus/toggle commands of its own (cloudImages.images.focus ...).
    const ours = registered.filter((c) => !c.startsWith('cloudImages.images.'));
    assert.deepStrictEqual(ours, contributed);
    assert.ok(contributed.length >= 10, 'commands are contributed');
  });

  test('the view and its container are contributed, and the view opens', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      activationEvents: string[];
      contributes: { views: Record<string, { id: string }[]>; viewsContainers: { activitybar: { id: string }[] } };
    };
    assert.deepStrictEqual(pkg.activationEvents, ['onView:cloudImages.images']);
    assert.deepStrictEqual(
      pkg.contributes.viewsContainers.activitybar.map((c) => c.id),
      ['cloudImages'],
    );
    assert.deepStrictEqual(
      pkg.contributes.views.cloudImages.map((v) => v.id),
      ['cloudImages.images'],
    );
    await vscode.commands.executeCommand('cloudImages.images.focus');
    const a = await api();
    await until(() => a.ctx.treeView.visible, 'the view to become visible');
  });

  test('a workspace cannot choose credentials or weaken confirmations; untrusted and virtual workspaces are declared', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      capabilities: {
        untrustedWorkspaces: { supported: boolean | string; restrictedConfigurations?: string[] };
        virtualWorkspaces: boolean;
      };
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const props = pkg.contributes.configuration.properties;
    assert.strictEqual(props['cloudImages.profile'].scope, 'machine');
    assert.strictEqual(props['cloudImages.deleteConfirmation'].scope, 'application');
    assert.strictEqual(pkg.capabilities.virtualWorkspaces, true);
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepStrictEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, [
      'cloudImages.profile',
      'cloudImages.profiles',
      'cloudImages.profileRegions',
      'cloudImages.regions',
      'cloudImages.pageSize',
      'cloudImages.pollIntervalSeconds',
    ]);
    // What VS Code makes of it: a workspace cannot hold the profile.
    await assert.rejects(
      Promise.resolve(
        vscode.workspace
          .getConfiguration('cloudImages')
          .update('profile', 'attacker', vscode.ConfigurationTarget.Workspace),
      ),
      /user settings|Workspace Settings/i,
    );
  });
});
