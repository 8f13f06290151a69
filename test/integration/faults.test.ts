// Faults as real networks bring them, injected at the local endpoint: a lost answer to a copy or delete, a
// request that never gets an answer, stored state that is broken. What the user is told must be what AWS did.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, finishTrackedCopies, freshStart } from './env';
import { answer, AS, find, imageRow, rows, US_EAST, US_WEST, WS } from './tree.helpers';
import type { CopyJob } from '../../src/core/copyJobs';
import type { DeleteResult } from '../../src/commands/deleteImage';
import type { CloudImagesApi } from '../../src/extension';
import { CopyTracker } from '../../src/jobs/tracker';

const WEST = 'US West (Oregon) us-west-2';
const ops = (): string[] => emulator.log.map((r) => `${r.operation} ${r.region}`);

async function copyFromRow(a: CloudImagesApi, service: string, type: string, source: string, name: string) {
  const row = await imageRow(a, US_EAST, service, type, source);
  emulator.clearLog();
  const p = answer(a, [{ pickMany: [WEST] }, { input: [name] }, { input: [''] }]);
  const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.copyImage', row.node);
  return { jobs, p };
}

suite('Faults', () => {
  suiteSetup(() => emulator.reset());
  setup(freshStart);
  teardown(async () => {
    emulator.releaseStalls();
    emulator.latencyMs = 0;
    await finishTrackedCopies(await api());
  });

  test('a CopyImage whose answer is lost after AWS started the copy: tracked as started, sent once', async () => {
    const a = await api();
    emulator.inject({ kind: 'drop-after', operation: 'CopyImage' });
    const { jobs, p } = await copyFromRow(a, AS, 'Private', 'Image-00013', 'Lost-Answer-Copy');
    assert.deepStrictEqual(
      ops(),
      ['DescribeImages us-west-2', 'ListTagsForResource us-east-1', 'CopyImage us-east-1', 'DescribeImages us-west-2'],
      'the name check, the source tags, one CopyImage, then a look at the destination: never a second CopyImage',
    );
    assert.deepStrictEqual(emulator.log[3].params, { Names: ['Lost-Answer-Copy'] });
    assert.deepStrictEqual(
      jobs.map((j) => [j.destRegion, j.destId, j.state]),
      [['us-west-2', 'Lost-Answer-Copy', 'COPYING']],
    );
    assert.deepStrictEqual(p.notes, ['info: Copying Image-00013 to us-west-2. Progress is shown in the status bar.']);
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 1 image copy');
  });

  test('a CopyWorkspaceImage answered with a 500 after AWS did the work: tracked under the ID AWS gave the copy', async () => {
    const a = await api();
    emulator.inject({ kind: 'error-after', operation: 'CopyWorkspaceImage' });
    const { jobs, p } = await copyFromRow(a, WS, 'Owned', 'WS-Image-00004', 'Lost-WS-Copy');
    const made = [...emulator.world.region('us-west-2').workspaces.values()].find(
      (i) => i.image.Name === 'Lost-WS-Copy',
    )!;
    assert.deepStrictEqual(
      jobs.map((j) => [j.destId, j.state]),
      [[made.image.ImageId, 'PENDING']],
    );
    assert.strictEqual(emulator.requests({ operation: 'CopyWorkspaceImage' }).length, 1);
    assert.deepStrictEqual(p.notes, [
      'info: Copying WS-Image-00004 to us-west-2. Progress is shown in the status bar.',
    ]);
  });

  test('a CopyImage lost before AWS saw it: nothing was copied, and the user is told exactly that', async () => {
    const a = await api();
    emulator.inject({ kind: 'drop', operation: 'CopyImage' });
    const { jobs, p } = await copyFromRow(a, AS, 'Private', 'Image-00014', 'Never-Made');
    assert.deepStrictEqual(jobs, []);
    assert.strictEqual(emulator.requests({ operation: 'CopyImage' }).length, 1, 'not resent');
    assert.strictEqual(p.notes.length, 1);
    assert.match(
      p.notes[0],
      /^error: Could not copy Image-00014 to us-west-2: AWS did not answer in us-west-2 \(connection lost: ECONNRESET\); Cloud Images checked and the copy of Image-00014 to us-west-2 was not carried out: nothing changed\. Try again\.$/,
    );
    assert.ok(!emulator.world.region('us-west-2').appstream.has('Never-Made'));
  });

  test('a DeleteImage whose answer is lost: the row shows Deleting, and DeleteImage was sent once', async () => {
    const a = await api();
    const row = await imageRow(a, US_EAST, AS, 'Private', 'Image-00015');
    emulator.clearLog();
    emulator.inject({ kind: 'drop-after', operation: 'DeleteImage' });
    const p = answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', row.node);
    // What uses the region's images is listed first (usage.test.ts); then one DeleteImage and a look.
    assert.deepStrictEqual(ops(), [
      'DescribeFleets us-east-1',
      'DescribeFleets us-east-1',
      'DescribeImageBuilders us-east-1',
      'DeleteImage us-east-1',
      'DescribeImages us-east-1',
    ]);
    assert.deepStrictEqual([result.deleted.map((r) => r.name), result.failed], [['Image-00015'], []]);
    assert.deepStrictEqual(p.notes, []);
    const after = await imageRow(a, US_EAST, AS, 'Private', 'Image-00015');
    assert.strictEqual(after.description?.split(' · ')[0], 'Deleting…');
  });

  test('a DeleteWorkspaceImage answered with a 500 after AWS removed the image: the row leaves', async () => {
    const a = await api();
    const row = await imageRow(a, US_EAST, WS, 'Owned', 'WS-Image-00005');
    emulator.clearLog();
    emulator.inject({ kind: 'error-after', operation: 'DeleteWorkspaceImage' });
    const p = answer(a, [{ confirm: true }]);
    const result = await vscode.commands.executeCommand<DeleteResult>('cloudImages.deleteImage', row.node);
    assert.deepStrictEqual(ops(), [
      'DescribeWorkspaceBundles us-east-1',
      'DescribeWorkspaceImagePermissions us-east-1',
      'DeleteWorkspaceImage us-east-1',
      'DescribeWorkspaceImages us-east-1',
    ]);
    assert.deepStrictEqual(
      result.deleted.map((r) => r.name),
      ['WS-Image-00005'],
    );
    assert.deepStrictEqual(p.notes, []);
    const owned = await rows(a, (await find(a, US_EAST, WS, 'Owned')).node);
    assert.ok(!owned.some((r) => r.label === 'WS-Image-00005'));
  });

  test('a list that never gets an answer becomes an error row after the deadline, and Retry lists it', async function () {
    this.timeout(60_000);
    const a = await api();
    emulator.inject({ kind: 'stall', operation: 'DescribeImages', region: 'us-west-2' });
    const type = await find(a, US_WEST, AS, 'Private');
    const stalled = await rows(a, type.node);
    assert.deepStrictEqual(
      stalled.map((r) => [r.label, r.contextValue]),
      [['AWS did not answer in us-west-2 in 15 s. Check your network or proxy and retry.', 'error.timeout']],
    );
    assert.strictEqual(
      emulator.requests({ operation: 'DescribeImages' }).length,
      1,
      'a timed-out read is not resent behind the user',
    );
    await vscode.commands.executeCommand('cloudImages.retry', stalled[0].node);
    const listed = await rows(a, type.node);
    assert.ok(listed.some((r) => r.label === 'Finance-Win2022-West'));
  });

  test('a poll that never gets an answer does not stop the copy tracker', async function () {
    this.timeout(60_000);
    const a = await api();
    const { jobs } = await copyFromRow(a, AS, 'Private', 'Image-00016', 'Stalled-Poll');
    emulator.inject({ kind: 'stall', operation: 'DescribeImages', region: 'us-west-2' });
    await a.ctx.tracker.tick();
    const job = a.ctx.tracker.all().find((j) => j.id === jobs[0].id)!;
    assert.match(job.checkError!, /did not answer in us-west-2/);
    assert.ok(a.ctx.tracker.active, 'still watching');
    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    assert.strictEqual(a.ctx.tracker.all().find((j) => j.id === jobs[0].id)!.outcome, 'succeeded');
  });

  test('Retry while a list is loading neither cancels nor resends it', async () => {
    const a = await api();
    emulator.latencyMs = 400;
    const east = await find(a, US_EAST, AS, 'Private');
    const west = await find(a, US_WEST, AS, 'Private');
    emulator.clearLog();
    const loading = rows(a, east.node);
    await new Promise((r) => setTimeout(r, 100));
    await vscode.commands.executeCommand('cloudImages.retry', west.node);
    const listed = await loading;
    assert.ok(
      listed.some((r) => r.label === 'Finance-Win2022'),
      'the list in flight finished',
    );
    assert.strictEqual(emulator.requests({ operation: 'DescribeImages', region: 'us-east-1' }).length, 1);
  });

  test('closing Find Image aborts the requests in flight', async () => {
    const a = await api();
    emulator.latencyMs = 2_000;
    const p = answer(a, [{ searchThenEscape: 300 }]);
    const t0 = Date.now();
    assert.strictEqual(await vscode.commands.executeCommand('cloudImages.findImage', 'Image'), undefined);
    assert.ok(Date.now() - t0 < 1_500, 'did not wait for the answers of the requests in flight');
    const sent = emulator.log.length;
    assert.ok(sent > 1, 'the lists were searched at once');
    await new Promise((r) => setTimeout(r, 2_500));
    assert.strictEqual(emulator.log.length, sent, 'nothing was sent after the close');
    // 2 regions × 4 lists (public ones left out), plus the exact-name look in each region: all in flight at once.
    assert.strictEqual(sent, 10);
    assert.deepStrictEqual(p.shown[0].messages, ['0 of 8 lists searched'], 'no list finished: every one was aborted');
  });

  test('broken stored copies are dropped at activation, and copies stored by version 0.1 are still tracked', async () => {
    const a = await api();
    const key = 'cloudImages.trackedCopies';
    await a.jobStore.update(key, [
      null,
      {},
      'x',
      {
        id: 'appstream:us-west-2:From-0.1',
        service: 'appstream',
        sourceRegion: 'us-east-1',
        sourceName: 'Image-00017',
        sourceId: 'Image-00017',
        destRegion: 'us-west-2',
        destName: 'From-0.1',
        destId: 'From-0.1',
        startedAt: Date.now(),
        state: 'COPYING',
      },
    ]);
    await a.jobStore.update(`${key}/appstream:us-west-2:Broken`, { service: 'appstream' });
    const dropped: number[] = [];
    // What activate() runs over global state.
    const t = new CopyTracker({
      store: a.jobStore,
      storeKey: key,
      intervalMs: () => 3_600_000,
      look: async () => new Map(),
      defaultProfile: () => a.ctx.scope.profile,
      onDropped: (n) => dropped.push(n),
    });
    t.resume();
    t.dispose();
    await t.flushed();
    assert.deepStrictEqual(
      t
        .all()
        .filter((j) => ['From-0.1', 'Broken'].includes(j.destId))
        .map((j) => [j.destId, j.profile]),
      [['From-0.1', a.ctx.scope.profile]],
      'a copy stored before copies recorded their profile belongs to the active profile',
    );
    assert.deepStrictEqual(dropped, [3, 1]);
    assert.strictEqual(a.jobStore.get(key), undefined);
    assert.strictEqual(a.jobStore.get(`${key}/appstream:us-west-2:Broken`), undefined);
    await a.jobStore.update(`${key}/${t.all().find((j) => j.destId === 'From-0.1')!.id}`, undefined);
  });
});
