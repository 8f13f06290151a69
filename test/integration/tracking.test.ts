import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { api, emulator, finishTrackedCopies, freshStart, setSetting, until } from './env';
import { ScriptedPrompts } from '../support/prompts';
import { AS, find, rows, US_EAST, US_WEST } from './tree.helpers';
import { CopyTracker } from '../../src/jobs/tracker';
import { GlobalStateKeys } from '../../src/platform/ids';
import type { CopyJob } from '../../src/core/copyJobs';
import type { CloudImagesApi } from '../../src/extension';

async function copyTo(
  a: CloudImagesApi,
  source: string,
  name: string,
  region = 'US West (Oregon) us-west-2',
): Promise<CopyJob> {
  const row = (await rows(a, (await find(a, US_EAST, AS, 'Private')).node)).find((r) => r.label === source)!;
  a.ctx.prompts = new ScriptedPrompts([{ pickMany: [region] }, { input: [name] }, { input: [''] }]);
  const jobs = await vscode.commands.executeCommand<CopyJob[]>('cloudImages.copyImage', row.node);
  return jobs[0];
}

suite('Copy progress', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(freshStart);

  test('the status bar follows two copies to one region, polled with one request per tick, to success and failure', async () => {
    const a = await api();
    const ok = await copyTo(a, 'Image-00010', 'Track-OK');
    const bad = await copyTo(a, 'Flaky-Source', 'Track-Bad');
    assert.strictEqual(a.statusBar.text, '$(sync~spin) 2 image copies');
    assert.match(a.statusBar.tooltip!, /Image-00010 \(us-east-1\) → Track-OK \(us-west-2\): Copying, \d+ s/);
    assert.strictEqual(a.statusBar.accessibilityLabel, '2 image copies. Click to show copy progress.');

    emulator.clearLog();
    await a.ctx.tracker.tick();
    assert.deepStrictEqual(
      emulator.log.map((r) => [r.operation, r.region, r.params]),
      [['DescribeImages', 'us-west-2', { Names: ['Track-OK', 'Track-Bad'] }]],
    );

    emulator.world.settleAll();
    await a.ctx.tracker.tick();
    const jobs = a.ctx.tracker.all();
    assert.deepStrictEqual(
      jobs.filter((j) => [ok.id, bad.id].includes(j.id)).map((j) => [j.destName, j.outcome, j.reason]),
      [
        ['Track-OK', 'succeeded', undefined],
        ['Track-Bad', 'failed', 'IMAGE_COPY_FAILURE: The image could not be copied to the destination region.'],
      ],
    );
    assert.strictEqual(
      a.statusBar.text,
      '$(error) 1 image copy failed',
      'only the failure the user has not seen stays',
    );
    assert.ok(!a.ctx.tracker.active, 'nothing in flight: the poller stopped');
    emulator.clearLog();
    await a.ctx.tracker.tick();
    assert.strictEqual(emulator.log.length, 0, 'zero requests while idle');

    // The destination list was refreshed: it shows the finished copies without a manual refresh.
    const west = await rows(a, (await find(a, US_WEST, AS, 'Private')).node);
    assert.deepStrictEqual(
      west.filter((r) => r.label.startsWith('Track-')).map((r) => [r.label, r.icon]),
      [
        ['Track-Bad', 'error'],
        ['Track-OK', 'pass'],
      ],
    );

    // "Show Copy Progress" lists them; choosing a finished one reveals it; "Clear finished" empties the list.
    a.ctx.prompts = new ScriptedPrompts([{ pick: (l) => l.includes('Track-OK') }]);
    await vscode.commands.executeCommand('cloudImages.showCopyProgress');
    assert.strictEqual(a.statusBar.text, undefined, 'seen in the progress list: the status bar leaves');
    const sel = await until(
      () => a.ctx.treeView.selection.find((n) => n.kind === 'image' && n.record.name === 'Track-OK'),
      'the copy to be revealed',
    );
    assert.ok(sel?.kind === 'image' && sel.record.name === 'Track-OK' && sel.record.region === 'us-west-2');
    const p = new ScriptedPrompts([{ pick: (l) => l.endsWith('Clear finished') }]);
    a.ctx.prompts = p;
    await vscode.commands.executeCommand('cloudImages.showCopyProgress');
    assert.strictEqual(p.shown[0].items!.length, 3);
    assert.deepStrictEqual(a.ctx.tracker.all(), []);
    assert.strictEqual(a.statusBar.text, undefined, 'hidden when nothing is tracked');
  });

  test('tracked copies are kept in global state and resumed by a new tracker', async () => {
    const a = await api();
    const job = await copyTo(a, 'Image-00011', 'Track-Resume');
    await a.ctx.tracker.flushed();
    const saved = a.jobStore.get<CopyJob>(`${GlobalStateKeys.copies}/${job.id}`)!;
    assert.deepStrictEqual([saved.id, saved.state], [job.id, 'COPYING']);
    // As after a window reload: the closing window gives up its poll lease, and a fresh tracker reads the same
    // global state.
    await a.jobStore.update(`${GlobalStateKeys.copies}.lease`, undefined);
    const seen: string[] = [];
    const again = new CopyTracker({
      store: a.jobStore,
      storeKey: GlobalStateKeys.copies,
      intervalMs: () => 3_600_000,
      defaultProfile: () => a.ctx.scope.profile,
      look: async ({ service, region, ids }) => {
        seen.push(`${service}/${region}/${ids.join(',')}`);
        return new Map(ids.map((id) => [id, { state: 'AVAILABLE' }]));
      },
    });
    again.resume();
    assert.ok(again.active, 'resumed watching');
    assert.ok(again.all().some((j) => j.id === job.id));
    await again.tick();
    assert.ok(seen.includes('appstream/us-west-2/Track-Resume'));
    again.dispose();
  });

  test('the poller runs on its own at the configured interval until AWS reports the copy done', async function () {
    this.timeout(40_000);
    const a = await api();
    await finishTrackedCopies(a);
    await setSetting('pollIntervalSeconds', 5);
    try {
      emulator.world.copyDelayMs = 7_000;
      await copyTo(a, 'Image-00012', 'Track-Timer');
      emulator.clearLog();
      await until(
        () => a.ctx.tracker.all().find((j) => j.destName === 'Track-Timer')?.outcome === 'succeeded',
        'the copy to be reported done',
        30_000,
      );
      assert.strictEqual(a.statusBar.text, undefined, 'nothing in flight, nothing to see: the status bar leaves');
      const polls = emulator
        .requests({ operation: 'DescribeImages', region: 'us-west-2' })
        .filter((r) => (r.params.Names as string[] | undefined)?.includes('Track-Timer'));
      assert.ok(
        polls.length >= 2 && polls.length <= 3,
        `polled ${polls.length} times over about 7 s at a 5 s interval`,
      );
      assert.ok(!a.ctx.tracker.active);
    } finally {
      await setSetting('pollIntervalSeconds', undefined);
    }
  });
});
