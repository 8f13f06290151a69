// Image builders in the real extension host, against the local endpoint: the region's "Image Builders" row,
// Start / Stop / Delete followed as jobs, and Connect, whose streaming link reaches the browser and nothing else.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { CopyJob } from '../../src/core/copyJobs';
import { GlobalStateKeys } from '../../src/platform/ids';
import { api, emulator, finishTrackedCopies, freshStart, until } from './env';
import { answer, AS, find, rows, US_EAST, type Row } from './tree.helpers';

const BUILDERS = 'Image Builders';
const NAME = 'finance-builder';

async function builderRows(a: CloudImagesApi): Promise<Row[]> {
  return rows(a, (await find(a, US_EAST, AS, BUILDERS)).node);
}

async function builderRow(a: CloudImagesApi): Promise<Row> {
  const row = (await builderRows(a)).find((r) => r.label === NAME);
  if (!row) throw new Error(`${NAME} not listed`);
  return row;
}

const sent = (op: string): unknown[] => emulator.log.filter((r) => r.operation === op).map((r) => r.params);

/** Lets AWS finish every builder transition, and has the tracker look once. */
async function settle(a: CloudImagesApi): Promise<void> {
  emulator.world.settleAll();
  await a.ctx.tracker.tick();
}

/** Every line written to the extension's log from now on (the channel itself still gets them). */
function captureLog(a: CloudImagesApi): { lines: string[]; restore(): void } {
  const log = a.ctx.log as unknown as Record<string, (...args: unknown[]) => unknown>;
  const lines: string[] = [];
  const saved: [string, (...args: unknown[]) => unknown][] = [];
  for (const m of ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']) {
    const orig = log[m];
    saved.push([m, orig]);
    log[m] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      return orig.apply(a.ctx.log, args);
    };
  }
  return { lines, restore: () => saved.forEach(([m, f]) => (log[m] = f)) };
}

suite('Image builders', () => {
  suiteSetup(async () => {
    await finishTrackedCopies(await api());
    emulator.reset();
  });
  setup(async () => {
    const a = await freshStart();
    await a.globalState.update(GlobalStateKeys.builderStreamingValidity, undefined);
  });

  test('the Image Builders row lists the region’s builders only when expanded, with their states', async () => {
    const a = await api();
    const service = await rows(a, (await find(a, US_EAST, AS)).node);
    assert.ok(service.some((r) => r.label === BUILDERS && r.contextValue === 'builders'));
    assert.deepStrictEqual(sent('DescribeImageBuilders'), [], 'showing the row sends nothing');
    const listed = await builderRows(a);
    assert.strictEqual(sent('DescribeImageBuilders').length, 1, 'one listing on expansion');
    const row = listed.find((r) => r.label === NAME)!;
    assert.ok(row, `listed: ${JSON.stringify(listed.map((r) => r.label))}`);
    assert.match(row.description!, /^Stopped/);
    assert.strictEqual(row.contextValue, 'builder.stopped.start.delete');
    assert.match(row.tooltip!, /finance-builder/);
    const by = (name: string): Row => listed.find((r) => r.label === name)!;
    // A running builder: its type and platform, a day's running said (billed by the hour), its agent.
    const dev = by('dev-builder');
    assert.deepStrictEqual(
      [dev.description, dev.icon, dev.contextValue],
      [
        'Running · stream.standard.large · WINDOWS_SERVER_2022 · running for more than a day',
        'vm-running',
        'builder.running.stop.connect',
      ],
    );
    assert.match(dev.tooltip!, /Running for more than a day \(billed by the hour\)/);
    assert.match(dev.tooltip!, /Agent version: 1\.1\.1500 \(latest\)/);
    assert.match(dev.tooltip!, /Source image: arn:aws:appstream:us-east-1::image\/AppStream-WinServer2022-11-01-2026/);
    assert.match(by('legacy-builder').tooltip!, /Agent version: 1\.1\.900 \(a newer agent is available\)/);
    // A failed builder: AWS's reason and every error entry; only Delete is offered.
    const broken = by('broken-builder');
    assert.deepStrictEqual([broken.icon, broken.contextValue], ['error', 'builder.failed.delete']);
    assert.match(broken.tooltip!, /State reason: INTERNAL_ERROR: The image builder could not be started\./);
    assert.match(broken.tooltip!, /Error: SUBNET_HAS_INSUFFICIENT_IP_ADDRESSES: The subnet has no free IP addresses\./);
    // WorkSpaces has no image builders.
    assert.ok(!(await rows(a, (await find(a, US_EAST, 'WorkSpaces')).node)).some((r) => r.label === BUILDERS));
  });

  test('Start sends one StartImageBuilder and the job follows the builder to RUNNING, with a notification', async () => {
    const a = await api();
    const row = await builderRow(a);
    const p = answer(a, []);
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.startImageBuilder', row.node);
    assert.deepStrictEqual(sent('StartImageBuilder'), [{ Name: NAME }]);
    assert.strictEqual(job.kind, 'builder-start');
    const pending = await builderRow(a);
    assert.strictEqual(pending.icon, 'sync~spin');
    assert.match(pending.description!, /^Pending/);
    assert.ok(
      a.ctx.tracker.inFlight().some((j) => j.id === job.id),
      'followed by the tracker',
    );

    await settle(a);
    const ended = a.ctx.tracker.all().find((j) => j.id === job.id)!;
    assert.deepStrictEqual([ended.outcome, ended.state], ['succeeded', 'RUNNING']);
    await until(() => p.notes.some((n) => n.includes(NAME) && !n.startsWith('info: Starting')), 'the ending notified');
    const running = await builderRow(a);
    assert.match(running.description!, /^Running/, 'the row was listed again when the job ended');
    assert.strictEqual(running.contextValue, 'builder.running.stop.connect');
    assert.strictEqual(sent('StartImageBuilder').length, 1, 'sent once');
  });

  test('Connect opens a streaming link that is never logged nor shown', async () => {
    const a = await api();
    const row = await builderRow(a);
    assert.strictEqual(row.contextValue, 'builder.running.stop.connect');
    const opened: string[] = [];
    const savedBrowser = a.ctx.browser;
    a.ctx.browser = { open: async (url) => (opened.push(url), true) };
    const log = captureLog(a);
    try {
      const p = answer(a, [{ input: ['0', '7200'] }]);
      emulator.clearLog();
      const done = await vscode.commands.executeCommand<unknown>('cloudImages.connectImageBuilder', row.node);
      assert.strictEqual(done, true, 'the command returns no link');
      assert.deepStrictEqual(
        [p.shown[0].kind, p.shown[0].value, p.shown[0].messages?.length],
        ['input', '3600', 1],
        'asked once, 1 hour offered, 0 s refused',
      );
      assert.strictEqual(opened.length, 1);
      assert.match(opened[0], /^https:\/\/appstream2\.us-east-1\..*SECRET-/);
      assert.deepStrictEqual(sent('CreateImageBuilderStreamingURL'), [{ Name: NAME, Validity: 7200 }]);
      // Remembered: the next connection asks nothing.
      const again = answer(a, []);
      await vscode.commands.executeCommand('cloudImages.connectImageBuilder', row.node);
      assert.strictEqual(again.shown.length, 0);
      assert.strictEqual(opened.length, 2);
      assert.ok(log.lines.length > 0, 'the log capture saw the calls');
      const secrets = opened.map((u) => u.slice(u.indexOf('SECRET-')));
      for (const line of log.lines) for (const s of secrets) assert.ok(!line.includes(s), `logged: ${line}`);
      for (const note of [...p.notes, ...again.notes]) assert.ok(!/SECRET-|https?:/.test(note), `shown: ${note}`);
      assert.ok(!JSON.stringify(a.ctx.tracker.all()).includes('SECRET-'), 'nothing stored');
    } finally {
      log.restore();
      a.ctx.browser = savedBrowser;
    }
  });

  test('Stop sends one StopImageBuilder and the job follows the builder to STOPPED', async () => {
    const a = await api();
    const row = await builderRow(a);
    answer(a, []);
    emulator.clearLog();
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.stopImageBuilder', row.node);
    assert.deepStrictEqual(sent('StopImageBuilder'), [{ Name: NAME }]);
    assert.match((await builderRow(a)).description!, /^Stopping/);
    await settle(a);
    assert.deepStrictEqual(
      [a.ctx.tracker.all().find((j) => j.id === job.id)?.outcome, (await builderRow(a)).contextValue],
      ['succeeded', 'builder.stopped.start.delete'],
    );
  });

  test('Start clicked twice before AWS answers sends one StartImageBuilder; the second says why nothing was sent', async () => {
    const a = await api();
    const row = await builderRow(a);
    const p = answer(a, []);
    emulator.clearLog();
    emulator.latencyMs = 300;
    try {
      await Promise.all([
        vscode.commands.executeCommand('cloudImages.startImageBuilder', row.node),
        vscode.commands.executeCommand('cloudImages.startImageBuilder', row.node),
      ]);
    } finally {
      emulator.latencyMs = 0;
    }
    assert.deepStrictEqual(sent('StartImageBuilder'), [{ Name: NAME }]);
    assert.ok(
      p.notes.some((n) => n === `warning: Nothing was sent: a request for ${NAME} is already on its way.`),
      p.notes.join('\n'),
    );
    // Back to stopped for the tests after this one.
    await settle(a);
    await vscode.commands.executeCommand('cloudImages.stopImageBuilder', (await builderRow(a)).node);
    await settle(a);
    assert.match((await builderRow(a)).description!, /^Stopped/);
  });

  test('Start and Connect starts a stopped builder, follows it to RUNNING, then opens a streaming link', async () => {
    const a = await api();
    const row = (await builderRows(a)).find((r) => r.label === 'legacy-builder')!;
    const opened: string[] = [];
    const savedBrowser = a.ctx.browser;
    a.ctx.browser = { open: async (url) => (opened.push(url), true) };
    try {
      const p = answer(a, [{ input: ['3600'] }]);
      emulator.clearLog();
      const running = vscode.commands.executeCommand<boolean>('cloudImages.startAndConnectImageBuilder', row.node);
      await until(() => sent('StartImageBuilder').length === 1, 'the start');
      assert.deepStrictEqual(sent('CreateImageBuilderStreamingURL'), [], 'no link before it runs');
      await settle(a);
      assert.strictEqual(await running, true);
      assert.deepStrictEqual(sent('CreateImageBuilderStreamingURL'), [{ Name: 'legacy-builder', Validity: 3600 }]);
      assert.strictEqual(opened.length, 1);
      assert.strictEqual(p.shown.length, 1, 'the validity was the only question');
    } finally {
      a.ctx.browser = savedBrowser;
    }
  });

  test('a start AWS ends in FAILED is said in words, and the row shows why', async () => {
    const a = await api();
    const row = (await builderRows(a)).find((r) => r.label === 'flaky-builder')!;
    const p = answer(a, []);
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.startImageBuilder', row.node);
    await settle(a);
    assert.strictEqual(a.ctx.tracker.all().find((j) => j.id === job.id)?.outcome, 'failed');
    await until(
      () => p.notes.some((n) => n.includes('flaky-builder') && /could not be started/.test(n)),
      'the failure',
    );
    const after = (await builderRows(a)).find((r) => r.label === 'flaky-builder')!;
    assert.strictEqual(after.contextValue, 'builder.failed.delete');
  });

  test('Delete asks first (declined sends nothing), then follows the builder until it is gone', async () => {
    const a = await api();
    const row = await builderRow(a);
    const declined = answer(a, [{ confirm: false }]);
    emulator.clearLog();
    await vscode.commands.executeCommand('cloudImages.deleteImageBuilder', row.node);
    assert.deepStrictEqual(sent('DeleteImageBuilder'), [], 'declined: nothing sent');
    assert.match(declined.shown[0].title, /Delete the image builder finance-builder from us-east-1\?/);
    assert.match(declined.shown[0].detail!, /not been saved in an image .* is lost/);

    answer(a, [{ confirm: true }]);
    const job = await vscode.commands.executeCommand<CopyJob>('cloudImages.deleteImageBuilder', row.node);
    assert.deepStrictEqual(sent('DeleteImageBuilder'), [{ Name: NAME }]);
    assert.match((await builderRow(a)).description!, /^Deleting/);
    await settle(a);
    assert.strictEqual(a.ctx.tracker.all().find((j) => j.id === job.id)?.outcome, 'succeeded');
    assert.ok(!(await builderRows(a)).some((r) => r.label === NAME), 'gone from the list');
  });
});
