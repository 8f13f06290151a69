// Several accounts side by side, and Find across them: real profiles in the shared files, each signed with
// its own keys, each key an account of its own at the local endpoint.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart, PROFILES, setSetting, until } from './env';
import { answer, find, rows, US_EAST } from './tree.helpers';
import type { ImageRecord } from '../../src/core/image';

const EU = 'Europe (Ireland) eu-west-1';

suite('Accounts side by side', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);
  teardown(async () => {
    await setSetting('profiles', undefined);
    await setSetting('profileRegions', undefined);
    await setSetting('profile', PROFILES.main);
  });

  test('one row per profile; each lists its own account; an expired one fails alone; the account ID shows once known', async () => {
    const a = await api();
    await setSetting('profiles', [PROFILES.main, PROFILES.expired, PROFILES.other, PROFILES.prod]);
    const top = await rows(a);
    assert.deepStrictEqual(
      top.map((r) => [r.label, r.description, r.contextValue]),
      [
        ['demo', undefined, 'profile'],
        ['expired', undefined, 'profile'],
        ['other', undefined, 'profile'],
        ['prod', undefined, 'profile'],
      ],
    );
    assert.strictEqual(emulator.log.length, 0, 'no request to show the profiles');
    assert.strictEqual(a.ctx.treeView.description, '4 profiles');

    // Each profile's own regions: prod chooses eu-west-1 from its row.
    const p = answer(a, [{ pickMany: ['eu-west-1'] }]);
    await vscode.commands.executeCommand('cloudImages.selectProfileRegions', top[3].node);
    assert.strictEqual(p.shown[0].title, 'Regions of prod');
    assert.deepStrictEqual(
      (await rows(a, (await find(a, 'prod')).node)).map((r) => r.label),
      [EU],
    );
    assert.deepStrictEqual(
      (await rows(a, (await find(a, 'demo')).node)).map((r) => r.label),
      [US_EAST, 'US West (Oregon) us-west-2'],
    );

    const prodImages = await rows(a, (await find(a, 'prod', EU, 'AppStream 2.0', 'Private')).node);
    assert.deepStrictEqual(
      prodImages.map((r) => r.label),
      ['Prod-EU-Golden'],
    );
    assert.strictEqual(emulator.log.at(-1)!.accessKeyId, 'AKIAPRODACCOUNT00000');
    assert.strictEqual(
      (await rows(a)).find((r) => r.label === 'prod')!.description,
      '345678901234',
      "the account ID, from the owned image's ARN",
    );

    const otherImages = await rows(a, (await find(a, 'other', US_EAST, 'AppStream 2.0', 'Private')).node);
    assert.deepStrictEqual(
      otherImages.map((r) => r.label),
      ['Test-Win2022'],
    );
    const expired = await rows(a, (await find(a, 'expired', US_EAST, 'AppStream 2.0', 'Private')).node);
    assert.deepStrictEqual(
      expired.map((r) => [r.label, r.contextValue]),
      [
        [
          'Your AWS credentials have expired. Refresh them (for SSO: "aws sso login --profile expired") and retry.',
          'error.expired-credentials',
        ],
      ],
    );
    const demo = await rows(a, (await find(a, 'demo', US_EAST, 'AppStream 2.0', 'Private')).node);
    assert.ok(
      demo.some((r) => r.label === 'Finance-Win2022'),
      'the other accounts keep working',
    );
  });

  test('a profile that is no longer in the files says so on its row, with Select Profiles', async () => {
    const a = await api();
    await setSetting('profiles', [PROFILES.main, 'gone']);
    const gone = await rows(a, (await find(a, 'gone')).node);
    assert.deepStrictEqual(
      gone.map((r) => [r.label, r.command]),
      [['The profile gone is not in your AWS config or credentials files.', 'cloudImages.selectProfiles']],
    );
  });

  test("Select Profiles writes the choice in the files' order; none chosen changes nothing", async () => {
    const a = await api();
    let p = answer(a, [{ pickMany: ['prod', 'demo'] }]);
    assert.deepStrictEqual(await vscode.commands.executeCommand('cloudImages.selectProfiles'), ['demo', 'prod']);
    assert.deepStrictEqual(p.shown[0].items, ['demo', 'expired', 'other', 'prod']);
    assert.deepStrictEqual(a.ctx.scope.profiles(), ['demo', 'prod']);
    p = answer(a, [{ pickMany: [] }]);
    assert.strictEqual(await vscode.commands.executeCommand('cloudImages.selectProfiles'), undefined);
    assert.deepStrictEqual(p.notes, ['warning: Select at least one profile. The profiles shown were not changed.']);
    assert.deepStrictEqual(a.ctx.scope.profiles(), ['demo', 'prod']);
  });

  test('Find searches every account at once, reveals an image of another account, and a second Find sends nothing', async () => {
    const a = await api();
    await setSetting('profiles', [PROFILES.main, PROFILES.other, PROFILES.prod]);
    await setSetting('profileRegions', { prod: ['us-east-1', 'eu-west-1'] });
    emulator.clearLog();
    let p = answer(a, [{ search: 'Prod-Image-00037' }]);
    const found = await vscode.commands.executeCommand<ImageRecord>('cloudImages.findImage', 'Image-00037');
    assert.deepStrictEqual([found.profile, found.region, found.name], ['prod', 'us-east-1', 'Prod-Image-00037']);
    assert.ok(
      p.shown[0].items!.includes('Image-00037') && p.shown[0].items!.includes('Prod-Image-00037'),
      'results from every account',
    );
    // 3 accounts × 2 regions × (AppStream private and shared, WorkSpaces owned and shared)
    assert.strictEqual(p.shown[0].messages!.at(-1), '24 of 24 lists searched');
    const keys = new Set(emulator.log.map((r) => r.accessKeyId));
    assert.deepStrictEqual([...keys].sort(), ['AKIADEMOPROFILE00000', 'AKIAOTHERPROFILE0000', 'AKIAPRODACCOUNT00000']);
    assert.ok(!emulator.log.some((r) => r.params.Type === 'PUBLIC'), 'public images only when asked');
    const selected = await until(() => a.ctx.treeView.selection[0], 'the revealed row to be selected');
    assert.ok(
      selected.kind === 'image' && selected.record.profile === 'prod' && selected.record.name === 'Prod-Image-00037',
    );
    assert.ok(selected.parent.parent.parent.parent?.kind === 'profile', 'under the prod row');

    emulator.clearLog();
    // (The same choice: its row is loaded already, so revealing it sends nothing either.)
    p = answer(a, [{ search: 'Prod-Image-00037' }]);
    await vscode.commands.executeCommand('cloudImages.findImage', 'Image-00037');
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.region, r.params]),
      [],
      'every list came from memory',
    );
    assert.strictEqual(p.shown[0].detail, 'as of');

    p = answer(a, [{ search: 'Prod-Image-00037', includePublic: true }]);
    await vscode.commands.executeCommand('cloudImages.findImage', 'Image-00037');
    assert.ok(
      emulator.log.length > 0 && emulator.log.every((r) => r.params.Type === 'PUBLIC'),
      'only the public lists were read',
    );
    await a.globalState.update('cloudImages.findIncludesPublic', undefined);
  });

  test('an exact AppStream name is looked up directly in each account and region', async () => {
    const a = await api();
    await setSetting('profiles', [PROFILES.main, PROFILES.other]);
    emulator.latencyMs = 300;
    try {
      const p = answer(a, [{ search: 'Test-West-Only' }]);
      const found = await vscode.commands.executeCommand<ImageRecord>('cloudImages.findImage', 'Test-West-Only');
      assert.deepStrictEqual([found.profile, found.region], ['other', 'us-west-2']);
      assert.ok(p.shown[0].items!.filter((l) => l === 'Test-West-Only').length === 1, 'found once, not twice');
      const direct = emulator.log.filter((r) => (r.params.Names as string[] | undefined)?.includes('Test-West-Only'));
      assert.deepStrictEqual(direct.map((r) => [r.accessKeyId, r.region]).sort(), [
        ['AKIADEMOPROFILE00000', 'us-east-1'],
        ['AKIADEMOPROFILE00000', 'us-west-2'],
        ['AKIAOTHERPROFILE0000', 'us-east-1'],
        ['AKIAOTHERPROFILE0000', 'us-west-2'],
      ]);
    } finally {
      emulator.latencyMs = 0;
    }
  });

  test("an account an image is shared with that is one of the user's profiles is labelled with the profile", async () => {
    const a = await api();
    await setSetting('profiles', [PROFILES.main, PROFILES.other]);
    // The other profile's account becomes known from its first response.
    await rows(a, (await find(a, 'other', US_EAST, 'AppStream 2.0', 'Private')).node);
    const design = (await rows(a, (await find(a, 'demo', US_EAST, 'AppStream 2.0', 'Private')).node)).find(
      (r) => r.label === 'Design-Win2019',
    )!;
    const shared = (await rows(a, design.node)).find((r) => r.label === 'Shared with')!;
    const accounts = await rows(a, shared.node);
    assert.deepStrictEqual([accounts[0].label, accounts[0].description], ['210987654321', 'other · fleets']);
    // (345678901234 is prod's account: labelled too once prod has answered, as it did earlier in this suite.)
    assert.match(accounts[1].description!, /^(prod · )?image builders$/);
  });
});
