import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart, setSetting } from './env';
import type { Answer } from '../support/prompts';
import { answer, AS, find, imageRow, rows, US_EAST, US_WEST, WS } from './tree.helpers';
import type { CopyJob } from '../../src/core/copyJobs';
import type { DeleteResult } from '../../src/commands/deleteImage';

const MUTATIONS = new Set(['CopyImage', 'CopyWorkspaceImage', 'DeleteImage', 'DeleteWorkspaceImage', 'TagResource']);
const mutations = () => emulator.log.filter((r) => MUTATIONS.has(r.operation));

suite('Copy and delete', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);

  test('copy an AppStream image from its row to two regions, with validated names and its tags', async () => {
    const a = await api();
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    emulator.clearLog();
    const p = await answer(a, [
      { pickMany: ['US West (Oregon) us-west-2', 'Europe (Ireland) eu-west-1'] },
      { input: ['bad name!', '-starts-with-dash', 'Finance-Win2022-West', 'Finance-Copy'] },
      { input: ['Copied for the west coast'] },
      { pick: 'Copy 2 tags' },
    ]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.copyImage', finance.node);
    assert.strictEqual(p.remaining, 0);
    const nameBox = p.shown[1];
    assert.strictEqual(nameBox.value, 'Finance-Win2022-copy', 'a valid default name is suggested');
    assert.deepStrictEqual(nameBox.messages, [
      'Not allowed in an AppStream image name: space, "!". Use letters, digits, "_", "." and "-".',
      'The name must start with a letter or a digit.',
      'An image named Finance-Win2022-West already exists in us-west-2. Choose another name.',
    ]);
    assert.strictEqual(p.shown[2].value, 'Finance apps on Windows Server 2022', 'the description is carried over');
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.region, r.params]),
      [
        ['DescribeImages', 'us-west-2', { Names: ['Finance-Win2022-West'] }],
        ['DescribeImages', 'us-west-2', { Names: ['Finance-Copy'] }],
        ['DescribeImages', 'eu-west-1', { Names: ['Finance-Copy'] }],
        [
          'ListTagsForResource',
          'us-east-1',
          { ResourceArn: 'arn:aws:appstream:us-east-1:123456789012:image/Finance-Win2022' },
        ],
        [
          'CopyImage',
          'us-east-1',
          {
            SourceImageName: 'Finance-Win2022',
            DestinationRegion: 'us-west-2',
            DestinationImageName: 'Finance-Copy',
            DestinationImageDescription: 'Copied for the west coast',
          },
        ],
        [
          'CopyImage',
          'us-east-1',
          {
            SourceImageName: 'Finance-Win2022',
            DestinationRegion: 'eu-west-1',
            DestinationImageName: 'Finance-Copy',
            DestinationImageDescription: 'Copied for the west coast',
          },
        ],
      ],
    );
    assert.deepStrictEqual(
      jobs.map((j) => [j.destRegion, j.destId, j.state]),
      [
        ['us-west-2', 'Finance-Copy', 'COPYING'],
        ['eu-west-1', 'Finance-Copy', 'COPYING'],
      ],
    );
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 2 image copies');

    // The destination list shows the copy, in transition.
    const west = await imageRow(a, US_WEST, AS, 'Private', 'Finance-Copy');
    assert.strictEqual(west.icon, 'sync~spin');
    assert.strictEqual(west.description?.split(' · ')[0], 'Copying');

    // Tags are applied once the copy exists: on the tracker's first look.
    emulator.clearLog();
    await a.ctx.tracker.tick();
    // The two destination regions are polled side by side: in each, one look and then the tags.
    for (const region of ['us-west-2', 'eu-west-1']) {
      assert.deepStrictEqual(
        emulator.requests({ region }).map((r) => r.operation),
        ['DescribeImages', 'TagResource'],
      );
    }
    assert.strictEqual(emulator.log.length, 4);
    assert.deepStrictEqual(Object.fromEntries(emulator.world.region('us-west-2').appstream.get('Finance-Copy')!.tags), {
      team: 'finance',
      'cost-center': '1234',
    });
    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(
      a.ctx.tracker
        .all()
        .filter((j) => j.destName === 'Finance-Copy')
        .map((j) => [j.outcome, j.tagsFailed]),
      [
        ['succeeded', undefined],
        ['succeeded', undefined],
      ],
    );
    assert.strictEqual(a.statusBar.text, undefined, 'both done, tags applied: nothing asks for attention');
  });

  test('copy a WorkSpaces image from the palette: pick region, service and image; tags are passed along', async () => {
    const a = await api();
    const p = await answer(a, [
      { pick: 'US East (N. Virginia) us-east-1' },
      { pick: 'WorkSpaces' },
      { pickPaged: 'Standard-Win11' },
      { pickMany: ['US West (Oregon) us-west-2'] },
      { input: ['Std Win11 West', 'x'.repeat(65), 'Standard-Win11-West', 'Standard-Win11-Copy'] },
      { input: ['Bad;description', 'Standard Windows 11 desktop'] },
    ]);
    const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.copyImage');
    assert.strictEqual(p.remaining, 0);
    assert.deepStrictEqual(p.shown[4].messages, [
      'Not allowed in a WorkSpaces image name: space. Use letters, digits and _ . / ( ) \\ -',
      'The name is 65 characters long; WorkSpaces allows at most 64.',
      'An image named Standard-Win11-West already exists in us-west-2. Choose another name.',
    ]);
    assert.deepStrictEqual(p.shown[5].messages, [
      'Not allowed in a WorkSpaces description: ";". Use letters, digits, spaces and _ . / ( ) -',
    ]);
    const copy = emulator.requests({ operation: 'CopyWorkspaceImage' });
    assert.strictEqual(copy.length, 1);
    assert.strictEqual(copy[0].region, 'us-west-2', 'sent to the destination region');
    assert.deepStrictEqual(copy[0].params, {
      Name: 'Standard-Win11-Copy',
      Description: 'Standard Windows 11 desktop',
      SourceImageId: 'wsi-abc123def',
      SourceRegion: 'us-east-1',
      Tags: [{ Key: 'team', Value: 'it' }],
    });
    assert.match(jobs[0].destId, /^wsi-/);
    assert.strictEqual(jobs[0].state, 'PENDING');
  });

  test('Escape at any step of a copy sends no copy, and at the first step nothing at all', async () => {
    const a = await api();
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    const steps: Answer[] = [
      { pickMany: ['US West (Oregon) us-west-2'] },
      { input: ['Finance-Copy-2'] },
      { input: [''] },
      { pick: 'Copy 2 tags' },
    ];
    const tracked = a.ctx.tracker.all().length;
    for (let k = 0; k < steps.length; k++) {
      emulator.clearLog();
      const p = await answer(a, [...steps.slice(0, k), 'escape']);
      const jobs = await vscode.commands.executeCommand<CopyJob[] | undefined>('cloudImages.copyImage', finance.node);
      assert.strictEqual(jobs, undefined);
      assert.strictEqual(p.remaining, 0);
      assert.deepStrictEqual(mutations(), [], `step ${k}`);
      if (k === 0) assert.strictEqual(emulator.log.length, 0);
    }
    assert.strictEqual(a.ctx.tracker.all().length, tracked, 'no copy is tracked');
  });

  test('delete with the modal confirmation: it names the image, the region and the consequence; the row goes', async () => {
    const a = await api();
    const img = await imageRow(a, US_EAST, AS, 'Private', 'Image-00002');
    emulator.clearLog();
    let p = await answer(a, [{ confirm: false }]);
    await vscode.commands.executeCommand('cloudImages.deleteImage', img.node, [img.node]);
    assert.deepStrictEqual(mutations(), [], 'declined: no delete sent');
    emulator.clearLog();
    assert.strictEqual(p.shown[0].title, 'Delete the image Image-00002 from us-east-1?');

    p = await answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', img.node, [img.node]);
    assert.match(p.shown[0].detail!, /• Image-00002 \(AppStream 2\.0, us-east-1\)/);
    assert.match(p.shown[0].detail!, /deleted permanently.*cannot be undone/);
    assert.deepStrictEqual(p.shown[0].items, ['Delete']);
    assert.deepStrictEqual(
      result.deleted.map((r) => r.name),
      ['Image-00002'],
    );
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.params]),
      [['DeleteImage', { Name: 'Image-00002' }]],
    );
    const deleting = await imageRow(a, US_EAST, AS, 'Private', 'Image-00002');
    assert.strictEqual(deleting.description?.split(' · ')[0], 'Deleting…');
    assert.strictEqual(deleting.contextValue, 'image.appstream.owned.deleting');
    // The delete is followed until AWS no longer lists the image, in the status bar like a copy.
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image deletion');
    emulator.world.settleAll();
    emulator.clearLog();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.params]),
      [['DescribeImages', { Names: ['Image-00002'] }]],
    );
    assert.deepStrictEqual(
      a.ctx.tracker
        .all()
        .filter((j) => j.destName === 'Image-00002')
        .map((j) => [j.kind, j.outcome]),
      [['delete', 'succeeded']],
    );
    assert.strictEqual(a.statusBar.text, undefined, 'deleted: nothing left to show');
    const after = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    assert.ok(!after.some((r) => r.label === 'Image-00002'), 'the row left the tree');
  });

  test('delete confirmed by typing the name, when the setting asks for it', async () => {
    const a = await api();
    await setSetting('deleteConfirmation', 'typeName');
    try {
      const img = await imageRow(a, US_EAST, WS, 'Owned', 'WS-Image-00003');
      emulator.clearLog();
      const p = await answer(a, [{ input: ['ws-image-00003', 'WS-Image-00003'] }]);
      const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', img.node);
      assert.deepStrictEqual(p.shown[0].messages, ['Type WS-Image-00003 to confirm.']);
      assert.deepStrictEqual(
        result.deleted.map((r) => r.id),
        ['wsi-000000003'],
      );
      assert.deepStrictEqual(
        mutations().map((r) => [r.operation, r.region, r.params]),
        [['DeleteWorkspaceImage', 'us-east-1', { ImageId: 'wsi-000000003' }]],
      );
      assert.ok(
        emulator.requests({ operation: 'DescribeWorkspaceImagePermissions' }).length === 1,
        'its accounts were read before the question (WorkSpaces listings do not say whether it is shared)',
      );
      const list = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
      assert.ok(!list.some((r) => r.label === 'WS-Image-00003'));
    } finally {
      await setSetting('deleteConfirmation', undefined);
    }
  });

  test('multi-select delete: one confirmation lists them all; a refusal is reported in words', async () => {
    const a = await api();
    const list = await rows(a, (await find(a, US_EAST, AS, 'Private')).node);
    const chosen = ['Image-00004', 'Engineering-Linux', 'Design-Win2019', 'Image-00005'].map(
      (n) => list.find((r) => r.label === n)!.node,
    );
    emulator.clearLog();
    // Design-Win2019 is shared: the question names its accounts and offers to stop sharing first; Delete stays the default.
    const p = await answer(a, [{ choose: 'Delete 3 Images' }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', chosen[0], chosen);
    assert.strictEqual(p.shown.length, 1);
    // The image in use is left out before the question (usage.test.ts): the confirmation lists the others, and
    // offers to stop sharing the shared one first.
    assert.strictEqual(p.shown[0].title, 'Delete 3 images from us-east-1?');
    assert.deepStrictEqual(p.shown[0].items, ['Delete 3 Images', 'Stop sharing with 2 accounts, then delete']);
    for (const n of ['Image-00004', 'Design-Win2019', 'Image-00005']) {
      assert.match(p.shown[0].detail!, new RegExp(`• ${n} `));
    }
    assert.strictEqual(emulator.requests({ operation: 'DeleteImage' }).length, 3, 'the image in use is not sent');
    assert.deepStrictEqual(
      result.deleted.map((r) => r.name),
      ['Image-00004', 'Image-00005'],
    );
    assert.deepStrictEqual(
      result.failed.map((f) => [f.image.name, f.message]),
      [
        [
          'Engineering-Linux',
          'Engineering-Linux is used by fleet engineering-fleet: give the fleet another image (or delete the fleet), then delete the image.',
        ],
        [
          'Design-Win2019',
          'The image Design-Win2019 is shared with other accounts. Remove its image permissions before deleting it. Stop sharing it with other accounts first.',
        ],
      ],
    );
    assert.strictEqual(emulator.requests({ operation: 'DeleteImage' }).length, 3, 'nothing AWS refused was retried');
  });

  test('every refusal of a delete reads as what to do', async () => {
    const a = await api();
    const del = async (region: string, service: string, type: string, name: string): Promise<string> => {
      const row = await imageRow(a, region, service, type, name);
      await answer(a, [{ confirm: true }]);
      const r = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', row.node);
      assert.strictEqual(r.failed.length, 1, name);
      return r.failed[0].message;
    };
    assert.match(
      await del(US_EAST, WS, 'Owned', 'Callcenter-Win10'),
      /^Callcenter-Win10 is used by bundle callcenter \(wsb-callcenter\): give the bundle another image/,
    );
    // The tree is older than AWS's state: the image is gone, or busy.
    await imageRow(a, US_EAST, AS, 'Private', 'Image-00006');
    emulator.world.region('us-east-1').appstream.delete('Image-00006');
    assert.match(
      await del(US_EAST, AS, 'Private', 'Image-00006'),
      /could not be found\. It may already be gone: refresh the view\./,
    );
    await imageRow(a, US_EAST, AS, 'Private', 'Image-00007');
    emulator.world.region('us-east-1').appstream.get('Image-00007')!.image.State = 'PENDING';
    assert.match(
      await del(US_EAST, AS, 'Private', 'Image-00007'),
      /cannot be deleted while its state is PENDING\. Another change is in progress/,
    );
    emulator.inject({ kind: 'access-denied', operation: 'DeleteImage' });
    assert.match(
      await del(US_EAST, AS, 'Private', 'Image-00008'),
      /^Access denied in us-east-1: your IAM identity is not allowed to do this\./,
    );
    emulator.inject({ kind: 'throttle', operation: 'DeleteImage', times: 3 });
    assert.match(
      await del(US_EAST, AS, 'Private', 'Image-00009'),
      /AWS is throttling requests in us-east-1\. Wait a moment and retry\./,
    );
  });

  test('nothing destructive on public or shared images, nor on images in transition', async () => {
    const a = await api();
    const pub = await imageRow(a, US_EAST, AS, 'Public', 'AppStream-WinServer2022-11-01-2026');
    const shared = await imageRow(a, US_EAST, WS, 'Shared with me', 'Vendor-Golden-Image');
    emulator.clearLog();
    for (const row of [pub, shared]) {
      const p = await answer(a, []);
      assert.strictEqual(await vscode.commands.executeCommand('cloudImages.deleteImage', row.node), undefined);
      assert.strictEqual(await vscode.commands.executeCommand('cloudImages.copyImage', row.node), undefined);
      assert.strictEqual(p.shown.length, 0, 'no question asked');
    }
    assert.strictEqual(emulator.log.length, 0);
    // The menus' when-clauses match only owned images in a state that allows the action.
    const pkg = vscode.extensions.getExtension('cloud-images.cloud-images')!.packageJSON as {
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    const whens = pkg.contributes.menus['view/item/context']
      .filter((m) => m.command === 'cloudImages.deleteImage')
      .map((m) => m.when);
    for (const when of whens) {
      const re = new RegExp(/viewItem =~ \/(.+)\/$/.exec(when)![1]);
      assert.ok(re.test('image.appstream.owned.available') && re.test('image.workspaces.owned.failed'));
      for (const cv of [
        pub.contextValue!,
        shared.contextValue!,
        'image.appstream.owned.transitional',
        'image.appstream.owned.deleting',
      ]) {
        assert.ok(!re.test(cv), cv);
      }
    }
  });
});
