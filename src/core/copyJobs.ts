// A copy (or an updated image, `kind`) started from Cloud Images, and how AWS's answers move it along:
//   in flight (COPYING / PENDING) -> succeeded (AVAILABLE, tags applied or given up on) | failed (FAILED / ERROR)
//   | disappeared.
// Only what AWS reports ends a copy: nothing is called done on a timer. A copy whose destination cannot be
// read for a long time is marked "cannot check" (still in flight: AWS may yet report it).

import { Keys, type ImageRef } from './imageRef';
import { serviceExistsIn, SERVICES, type ServiceId } from './regions';

export type CopyOutcome = 'succeeded' | 'failed' | 'disappeared';

/**
 * What made the image the job follows: a copy to a region, or an updated image (CreateUpdatedImage /
 * CreateUpdatedWorkspaceImage) in the source's own region. Absent means a copy: jobs stored before updates
 * existed, and copies (so a copy's stored shape is unchanged).
 */
/** A copy, an updated image being made, or a delete followed until AWS has removed the image. */
export type JobKind = 'copy' | 'update' | 'delete';

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
}

export interface Observation {
  state: string;
  reason?: string;
  arn?: string;
}

/** Attempts to apply an AppStream copy's tags before the ending says they could not be applied. */
export const TAG_TRIES = 3;
/** After this long without a good look at the destination, a copy shows "cannot check" instead of spinning. */
export const CANNOT_CHECK_AFTER_MS = 30 * 60_000;

/** How long a copy may stay unlisted after it was started before it counts as gone. */
export const UNSEEN_GRACE_MS = 5 * 60_000;
/** Finished copies stay listed this long unless cleared. */
export const KEEP_FINISHED_MS = 24 * 3_600_000;

/** Where the copy lands: the image the job follows. */
export function destinationOf(job: Pick<CopyJob, 'profile' | 'service' | 'destRegion' | 'destId'>): ImageRef {
  return { profile: job.profile, service: job.service, region: job.destRegion, id: job.destId };
}

/** A job's key: its destination image (a deletion of that image is a job of its own beside a copy of it). */
export function jobId(dest: ImageRef, kind: JobKind = 'copy'): string {
  return kind === 'delete' ? `${Keys.job(dest)}#delete` : Keys.job(dest);
}

export function jobKind(job: Pick<CopyJob, 'kind'>): JobKind {
  return job.kind ?? 'copy';
}

export function isInFlight(job: CopyJob): boolean {
  return job.outcome === undefined;
}

/** The job after one look at its destination; `observed` undefined: AWS did not list it. */
export function advance(job: CopyJob, observed: Observation | undefined, now: number): CopyJob {
  if (!isInFlight(job)) return job;
  if (jobKind(job) === 'delete') return advanceDelete(job, observed, now);
  if (!observed) {
    job = { ...job, checkFailingSince: undefined, checkError: undefined };
    if (job.seen || now - job.startedAt > UNSEEN_GRACE_MS) {
      return { ...job, outcome: 'disappeared', finishedAt: now, reason: job.reason ?? (jobKind(job) === 'update'
        ? 'The updated image is no longer listed in its region.' : 'The copy is no longer listed in the destination region.') };
    }
    return job;
  }
  const next: CopyJob = { ...job, seen: true, state: observed.state, reason: observed.reason ?? job.reason, checkFailingSince: undefined, checkError: undefined };
  if (observed.state === 'AVAILABLE') return { ...next, outcome: 'succeeded', finishedAt: now };
  if (observed.state === 'FAILED' || observed.state === 'ERROR') return { ...next, outcome: 'failed', finishedAt: now };
  return next;
}

/** A delete ends when AWS no longer lists the image; an image that leaves DELETING for another state was not deleted. */
function advanceDelete(job: CopyJob, observed: Observation | undefined, now: number): CopyJob {
  const fresh = { ...job, checkFailingSince: undefined, checkError: undefined };
  if (!observed) return { ...fresh, state: 'DELETED', outcome: 'succeeded', finishedAt: now };
  if (observed.state === 'DELETING') return { ...fresh, seen: true, state: observed.state };
  return { ...fresh, state: observed.state, outcome: 'failed', finishedAt: now, reason: observed.reason ?? `AWS did not delete it: it is ${observed.state} again.` };
}

/**
 * Poll groups: one request per (service, destination region) with copies in flight; WorkSpaces takes at most
 * 25 IDs per request, so a larger group is split.
 */
export interface PollGroup {
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
  readonly ids: string[];
}

export function pollGroups(jobs: readonly CopyJob[]): PollGroup[] {
  const groups = new Map<string, PollGroup>();
  for (const j of jobs.filter(isInFlight)) {
    const k = Keys.group('copies', destinationOf(j));
    if (!groups.has(k)) groups.set(k, { profile: j.profile, service: j.service, region: j.destRegion, ids: [] });
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
  return job.outcome === 'succeeded' ? { ...job, tagTries: tries, outcome: undefined, finishedAt: undefined } : { ...job, tagTries: tries };
}

/** A look at the destination failed: remember since when, so a long outage shows as "cannot check". */
export function lookFailed(job: CopyJob, error: string, now: number): CopyJob {
  return { ...job, checkFailingSince: job.checkFailingSince ?? now, checkError: error };
}

export function cannotCheck(job: CopyJob, now: number): boolean {
  return isInFlight(job) && job.checkFailingSince !== undefined && now - job.checkFailingSince >= CANNOT_CHECK_AFTER_MS;
}

/** A finished copy the user has not seen end badly, or one that cannot be checked. */
export function needsAttention(job: CopyJob, now: number): boolean {
  if (isInFlight(job)) return cannotCheck(job, now);
  return !job.acknowledged && (job.outcome !== 'succeeded' || job.tagsFailed !== undefined);
}

/**
 * The stored job and this window's version of it, merged: an ending is never undone by a window that has not
 * seen it yet, and otherwise the later write wins.
 */
export function mergeJob(stored: CopyJob | undefined, mine: CopyJob): CopyJob {
  if (!stored) return mine;
  if (!isInFlight(stored) && isInFlight(mine)) return stored;
  if (!isInFlight(stored) && !isInFlight(mine)) {
    return { ...stored, ...mine, outcome: stored.outcome, finishedAt: stored.finishedAt, acknowledged: stored.acknowledged || mine.acknowledged };
  }
  return mine;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The longest plausible stored string: names, IDs, regions and profiles are far shorter (AWS caps image names at
 * 100 characters), and AWS's messages are a few hundred. A longer one (a damaged or planted entry: a megabyte
 * of text) makes the whole entry implausible: it is dropped (and counted: the tracker logs how many).
 */
export const MAX_STORED_NAME_CHARS = 256;
export const MAX_STORED_MESSAGE_CHARS = 4096;
/** AWS's own tag limits: 50 tags, keys of 128 and values of 256 characters. */
const MAX_TAGS = 50;

const NAME_FIELDS = ['sourceRegion', 'destRegion', 'destId', 'destName', 'sourceName', 'sourceId', 'state', 'profile', 'kind', 'outcome'] as const;
const MESSAGE_FIELDS = ['reason', 'tagsFailed', 'checkError'] as const;

function plausibleTags(v: unknown): Record<string, string> | undefined | false {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const entries = Object.entries(v);
  if (!entries.every(([, x]) => typeof x === 'string')) return undefined;
  if (entries.length > MAX_TAGS || entries.some(([k, x]) => k.length > 128 || (x as string).length > 256)) return false;
  // Own entries only (a tag key "__proto__" stays a key).
  return Object.fromEntries(entries) as Record<string, string>;
}

/**
 * A stored job, checked field by field: anything a version of Cloud Images wrote, or a damaged entry. Undefined
 * when it cannot be watched (no service, region or destination) or is implausible (a string far longer than
 * any name or message, more tags than AWS allows); optional fields that are wrong are dropped. Times in the
 * future (`now`: the reader's clock) are clamped to now, so nothing waits on a clock that never comes.
 * Jobs stored before copies recorded their profile belong to `profile` (the one active when they started).
 */
export function parseJob(v: unknown, profile: string, now = Date.now()): CopyJob | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (!SERVICES.includes(o.service as ServiceId)) return undefined;
  for (const k of ['sourceRegion', 'destRegion', 'destId', 'destName', 'sourceName', 'state'] as const) if (!isString(o[k])) return undefined;
  if (NAME_FIELDS.some((k) => typeof o[k] === 'string' && (o[k] as string).length > MAX_STORED_NAME_CHARS)) return undefined;
  if (MESSAGE_FIELDS.some((k) => typeof o[k] === 'string' && (o[k] as string).length > MAX_STORED_MESSAGE_CHARS)) return undefined;
  if (!isTime(o.startedAt)) return undefined;
  const service = o.service as ServiceId;
  if (!serviceExistsIn(service, o.destRegion as string)) return undefined;
  const outcome = ['succeeded', 'failed', 'disappeared'].includes(o.outcome as string) ? o.outcome as CopyOutcome : undefined;
  const tags = plausibleTags(o.pendingTags);
  if (tags === false) return undefined;
  const owner = isString(o.profile) ? o.profile : profile;
  const startedAt = Math.min(o.startedAt as number, now);
  const notBefore = (t: unknown, floor: number): number | undefined => (isTime(t) ? Math.max(floor, Math.min(t, now)) : undefined);
  const finishedAt = notBefore(o.finishedAt, startedAt) ?? startedAt;
  const checkFailingSince = notBefore(o.checkFailingSince, startedAt);
  const job: CopyJob = {
    id: jobId({ profile: owner, service, region: o.destRegion as string, id: o.destId as string }, o.kind === 'delete' ? 'delete' : 'copy'),
    ...(o.kind === 'update' || o.kind === 'delete' ? { kind: o.kind } : {}),
    profile: owner, service, sourceRegion: o.sourceRegion as string, sourceName: o.sourceName as string,
    sourceId: isString(o.sourceId) ? o.sourceId : o.sourceName as string,
    destRegion: o.destRegion as string, destName: o.destName as string, destId: o.destId as string,
    startedAt, state: o.state as string,
    ...(isString(o.reason) ? { reason: o.reason } : {}),
    ...(outcome ? { outcome, finishedAt } : {}),
    ...(o.seen === true ? { seen: true } : {}),
    ...(tags ? { pendingTags: tags } : {}),
    ...(typeof o.tagTries === 'number' && o.tagTries > 0 ? { tagTries: Math.min(TAG_TRIES, Math.floor(o.tagTries)) } : {}),
    ...(isString(o.tagsFailed) ? { tagsFailed: o.tagsFailed } : {}),
    ...(checkFailingSince !== undefined ? { checkFailingSince } : {}),
    ...(isString(o.checkError) ? { checkError: o.checkError } : {}),
    ...(o.acknowledged === true ? { acknowledged: true } : {}),
  };
  return job;
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
  if (jobKind(job) === 'update') return `${job.sourceName} → updated ${job.destName} (${job.destRegion})`;
  if (jobKind(job) === 'delete') return `delete ${job.destName} (${job.destRegion})`;
  return `${job.sourceName} (${job.sourceRegion}) → ${job.destName} (${job.destRegion})`;
}
