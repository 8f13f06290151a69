// The copy tracker under faults and with several windows: stored state that is broken or from an older
// version, tags that fail, destinations that cannot be read, two trackers (two windows) on one store.
import * as assert from 'node:assert';
import { advance, CANNOT_CHECK_AFTER_MS, jobId, type CopyJob, type Observation } from '../../src/core/copyJobs';
import { parseJob } from '../../src/core/storedJob';
import { PollLoop } from '../../src/core/pollLoop';
import { CopyTracker } from '../../src/jobs/tracker';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { copyJob, V01_COPY } from '../support/jobs';

const job = copyJob;

interface Window {
  tracker: CopyTracker;
  requests: string[];
  finished: CopyJob[];
  shown: (readonly CopyJob[])[];
}

function window(
  store: MemoryStore,
  clock: FakeClock,
  look: (region: string, id: string) => Observation | Error | undefined,
  extra: { tags?: () => Error | undefined; id?: string } = {},
): Window {
  const requests: string[] = [];
  const finished: CopyJob[] = [];
  const shown: (readonly CopyJob[])[] = [];
  const loop = new PollLoop({ clock, intervalMs: () => 30_000, taskDeadlineMs: 60_000, random: () => 1 });
  const tracker = new CopyTracker({
    store,
    storeKey: 'copies',
    clock,
    loop,
    windowId: extra.id,
    intervalMs: () => 30_000,
    defaultProfile: () => 'demo',
    look: async ({ region, ids }) => {
      requests.push(`${region}:${ids.join(',')}`);
      const m = new Map<string, Observation>();
      for (const id of ids) {
        const o = look(region, id);
        if (o instanceof Error) throw o;
        if (o) m.set(id, o);
      }
      return m;
    },
    applyTags: async () => {
      requests.push('tag');
      const e = extra.tags?.();
      if (e) throw e;
    },
    onFinished: (j) => finished.push(j),
    onChange: (jobs) => shown.push(jobs),
  });
  return { tracker, requests, finished, shown };
}

const denied = (): Error => Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });

describe('copy tracker: stored state', () => {
  for (const [what, value] of [
    ['an object', {}],
    ['a string', 'copies'],
    ['a list with null', [null]],
    ['a list with an empty job', [{}]],
    ['a number', 7],
  ] as const) {
    it(`activates with ${what} under the old key, dropping it with one report`, async () => {
      const store = new MemoryStore();
      store.data.set('copies', value);
      const dropped: number[] = [];
      const clock = new FakeClock();
      const t = new CopyTracker({
        store,
        storeKey: 'copies',
        clock,
        intervalMs: () => 30_000,
        look: async () => new Map(),
        defaultProfile: () => 'demo',
        onDropped: (n) => dropped.push(n),
      });
      t.resume();
      await t.flushed();
      assert.deepStrictEqual(t.all(), []);
      assert.ok(!t.active, 'nothing polled with region undefined');
      assert.deepStrictEqual(dropped, [1]);
      assert.ok(!store.data.has('copies'), 'the broken entry is gone');
      t.dispose();
    });
  }

  it('loads the list version 0.1 stored, one key per job from then on, and drops only the broken entries', async () => {
    const store = new MemoryStore();
    const v01 = { ...V01_COPY, pendingTags: { team: 'a' } as Record<string, string> | undefined };
    const v01ws = {
      ...v01,
      id: 'workspaces:eu-west-1:wsi-123456789',
      service: 'workspaces',
      destRegion: 'eu-west-1',
      destId: 'wsi-123456789',
      state: 'PENDING',
      pendingTags: undefined,
    };
    store.data.set('copies', [v01, v01ws, { ...v01, destRegion: 'mars-1' }, { ...v01, service: 'ec2' }]);
    const clock = new FakeClock();
    const w = window(store, clock, () => ({ state: 'COPYING' }));
    const dropped: number[] = [];
    (w.tracker as unknown as { deps: { onDropped(n: number): void } }).deps.onDropped = (n) => dropped.push(n);
    w.tracker.resume();
    await w.tracker.flushed();
    assert.deepStrictEqual(
      w.tracker.all().map((j) => [j.profile, j.service, j.destRegion, j.destId, j.pendingTags]),
      [
        ['demo', 'appstream', 'us-west-2', 'Old', { team: 'a' }],
        ['demo', 'workspaces', 'eu-west-1', 'wsi-123456789', undefined],
      ],
      'copies stored before jobs recorded a profile belong to the active one',
    );
    assert.deepStrictEqual(dropped, [2]);
    assert.deepStrictEqual([...store.data.keys()].filter((k) => k.startsWith('copies/')).sort(), [
      'copies/demo/appstream/us-west-2/Old',
      'copies/demo/workspaces/eu-west-1/wsi-123456789',
    ]);
    await clock.advance(30_000);
    assert.deepStrictEqual(w.requests.sort(), ['eu-west-1:wsi-123456789', 'us-west-2:Old']);
  });
});

describe('copy tracker: tags and unreadable destinations', () => {
  it('retries tags on later polls and, after three failures, ends the copy saying the tags were not applied', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const w = window(
      store,
      clock,
      () => ({ state: 'AVAILABLE', arn: 'arn:aws:appstream:us-west-2:123456789012:image/Copy' }),
      { tags: denied },
    );
    w.tracker.add(job({ pendingTags: { team: 'a' } }));
    await clock.advance(30_000);
    assert.strictEqual(w.finished.length, 0, 'not called done while its tags are pending');
    assert.strictEqual(w.tracker.inFlight().length, 1);
    await clock.advance(60_000);
    assert.strictEqual(w.requests.filter((r) => r === 'tag').length, 3);
    assert.strictEqual(w.finished.length, 1);
    assert.strictEqual(w.finished[0].outcome, 'succeeded');
    assert.match(w.finished[0].tagsFailed!, /not authorized/);
    const failed = await w.tracker.retryTags(w.finished[0]);
    assert.match(failed!, /not authorized/, 'Retry Tags tries once more and says why it failed');
  });

  it('Retry Tags applies them once AWS allows it', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    let tagsFail = true;
    const w = window(store, clock, () => ({ state: 'AVAILABLE', arn: 'arn:x' }), {
      tags: () => (tagsFail ? denied() : undefined),
    });
    w.tracker.add(job({ pendingTags: { team: 'a' } }));
    await clock.advance(90_000);
    tagsFail = false;
    assert.strictEqual(await w.tracker.retryTags(w.tracker.all()[0]), undefined);
    const [done] = w.tracker.all();
    assert.deepStrictEqual([done.tagsFailed, done.pendingTags], [undefined, undefined]);
  });

  it('marks a copy whose destination cannot be read for 30 minutes as "cannot check", and a good look clears it', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    let broken = true;
    const w = window(store, clock, (region) => (region === 'us-west-2' && broken ? denied() : { state: 'COPYING' }));
    w.tracker.add(job());
    w.tracker.add(job({ destRegion: 'eu-west-1', destId: 'Healthy' }));
    await clock.advance(29 * 60_000);
    const west = () => w.tracker.all().find((j) => j.destRegion === 'us-west-2')!;
    assert.ok(
      west().checkFailingSince !== undefined && clock.now() - west().checkFailingSince! < CANNOT_CHECK_AFTER_MS,
    );
    const healthyPolls = w.requests.filter((r) => r.startsWith('eu-west-1')).length;
    assert.strictEqual(healthyPolls, 58, 'the healthy region kept its 30 s interval');
    await clock.advance(20 * 60_000);
    assert.match(west().checkError!, /not authorized/);
    assert.ok(clock.now() - west().checkFailingSince! >= CANNOT_CHECK_AFTER_MS);
    broken = false;
    await w.tracker.retryChecks();
    assert.strictEqual(west().checkFailingSince, undefined, 'Retry looked at once and the look worked');
  });
});

describe('copy tracker: several windows, one truth', () => {
  it('one window polls each group per tick; the other follows, and takes over when the first closes', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const a = window(store, clock, () => ({ state: 'COPYING' }), { id: 'A' });
    const b = window(store, clock, () => ({ state: 'COPYING' }), { id: 'B' });
    // Windows act one after another (each write is stored before the other window acts).
    a.tracker.resume();
    a.tracker.add(job({ destId: 'FromA' }));
    await a.tracker.flushed();
    b.tracker.resume();
    b.tracker.add(job({ destId: 'FromB' }));
    await b.tracker.flushed();
    await clock.advance(5 * 30_000);
    assert.deepStrictEqual([a.requests.length, b.requests.length], [5, 0], 'only the lease holder sends requests');
    assert.deepStrictEqual(a.requests[0], 'us-west-2:FromA,FromB', "one request covers both windows' copies");
    assert.deepStrictEqual(
      b.shown
        .at(-1)!
        .map((j) => j.destId)
        .sort(),
      ['FromA', 'FromB'],
    );
    a.tracker.dispose();
    await clock.advance(60_000);
    assert.strictEqual(b.requests.length, 1, 'the other window took over within two intervals');
  });

  it('an ending is notified once, in one window; Clear finished in one window is not undone by the other', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    let state = 'COPYING';
    const a = window(store, clock, () => ({ state }), { id: 'A' });
    const b = window(store, clock, () => ({ state }), { id: 'B' });
    a.tracker.resume();
    a.tracker.add(job({ destId: 'One' }));
    await a.tracker.flushed();
    b.tracker.resume();
    b.tracker.add(job({ destId: 'Two' }));
    await b.tracker.flushed();
    await clock.advance(30_000);
    state = 'AVAILABLE';
    await clock.advance(30_000);
    assert.deepStrictEqual(
      [...a.finished, ...b.finished].map((j) => j.destId).sort(),
      ['One', 'Two'],
      'each ending once',
    );
    a.tracker.add(job({ destId: 'Three' }));
    await a.tracker.flushed();
    state = 'COPYING';
    b.tracker.clearFinished();
    await b.tracker.flushed();
    await clock.advance(3 * 30_000);
    assert.deepStrictEqual(
      a.tracker.all().map((j) => j.destId),
      ['Three'],
    );
    assert.deepStrictEqual(
      b.tracker.all().map((j) => j.destId),
      ['Three'],
    );
  });

  it('an ending stored by one window is never undone by a window that still saw the copy in flight', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    const a = window(store, clock, () => ({ state: 'AVAILABLE' }), { id: 'A' });
    a.tracker.add(job());
    const stale = a.tracker.all()[0];
    await a.tracker.tick();
    await a.tracker.flushed();
    const b = window(store, clock, () => ({ state: 'COPYING' }), { id: 'B' });
    b.tracker.add(stale);
    assert.strictEqual(b.tracker.all()[0].outcome, 'succeeded');
    assert.strictEqual(a.finished.length + b.finished.length, 1);
  });
});

describe('copy tracker: deletions', () => {
  it('follows a delete until AWS no longer lists the image, and says so when the image comes back instead', async () => {
    const store = new MemoryStore();
    const clock = new FakeClock();
    let state: string | undefined = 'DELETING';
    const w = window(store, clock, () => (state ? { state } : undefined));
    const del = job({
      destId: 'Old-Image',
      state: 'DELETING',
      kind: 'delete',
      id: jobId({ profile: 'demo', service: 'appstream', region: 'us-west-2', id: 'Old-Image' }, 'delete'),
    });
    w.tracker.add(del);
    w.tracker.add(job({ destId: 'Old-Image' })); // a copy to the same name is a job of its own
    await clock.advance(30_000);
    assert.deepStrictEqual(
      w.tracker
        .inFlight()
        .map((j) => j.kind ?? 'copy')
        .sort(),
      ['copy', 'delete'],
    );
    state = undefined;
    await clock.advance(30_000);
    const ended = w.tracker.all().find((j) => j.kind === 'delete')!;
    assert.deepStrictEqual([ended.outcome, ended.state], ['succeeded', 'DELETED']);
    const back = advance({ ...del }, { state: 'AVAILABLE' }, 2_000_000);
    assert.deepStrictEqual([back.outcome, back.reason], ['failed', 'AWS did not delete it: it is AVAILABLE again.']);
    await w.tracker.flushed();
    const stored = parseJob(store.get(`copies/${del.id}`), 'demo');
    assert.strictEqual(stored?.kind, 'delete', 'a stored deletion loads as a deletion');
  });
});
