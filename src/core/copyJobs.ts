// A copy started from Cloud Images, and how AWS's answers move it along:
//   in flight (COPYING / PENDING) -> succeeded (AVAILABLE) | failed (FAILED / ERROR) | disappeared.
// Only what AWS reports ends a copy: nothing is called done on a timer.

import type { ServiceId } from './regions';

export type CopyOutcome = 'succeeded' | 'failed' | 'disappeared';

export interface CopyJob {
  readonly id: string;
  readonly service: ServiceId;
  readonly sourceRegion: string;
  readonly sourceName: string;
  readonly sourceId: string;
  readonly destRegion: string;
  readonly destName: string;
  /** What the destination is addressed by: AppStream name, WorkSpaces `wsi-` ID. */
  readonly destId: string;
  readonly startedAt: number;
  state: string;
  reason?: string;
  finishedAt?: number;
  outcome?: CopyOutcome;
  /** The destination has been seen at least once (a copy not yet listed is not "gone"). */
  seen?: boolean;
  /** AppStream does not copy tags: these are applied to the copy once it exists. */
  pendingTags?: Record<string, string>;
}

export interface Observation {
  state: string;
  reason?: string;
  arn?: string;
}

/** How long a copy may stay unlisted after it was started before it counts as gone. */
export const UNSEEN_GRACE_MS = 5 * 60_000;
/** Finished copies stay listed this long unless cleared. */
export const KEEP_FINISHED_MS = 24 * 3_600_000;

export function jobId(service: ServiceId, destRegion: string, destId: string): string {
  return `${service}:${destRegion}:${destId}`;
}

export function isInFlight(job: CopyJob): boolean {
  return job.outcome === undefined;
}

/** The job after one look at its destination; `observed` undefined: AWS did not list it. */
export function observe(job: CopyJob, observed: Observation | undefined, now: number): CopyJob {
  if (!isInFlight(job)) return job;
  if (!observed) {
    if (job.seen || now - job.startedAt > UNSEEN_GRACE_MS) {
      return { ...job, outcome: 'disappeared', finishedAt: now, reason: job.reason ?? 'The copy is no longer listed in the destination region.' };
    }
    return job;
  }
  const next: CopyJob = { ...job, seen: true, state: observed.state, reason: observed.reason ?? job.reason };
  if (observed.state === 'AVAILABLE') return { ...next, outcome: 'succeeded', finishedAt: now };
  if (observed.state === 'FAILED' || observed.state === 'ERROR') return { ...next, outcome: 'failed', finishedAt: now };
  return next;
}

/**
 * Poll groups: one request per (service, destination region) with copies in flight; WorkSpaces takes at most
 * 25 IDs per request, so a larger group is split.
 */
export function pollGroups(jobs: readonly CopyJob[]): { service: ServiceId; region: string; ids: string[] }[] {
  const groups = new Map<string, { service: ServiceId; region: string; ids: string[] }>();
  for (const j of jobs.filter(isInFlight)) {
    const k = `${j.service}/${j.destRegion}`;
    if (!groups.has(k)) groups.set(k, { service: j.service, region: j.destRegion, ids: [] });
    const g = groups.get(k)!;
    if (!g.ids.includes(j.destId)) g.ids.push(j.destId);
  }
  return [...groups.values()].flatMap((g) => {
    if (g.service !== 'workspaces' || g.ids.length <= 25) return [g];
    const parts = [];
    for (let i = 0; i < g.ids.length; i += 25) parts.push({ ...g, ids: g.ids.slice(i, i + 25) });
    return parts;
  });
}

/** Poll delay after `failures` failed rounds in a row: doubled each time, at most 10 minutes. */
export function backoffDelay(baseMs: number, failures: number): number {
  return Math.min(baseMs * 2 ** Math.min(failures, 10), 10 * 60_000);
}

export function expired(job: CopyJob, now: number): boolean {
  return job.finishedAt !== undefined && now - job.finishedAt > KEEP_FINISHED_MS;
}

export function elapsed(job: CopyJob, now: number): string {
  const ms = (job.finishedAt ?? now) - job.startedAt;
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function describeJob(job: CopyJob): string {
  return `${job.sourceName} (${job.sourceRegion}) → ${job.destName} (${job.destRegion})`;
}
