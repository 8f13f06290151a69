// Updated images in the real extension host, against the local endpoint: the row's mark and what the menus
// match, both services' flows to AVAILABLE with the ending notification, AWS's "no update", validation that
// sends nothing, a reload mid-update, and a CreateUpdatedImage whose answer is lost.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, finishTrackedCopies, freshStart } from './env';
import { answer, AS, imageRow, US_EAST, US_WEST, WS } from './tree.helpers';
import type { Answer } from '../support/prompts';
import { CopyTracker } from '../../src/jobs/tracker';
import { GlobalStateKeys } from '../../src/platform/ids';
import type { CopyJob } from '../../src/core/copyJobs';
import type { CloudImagesApi } from '../../src/extension';

const today = (): string => new Date().toISOString().slice(0, 10);
const calls = (): [string, string, unknown][] => emulator.log.map((r) => [r.operation, r.region, r.params]);
const created = (op: string) => emulator.requests({ operation: op }).filter((r) => r.params.dryRun !== true);

async function update(
  a: CloudImagesApi,
  region: string,
  service: string,
  type: string,
  name: string,
  answers: Answer[],
) {
  const row = await imageRow(a, region, service, type, name);
  emulator.clearLog();
  const p = answer(a, answers);
  const job = await vscode.commands.executeCommand<CopyJob | undefined>('cloudImages.createUpdatedImage', row.node);
  return { job, p, row };
}

suite('Updated images', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(freshStart);
  teardown(async () => finishTrackedCopies(await api()));

  test('rows mark the images AWS offers an update for, from the listing alone; the menus offer the command only on owned ones', async () => {
    const a = await api();
    const west = await imageRow(a, US_WEST, AS, 'Private', 'Finance-Win2022-West');
    assert.strictEqual(west.description, 'Available · 2026-10-05 · Update available');
    assert.strictEqual(west.contextValue, 'image.appstream.owned.available.update');
    assert.match(west.tooltip!, /Agent version: 1\.1\.1200\s/);
    assert.match(west.tooltip!, /Updates: A newer AppStream 2\.0 agent is available\./);
    const win11 = await imageRow(a, US_EAST, WS, 'Owned', 'Standard-Win11');
    assert.strictEqual(win11.description, 'Available · 2026-09-01 · Update available');
    assert.strictEqual(win11.contextValue, 'image.workspaces.owned.available.update');
    assert.match(win11.tooltip!, /Updates: Windows updates are available\./);
    const finance = await imageRow(a, US_EAST, AS, 'Private', 'Finance-Win2022');
    assert.strictEqual(finance.contextValue, 'image.appstream.owned.available', 'the latest agent: no mark');
    assert.deepStrictEqual(
      emulator.log.map((r) => r.operation),
      ['DescribeImages', 'DescribeWorkspaceImages', 'DescribeImages'],
      'one request per list, none per image',
    );

    const pkg = vscode.extensions.getExtension('cloud-images.cloud-images')!.packageJSON as {
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    const item = pkg.contributes.menus['view/item/context'];
    const regexes = (command: string) =>
      item.filter((m) => m.command === command).map((m) => new RegExp(/viewItem =~ \/(.+)\/$/.exec(m.when)![1]));
    const [offered] = regexes('cloudImages.createUpdatedImage');
    assert.ok(offered.test(west.contextValue!) && offered.test(win11.contextValue!));
    for (const cv of [
      finance.contextValue!,
      'image.appstream.public.available.update',
      'image.workspaces.shared.available.update',
      'image.appstream.owned.transitional.update',
      'image.workspaces.owned.failed.update',
    ]) {
      assert.ok(!offered.test(cv), cv);
    }
    // Copy, delete and share stay offered on a row with the mark.
    for (const command of ['cloudImages.copyImage', 'cloudImages.deleteImage', 'cloudImages.shareImage']) {
      const onImages = regexes(command).filter((re) => re.source.startsWith('^image'));
      assert.ok(onImages.length > 0, command);
      for (const re of onImages) assert.ok(re.test(west.contextValue!) && re.test(finance.contextValue!), command);
    }
  });

  test('AppStream: a dry run first, then name, description, display name and tags; tracked to AVAILABLE with the notification', async () => {
    const a = await api();
    const { job, p } = await update(a, US_WEST, AS, 'Private', 'Finance-Win2022-West', [
      { input: ['bad name!', 'Finance-Win2022-West', 'Finance-West-Patched'] },
      { input: ['Patched in December'] },
      { input: ['x'.repeat(101), 'Finance (patched)'] },
      { pick: 'Apply 1 tag' },
    ]);
    assert.strictEqual(p.remaining, 0);
    assert.strictEqual(p.shown[0].value, `Finance-Win2022-West-${today()}`, 'the source name with the date');
    assert.deepStrictEqual(p.shown[0].messages, [
      'Not allowed in an AppStream image name: space, "!". Use letters, digits, "_", "." and "-".',
      'An image named Finance-Win2022-West already exists in us-west-2. Choose another name.',
    ]);
    assert.strictEqual(p.shown[2].value, 'Finance desktop (west)', 'the display name is carried over');
    assert.deepStrictEqual(p.shown[2].messages, [
      'The display name is 101 characters long; AppStream allows at most 100.',
    ]);
    assert.deepStrictEqual(calls(), [
      [
        'CreateUpdatedImage',
        'us-west-2',
        { existingImageName: 'Finance-Win2022-West', newImageName: `Finance-Win2022-West-${today()}`, dryRun: true },
      ],
      ['DescribeImages', 'us-west-2', { Names: ['Finance-Win2022-West'] }],
      ['DescribeImages', 'us-west-2', { Names: ['Finance-West-Patched'] }],
      [
        'ListTagsForResource',
        'us-west-2',
        { ResourceArn: 'arn:aws:appstream:us-west-2:123456789012:image/Finance-Win2022-West' },
      ],
      [
        'CreateUpdatedImage',
        'us-west-2',
        {
          existingImageName: 'Finance-Win2022-West',
          newImageName: 'Finance-West-Patched',
          newImageDescription: 'Patched in December',
          newImageDisplayName: 'Finance (patched)',
          newImageTags: { team: 'finance' },
        },
      ],
    ]);
    assert.deepStrictEqual(
      [job?.kind, job?.destRegion, job?.destId, job?.state],
      ['update', 'us-west-2', 'Finance-West-Patched', 'PENDING'],
    );
    assert.deepStrictEqual(p.notes, [
      'info: Creating Finance-West-Patched, an updated image of Finance-Win2022-West, in us-west-2. Progress is shown in the status bar.',
    ]);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image update');
    assert.match(
      a.statusBar.tooltip!,
      /Finance-Win2022-West → updated Finance-West-Patched \(us-west-2\): Pending, \d+ s/,
    );
    const pending = await imageRow(a, US_WEST, AS, 'Private', 'Finance-West-Patched');
    assert.strictEqual(pending.icon, 'sync~spin');

    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    assert.strictEqual(a.ctx.tracker.all().find((j) => j.id === job!.id)?.outcome, 'succeeded');
    assert.deepStrictEqual(p.notes.slice(1), [
      'info: Image update done: Finance-West-Patched is available in us-west-2.',
    ]);
    assert.strictEqual(a.statusBar.text, undefined);
    const done = await imageRow(a, US_WEST, AS, 'Private', 'Finance-West-Patched');
    assert.deepStrictEqual(
      [done.icon, done.contextValue],
      ['pass', 'image.appstream.owned.available'],
      'the updated image has the latest agent: no mark',
    );
  });

  test('WorkSpaces from the palette: name and the required description, checked as typed; tracked to AVAILABLE', async () => {
    const a = await api();
    emulator.clearLog();
    const p = answer(a, [
      { pick: 'US East (N. Virginia) us-east-1' },
      { pick: 'WorkSpaces' },
      { pickPaged: 'Standard-Win11' },
      { input: ['Std Win11', 'Standard-Win11-Patched'] },
      { input: ['', 'Patched; December', 'Patched in December'] },
    ]);
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createUpdatedImage');
    assert.strictEqual(p.remaining, 0);
    assert.strictEqual(p.shown[3].value, `Standard-Win11-${today()}`);
    assert.deepStrictEqual(p.shown[3].messages, [
      'Not allowed in a WorkSpaces image name: space. Use letters, digits and _ . / ( ) \\ -',
    ]);
    assert.strictEqual(p.shown[4].value, 'Standard Windows 11 desktop', 'the source description is offered');
    assert.deepStrictEqual(p.shown[4].messages, [
      'Enter a description: WorkSpaces requires one for an updated image.',
      'Not allowed in a WorkSpaces description: ";". Use letters, digits, spaces and _ . / ( ) -',
    ]);
    assert.deepStrictEqual(
      created('CreateUpdatedWorkspaceImage').map((r) => [r.region, r.params]),
      [
        [
          'us-east-1',
          { Name: 'Standard-Win11-Patched', Description: 'Patched in December', SourceImageId: 'wsi-abc123def' },
        ],
      ],
    );
    assert.ok(!emulator.log.some((r) => r.operation === 'DescribeTags'), 'WorkSpaces: no tags are asked for');
    const made = [...emulator.world.region('us-east-1').workspaces.values()].find(
      (i) => i.image.Name === 'Standard-Win11-Patched',
    )!;
    assert.deepStrictEqual([job.kind, job.destId, job.state], ['update', made.image.ImageId, 'PENDING']);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image update');

    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(p.notes, [
      'info: Creating Standard-Win11-Patched, an updated image of Standard-Win11, in us-east-1. Progress is shown in the status bar.',
      'info: Image update done: Standard-Win11-Patched is available in us-east-1.',
    ]);
    const row = await imageRow(a, US_EAST, WS, 'Owned', 'Standard-Win11-Patched');
    assert.deepStrictEqual([row.icon, row.contextValue], ['pass', 'image.workspaces.owned.available']);
  });

  test('AWS says there is no update: nothing is asked or made; input AWS would reject sends nothing', async () => {
    const a = await api();
    // AppStream asks AWS (a dry run) even without the mark: the image has the latest agent.
    let r = await update(a, US_EAST, AS, 'Private', 'Finance-Win2022', []);
    assert.strictEqual(r.job, undefined);
    assert.deepStrictEqual(r.p.shown, [], 'no question asked');
    assert.deepStrictEqual(r.p.notes, [
      'info: AWS has no update for Finance-Win2022: it cannot make an updated image of it now. Nothing was created.',
    ]);
    assert.deepStrictEqual(calls(), [
      [
        'CreateUpdatedImage',
        'us-east-1',
        { existingImageName: 'Finance-Win2022', newImageName: `Finance-Win2022-${today()}`, dryRun: true },
      ],
    ]);
    // WorkSpaces: the listing said so; nothing is sent.
    r = await update(a, US_EAST, WS, 'Owned', 'Dev-AmazonLinux2', []);
    assert.deepStrictEqual(r.p.notes, ['info: AWS reports no update for Dev-AmazonLinux2. Nothing was created.']);
    assert.strictEqual(emulator.log.length, 0);
    // Names the models refuse are reported in the box; giving up sends nothing.
    r = await update(a, US_EAST, WS, 'Owned', 'Standard-Win11', [{ input: ['a b', 'x'.repeat(65)] }]);
    assert.deepStrictEqual(r.p.shown[0].messages, [
      'Not allowed in a WorkSpaces image name: space. Use letters, digits and _ . / ( ) \\ -',
      'The name is 65 characters long; WorkSpaces allows at most 64.',
    ]);
    assert.strictEqual(emulator.log.length, 0);
    r = await update(a, US_WEST, AS, 'Private', 'Finance-Win2022-West', [{ input: ['-dash', 'y'.repeat(102)] }]);
    assert.strictEqual(r.p.shown[0].messages!.length, 2);
    assert.deepStrictEqual(
      emulator.log.map((x) => [x.operation, x.params.dryRun]),
      [['CreateUpdatedImage', true]],
      'only the dry run',
    );
    assert.strictEqual(r.job, undefined);
    assert.strictEqual(a.statusBar.text, undefined);
  });

  test('an AppStream refusal is said in words, and nothing is tracked', async () => {
    const a = await api();
    // Five updates in progress (AWS's default quota): the sixth passes the dry run and is refused when sent.
    const first = await update(a, US_WEST, AS, 'Private', 'Finance-Win2022-West', [
      { input: ['Quota-0'] },
      { input: [''] },
      { input: [''] },
      { pick: 'No tags' },
    ]);
    assert.ok(first.job);
    for (let i = 1; i <= 4; i++) {
      answer(a, [{ input: [`Quota-${i}`] }, { input: [''] }, { input: [''] }, { pick: 'No tags' }]);
      assert.ok(await vscode.commands.executeCommand('cloudImages.createUpdatedImage', first.row.node));
    }
    const p = answer(a, [{ input: ['One-Too-Many'] }, { input: [''] }, { input: [''] }, { pick: 'No tags' }]);
    assert.strictEqual(
      await vscode.commands.executeCommand('cloudImages.createUpdatedImage', first.row.node),
      undefined,
    );
    assert.strictEqual(p.notes.length, 1);
    assert.match(
      p.notes[0],
      /^error: Could not create an updated image of Finance-Win2022-West: The limit of 5 image updates in progress has been reached\. As many image updates are in progress in us-west-2 as AWS allows/,
    );
    assert.ok(!a.ctx.tracker.all().some((j) => j.destName === 'One-Too-Many'));
    assert.ok(!emulator.world.region('us-west-2').appstream.has('One-Too-Many'));
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 5 image updates');
  });

  test('an update in flight is kept in global state and resumed by a new tracker, as after a reload', async () => {
    const a = await api();
    const { job } = await update(a, US_EAST, WS, 'Owned', 'Standard-Win11', [
      { input: ['Win11-Reload'] },
      { input: ['After a reload'] },
    ]);
    await a.ctx.tracker.flushed();
    const saved = a.jobStore.get<CopyJob>(`${GlobalStateKeys.copies}/${job!.id}`)!;
    assert.deepStrictEqual([saved.kind, saved.state], ['update', 'PENDING']);
    await a.jobStore.update(`${GlobalStateKeys.copies}.lease`, undefined);
    const finished: CopyJob[] = [];
    const again = new CopyTracker({
      store: a.jobStore,
      storeKey: GlobalStateKeys.copies,
      intervalMs: () => 3_600_000,
      defaultProfile: () => a.ctx.scope.profile,
      look: async (g) =>
        new Map(
          (await a.ctx.scope.session(g.profile).api.describe(g.service, g.region, g.ids)).map((r) => [
            r.id,
            { state: r.state },
          ]),
        ),
      onFinished: (j) => finished.push(j),
    });
    try {
      again.resume();
      assert.ok(again.active, 'resumed watching');
      emulator.world.settleAll();
      emulator.clearLog();
      await again.tick();
      assert.deepStrictEqual(calls(), [['DescribeWorkspaceImages', 'us-east-1', { ImageIds: [job!.destId] }]]);
      assert.deepStrictEqual(
        finished.map((j) => [j.kind, j.destName, j.outcome]),
        [['update', 'Win11-Reload', 'succeeded']],
      );
    } finally {
      again.dispose();
    }
  });

  test('a CreateUpdatedImage whose answer is lost after AWS started it: tracked as started, sent once', async () => {
    const a = await api();
    const row = await imageRow(a, US_WEST, AS, 'Private', 'Finance-Win2022-West');
    emulator.clearLog();
    const p = answer(a, [{ input: ['Lost-Answer-Update'] }, { input: [''] }, { input: [''] }, { pick: 'No tags' }]);
    // The answer of the real call is lost, not the dry run's: the fault is set once the questions begin.
    const ask = p.input.bind(p);
    let armed = false;
    p.input = (o) => {
      if (!armed) emulator.inject({ kind: 'drop-after', operation: 'CreateUpdatedImage' });
      armed = true;
      return ask(o);
    };
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.createUpdatedImage', row.node);
    assert.deepStrictEqual(
      emulator.log.map((r) => `${r.operation}${r.params.dryRun ? ' (dry run)' : ''}${r.error ? ` ${r.error}` : ''}`),
      [
        'CreateUpdatedImage (dry run)',
        'DescribeImages ResourceNotFoundException',
        'ListTagsForResource',
        'CreateUpdatedImage DroppedAfterWork',
        'DescribeImages',
      ],
      'the name check, the source tags, one CreateUpdatedImage, then a look for the new image by name: never a second CreateUpdatedImage',
    );
    assert.deepStrictEqual(emulator.log[4].params, { Names: ['Lost-Answer-Update'] });
    assert.strictEqual(created('CreateUpdatedImage').length, 1);
    assert.deepStrictEqual([job.kind, job.destId, job.state], ['update', 'Lost-Answer-Update', 'PENDING']);
    assert.deepStrictEqual(p.notes, [
      'info: Creating Lost-Answer-Update, an updated image of Finance-Win2022-West, in us-west-2. Progress is shown in the status bar.',
    ]);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image update');
  });
});
