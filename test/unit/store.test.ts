// The job store shared by windows: two stores on one real folder (two windows) never lose another's job, never
// undo an ending, never bring back a cleared job, whatever the interleaving; and what VS Code's global state did.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jobId, type CopyJob } from '../../src/core/copyJobs';
import {
  newDistribution,
  withDestination,
  copyStarted,
  stepFailed,
  retryStep,
  requested,
  type Distribution,
} from '../../src/core/distribution';
import { mergeDistribution } from '../../src/core/distributionMerge';
import { FileJobStore, TOMBSTONE_KEEP_MS } from '../../src/jobs/fileStore';
import { fileName, parseVersion, replaced, resolve, serialize, type Version } from '../../src/jobs/fileVersions';
import { entryMerges, moveFromGlobalState } from '../../src/jobs/store';
import { CopyTracker } from '../../src/jobs/tracker';
import { SharedStorage } from '../support/mementoModel';
import { MemoryStore } from '../support/memoryStore';
import { FakeClock } from '../support/fakeClock';
import { StepClock } from '../support/stepClock';
import { PREFIX, runSchedule, type Windows } from '../support/storeSchedules';
import { V01_COPY } from '../support/jobs';

const SCHEDULES = 1_000;
const merges = entryMerges(PREFIX, 'distributions');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cloud-images-store-'));
}

function fileWindows(dir: string) {
  return (clock: StepClock, random: () => number): Windows => {
    const stores = [0, 1].map((i) => new FileJobStore({ dir, windowId: `w${i}`, merges, clock, follow: false })) as [
      FileJobStore,
      FileJobStore,
    ];
    return {
      stores,
      // The other window's watcher reads the folder 5-60 ms later (debounce, a busy window).
      wrote: (i) => void clock.setTimeout(() => void stores[1 - i].refresh(), 5 + Math.floor(random() * 56)),
      settle: async () => {
        await clock.runAll();
        await Promise.all(stores.map((s) => s.flushed()));
        for (const s of stores) s.refresh();
      },
    };
  };
}

function mementoWindows(clock: StepClock, random: () => number): Windows {
  const storage = new SharedStorage(clock, () => 1 + Math.floor(random() * 20));
  return { stores: [storage.window(), storage.window()], wrote: () => undefined, settle: () => clock.runAll() };
}

const job = (id: string, over: Partial<CopyJob> = {}): CopyJob => ({
  id,
  profile: 'demo',
  service: 'appstream',
  sourceRegion: 'us-east-1',
  sourceName: 'Src',
  sourceId: 'Src',
  destRegion: 'us-west-2',
  destName: id,
  destId: id,
  startedAt: 1_000_000,
  state: 'PENDING',
  ...over,
});

describe('job store: two windows, random interleavings', function () {
  this.timeout(300_000);

  it(`VS Code's global state with ordered writes loses copies another window added (${SCHEDULES} schedules)`, async () => {
    let lost = 0;
    let schedules = 0;
    for (let seed = 1; seed <= SCHEDULES; seed++) {
      const o = await runSchedule(seed, mementoWindows);
      lost += o.lost.length;
      if (o.lost.length) schedules++;
    }
    // The failure the file store fixes: a whole-value replace drops a job that never reached the writer.
    assert.ok(schedules > 0 && lost >= schedules, `some schedule loses a copy (${schedules} schedules lost ${lost})`);
  });

  it(`the file store loses no copy, undoes no ending and brings back no cleared copy (${SCHEDULES} schedules, real files)`, async () => {
    const root = tempDir();
    let writes = 0;
    try {
      for (let seed = 1; seed <= SCHEDULES; seed++) {
        const dir = path.join(root, String(seed));
        const o = await runSchedule(seed, fileWindows(dir));
        writes += o.writes;
        assert.deepStrictEqual(
          { lost: o.lost, undone: o.undone, back: o.back },
          { lost: [], undone: [], back: [] },
          `seed ${seed}`,
        );
        fs.rmSync(dir, { recursive: true, force: true });
      }
      assert.ok(writes > SCHEDULES * 10);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('job store: versions', () => {
  it('a version read back from disk while its write is still under way is one version, not two that hide each other', () => {
    const written: Version = {
      file: fileName('k', 'w1', 5),
      key: 'k',
      window: 'w1',
      at: 5,
      vc: { w1: 5 },
      value: { state: 'COPYING' },
    };
    const readBack = parseVersion(written.file, serialize(written))!;
    assert.deepStrictEqual(
      resolve([written, readBack], (_o, n) => n),
      { state: 'COPYING' },
    );
    assert.deepStrictEqual(replaced([written, readBack], 10), []);
  });
});

describe('job store: files', () => {
  let dir: string;
  let clock: StepClock;
  const open = (windowId: string, follow = false): FileJobStore =>
    new FileJobStore({ dir, windowId, merges, clock, follow });
  const settle = async (...stores: FileJobStore[]): Promise<void> => {
    await clock.runAll();
    await Promise.all(stores.map((s) => s.flushed()));
    for (const s of stores) s.refresh();
  };
  beforeEach(() => {
    dir = tempDir();
    clock = new StepClock();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps an ending written by one window against an older state another window writes without having read it', async () => {
    const a = open('a');
    const b = open('b');
    void a.update(`${PREFIX}/j`, job('j'));
    await settle(a, b);
    void a.update(`${PREFIX}/j`, job('j', { state: 'AVAILABLE', outcome: 'succeeded', finishedAt: 2 }));
    void b.update(`${PREFIX}/j`, job('j', { state: 'COPYING', seen: true }));
    await settle(a, b);
    for (const s of [a, b]) assert.strictEqual(s.get<CopyJob>(`${PREFIX}/j`)?.outcome, 'succeeded');
    // A write that read the ending replaces both (the acknowledgement is kept, the files are removed).
    void b.update(`${PREFIX}/j`, { ...b.get<CopyJob>(`${PREFIX}/j`)!, acknowledged: true });
    await settle(a, b);
    await settle(a, b);
    assert.strictEqual(a.get<CopyJob>(`${PREFIX}/j`)?.acknowledged, true);
    assert.strictEqual(fs.readdirSync(dir).length, 1, 'one version left');
  });

  it('a cleared job stays cleared when another window writes it without having read the deletion, and can be added again', async () => {
    const a = open('a');
    const b = open('b');
    void a.update(`${PREFIX}/j`, job('j', { outcome: 'succeeded', finishedAt: 2 }));
    await settle(a, b);
    void a.update(`${PREFIX}/j`, undefined);
    void b.update(`${PREFIX}/j`, job('j', { outcome: 'succeeded', finishedAt: 2, acknowledged: true }));
    await settle(a, b);
    await settle(a, b);
    assert.deepStrictEqual([a.keys(), b.keys()], [[], []]);
    assert.deepStrictEqual(fs.readdirSync(dir).length, 1, 'only the tombstone is left');
    void b.update(`${PREFIX}/j`, job('j'));
    await settle(a, b);
    assert.strictEqual(a.get<CopyJob>(`${PREFIX}/j`)?.state, 'PENDING');
    // A tombstone alone is removed once old.
    void b.update(`${PREFIX}/j`, undefined);
    await settle(a, b);
    clock.t += TOMBSTONE_KEEP_MS + 1_000;
    a.refresh();
    await settle(a, b);
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  it('stores any key under a short safe file name, and a new window reads every key back', async () => {
    const a = open('a');
    const keys = [
      `${PREFIX}/appstream:us-east-1:My/Image#2`,
      `${PREFIX}/${'x'.repeat(5_000)}`,
      `${PREFIX}/ünï ✓ ..\\..\\etc`,
      `${PREFIX}.lease`,
      'copies',
    ];
    keys.forEach((k, n) => void a.update(k, { n }));
    await settle(a);
    for (const f of fs.readdirSync(dir)) assert.match(f, /^[0-9a-f]{32}\.a\.[0-9a-z]+\.json$/);
    const b = open('b');
    assert.deepStrictEqual([...b.keys()].sort(), [...keys].sort());
    keys.forEach((k, n) => assert.deepStrictEqual(b.get(k), { n }));
  });

  it('the latest write wins for a lease', async () => {
    const a = open('a');
    const b = open('b');
    void a.update(`${PREFIX}.lease`, { owner: 'a', until: 5 });
    clock.t += 1;
    void b.update(`${PREFIX}.lease`, { owner: 'b', until: 6 });
    await settle(a, b);
    for (const s of [a, b]) assert.deepStrictEqual(s.get(`${PREFIX}.lease`), { owner: 'b', until: 6 });
  });

  it("a window that follows the folder reads another window's write without being told, and the watcher says so", async () => {
    const a = new FileJobStore({ dir, windowId: 'a', merges });
    const b = new FileJobStore({ dir, windowId: 'b', merges });
    try {
      const changed = new Promise<void>((resolve) => b.onDidChange(resolve));
      await a.update(`${PREFIX}/j`, job('j'));
      assert.strictEqual(b.get<CopyJob>(`${PREFIX}/j`)?.id, 'j');
      await changed;
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it("moves what 0.1 and 0.2 kept in global state into the files, and the tracker still migrates 0.1's list", async () => {
    const memento = new MemoryStore();
    const v01 = V01_COPY;
    memento.data.set(PREFIX, [v01]);
    const newId = jobId({ profile: 'demo', service: 'appstream', region: 'us-west-2', id: 'New' });
    memento.data.set(`${PREFIX}/${newId}`, { ...v01, id: newId, destName: 'New', destId: 'New', profile: 'demo' });
    memento.data.set(`${PREFIX}.lease`, { owner: 'x', until: 1 });
    memento.data.set('cloudImages.filter', { text: 'kept' });
    const a = open('a');
    // Another window had already ended the copy: the older state from global state does not undo it.
    const b = open('b');
    void b.update(`${PREFIX}/${newId}`, {
      ...(memento.data.get(`${PREFIX}/${newId}`) as object),
      outcome: 'succeeded',
      finishedAt: clock.now(),
    });
    await settle(a, b);
    const { moved, done } = moveFromGlobalState(memento, a, [PREFIX, 'distributions']);
    assert.strictEqual(moved, 3);
    // The tracker on a clock of its own: its poll loop never runs here.
    const tracker = new CopyTracker({
      store: a,
      storeKey: PREFIX,
      clock: new FakeClock(),
      intervalMs: () => 30_000,
      look: async () => new Map(),
      defaultProfile: () => 'demo',
    });
    tracker.resume();
    await clock.runAll();
    await done;
    await settle(a, b);
    assert.deepStrictEqual(
      tracker
        .all()
        .map((j) => [j.destId, j.outcome])
        .sort(),
      [
        ['New', 'succeeded'],
        ['Old', undefined],
      ],
    );
    assert.deepStrictEqual([...memento.data.keys()], ['cloudImages.filter']);
    assert.deepStrictEqual([...b.keys()].filter((k) => k.startsWith(`${PREFIX}/`)).length, 2);
    assert.strictEqual(b.get(PREFIX), undefined, "0.1's list is gone once migrated");
    tracker.dispose();
  });
});

describe('distribution merge', () => {
  const base = newDistribution({
    profile: 'demo',
    service: 'appstream',
    source: { region: 'us-east-1', name: 'Src', id: 'Src' },
    name: 'Dist',
    regions: ['us-west-2', 'eu-west-1'],
    tags: {},
    accounts: ['111111111111'],
    use: { fleets: true, imageBuilders: false },
    now: 1_000,
  });
  const at = (d: Distribution, region: string) => d.destinations.find((x) => x.region === region)!;

  it("keeps each destination's furthest state from two concurrent versions", () => {
    const a = withDestination(base, 'us-west-2', (x) => copyStarted(x, 'Dist', 2_000), 2_000);
    const b = withDestination(base, 'eu-west-1', (x) => requested(x, 'copy', 2_001), 2_001);
    const m = mergeDistribution(a, b);
    assert.strictEqual(at(m, 'us-west-2').phase, 'copying');
    assert.strictEqual(at(m, 'eu-west-1').phase, 'copy-requested');
  });

  it('a failure is further than the step it ended; a later write that saw it can retry (the store replaces it)', () => {
    const copying = withDestination(base, 'us-west-2', (x) => copyStarted(x, 'Dist', 2_000), 2_000);
    const failed = withDestination(copying, 'us-west-2', (x) => stepFailed(x, 'copy', 'no', 3_000), 3_000);
    assert.strictEqual(at(mergeDistribution(failed, copying), 'us-west-2').failed?.reason, 'no');
    assert.strictEqual(at(mergeDistribution(copying, failed), 'us-west-2').failed?.reason, 'no');
    const retried = withDestination(failed, 'us-west-2', retryStep, 4_000);
    assert.strictEqual(at(retried, 'us-west-2').failed, undefined);
  });

  it('keeps a step recorded as requested and every account shared with', () => {
    const tagged = { ...base, destinations: base.destinations.map((x) => ({ ...x, phase: 'tagged' as const })) };
    const a = withDestination(tagged, 'us-west-2', (x) => requested(x, 'share:111111111111', 5_000), 5_000);
    const m = mergeDistribution(a, tagged);
    assert.strictEqual(at(m, 'us-west-2').requested, 'share:111111111111');
    const two = { ...tagged, accounts: ['111111111111', '222222222222'] };
    const s1 = { ...two, destinations: two.destinations.map((x) => ({ ...x, shared: ['111111111111'] })) };
    const s2 = { ...two, destinations: two.destinations.map((x) => ({ ...x, shared: ['222222222222'] })) };
    assert.deepStrictEqual(at(mergeDistribution(s1, s2), 'eu-west-1').shared.sort(), ['111111111111', '222222222222']);
    assert.strictEqual(mergeDistribution({ ...a, acknowledged: true }, tagged).acknowledged, true);
  });
});
