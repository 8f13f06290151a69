// Two windows sharing tracked copies, on a seeded random schedule: each adds copies, advances them, ends them,
// acknowledges and clears them, and renews the poll lease, 0-50 ms apart, writing as the tracker does (what it
// read merged with its change, mergeJob) through the store as JobRunner orders it. After both have synced, the
// outcome lists the copies lost, the endings undone and the cleared copies come back.
import { isInFlight, mergeJob, type CopyJob } from '../../src/core/copyJobs';
import { PollLease } from '../../src/jobs/lease';
import { ordered, type JobStore } from '../../src/jobs/store';
import { prng } from '../emulator/faults';
import { StepClock } from './stepClock';

export const PREFIX = 'copies';

export interface Windows {
  readonly stores: readonly [JobStore, JobStore];
  /** Window `i` has written: the store may tell the other window later (a watcher's debounce). */
  wrote(i: number): void;
  /** Everything written has reached both windows. */
  settle(): Promise<void>;
}

export interface Outcome {
  lost: string[];
  undone: string[];
  back: string[];
  writes: number;
}

function newJob(id: string, now: number): CopyJob {
  return {
    id,
    profile: 'demo',
    service: 'appstream',
    sourceRegion: 'us-east-1',
    sourceName: 'Src',
    sourceId: 'Src',
    destRegion: 'us-west-2',
    destName: id,
    destId: id,
    startedAt: now,
    state: 'PENDING',
  };
}

export async function runSchedule(
  seed: number,
  open: (clock: StepClock, random: () => number) => Windows,
): Promise<Outcome> {
  const random = prng(seed);
  const clock = new StepClock();
  const w = open(clock, random);
  const stores = w.stores.map((s) => ordered(s, () => undefined));
  const leases = stores.map((s, i) => new PollLease(s, `${PREFIX}.lease`, `w${i}`, clock, () => 30_000));
  const added = new Set<string>();
  const ended = new Set<string>();
  const cleared = new Set<string>();
  const keyOf = (id: string): string => `${PREFIX}/${id}`;
  const view = (i: number): CopyJob[] =>
    stores[i]
      .keys()
      .filter((k) => k.startsWith(`${PREFIX}/`))
      .map((k) => stores[i].get<CopyJob>(k))
      .filter((j): j is CopyJob => !!j);
  const write = (i: number, job: CopyJob): void => {
    const stored = stores[i].get<CopyJob>(keyOf(job.id));
    void stores[i].update(keyOf(job.id), stored ? mergeJob(stored, job) : job);
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const ops = 10 + Math.floor(random() * 15);
  let writes = 0;
  for (let n = 0; n < ops; n++) {
    await clock.advance(Math.floor(random() * 51));
    const i = random() < 0.5 ? 0 : 1;
    const mine = view(i);
    const flying = mine.filter(isInFlight);
    const done = mine.filter((j) => !isInFlight(j));
    const r = random();
    if (r < 0.3 || !mine.length) {
      const id = `job-${n}`;
      added.add(id);
      write(i, newJob(id, clock.now()));
    } else if (r < 0.5 && flying.length) {
      write(i, { ...pick(flying), state: 'COPYING', seen: true, reason: `look ${n}` });
    } else if (r < 0.7 && flying.length) {
      const j = pick(flying);
      ended.add(j.id);
      write(i, { ...j, state: 'AVAILABLE', outcome: random() < 0.8 ? 'succeeded' : 'failed', finishedAt: clock.now() });
    } else if (r < 0.8 && done.length) {
      write(i, { ...pick(done), acknowledged: true });
    } else if (r < 0.87 && done.length) {
      const j = pick(done);
      cleared.add(j.id);
      void stores[i].update(keyOf(j.id), undefined);
    } else {
      leases[i].hold(random() < 0.3);
    }
    writes++;
    w.wrote(i);
  }
  await w.settle();
  const outcome: Outcome = { lost: [], undone: [], back: [], writes };
  for (const i of [0, 1]) {
    const seen = new Map(view(i).map((j) => [j.id, j]));
    for (const id of added) {
      const j = seen.get(id);
      if (cleared.has(id)) {
        if (j) outcome.back.push(`window ${i}: ${id}`);
      } else if (!j) outcome.lost.push(`window ${i}: ${id}`);
      else if (ended.has(id) && isInFlight(j)) outcome.undone.push(`window ${i}: ${id}`);
    }
  }
  return outcome;
}
