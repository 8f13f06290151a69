// A tracked job (a copy, an updated image, a deletion: `kind`, see jobKinds.ts) and how AWS's answers move it:
//   in flight -> succeeded (tags applied or given up on) | failed | disappeared, as its kind reads the states.
// Only what AWS reports ends a job: nothing is called done on a timer. A job whose resource cannot be
// read for a long time is marked "cannot check" (still in flight: AWS may yet report it).

import type { BuilderJobKind } from './builderJobs';
import type { ImportExportJobKind } from './importExportJobs';
import type { RolloutJobKind } from './rolloutJobs';
import type { WorkSpaceImageJobKind } from './workspaceImageJobs';
import { Keys, type ImageRef } from './imageRef';
import { JOB_KINDS, type JobKindRules } from './jobKinds';
import {
  asksForAttention,
  CANNOT_CHECK_AFTER_MS,
  expiredAfter,
  KEEP_FINISHED_MS,
  TAG_TRIES,
  UNSEEN_GRACE_MS,
  type Observation,
} from './jobs';
import type { ServiceId } from './regions';

export { CANNOT_CHECK_AFTER_MS, KEEP_FINISHED_MS, TAG_TRIES, UNSEEN_GRACE_MS, type Observation };

export type CopyOutcome = 'succeeded' | 'failed' | 'disappeared';

/**
 * A copy to a region, an updated image (CreateUpdatedImage / CreateUpdatedWorkspaceImage) in the source's own
 * region, or a delete followed until AWS has removed the image: an entry of JOB_KINDS each.
 */
export type JobKind =
  'copy' | 'update' | 'delete' | BuilderJobKind | WorkSpaceImageJobKind | RolloutJobKind | ImportExportJobKind;

export interface CopyJob {
  readonly id: string;
  /** Absent: a copy. */
  readonly kind?: JobKind;
  /** The profile (account) that started the copy: its credentials follow it. */
  readonly profile: string;
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
  /** Failed attempts to apply `pendingTags`. */
  tagTries?: number;
  /** The copy exists but its tags could not be applied (after TAG_TRIES attempts): why. */
  tagsFailed?: string;
  /** Looks at the destination have failed since then (cleared by the next good look), and why. */
  checkFailingSince?: number;
  checkError?: string;
  /** The user has seen how it ended (so a failure no longer asks for attention in the status bar). */
  acknowledged?: boolean;
  /** An export's AMI ID */ result?: string;
}

/** Where the copy lands: the image the job follows. */
export function destinationOf(job: Pick<CopyJob, 'profile' | 'service' | 'destRegion' | 'destId'>): ImageRef {
  return { profile: job.profile, service: job.service, region: job.destRegion, id: job.destId };
}

/** A job's key: its destination image (a deletion of that image is a job of its own beside a copy of it). */
export function jobId(dest: ImageRef, kind: JobKind = 'copy'): string {
  return `${Keys.job(dest)}${JOB_KINDS[kind].keySuffix ?? ''}`;
}

export function jobKind(job: Pick<CopyJob, 'kind'>): JobKind {
  return job.kind ?? 'copy';
}

/** The job's kind: what its states mean, how it is looked at, its words. */
export function kindOf(job: Pick<CopyJob, 'kind'>): JobKindRules {
  return JOB_KINDS[jobKind(job)];
}

export function isInFlight(job: CopyJob): boolean {
  return job.outcome === undefined;
}

/** The job after one look at what it follows, read as its kind says; `observed` undefined: AWS did not list it. */
export function advance(job: CopyJob, observed: Observation | undefined, now: number): CopyJob {
  if (!isInFlight(job)) return job;
  const kind = kindOf(job);
  const fresh: CopyJob = { ...job, checkFailingSince: undefined, checkError: undefined };
  if (!observed) {
    if ('done' in kind.unlisted) return { ...fresh, state: kind.unlisted.done, outcome: 'succeeded', finishedAt: now };
    if (job.seen || now - job.startedAt > UNSEEN_GRACE_MS) {
      return { ...fresh, outcome: 'disappeared', finishedAt: now, reason: job.reason ?? kind.unlisted.gone };
    }
    return fresh;
  }
  const outcome = kind.outcomeOf(observed.state, job, observed);
  const reason =
    observed.reason ?? (outcome === 'failed' ? kind.failedReason?.(observed.state) : undefined) ?? job.reason;
  const next: CopyJob = { ...fresh, seen: true, state: observed.state, reason };
  if (observed.result) next.result = observed.result;
  return outcome ? { ...next, outcome, finishedAt: now } : next;
}

/**
 * Poll groups: one request per (service, destination region) with copies in flight; WorkSpaces takes at most
 * 25 IDs per request, so a larger group is split.
 */
export interface PollGroup {
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
  /** What the group's request reads (jobs of kinds with the same read share it). */
  readonly read: JobKindRules['read'];
  readonly ids: string[];
}

/** A poll group's key (its backoff is its own): images keep the key they had before kinds had reads. */
export function pollGroupKey(g: Pick<PollGroup, 'profile' | 'service' | 'region' | 'read'>): string {
  return Keys.group(g.read === 'images' ? 'copies' : `copies.${g.read}`, g);
}

export function pollGroups(jobs: readonly CopyJob[]): PollGroup[] {
  const groups = new Map<string, PollGroup>();
  for (const j of jobs.filter(isInFlight)) {
    const g0 = { profile: j.profile, service: j.service, region: j.destRegion, read: kindOf(j).read };
    const k = pollGroupKey(g0);
    if (!groups.has(k)) groups.set(k, { ...g0, ids: [] });
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

/**
 * After trying to apply a copy's tags (as soon as the copy has an ARN): done; another try on a later poll (a
 * copy AWS reports available stays in flight meanwhile); or, after TAG_TRIES, given up on with the reason.
 */
export function afterTagAttempt(job: CopyJob, error: string | undefined): CopyJob {
  if (error === undefined) return { ...job, pendingTags: undefined, tagTries: undefined, tagsFailed: undefined };
  const tries = (job.tagTries ?? 0) + 1;
  if (tries >= TAG_TRIES) return { ...job, tagTries: tries, tagsFailed: error };
  return job.outcome === 'succeeded'
    ? { ...job, tagTries: tries, outcome: undefined, finishedAt: undefined }
    : { ...job, tagTries: tries };
}

/** A look at the destination failed: remember since when, so a long outage shows as "cannot check". */
export function lookFailed(job: CopyJob, error: string, now: number): CopyJob {
  return { ...job, checkFailingSince: job.checkFailingSince ?? now, checkError: error };
}

export function cannotCheck(job: CopyJob, now: number): boolean {
  return isInFlight(job) && job.checkFailingSince !== undefined && now - job.checkFailingSince >= CANNOT_CHECK_AFTER_MS;
}

/** A finished job the user has not seen end badly, or one that cannot be checked. */
export function needsAttention(job: CopyJob, now: number): boolean {
  return asksForAttention({
    cannotCheck: cannotCheck(job, now),
    acknowledged: job.acknowledged,
    endedBadly: !isInFlight(job) && (job.outcome !== 'succeeded' || job.tagsFailed !== undefined),
  });
}

/**
 * The stored job and this window's version of it, merged: an ending is never undone by a window that has not
 * seen it yet, and otherwise the later write wins.
 */
export function mergeJob(stored: CopyJob | undefined, mine: CopyJob): CopyJob {
  if (!stored) return mine;
  if (!isInFlight(stored) && isInFlight(mine)) return stored;
  if (!isInFlight(stored) && !isInFlight(mine)) {
    return {
      ...stored,
      ...mine,
      outcome: stored.outcome,
      finishedAt: stored.finishedAt,
      acknowledged: stored.acknowledged || mine.acknowledged,
    };
  }
  return mine;
}

export function expired(job: CopyJob, now: number): boolean {
  return expiredAfter(job.finishedAt, KEEP_FINISHED_MS, now);
}

export function elapsed(job: CopyJob, now: number): string {
  const ms = (job.finishedAt ?? now) - job.startedAt;
  const m = Math.floor(ms / 60_000);
  if (m < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function describeJob(job: CopyJob): string {
  return kindOf(job).describe(job);
}
