// What the tracker (tracker.ts) tidies in the store when it resumes, before it watches: 0.1's single list of jobs
// split into a key per job, and entries that cannot be read or ended long ago removed.
import { expired, type CopyJob } from '../core/copyJobs';
import { parseJob } from '../core/storedJob';
import type { JobRunner } from './runner';
import type { TrackerDeps } from './tracker';

type Deps = Pick<TrackerDeps, 'storeKey' | 'defaultProfile' | 'onDropped'>;

/** `write`: the tracker's own, which merges each job with what is stored now (another window may resume too). */
export function tidyStored(shared: JobRunner, deps: Deps, write: (job: CopyJob) => void): void {
  migrate(shared, deps, write);
  const now = shared.clock.now();
  let dropped = 0;
  for (const key of shared.keys()) {
    const job = parseJob(shared.store.get(key), deps.defaultProfile(), shared.clock.now());
    if (!job || key !== shared.keyOf(job.id) || expired(job, now)) {
      if (!job || key !== shared.keyOf(job.id)) dropped++;
      shared.put(key, undefined);
    }
  }
  if (dropped) deps.onDropped?.(dropped);
}

/** Version 0.1 kept every job in one list under the store key: one key per job from now on. */
function migrate(shared: JobRunner, deps: Deps, write: (job: CopyJob) => void): void {
  const legacy = shared.store.get<unknown>(deps.storeKey);
  if (legacy === undefined) return;
  const entries = Array.isArray(legacy) ? legacy : [];
  let dropped = Array.isArray(legacy) ? 0 : 1;
  for (const v of entries) {
    const job = parseJob(v, deps.defaultProfile(), shared.clock.now());
    if (job) write(job);
    else dropped++;
  }
  if (dropped) deps.onDropped?.(dropped);
  shared.put(deps.storeKey, undefined);
}
