// Rolling an image out, in the real extension host against the local endpoint (ca-central-1 of the default
// scenario: Kiosk-2026-10 and Kiosk-2026-12, fleets Always-On running, On-Demand stopped, one starting, an Elastic
// one and a Linux one; bundles Kiosk desktop and Kiosk power on Kiosk-WS-2026-10): what AWS received, what the user
// read, and the "Used by" rows after it without a refresh.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { CopyJob } from '../../src/core/copyJobs';
import type { BundleRecord } from '../../src/core/rollout';
import { emulator, freshStart, setSetting, until } from './env';
import { answer, AS, imageRow, rows, WS, type Row } from './tree.helpers';

const CA = 'Canada (Central) ca-central-1';
const REGION = 'ca-central-1';
const OLD = 'Kiosk-2026-10';
const NEW = 'Kiosk-2026-12';

const sent = (op: string): unknown[] => emulator.log.filter((r) => r.operation === op).map((r) => r.params);
const ops = (): string[] => emulator.log.map((r) => `${r.operation}${r.error ? ` ${r.error}` : ''}`);

async function usedBy(a: CloudImagesApi, row: Row): Promise<string[]> {
  const by = (await rows(a, row.node)).find((r) => r.label === 'Used by');
  if (!by) throw new Error(`no Used by under ${row.label}`);
  return (await rows(a, by.node)).map((r) => r.label).sort();
}

const fleet = (name: string): Record<string, unknown> => emulator.world.region(REGION).fleets.get(name)!;

suite('Roll an image out', () => {
  suiteSetup(async () => {
    await setSetting('regions', [REGION]);
  });
  suiteTeardown(async () => {
    await setSetting('regions', ['us-east-1', 'us-west-2']);
    emulator.reset();
  });
  setup(async () => {
    emulator.reset();
    await freshStart();
  });

  test('Use in Fleets on two fleets: one UpdateFleet each, followed to the end, Used by updated without a refresh', async () => {
    const a = await freshStart();
    const oldRow = await imageRow(a, CA, AS, 'Private', OLD);
    assert.deepStrictEqual(await usedBy(a, oldRow), ['kiosk-always-on', 'kiosk-on-demand', 'kiosk-starting']);
    const row = await imageRow(a, CA, AS, 'Private', NEW);
    assert.deepStrictEqual(await usedBy(a, row), ['Not used by any fleet or image builder']);
    emulator.clearLog();
    const p = answer(a, [{ pickMany: ['kiosk-always-on', 'kiosk-on-demand'] }, { confirm: true }]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.useInFleets', row.node);

    const pick = p.shown[0];
    // The Elastic fleet is not offered; the others with type, state, capacity and image.
    assert.deepStrictEqual(pick.items, ['kiosk-always-on', 'kiosk-linux', 'kiosk-on-demand', 'kiosk-starting']);
    assert.strictEqual(pick.title, `Use ${NEW} in Fleets (${REGION})`);
    const confirm = p.shown[1];
    assert.strictEqual(confirm.title, `Give 2 fleets the image ${NEW} in ${REGION}?`);
    assert.strictEqual(
      confirm.detail,
      [
        `• kiosk-always-on (Always-On, running): ${OLD} → ${NEW}. New sessions start on ${NEW}; instances on ${OLD} are replaced as their sessions end (no session is ended).`,
        `• kiosk-on-demand (On-Demand, stopped): ${OLD} → ${NEW}. It uses ${NEW} when it is next started.`,
        '',
        `${OLD} stays as it is: no image is deleted.`,
        'One UpdateFleet is sent per fleet.',
      ].join('\n'),
    );
    assert.deepStrictEqual(confirm.items, ['Change 2 Fleets']);
    assert.deepStrictEqual(ops(), ['DescribeFleets', 'UpdateFleet', 'UpdateFleet']);
    assert.deepStrictEqual(sent('UpdateFleet'), [
      { Name: 'kiosk-always-on', ImageName: NEW },
      { Name: 'kiosk-on-demand', ImageName: NEW },
    ]);
    assert.deepStrictEqual(
      jobs.map((j) => [j.kind, j.destId, j.state]),
      [
        ['fleet-image', 'kiosk-always-on', 'RUNNING'],
        ['fleet-image', 'kiosk-on-demand', 'STOPPED'],
      ],
    );
    assert.deepStrictEqual(p.notes, [`info: 2 fleets are moving to ${NEW}. Progress is shown in the status bar.`]);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 2 fleets changing image');

    // Used by, from the listing made again (no refresh): the old image keeps only the starting fleet.
    assert.deepStrictEqual(await usedBy(a, oldRow), ['kiosk-starting']);
    assert.deepStrictEqual(await usedBy(a, row), ['kiosk-always-on', 'kiosk-on-demand']);
    // What the clean-up reads (Find Unused): the same listing.
    const users = await a.ctx.usage.region(a.ctx.scope.profile, REGION);
    assert.deepStrictEqual(
      users.filter((u) => u.kind === 'fleet' && u.imageName === NEW).map((u) => u.name),
      ['kiosk-always-on', 'kiosk-on-demand'],
    );

    emulator.clearLog();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(sent('DescribeFleets'), [{ Names: ['kiosk-always-on', 'kiosk-on-demand'] }], 'one look');
    const ended = a.ctx.tracker.all().filter((j) => jobs.some((x) => x.id === j.id));
    assert.deepStrictEqual(
      ended.map((j) => [j.destId, j.outcome, j.state]),
      [
        ['kiosk-always-on', 'succeeded', 'RUNNING'],
        ['kiosk-on-demand', 'succeeded', 'STOPPED'],
      ],
    );
    await until(() => p.notes.length === 3, 'both endings notified');
    assert.deepStrictEqual(p.notes.slice(1).sort(), [
      `info: Fleet kiosk-always-on in ${REGION} now has the image ${NEW}: new sessions use it, and instances move to it as sessions end.`,
      `info: Fleet kiosk-on-demand in ${REGION} now has the image ${NEW}: it starts on it.`,
    ]);
    assert.strictEqual(sent('UpdateFleet').length, 0, 'nothing sent again');
  });

  test('Change Image on a fleet row: the region’s other available images, then one UpdateFleet', async () => {
    const a = await freshStart();
    const oldRow = await imageRow(a, CA, AS, 'Private', OLD);
    const by = (await rows(a, oldRow.node)).find((r) => r.label === 'Used by')!;
    const fleetRow = (await rows(a, by.node)).find((r) => r.label === 'kiosk-on-demand')!;
    assert.strictEqual(fleetRow.contextValue, 'usage.fleet');
    emulator.clearLog();
    const p = answer(a, [{ pick: NEW }, { confirm: true }]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.changeFleetImage', fleetRow.node);
    const pick = p.shown[0];
    assert.strictEqual(pick.title, `Change Image of Fleet kiosk-on-demand (On-Demand, ${REGION})`);
    assert.ok(pick.items!.includes(NEW) && pick.items!.includes('Kiosk-Linux-2026-12'));
    assert.ok(!pick.items!.includes(OLD), 'not the image it is on');
    assert.strictEqual(p.shown[1].title, `Give fleet kiosk-on-demand the image ${NEW} in ${REGION}?`);
    assert.deepStrictEqual(sent('UpdateFleet'), [{ Name: 'kiosk-on-demand', ImageName: NEW }]);
    assert.deepStrictEqual(sent('DescribeFleets')[0], { Names: ['kiosk-on-demand'] }, 'the fleet read again');
    assert.deepStrictEqual(
      jobs.map((j) => [j.kind, j.destId]),
      [['fleet-image', 'kiosk-on-demand']],
    );
    assert.strictEqual(fleet('kiosk-on-demand').ImageName, NEW);
    assert.deepStrictEqual(await usedBy(a, oldRow), ['kiosk-always-on', 'kiosk-starting']);
  });

  test('Use in Bundles: one UpdateWorkspaceBundle per bundle, read back, reported at once', async () => {
    const a = await freshStart();
    const oldRow = await imageRow(a, CA, WS, 'Owned', 'Kiosk-WS-2026-10');
    assert.deepStrictEqual(await usedBy(a, oldRow), ['Kiosk desktop', 'Kiosk power']);
    const row = await imageRow(a, CA, WS, 'Owned', 'Kiosk-WS-2026-12');
    emulator.clearLog();
    const p = answer(a, [{ pickMany: ['Kiosk desktop', 'Kiosk power'] }, { confirm: true }]);
    const done = await vscode.commands.executeCommand<BundleRecord[]>('cloudImages.useInBundles', row.node);
    assert.deepStrictEqual(p.shown[0].items, ['Kiosk desktop', 'Kiosk power'], "Amazon's bundle is not offered");
    assert.strictEqual(p.shown[1].title, 'Give 2 bundles the image Kiosk-WS-2026-12 in ca-central-1?');
    assert.strictEqual(
      p.shown[1].detail,
      [
        '• Kiosk desktop (wsb-kioskdesk1): wsi-kioskold01 → wsi-kiosknew01',
        '• Kiosk power (wsb-kioskpower1): wsi-kioskold01 → wsi-kiosknew01',
        '',
        'New WorkSpaces launched from these bundles get Kiosk-WS-2026-12. Existing WorkSpaces keep their image until they are rebuilt.',
        'The old images stay as they are: no image is deleted.',
      ].join('\n'),
    );
    assert.deepStrictEqual(sent('UpdateWorkspaceBundle'), [
      { BundleId: 'wsb-kioskdesk1', ImageId: 'wsi-kiosknew01' },
      { BundleId: 'wsb-kioskpower1', ImageId: 'wsi-kiosknew01' },
    ]);
    assert.deepStrictEqual(ops(), [
      'DescribeWorkspaceBundles',
      'UpdateWorkspaceBundle',
      'DescribeWorkspaceBundles',
      'UpdateWorkspaceBundle',
      'DescribeWorkspaceBundles',
    ]);
    assert.deepStrictEqual(
      done.map((b) => [b.id, b.imageId]),
      [
        ['wsb-kioskdesk1', 'wsi-kiosknew01'],
        ['wsb-kioskpower1', 'wsi-kiosknew01'],
      ],
    );
    assert.deepStrictEqual(p.notes, [
      'info: 2 bundles now have the image Kiosk-WS-2026-12: new WorkSpaces launched from them get it.',
    ]);
    assert.deepStrictEqual(await usedBy(a, oldRow), ['Not used by any bundle of this account']);
    assert.deepStrictEqual(await usedBy(a, row), ['Kiosk desktop', 'Kiosk power']);
  });

  test('AWS’s refusals of UpdateFleet in words: a starting fleet, an incompatible image, an image not available', async () => {
    const a = await freshStart();
    const row = await imageRow(a, CA, AS, 'Private', NEW);
    let p = answer(a, [{ pickMany: ['kiosk-starting', 'kiosk-linux'] }, { confirm: true }]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.useInFleets', row.node);
    assert.match(
      p.shown[1].detail!,
      /• kiosk-starting \(Always-On, starting\): AWS refuses changes while a fleet starts or stops/,
    );
    assert.deepStrictEqual(jobs, []);
    assert.strictEqual(sent('UpdateFleet').length, 2);
    assert.deepStrictEqual(p.notes, [
      `error: Fleet kiosk-starting was not given ${NEW}: The fleet kiosk-starting is STARTING. Wait until it is RUNNING or STOPPED, then try again. The fleet is starting, stopping or being changed: wait until it is running or stopped, refresh, and try again. ` +
        `Fleet kiosk-linux was not given ${NEW}: The image ${NEW} (WINDOWS_SERVER_2022) is not compatible with the fleet kiosk-linux (AMAZON_LINUX2). The image does not fit the fleet (its platform, instance family or fleet type): choose another image, or another fleet.`,
    ]);
    assert.strictEqual(fleet('kiosk-linux').ImageName, 'Kiosk-Linux-2026-12', 'unchanged');

    // The image stopped being available after it was listed: AWS says so, and nothing changes.
    emulator.world.region(REGION).appstream.get(NEW)!.image.State = 'PENDING';
    emulator.clearLog();
    p = answer(a, [{ pickMany: ['kiosk-always-on'] }, { confirm: true }]);
    await vscode.commands.executeCommand('cloudImages.useInFleets', row.node);
    assert.deepStrictEqual(p.notes, [
      `error: Fleet kiosk-always-on was not given ${NEW}: The image ${NEW} is not available (it is PENDING). The image is not available yet (only an available image can be used): wait until it is, then try again.`,
    ]);
    assert.strictEqual(fleet('kiosk-always-on').ImageName, OLD);
  });

  test('AWS’s refusals of UpdateWorkspaceBundle in words: an image not available, a bundle gone', async () => {
    const a = await freshStart();
    const row = await imageRow(a, CA, WS, 'Owned', 'Kiosk-WS-2026-12');
    emulator.world.region(REGION).workspaces.get('wsi-kiosknew01')!.image.State = 'PENDING';
    const p = answer(a, [{ pickMany: ['Kiosk desktop'] }, { confirm: true }]);
    const ask = p.pickMany.bind(p);
    // The bundle is deleted while the user chooses.
    p.pickMany = async (items, o) => {
      const out = await ask(items, o);
      emulator.world.region(REGION).bundles.delete('wsb-kioskpower1');
      return out;
    };
    await vscode.commands.executeCommand('cloudImages.useInBundles', row.node);
    assert.deepStrictEqual(p.notes, [
      'error: Bundle Kiosk desktop was not given Kiosk-WS-2026-12: The image wsi-kiosknew01 is not available. The bundle or the image is not available now (an image must be available): wait, then try again.',
    ]);
    emulator.world.region(REGION).workspaces.get('wsi-kiosknew01')!.image.State = 'AVAILABLE';
    const q = answer(a, [{ pickMany: ['Kiosk desktop'] }, { confirm: true }]);
    const qAsk = q.pickMany.bind(q);
    q.pickMany = async (items, o) => {
      const out = await qAsk(items, o);
      emulator.world.region(REGION).bundles.delete('wsb-kioskdesk1');
      return out;
    };
    await vscode.commands.executeCommand('cloudImages.useInBundles', row.node);
    assert.deepStrictEqual(q.notes, [
      'error: Bundle Kiosk desktop was not given Kiosk-WS-2026-12: The bundle wsb-kioskdesk1 could not be found. The bundle or the image is gone: refresh the view.',
    ]);
  });

  test('a lost UpdateFleet answer is settled by reading the fleet back: sent once', async () => {
    const a = await freshStart();
    const row = await imageRow(a, CA, AS, 'Private', NEW);
    emulator.clearLog();
    emulator.inject({ kind: 'error-after', operation: 'UpdateFleet' });
    const p = answer(a, [{ pickMany: ['kiosk-always-on'] }, { confirm: true }]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.useInFleets', row.node);
    assert.deepStrictEqual(ops(), ['DescribeFleets', 'UpdateFleet InternalFailure', 'DescribeFleets']);
    assert.deepStrictEqual(emulator.log[2].params, { Names: ['kiosk-always-on'] });
    assert.deepStrictEqual(
      jobs.map((j) => j.destId),
      ['kiosk-always-on'],
    );
    assert.deepStrictEqual(p.notes, [
      `info: Fleet kiosk-always-on is moving to ${NEW}. Progress is shown in the status bar.`,
    ]);

    // Lost before AWS did it: the look finds the old image, and says nothing changed.
    emulator.clearLog();
    emulator.inject({ kind: 'drop', operation: 'UpdateFleet' });
    const q = answer(a, [{ pickMany: ['kiosk-on-demand'] }, { confirm: true }]);
    await vscode.commands.executeCommand('cloudImages.useInFleets', row.node);
    assert.strictEqual(sent('UpdateFleet').length, 1, 'sent once');
    assert.strictEqual(fleet('kiosk-on-demand').ImageName, OLD);
    assert.strictEqual(q.notes.length, 1);
    assert.match(
      q.notes[0],
      /^error: Fleet kiosk-on-demand was not given Kiosk-2026-12: AWS did not answer in ca-central-1 \(.*\); Cloud Images checked and the image change of fleet kiosk-on-demand was not carried out: nothing changed\. Try again\.$/,
    );
  });

  test('a lost UpdateWorkspaceBundle answer is settled by reading the bundle back: sent once', async () => {
    const a = await freshStart();
    const row = await imageRow(a, CA, WS, 'Owned', 'Kiosk-WS-2026-12');
    emulator.clearLog();
    emulator.inject({ kind: 'drop-mid-body', operation: 'UpdateWorkspaceBundle' });
    const p = answer(a, [{ pickMany: ['Kiosk power'] }, { confirm: true }]);
    const done = await vscode.commands.executeCommand<BundleRecord[]>('cloudImages.useInBundles', row.node);
    assert.strictEqual(sent('UpdateWorkspaceBundle').length, 1);
    assert.deepStrictEqual(sent('DescribeWorkspaceBundles').at(-1), { BundleIds: ['wsb-kioskpower1'] });
    assert.deepStrictEqual(
      done.map((b) => [b.id, b.imageId]),
      [['wsb-kioskpower1', 'wsi-kiosknew01']],
    );
    assert.deepStrictEqual(p.notes, [
      'info: Bundle Kiosk power now has the image Kiosk-WS-2026-12: new WorkSpaces launched from it get it.',
    ]);
  });

  test('Use in Fleets from the palette asks for the owned image first', async () => {
    const a = await freshStart();
    const p = answer(a, [
      { pick: CA },
      { pick: AS },
      { pickPaged: NEW },
      { pickMany: ['kiosk-on-demand'] },
      { confirm: true },
    ]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.useInFleets');
    assert.deepStrictEqual(
      p.shown.map((x) => x.kind),
      ['pick', 'pick', 'pickPaged', 'pickMany', 'confirm'],
    );
    assert.deepStrictEqual(sent('UpdateFleet'), [{ Name: 'kiosk-on-demand', ImageName: NEW }]);
    assert.deepStrictEqual(
      jobs.map((j) => j.destId),
      ['kiosk-on-demand'],
    );
  });

  test('Elastic fleets are not offered; when they are all the region has, the user is told why', async () => {
    const a = await freshStart();
    const fleets = emulator.world.region(REGION).fleets;
    for (const name of [...fleets.keys()]) if (name !== 'kiosk-elastic') fleets.delete(name);
    const row = await imageRow(a, CA, AS, 'Private', NEW);
    emulator.clearLog();
    const p = answer(a, []);
    await vscode.commands.executeCommand('cloudImages.useInFleets', row.node);
    assert.deepStrictEqual(p.shown, [], 'nothing to pick');
    assert.deepStrictEqual(p.notes, [
      `info: The fleets of ${REGION} are all Elastic: Elastic fleets run applications from app blocks and take no image. Nothing was sent.`,
    ]);
    assert.deepStrictEqual(ops(), ['DescribeFleets']);
  });
});
