// The copy tracker's state machine and poll scheduling, on a fake clock.
import * as assert from 'node:assert';
import { advance, pollGroups, type CopyJob, type Observation } from '../../src/core/copyJobs';
import { backoffDelay } from '../../src/core/pollLoop';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import type { ServiceId } from '../../src/core/regions';
import { copyJob } from '../support/jobs';

const job = copyJob;

function setup(states: (service: ServiceId, region: string, id: string) => Observation | undefined, interval = 30_000) {
  const clock = new FakeClock();
  const requests: { service: ServiceId; region: string; ids: string[] }[] = [];
  const store = new MemoryStore();
  let fail = 0;
  const finished: CopyJob[] = [];
  const tracker = new CopyTracker({
    store,
    storeKey: 'copies',
    clock,
    random: () => 1,
    intervalMs: () => interval,
    defaultProfile: () => 'demo',
    look: async ({ service, region, ids }) => {
      requests.push({ service, region, ids });
      if (fail > 0) {
        fail--;
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      }
      const m = new Map<string, Observation>();
      for (const id of ids) {
        const o = states(service, region, id);
        if (o) m.set(id, o);
      }
      return m;
    },
    onFinished: (j) => finished.push(j),
  });
  return { clock, tracker, requests, store, finished, failNext: (n: number) => (fail = n) };
}

describe('copy jobs', () => {
  it('end only on what AWS reports', () => {
    const j = job();
    assert.strictEqual(advance(j, { state: 'COPYING' }, 2_000_000).outcome, undefined);
    assert.strictEqual(advance(j, { state: 'AVAILABLE' }, 2_000_000).outcome, 'succeeded');
    const failed = advance(j, { state: 'FAILED', reason: 'IMAGE_COPY_FAILURE: x' }, 2_000_000);
    assert.deepStrictEqual(
      [failed.outcome, failed.reason, failed.finishedAt],
      ['failed', 'IMAGE_COPY_FAILURE: x', 2_000_000],
    );
    assert.strictEqual(
      advance(job({ service: 'workspaces', state: 'PENDING' }), { state: 'ERROR' }, 2_000_000).outcome,
      'failed',
    );
    // Not listed yet, shortly after the start: keep waiting; once seen and then gone: disappeared.
    assert.strictEqual(advance(j, undefined, 1_060_000).outcome, undefined);
    assert.strictEqual(advance({ ...j, seen: true }, undefined, 1_060_000).outcome, 'disappeared');
    assert.strictEqual(advance(j, undefined, 1_000_000 + 6 * 60_000).outcome, 'disappeared');
  });

  it('are polled one request per service and destination region; WorkSpaces 25 IDs per request', () => {
    const jobs = [
      job({ destId: 'a' }),
      job({ destId: 'b' }),
      job({ destId: 'c', destRegion: 'eu-west-1' }),
      ...Array.from({ length: 30 }, (_, i) =>
        job({ service: 'workspaces', destId: `wsi-${String(i).padStart(9, '0')}` }),
      ),
      job({ destId: 'done', outcome: 'succeeded' }),
    ];
    const groups = pollGroups(jobs);
    assert.deepStrictEqual(
      groups.map((g) => [g.service, g.region, g.ids.length]),
      [
        ['appstream', 'us-west-2', 2],
        ['appstream', 'eu-west-1', 1],
        ['workspaces', 'us-west-2', 25],
        ['workspaces', 'us-west-2', 5],
      ],
    );
  });

  it('back off by doubling, up to ten minutes, spread by jitter', () => {
    assert.deepStrictEqual(
      [0, 1, 2, 3].map((f) => backoffDelay(30_000, f, () => 1)),
      [30_000, 60_000, 120_000, 240_000],
    );
    assert.strictEqual(
      backoffDelay(30_000, 20, () => 1),
      600_000,
    );
    assert.deepStrictEqual(
      [1, 2].map((f) => backoffDelay(30_000, f, () => 0)),
      [30_000, 60_000],
      'at least half the doubled delay',
    );
  });
});

describe('copy tracker', () => {
  it('polls every interval while a copy is in flight, then stops', async () => {
    let state = 'COPYING';
    const { clock, tracker, requests, finished } = setup(() => ({ state }));
    tracker.add(job());
    assert.ok(tracker.active);
    await clock.advance(29_999);
    assert.strictEqual(requests.length, 0);
    await clock.advance(1);
    assert.strictEqual(requests.length, 1);
    await clock.advance(60_000);
    assert.strictEqual(requests.length, 3);
    state = 'AVAILABLE';
    await clock.advance(30_000);
    assert.strictEqual(requests.length, 4);
    assert.deepStrictEqual(
      finished.map((j) => j.outcome),
      ['succeeded'],
    );
    assert.ok(!tracker.active);
    await clock.advance(10 * 60_000);
    assert.strictEqual(requests.length, 4, 'no request while idle');
  });

  it('a new run of what an ended job followed is followed again, to its own ending (a copy to a freed name)', async () => {
    let state = 'FAILED';
    const { clock, tracker, finished } = setup(() => ({ state }));
    tracker.add(job());
    await tracker.tick();
    assert.deepStrictEqual(
      finished.map((j) => j.outcome),
      ['failed'],
    );
    // The failed copy was deleted and the same name copied again, a minute later.
    await clock.advance(60_000);
    state = 'COPYING';
    tracker.add(job({ startedAt: clock.now() }));
    assert.deepStrictEqual(
      tracker.all().map((j) => [j.state, j.outcome]),
      [['COPYING', undefined]],
    );
    assert.ok(tracker.active, 'followed again');
    state = 'AVAILABLE';
    await tracker.tick();
    assert.deepStrictEqual(
      finished.map((j) => j.outcome),
      ['failed', 'succeeded'],
    );
  });

  it('batches copies to the same region into one request per tick', async () => {
    const { clock, tracker, requests } = setup(() => ({ state: 'COPYING' }));
    tracker.add(job({ destId: 'a' }));
    tracker.add(job({ destId: 'b' }));
    tracker.add(job({ destId: 'c', destRegion: 'eu-west-1' }));
    await clock.advance(30_000);
    assert.deepStrictEqual(
      requests.map((r) => [r.region, r.ids]),
      [
        ['us-west-2', ['a', 'b']],
        ['eu-west-1', ['c']],
      ],
    );
  });

  it('backs off on throttling and network errors, and keeps going', async () => {
    const { clock, tracker, requests, failNext } = setup(() => ({ state: 'COPYING' }));
    tracker.add(job());
    failNext(2);
    await clock.advance(30_000); // fails
    await clock.advance(59_999);
    assert.strictEqual(requests.length, 1, 'waits twice as long after a failure');
    await clock.advance(1); // fails again
    assert.strictEqual(requests.length, 2);
    await clock.advance(120_000); // succeeds
    assert.strictEqual(requests.length, 3);
    await clock.advance(30_000);
    assert.strictEqual(requests.length, 4, 'back to the normal interval');
  });

  it('persists jobs and resumes them; forgets finished ones after a day', async () => {
    const first = setup(() => ({ state: 'COPYING' }));
    first.tracker.add(job({ destId: 'flying' }));
    first.tracker.add(
      job({
        destId: 'old',
        startedAt: 1_000_000 - 26 * 3_600_000,
        outcome: 'succeeded',
        finishedAt: 1_000_000 - 25 * 3_600_000,
      }),
    );
    first.tracker.add(job({ destId: 'recent', outcome: 'failed', finishedAt: 999_000 }));
    first.tracker.dispose();
    await first.tracker.flushed();
    const second = setup(() => ({ state: 'AVAILABLE' }));
    for (const [k, v] of first.store.data) second.store.data.set(k, v);
    second.tracker.resume();
    assert.deepStrictEqual(
      second.tracker.all().map((j) => j.destId),
      ['flying', 'recent'],
    );
    await second.clock.advance(30_000);
    assert.deepStrictEqual(
      second.requests.map((r) => r.ids),
      [['flying']],
    );
    assert.deepStrictEqual(
      second.finished.map((j) => j.destId),
      ['flying'],
    );
    second.tracker.clearFinished();
    assert.deepStrictEqual(second.tracker.all(), []);
  });
});
