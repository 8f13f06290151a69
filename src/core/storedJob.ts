// A stored job (jobs/store.ts, jobs/fileStore.ts), checked field by field before it is followed: it may come
// from another window, an older version or a damaged file.
import { jobId, type CopyJob, type CopyOutcome, type JobKind } from './copyJobs';
import { JOB_KIND_IDS } from './jobKinds';
import { isStoredString as isString, isTime, oversized, storedTags, storedTime, TAG_TRIES } from './jobs';
import { serviceExistsIn, SERVICES, type ServiceId } from './regions';

/**
 * The longest plausible stored string: names, IDs, regions and profiles are far shorter (AWS caps image names at
 * 100 characters), and AWS's messages are a few hundred. A longer one (a damaged or planted entry: a megabyte
 * of text) makes the whole entry implausible: it is dropped (and counted: the tracker logs how many).
 */
export const MAX_STORED_NAME_CHARS = 256;
export const MAX_STORED_MESSAGE_CHARS = 4096;

const NAME_FIELDS = [
  'sourceRegion',
  'destRegion',
  'destId',
  'destName',
  'sourceName',
  'sourceId',
  'state',
  'profile',
  'kind',
  'outcome',
] as const;
const MESSAGE_FIELDS = ['reason', 'tagsFailed', 'checkError'] as const;

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
  for (const k of ['sourceRegion', 'destRegion', 'destId', 'destName', 'sourceName', 'state'] as const) {
    if (!isString(o[k])) return undefined;
  }
  if (
    NAME_FIELDS.some((k) => oversized(o[k], MAX_STORED_NAME_CHARS)) ||
    MESSAGE_FIELDS.some((k) => oversized(o[k], MAX_STORED_MESSAGE_CHARS))
  ) {
    return undefined;
  }
  if (!isTime(o.startedAt)) return undefined;
  const service = o.service as ServiceId;
  if (!serviceExistsIn(service, o.destRegion as string)) return undefined;
  const outcome = ['succeeded', 'failed', 'disappeared'].includes(o.outcome as string)
    ? (o.outcome as CopyOutcome)
    : undefined;
  const tags = storedTags(o.pendingTags);
  if (tags === false) return undefined;
  const owner = isString(o.profile) ? o.profile : profile;
  const startedAt = storedTime(o.startedAt as number, now);
  const notBefore = (t: unknown, floor: number): number | undefined =>
    isTime(t) ? storedTime(t, now, floor) : undefined;
  const finishedAt = notBefore(o.finishedAt, startedAt) ?? startedAt;
  const checkFailingSince = notBefore(o.checkFailingSince, startedAt);
  // A kind this version does not know is read as a copy; a copy is stored without its kind (the shape before kinds).
  const kind = JOB_KIND_IDS.includes(o.kind as JobKind) ? (o.kind as JobKind) : 'copy';
  const job: CopyJob = {
    id: jobId({ profile: owner, service, region: o.destRegion as string, id: o.destId as string }, kind),
    ...(kind !== 'copy' ? { kind } : {}),
    profile: owner,
    service,
    sourceRegion: o.sourceRegion as string,
    sourceName: o.sourceName as string,
    sourceId: isString(o.sourceId) ? o.sourceId : (o.sourceName as string),
    destRegion: o.destRegion as string,
    destName: o.destName as string,
    destId: o.destId as string,
    startedAt,
    state: o.state as string,
    ...(isString(o.reason) ? { reason: o.reason } : {}),
    ...(outcome ? { outcome, finishedAt } : {}),
    ...(o.seen === true ? { seen: true } : {}),
    ...(tags ? { pendingTags: tags } : {}),
    ...(typeof o.tagTries === 'number' && o.tagTries > 0
      ? { tagTries: Math.min(TAG_TRIES, Math.floor(o.tagTries)) }
      : {}),
    ...(isString(o.tagsFailed) ? { tagsFailed: o.tagsFailed } : {}),
    ...(checkFailingSince !== undefined ? { checkFailingSince } : {}),
    ...(isString(o.checkError) ? { checkError: o.checkError } : {}),
    ...(o.acknowledged === true ? { acknowledged: true } : {}),
    ...(isString(o.result, MAX_STORED_NAME_CHARS) ? { result: o.result } : {}),
  };
  return job;
}
