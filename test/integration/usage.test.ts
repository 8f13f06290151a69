// "Used by" rows, the delete's usage check and "Find Unused Images", in the real extension host against the
// local endpoint. Request counts are what AWS would receive.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart } from './env';
import { answer, AS, find, imageRow, rows, US_EAST, WS, type Row } from './tree.helpers';
import type { CloudImagesApi } from '../../src/extension';
import type { DeleteResult } from '../../src/commands/deleteImage';
import type { CleanupResult } from '../../src/commands/findUnused';

const USAGE_OPS = new Set(['DescribeFleets', 'DescribeImageBuilders', 'DescribeWorkspaceBundles']);
const usageCalls = (): string[] =>
  emulator.log.filter((r) => USAGE_OPS.has(r.operation)).map((r) => `${r.operation} ${r.region}`);
const FRANKFURT = 'Europe (Frankfurt) eu-central-1';

async function usedBy(a: CloudImagesApi, image: Row): Promise<Row[]> {
  const [usedByRow] = (await rows(a, image.node)).filter((r) => r.label === 'Used by');
  assert.ok(usedByRow, `${image.label} has a "Used by" row`);
  return rows(a, usedByRow.node);
}

suite('Used by and clean-up', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);

  test('"Used by" rows for fleets, image builders and bundles; one listing per region however many images', async () => {
    const a = await api();
    const priv = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    const owned = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
    const row = (list: Row[], name: string) => list.find((r) => r.label === name)!;
    emulator.clearLog();
    // Showing images and their "Used by" rows sends nothing; the tooltip says nothing of use yet.
    const finance = row(priv, 'Finance-Win2022');
    assert.deepStrictEqual(
      (await rows(a, finance.node)).map((r) => r.label),
      ['Used by', 'Microsoft Excel', 'Notepad'],
    );
    assert.doesNotMatch(finance.tooltip!, /Used by/);
    assert.deepStrictEqual(emulator.log, []);

    // Two rows expanded at once share one listing.
    const [eng, fin] = await Promise.all([usedBy(a, row(priv, 'Engineering-Linux')), usedBy(a, finance)]);
    assert.deepStrictEqual(
      eng.map((r) => [r.label, r.description, r.icon]),
      [['engineering-fleet', 'fleet · RUNNING', 'server-environment']],
    );
    assert.deepStrictEqual(
      fin.map((r) => [r.label, r.description, r.icon]),
      [['finance-builder', 'image builder · STOPPED', 'tools']],
    );
    for (const name of ['Image-00001', 'Image-00002', 'Broken-Build', 'Design-Win2019']) {
      assert.deepStrictEqual(
        (await usedBy(a, row(priv, name))).map((r) => r.label),
        ['Not used by any fleet or image builder'],
        name,
      );
    }
    const bundle = await usedBy(a, row(owned, 'Callcenter-Win10'));
    assert.deepStrictEqual(
      bundle.map((r) => [r.label, r.description, r.icon]),
      [['callcenter', 'bundle · wsb-callcenter · AVAILABLE', 'package']],
    );
    for (const name of ['Standard-Win11', 'WS-Image-00001']) {
      assert.deepStrictEqual(
        (await usedBy(a, row(owned, name))).map((r) => r.label),
        ['Not used by any bundle of this account'],
        name,
      );
    }
    // 9 images inspected: DescribeFleets has 13 fleets in pages of 10; one listing per service of the region.
    assert.deepStrictEqual(usageCalls(), [
      'DescribeFleets us-east-1',
      'DescribeFleets us-east-1',
      'DescribeImageBuilders us-east-1',
      'DescribeWorkspaceBundles us-east-1',
    ]);
    assert.deepStrictEqual(
      emulator.requests({ operation: 'DescribeWorkspaceBundles' })[0].params,
      {},
      "Owner unset: the account's own bundles",
    );
    assert.strictEqual(emulator.log.length, 4);

    // Now known: tooltips and details say it, without another request.
    const again = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    assert.match(row(again, 'Finance-Win2022').tooltip!, /Used by: image builder finance-builder/);
    assert.match(row(again, 'Image-00001').tooltip!, /Used by: nothing \(not used by any fleet or image builder\)/);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(
      'cloudImages.showImageDetails',
      row(again, 'Engineering-Linux').node,
    );
    assert.deepStrictEqual((JSON.parse(doc.getText()) as { UsedBy: string[] }).UsedBy, [
      'fleet engineering-fleet (RUNNING)',
    ]);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    // The details read the image's tags (DescribeImages has none): that one request, nothing about its use.
    assert.deepStrictEqual(
      emulator
        .requests()
        .map((r) => r.operation)
        .slice(4),
      ['ListTagsForResource'],
    );

    // Images of others have no "Used by" row.
    const pub = await rows(a, (await find(a, US_EAST, AS, 'Public')).node);
    assert.deepStrictEqual(await rows(a, pub[0].node), []);

    // A refresh drops the listing: the next look lists again.
    a.ctx.refreshes.all('user');
    emulator.clearLog();
    const fresh = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    assert.deepStrictEqual(
      (await usedBy(a, row(fresh, 'Engineering-Linux'))).map((r) => r.label),
      ['engineering-fleet'],
    );
    assert.deepStrictEqual(usageCalls(), [
      'DescribeFleets us-east-1',
      'DescribeFleets us-east-1',
      'DescribeImageBuilders us-east-1',
    ]);
  });

  test('a listing that fails is a row with Retry, and Retry lists again', async () => {
    const a = await api();
    const img = await imageRow(a, US_EAST, AS, 'Private', 'Image-00003');
    emulator.inject({ kind: 'access-denied', operation: 'DescribeFleets' });
    const failed = await usedBy(a, img);
    assert.strictEqual(failed.length, 1);
    assert.match(failed[0].label, /^Access denied in us-east-1/);
    assert.strictEqual(failed[0].command, 'cloudImages.retry');
    await vscode.commands.executeCommand(
      'cloudImages.retry',
      failed[0].node.kind === 'usageRow' ? failed[0].node.parent : undefined,
    );
    assert.deepStrictEqual(
      (await usedBy(a, img)).map((r) => r.label),
      ['Not used by any fleet or image builder'],
    );
    assert.strictEqual(
      emulator.requests({ operation: 'DescribeFleets' }).length,
      3,
      'the failed page, then both pages again',
    );
  });

  test('delete of an image in use sends no DeleteImage and says what to do; the rest of the selection is deleted', async () => {
    const a = await api();
    const priv = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    const chosen = ['Engineering-Linux', 'Finance-Win2022', 'Image-00011'].map(
      (n) => priv.find((r) => r.label === n)!.node,
    );
    emulator.clearLog();
    const p = answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', chosen[0], chosen);
    assert.deepStrictEqual(p.notes, [
      'warning: Not deleted: Engineering-Linux is used by fleet engineering-fleet: give the fleet another image (or delete the fleet), then delete the image. ' +
        'Not deleted: Finance-Win2022 is used by image builder finance-builder: delete the image builder, then delete the image.',
    ]);
    assert.strictEqual(
      p.shown[0].title,
      'Delete the image Image-00011 from us-east-1?',
      'the confirmation names only what will be deleted',
    );
    assert.deepStrictEqual(
      emulator.requests({ operation: 'DeleteImage' }).map((r) => r.params),
      [{ Name: 'Image-00011' }],
    );
    assert.deepStrictEqual(
      result.deleted.map((r) => r.name),
      ['Image-00011'],
    );
    assert.deepStrictEqual(
      result.failed.map((f) => f.image.name),
      ['Engineering-Linux', 'Finance-Win2022'],
    );

    // Only images in use: no question, nothing sent but the (kept) listing.
    emulator.clearLog();
    const ws = await imageRow(a, US_EAST, WS, 'Owned', 'Callcenter-Win10');
    const q = answer(a, []);
    const r2 = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', ws.node);
    assert.deepStrictEqual(r2.deleted, []);
    assert.deepStrictEqual(q.notes, [
      'warning: Not deleted: Callcenter-Win10 is used by bundle callcenter (wsb-callcenter): give the bundle another image (or delete the bundle), then delete the image.',
    ]);
    assert.deepStrictEqual(
      emulator.log.map((r) => r.operation),
      ['DescribeWorkspaceImages', 'DescribeWorkspaceBundles'],
    );
  });

  test('a fleet that started using the image after the listing: AWS refuses, the user is told, the listing is renewed', async () => {
    const a = await api();
    const img = await imageRow(a, US_EAST, AS, 'Private', 'Image-00012');
    assert.deepStrictEqual(
      (await usedBy(a, img)).map((r) => r.label),
      ['Not used by any fleet or image builder'],
    );
    emulator.world.putFleet('us-east-1', { Name: 'late-fleet', ImageName: 'Image-00012' });
    emulator.clearLog();
    const p = answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', img.node);
    assert.deepStrictEqual(
      emulator.log.map((r) => r.operation),
      ['DeleteImage'],
      'the kept listing said unused: the delete was sent',
    );
    assert.match(
      result.failed[0].message,
      /in use by fleet late-fleet\. Remove it from every fleet and image builder that uses it/,
    );
    assert.match(p.notes[0], /^error: Could not delete Image-00012: /);
    assert.deepStrictEqual(
      (await usedBy(a, img)).map((r) => r.label),
      ['late-fleet'],
    );
    emulator.world.region('us-east-1').fleets.delete('late-fleet');
  });

  test("Find Unused Images: exactly the scenario's candidates, each with why, and why not for every other image", async () => {
    const a = await api();
    const p = answer(a, [{ pick: FRANKFURT }, { input: ['0', 'thirty', '30'] }, { pick: 'Leave them out' }, 'escape']);
    const result = await vscode.commands.executeCommand<CleanupResult>('cloudImages.findUnusedImages');
    assert.strictEqual(p.remaining, 0);
    assert.strictEqual(p.shown[1].value, '30', 'the default age');
    assert.deepStrictEqual(p.shown[1].messages, [
      'Enter a number of days from 1 to 3650.',
      'Enter a whole number of days (1-3650).',
    ]);
    assert.deepStrictEqual(p.shown[2].items, ['Leave them out', 'Include them']);
    const why = Object.fromEntries(result.verdicts.map((v) => [v.image.name, [v.candidate, v.reasons.join('; ')]]));
    assert.deepStrictEqual(why, {
      'Finance-Win2022-2026-01-15': [
        true,
        'not used by any fleet or image builder; 318 days old; 3 images in Finance-Win2022; Finance-Win2022-2026-11-20 is kept as the newest',
      ],
      'Finance-Win2022-2026-06-01': [
        true,
        'not used by any fleet or image builder; 181 days old; 3 images in Finance-Win2022; Finance-Win2022-2026-11-20 is kept as the newest',
      ],
      'Finance-Win2022-2026-11-20': [
        false,
        '9 days old (younger than 30 days); the newest of Finance-Win2022 (3 images)',
      ],
      golden_v10: [
        true,
        'not used by any fleet or image builder; 200 days old; 3 images in golden; golden_v12 is kept as the newest',
      ],
      golden_v11: [false, 'used by image builder golden-builder'],
      golden_v12: [false, 'used by fleet golden-fleet; the newest of golden (3 images)'],
      'Kiosk-Base': [false, 'the only image of its family'],
      'Partner-Export-2026-03-01': [false, 'shared with other accounts'],
      'Partner-Export-2026-08-01': [false, 'the newest of Partner-Export (2 images)'],
      'Nightly-20261115': [false, '14 days old (younger than 30 days)'],
      'Nightly-20261125': [false, '4 days old (younger than 30 days); the newest of Nightly (2 images)'],
      'Builder-Copy-2026-05-01': [
        true,
        'failed; not used by any fleet or image builder; 200 days old; 2 images in Builder-Copy; Builder-Copy-2026-09-01 is kept as the newest',
      ],
      'Builder-Copy-2026-09-01': [false, 'the newest of Builder-Copy (2 images)'],
      'Incoming-2026-04-01': [false, 'Copying: only available or failed images can be deleted'],
      'Incoming-2026-10-01': [false, 'the newest of Incoming (2 images)'],
      'app-20260301': [false, 'used by bundle apppool01 (wsb-apppool01)'],
      'app-20260601': [
        true,
        'not used by any bundle; 181 days old; 3 images in app; app-20261101 is kept as the newest',
      ],
      'app-20261101': [false, '28 days old (younger than 30 days); the newest of app (3 images)'],
      'ws-std-v1': [true, 'not used by any bundle; 100 days old; 2 images in ws-std; ws-std-v2 is kept as the newest'],
      'ws-std-v2': [false, 'the newest of ws-std (2 images)'],
    });
    const list = p.shown[3];
    assert.strictEqual(list.kind, 'pickMany');
    assert.deepStrictEqual(list.items, [
      'Builder-Copy-2026-05-01',
      'Finance-Win2022-2026-01-15',
      'Finance-Win2022-2026-06-01',
      'golden_v10',
      'app-20260601',
      'ws-std-v1',
    ]);
    assert.match(p.shown[3].title, /Find Unused Images/);
    // Each region's owned lists paged to the end, and one usage listing; nothing deleted after Escape.
    assert.deepStrictEqual(emulator.log.map((r) => `${r.operation} ${r.region}`).sort(), [
      'DescribeFleets eu-central-1',
      'DescribeImageBuilders eu-central-1',
      'DescribeImages eu-central-1',
      'DescribeWorkspaceBundles eu-central-1',
      'DescribeWorkspaceImages eu-central-1',
    ]);
    assert.deepStrictEqual(emulator.requests({ operation: 'DescribeImages' })[0].params, {
      Type: 'PRIVATE',
      MaxResults: 25,
    });
    assert.deepStrictEqual(result.chosen, []);
  });

  test('Find Unused Images can include images shared with other accounts', async () => {
    const a = await api();
    const p = answer(a, [{ pick: FRANKFURT }, { input: ['30'] }, { pick: 'Include them' }, 'escape']);
    const result = await vscode.commands.executeCommand<CleanupResult>('cloudImages.findUnusedImages');
    assert.ok(p.shown[3].items!.includes('Partner-Export-2026-03-01'));
    assert.match(
      result.verdicts.find((v) => v.image.name === 'Partner-Export-2026-03-01')!.reasons.join('; '),
      /shared with other accounts: AWS refuses the delete/,
    );
  });

  test('Find Unused Images on region rows searches them in parallel; two candidates deleted with one confirmation', async () => {
    const a = await api();
    const regions = await rows(a);
    emulator.clearLog();
    const p = answer(a, [{ input: ['30'] }, { pickMany: ['Image-00001', 'WS-Image-00002'] }, { confirm: true }]);
    const result = await vscode.commands.executeCommand<CleanupResult>(
      'cloudImages.findUnusedImages',
      regions[0].node,
      regions.map((r) => r.node),
    );
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(result.regions, ['us-east-1', 'us-west-2']);
    const list = p.shown.find((s) => s.kind === 'pickMany')!;
    assert.ok(
      list.items!.includes('Image-00039') && !list.items!.includes('Image-00040'),
      'the newest of the Image family stays',
    );
    for (const kept of [
      'Design-Win2019',
      'Engineering-Linux',
      'Finance-Win2022',
      'Callcenter-Win10',
      'Finance-Win2022-West',
      'Standard-Win11-West',
    ]) {
      assert.ok(!list.items!.includes(kept), kept);
    }
    const confirm = p.shown.at(-1)!;
    assert.strictEqual(confirm.title, 'Delete 2 images from us-east-1?');
    assert.match(
      confirm.detail!,
      /• Image-00001 \(AppStream 2\.0, us-east-1\)\n• WS-Image-00002 \(WorkSpaces, us-east-1, wsi-000000002\)/,
    );
    assert.deepStrictEqual(
      result.deleted?.deleted.map((r) => r.name),
      ['Image-00001', 'WS-Image-00002'],
    );
    const byRegion = (region: string) => emulator.requests({ region }).map((r) => r.operation);
    // Usage listed once per region and reused by the delete; us-west-2's lists ran beside us-east-1's.
    assert.deepStrictEqual(
      byRegion('us-east-1')
        .filter((o) => USAGE_OPS.has(o))
        .sort(),
      ['DescribeFleets', 'DescribeFleets', 'DescribeImageBuilders', 'DescribeWorkspaceBundles'],
    );
    assert.deepStrictEqual(
      byRegion('us-west-2')
        .filter((o) => USAGE_OPS.has(o))
        .sort(),
      ['DescribeFleets', 'DescribeImageBuilders', 'DescribeWorkspaceBundles'],
    );
    assert.deepStrictEqual(
      emulator.log.filter((r) => r.operation.startsWith('Delete')).map((r) => [r.operation, r.params]),
      [
        ['DeleteImage', { Name: 'Image-00001' }],
        ['DeleteWorkspaceImage', { ImageId: 'wsi-000000002' }],
      ],
    );
    const firstWest = emulator.log.findIndex((r) => r.region === 'us-west-2');
    const lastEastList = emulator.log
      .map((r) => r.region === 'us-east-1' && !r.operation.startsWith('Delete'))
      .lastIndexOf(true);
    assert.ok(firstWest < lastEastList, 'the regions were listed side by side, not one after the other');
  });
});
