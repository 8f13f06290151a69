// The one poll loop, on a fake clock: per-group backoff, and nothing a task does can stop it.
import * as assert from 'node:assert';
import { PollLoop, type PollTask } from '../../src/core/pollLoop';
import { FakeClock } from '../support/fakeClock';

/** A request that never gets an answer: it ends only when its signal aborts, as the SDK's send does. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () =>
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
    ),
  );
}

function loopWith(tasks: () => PollTask[], interval = 30_000) {
  const clock = new FakeClock();
  const errors: string[] = [];
  const loop = new PollLoop({
    clock,
    intervalMs: () => interval,
    taskDeadlineMs: 60_000,
    random: () => 1,
    onTaskError: (k) => errors.push(k),
  });
  loop.add({ tasks });
  return { clock, loop, errors };
}

describe('poll loop', () => {
  it('keeps no timer while there is nothing to watch, and starts one when work appears', async () => {
    let work: PollTask[] = [];
    const { clock, loop } = loopWith(() => work);
    assert.strictEqual(loop.active, false);
    let runs = 0;
    work = [{ key: 'a', run: async () => void runs++ }];
    loop.kick();
    assert.strictEqual(loop.active, true);
    await clock.advance(30_000);
    assert.strictEqual(runs, 1);
    work = [];
    await clock.advance(30_000);
    assert.strictEqual(loop.active, false, 'the timer stops with the work');
    assert.strictEqual(runs, 1);
  });

  it('backs off a failing group alone: a healthy group keeps its interval', async () => {
    const runs: Record<string, number> = { healthy: 0, broken: 0 };
    const { clock } = loopWith(() => [
      { key: 'healthy', run: async () => void runs.healthy++ },
      {
        key: 'broken',
        run: async () => {
          runs.broken++;
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        },
      },
    ]);
    await clock.advance(10 * 60_000);
    assert.strictEqual(runs.healthy, 20, 'every 30 s for 10 minutes');
    // 30 s, then 60, 120, 240 s later: 4 tries in 450 s; the next would be 480 s later.
    assert.strictEqual(runs.broken, 4);
  });

  it('a task that throws synchronously, or never settles until aborted, cannot stop the loop or slow another group', async () => {
    let hung = 0;
    let ok = 0;
    const { clock, errors } = loopWith(() => [
      {
        key: 'hangs',
        run: (signal) => {
          hung++;
          return untilAborted(signal);
        },
      },
      {
        key: 'throws',
        run: () => {
          throw new Error('boom');
        },
      },
      { key: 'ok', run: async () => void ok++ },
    ]);
    await clock.advance(30_000);
    assert.strictEqual(ok, 1, 'the other groups are polled beside the hung one');
    await clock.advance(30_000);
    assert.strictEqual(ok, 2, 'and again one interval later, while the hung one still waits for its deadline');
    await clock.advance(60_000);
    assert.ok(errors.includes('hangs') && errors.includes('throws'));
    await clock.advance(5 * 60_000 + 30_000);
    assert.strictEqual(ok, 15, 'every 30 s for 7.5 minutes: the hung group never held it up');
    assert.ok(hung >= 2, 'the hung group was tried again after its deadline');
  });

  it('treats an interval that is not a number as the default, never as a busy loop', async () => {
    let runs = 0;
    const { clock } = loopWith(() => [{ key: 'a', run: async () => void runs++ }], Number.NaN);
    await clock.advance(60_000);
    assert.strictEqual(runs, 2);
  });

  it('aborts a run that passes its deadline, and never has two runs of one group in flight (30 minutes)', async () => {
    let inFlight = 0;
    let most = 0;
    let runs = 0;
    let aborted = 0;
    const { clock, errors } = loopWith(() => [
      {
        key: 'hangs',
        run: async (signal) => {
          runs++;
          most = Math.max(most, ++inFlight);
          try {
            await untilAborted(signal);
          } finally {
            inFlight--;
            if (signal?.aborted) aborted++;
          }
        },
      },
    ]);
    await clock.advance(30 * 60_000);
    assert.strictEqual(most, 1, 'one run of the group at a time');
    assert.ok(runs >= 5, `the group was tried again after each deadline (${runs} runs)`);
    assert.strictEqual(aborted, runs - inFlight, 'every run that ended was aborted at its deadline');
    assert.ok(errors.length >= runs - 1 && errors.every((k) => k === 'hangs'));
  });

  it('a run that ignores the abort holds its group (no second run, not even from tick), while other groups keep polling', async () => {
    let hung = 0;
    let ok = 0;
    let seen: AbortSignal | undefined;
    const { clock, loop } = loopWith(() => [
      {
        key: 'stuck',
        run: (signal) => {
          hung++;
          seen = signal;
          return new Promise<void>(() => undefined);
        },
      },
      { key: 'ok', run: async () => void ok++ },
    ]);
    await clock.advance(30 * 60_000);
    assert.strictEqual(hung, 1, 'never started beside the run that is still going');
    assert.strictEqual(seen?.aborted, true, 'the run was told to stop at its deadline');
    assert.strictEqual(ok, 60, 'the other group kept its 30 s interval');
    await loop.tick();
    assert.deepStrictEqual([hung, ok], [1, 61], 'a tick polls the others and leaves the stuck group alone');
  });

  it('a stuck group that finally settles is polled again', async () => {
    let runs = 0;
    let release: (() => void) | undefined;
    const { clock } = loopWith(() => [
      {
        key: 'slow',
        run: () => {
          runs++;
          return new Promise<void>((r) => (release = r));
        },
      },
    ]);
    await clock.advance(30_000 + 60_000 + 5 * 60_000);
    assert.strictEqual(runs, 1);
    release!();
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await clock.advance(1_000);
    assert.strictEqual(runs, 2, 'due again once the late run ended (its backoff had passed)');
  });
});
