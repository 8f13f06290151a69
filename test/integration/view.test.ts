// Filter, sort and export over the loaded lists: what the rows show, and what the exported file holds.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, freshStart, setSetting } from './env';
import { answer, AS, find, rows, US_EAST, WS } from './tree.helpers';
import { CopyStatusBar } from '../../src/jobs/statusBar';
import { DistributionStatusBar } from '../../src/jobs/distributionStatusBar';
import { newDistribution } from '../../src/core/distribution';
import type { CopyJob } from '../../src/core/copyJobs';

suite('Filter, sort and export', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);
  teardown(async () => {
    await vscode.commands.executeCommand('cloudImages.clearFilter');
    await setSetting('sortOrder', undefined);
  });

  test('a filter narrows every loaded list without a request, says so, survives in global state, and clears', async () => {
    const a = await api();
    const priv = await find(a, US_EAST, AS, 'Private');
    const all = await rows(a, priv.node);
    assert.ok(all.length > 20);
    emulator.clearLog();
    const p = answer(a, [{ input: ['image-0001'] }, { pickMany: ['State: available'] }]);
    await vscode.commands.executeCommand('cloudImages.filter');
    assert.ok(
      p.shown[1].items!.includes('Platform: WINDOWS_SERVER_2022'),
      'platforms of the loaded images are offered',
    );
    const filtered = await rows(a, priv.node);
    assert.deepStrictEqual(
      filtered.map((r) => r.label).filter((l) => l !== 'Load more…'),
      [
        'Image-00010',
        'Image-00011',
        'Image-00012',
        'Image-00013',
        'Image-00014',
        'Image-00015',
        'Image-00016',
        'Image-00017',
        'Image-00018',
        'Image-00019',
      ],
    );
    assert.strictEqual((await find(a, US_EAST, AS, 'Private')).description, `10 of ${all.length - 1}+ shown`);
    assert.strictEqual(a.ctx.treeView.message, "Filtered: name contains 'image-0001', state available");
    assert.deepStrictEqual(a.globalState.get('cloudImages.filter'), {
      text: 'image-0001',
      states: ['available'],
      platforms: [],
    });
    assert.strictEqual(emulator.log.length, 0, 'no request to filter');

    // A list where nothing matches says so, with Clear Filter.
    const ws = await rows(a, (await find(a, US_EAST, WS, 'Shared with me')).node);
    assert.deepStrictEqual(
      ws.map((r) => [r.label, r.command]),
      [['No images match the filter', 'cloudImages.clearFilter']],
    );

    await vscode.commands.executeCommand('cloudImages.clearFilter');
    assert.strictEqual(a.ctx.treeView.message, undefined);
    assert.strictEqual(a.globalState.get('cloudImages.filter'), undefined);
    assert.strictEqual((await rows(a, priv.node)).length, all.length);
  });

  test('a filter that matches nothing in a partly loaded list says how many were searched, with Load more and Clear Filter rows', async () => {
    const a = await api();
    const priv = await find(a, US_EAST, AS, 'Private');
    await rows(a, priv.node);
    answer(a, [{ input: ['matches-nothing'] }, { pickMany: [] }]);
    await vscode.commands.executeCommand('cloudImages.filter');
    const shown = await rows(a, priv.node);
    assert.deepStrictEqual(
      shown.map((r) => [r.label, r.command]),
      [
        ['No loaded images match the filter (25 loaded)', 'cloudImages.clearFilter'],
        ['Load more…', 'cloudImages.loadMore'],
        ['Clear Filter', 'cloudImages.clearFilter'],
      ],
    );
    // Loading the rest: the list is complete, and says plainly that nothing matches.
    await vscode.commands.executeCommand('cloudImages.loadMore', shown[1].node);
    assert.deepStrictEqual(
      (await rows(a, priv.node)).map((r) => r.label),
      ['No images match the filter'],
    );
  });

  test('newest first orders the loaded images by creation date', async () => {
    const a = await api();
    const priv = await find(a, US_EAST, AS, 'Private');
    const byName = (await rows(a, priv.node)).filter((r) => r.node.kind === 'image');
    await vscode.commands.executeCommand('cloudImages.toggleSort');
    assert.strictEqual(a.ctx.settings().sortOrder, 'newest');
    const newest = (await rows(a, priv.node)).filter((r) => r.node.kind === 'image');
    const created = newest.map((r) => (r.node.kind === 'image' ? (r.node.record.created?.getTime() ?? 0) : 0));
    assert.deepStrictEqual(
      created,
      [...created].sort((x, y) => y - x),
    );
    assert.notDeepStrictEqual(
      newest.map((r) => r.label),
      byName.map((r) => r.label),
    );
    assert.deepStrictEqual(
      newest.map((r) => r.label).sort(),
      byName.map((r) => r.label).sort(),
      'the same images, in another order',
    );
  });

  test('Export Images writes the loaded images of a list as CSV and JSON, field by field', async () => {
    const a = await api();
    const owned = await find(a, US_EAST, WS, 'Owned');
    const listed = (await rows(a, owned.node)).filter((r) => r.node.kind === 'image');
    answer(a, [{ pick: (l) => l.startsWith('Loaded images') }, { pick: 'CSV' }]);
    const csv = await vscode.commands.executeCommand<string>('cloudImages.exportImages', owned.node);
    const lines = csv.trim().split('\n');
    assert.strictEqual(
      lines[0],
      'profile,account,region,service,listType,name,id,state,platform,created,owner,sharedWithOthers,agentVersion,update',
    );
    assert.strictEqual(lines.length, listed.length + 1);
    const ws3 = lines.find((l) => l.includes(',wsi-000000003,'))!;
    assert.match(
      ws3,
      /^demo,123456789012,us-east-1,WorkSpaces,OWNED,WS-Image-00003,wsi-000000003,AVAILABLE,WINDOWS,\d{4}-\d\d-\d\dT[^,]+,123456789012,,,$/,
    );

    answer(a, [{ pick: (l) => l.startsWith('Loaded images') }, { pick: 'JSON' }]);
    const json = JSON.parse(
      await vscode.commands.executeCommand<string>('cloudImages.exportImages', owned.node),
    ) as Record<string, string>[];
    assert.strictEqual(json.length, listed.length);
    assert.deepStrictEqual(Object.keys(json[0]), lines[0].split(','));
    const finance = await find(a, US_EAST, AS, 'Private');
    await rows(a, finance.node);
    answer(a, [{ pick: 'All images' }, { pick: 'JSON' }]);
    emulator.clearLog();
    const region = (await find(a, US_EAST)).node;
    const everything = JSON.parse(
      await vscode.commands.executeCommand<string>('cloudImages.exportImages', region),
    ) as Record<string, string>[];
    assert.ok(
      everything.some((r) => r.name === 'Image-00040'),
      'the second page was read for "All images"',
    );
    assert.ok(!emulator.log.some((r) => r.params.Type === 'PUBLIC'), 'public lists are read only where opened');
  });
});

suite('Status bar: untrusted names, and a copy whose profile the files no longer name', () => {
  test('a job of a profile that is gone needs attention at once, in words that name the profile; names are escaped in an untrusted tooltip', () => {
    const bar = new CopyStatusBar((profile) => profile === 'deleted');
    try {
      const now = Date.now();
      const job: CopyJob = {
        id: 'deleted/appstream/us-west-2/Copy',
        profile: 'deleted',
        service: 'appstream',
        sourceRegion: 'us-east-1',
        sourceName: 'Src',
        sourceId: 'Src',
        destRegion: 'us-west-2',
        destName: 'Copy',
        destId: 'Copy',
        startedAt: now - 90_000,
        state: 'COPYING',
      };
      bar.update([job], now);
      assert.strictEqual(bar.text, '$(warning) 1 image copy: cannot check');
      assert.strictEqual(
        bar.tooltip,
        '- Src (us-east-1) → Copy (us-west-2): cannot check: the profile deleted is no longer in your AWS config or credentials files, 1 min',
      );

      bar.update([{ ...job, profile: 'demo', sourceName: '# [x](https://evil.example)' }], now);
      assert.strictEqual(bar.text, '$(sync~spin) 1 image copy');
      const md = bar.markdown!;
      assert.deepStrictEqual(
        [md.isTrusted ?? false, md.supportHtml ?? false, md.supportThemeIcons ?? false],
        [false, false, false],
      );
      assert.ok(md.value.startsWith('- \\# \\[x\\]\\(https\\://evil\\.example\\) \\(us\\-east\\-1\\)'), md.value);
    } finally {
      bar.dispose();
    }
  });

  test('a distribution named like a codicon shows its name as written, in the text and the tooltip', () => {
    const bar = new DistributionStatusBar();
    try {
      const d = newDistribution({
        profile: 'demo',
        service: 'appstream',
        source: { region: 'us-east-1', name: '$(bug)Src', id: '$(bug)Src' },
        name: '$(bug)Golden',
        regions: ['us-west-2'],
        tags: {},
        accounts: [],
        use: { fleets: true, imageBuilders: false },
        now: Date.now(),
      });
      bar.update([d]);
      assert.strictEqual(bar.text, '$(sync~spin) Distributing \\$(bug)Golden: 0 of 1 regions');
      assert.ok(
        bar.accessibilityLabel!.startsWith('Distributing $(bug)Golden: 0 of 1 regions.'),
        bar.accessibilityLabel,
      );
      assert.ok(
        bar.markdown!.value.startsWith('**\\$\\(bug\\)Src** \\(us\\-east\\-1\\) → \\$\\(bug\\)Golden'),
        bar.markdown!.value,
      );
    } finally {
      bar.dispose();
    }
  });
});
