import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { onSettingsProblem, readSettings } from '../../src/platform/settings';
import { api, EXTENSION_ID, PROFILES, setSetting, until } from './env';
import { rows, US_EAST, US_WEST } from './tree.helpers';

/** The settings that decide which requests are made: credentials, regions, page size, polling rate. */
const MAKE_REQUESTS = [
  'cloudImages.profile',
  'cloudImages.profiles',
  'cloudImages.profileRegions',
  'cloudImages.regions',
  'cloudImages.pageSize',
  'cloudImages.pollIntervalSeconds',
];
const TOUCHED = ['pageSize', 'pollIntervalSeconds', 'regions'];

suite('Settings are bounded and trusted', () => {
  const saved = new Map<string, unknown>();
  suiteSetup(() => {
    const c = vscode.workspace.getConfiguration('cloudImages');
    for (const key of TOUCHED) saved.set(key, c.inspect(key)?.globalValue);
  });
  teardown(async () => {
    for (const key of TOUCHED) await setSetting(key, saved.get(key));
  });

  /** Writes a user setting as a hand-edited settings.json could hold it, and waits until VS Code reports it. */
  async function setRaw(key: string, value: unknown): Promise<void> {
    await setSetting(key, value);
    await until(
      () => {
        const now = vscode.workspace.getConfiguration('cloudImages').get(key);
        return JSON.stringify(now) === JSON.stringify(value);
      },
      `cloudImages.${key} to read ${JSON.stringify(value)}`,
    );
  }

  const cases: [key: 'pollIntervalSeconds' | 'pageSize', value: unknown, used: number][] = [
    ['pollIntervalSeconds', 'often', 30],
    ['pollIntervalSeconds', 0.001, 5],
    ['pollIntervalSeconds', 1e9, 3600],
    ['pageSize', 0, 1],
    ['pageSize', 1000, 25],
    ['pageSize', '10', 25],
  ];
  for (const [key, value, used] of cases) {
    test(`${key} set to ${JSON.stringify(value)} is used as ${used}`, async () => {
      const a = await api();
      await setRaw(key, value);
      assert.strictEqual(a.ctx.settings()[key], used);
    });
  }

  test('region codes are checked against the known list', async () => {
    const a = await api();
    await setRaw('regions', ['us-west-2', 'xx-nowhere-1', 'us-west-2', 'us-east-1']);
    assert.deepStrictEqual(a.ctx.settings().regions, ['us-west-2', 'us-east-1']);
  });

  test('each problem is told once, not on every read, and again after it was fixed and came back', async () => {
    const lines: string[] = [];
    const registration = onSettingsProblem((line) => lines.push(line));
    try {
      await setRaw('pageSize', 1000);
      readSettings();
      readSettings();
      readSettings();
      const told = ['cloudImages.pageSize: 1000 is above the maximum 25; using 25'];
      assert.deepStrictEqual(lines, told);
      await setRaw('pageSize', 10);
      assert.strictEqual(readSettings().pageSize, 10);
      await setRaw('pageSize', 1000);
      readSettings();
      assert.deepStrictEqual(lines, [...told, ...told]);
    } finally {
      registration.dispose();
    }
  });

  test('the tree follows the profiles as read now: a profile row the settings no longer show offers nothing, and is redrawn away', async () => {
    const a = await api();
    try {
      await setSetting('profiles', [PROFILES.main, PROFILES.other]);
      const before = await rows(a);
      assert.deepStrictEqual(
        before.map((r) => r.label),
        [PROFILES.main, PROFILES.other],
      );
      // As in a remote window, where the value in the local user settings is no longer read: the files still
      // name the profile, so the row must not say they do not.
      await setSetting('profiles', undefined);
      assert.deepStrictEqual(await a.ctx.tree.getChildren(before[1].node), []);
      assert.deepStrictEqual(
        (await rows(a)).map((r) => r.label),
        [US_EAST, US_WEST],
      );
      assert.strictEqual(a.ctx.treeView.description, PROFILES.main);
    } finally {
      await setSetting('profiles', undefined);
    }
  });

  test('the manifest bounds every number and restricts every setting that makes requests in untrusted workspaces', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
      contributes: {
        configuration: {
          properties: Record<string, { type: string; scope?: string; minimum?: number; maximum?: number }>;
        };
      };
    };
    const props = pkg.contributes.configuration.properties;
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    // VS Code reads restrictedConfigurations only when support is 'limited'.
    assert.strictEqual(untrusted.supported, 'limited');
    const restricted = untrusted.restrictedConfigurations ?? [];
    for (const key of MAKE_REQUESTS) {
      assert.ok(props[key], `${key} is contributed`);
      assert.ok(restricted.includes(key), `${key} is restricted in untrusted workspaces`);
    }
    // Nothing is left that an untrusted workspace could set: the rest is application-scoped (user settings only).
    for (const [key, p] of Object.entries(props)) {
      assert.ok(restricted.includes(key) || p.scope === 'application', `${key} is restricted or application-scoped`);
      if (p.type === 'integer' || p.type === 'number') {
        assert.ok(typeof p.minimum === 'number' && typeof p.maximum === 'number', `${key} has a minimum and a maximum`);
      }
    }
    assert.deepStrictEqual(
      [props['cloudImages.pollIntervalSeconds'].minimum, props['cloudImages.pollIntervalSeconds'].maximum],
      [5, 3600],
    );
    assert.deepStrictEqual([props['cloudImages.pageSize'].minimum, props['cloudImages.pageSize'].maximum], [1, 25]);
  });
});
