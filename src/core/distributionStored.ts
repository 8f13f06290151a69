// The stored form of a distribution (distribution.ts): what the job store holds, checked field by field and for
// plausibility before it is carried on. Another window, an older version or a damaged file may have written it:
// a time in the future would keep a marker "just sent" for ever, so times are clamped to now; a string longer
// than anything Cloud Images writes (AWS's limits, reasons clipped when written) means the entry is damaged, and
// it is dropped rather than carried (the caller says how many in the log).
import { isRecord, isStoredString, isTime, oversized, storedTags, storedTime } from './jobs';
import { serviceExistsIn, SERVICES, type ServiceId } from './regions';
import { MAX_REASON_CHARS, PHASES, type Destination, type Distribution, type Phase, type Step } from './distribution';

/** An ID, name, profile or ARN (AWS's longest is an ARN: 2048). */
const MAX_ID_CHARS = 2_048;
/** Far more regions and accounts than a distribution can have: beyond this the entry is damaged. */
const MAX_DESTINATIONS = 64;
const MAX_ACCOUNTS = 500;

const isString = (v: unknown, max = MAX_ID_CHARS): v is string => isStoredString(v, max);
const isText = (v: unknown): v is string => isString(v, MAX_REASON_CHARS);
const isStep = (v: unknown): v is Step =>
  v === 'copy' || v === 'tag' || (typeof v === 'string' && /^share:\d{12}$/.test(v));
const accountsOf = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.length <= MAX_ACCOUNTS && v.every((a) => typeof a === 'string' && /^\d{12}$/.test(a))
    ? (v as string[])
    : undefined;
const OPTIONAL_IDS = ['imageId', 'arn', 'requestedBy'] as const;
const OPTIONAL_TEXT = ['waiting', 'tagsFailed'] as const;

function parseDestination(
  v: unknown,
  service: ServiceId,
  startedAt: number,
  at: (t: number) => number,
): Destination | undefined {
  if (
    !isRecord(v) ||
    !isString(v.region) ||
    !serviceExistsIn(service, v.region) ||
    !PHASES.includes(v.phase as Phase)
  ) {
    return undefined;
  }
  if (
    OPTIONAL_IDS.some((k) => oversized(v[k], MAX_ID_CHARS)) ||
    OPTIONAL_TEXT.some((k) => oversized(v[k], MAX_REASON_CHARS))
  ) {
    return undefined;
  }
  if (
    isRecord(v.failed) &&
    (oversized(v.failed.reason, MAX_REASON_CHARS) || oversized(v.failed.imageId, MAX_ID_CHARS))
  ) {
    return undefined;
  }
  const shared = accountsOf(v.shared ?? []);
  if (!shared) return undefined;
  const failed =
    isRecord(v.failed) && isStep(v.failed.step) && isText(v.failed.reason) && isTime(v.failed.at)
      ? {
          step: v.failed.step,
          reason: v.failed.reason,
          at: at(v.failed.at),
          ...(isString(v.failed.imageId) ? { imageId: v.failed.imageId } : {}),
        }
      : undefined;
  const phase = v.phase as Phase;
  // A copy under way must know what it follows; a marker must say when it was set.
  if (phase === 'copying' && !isString(v.imageId)) return undefined;
  const marker = isStep(v.requested);
  return {
    region: v.region,
    phase,
    shared,
    ...(v.isSource === true ? { isSource: true } : {}),
    ...(isString(v.imageId) ? { imageId: v.imageId } : {}),
    ...(isString(v.arn) ? { arn: v.arn } : {}),
    // A marker without its time dates from the distribution's start: nothing it requested can be older.
    ...(marker
      ? { requested: v.requested as Step, requestedAt: isTime(v.requestedAt) ? at(v.requestedAt) : startedAt }
      : {}),
    ...(marker && isString(v.requestedBy) ? { requestedBy: v.requestedBy } : {}),
    ...(isTime(v.copyStartedAt) ? { copyStartedAt: at(v.copyStartedAt) } : {}),
    ...(v.seen === true ? { seen: true } : {}),
    ...(isText(v.waiting) ? { waiting: v.waiting } : {}),
    ...(failed ? { failed } : {}),
    ...(typeof v.tagTries === 'number' && Number.isInteger(v.tagTries) && v.tagTries > 0
      ? { tagTries: v.tagTries }
      : {}),
    ...(isText(v.tagsFailed) ? { tagsFailed: v.tagsFailed } : {}),
    ...(isTime(v.finishedAt) ? { finishedAt: at(v.finishedAt) } : {}),
  };
}

/**
 * A stored distribution, checked field by field; undefined when it cannot be carried on (damaged, or unknown).
 * `now`: times after it (another clock, a damaged entry) are taken as now.
 */
export function parseDistribution(v: unknown, now?: number): Distribution | undefined {
  if (!isRecord(v) || !SERVICES.includes(v.service as ServiceId)) return undefined;
  const service = v.service as ServiceId;
  for (const k of ['id', 'profile', 'sourceRegion', 'sourceName', 'sourceId', 'name'] as const) {
    if (!isString(v[k])) return undefined;
  }
  if (oversized(v.sourceArn, MAX_ID_CHARS) || oversized(v.heldBy, MAX_ID_CHARS)) return undefined;
  if (
    !isTime(v.startedAt) ||
    !Array.isArray(v.destinations) ||
    !v.destinations.length ||
    v.destinations.length > MAX_DESTINATIONS
  ) {
    return undefined;
  }
  const accounts = accountsOf(v.accounts);
  const tags = storedTags(v.tags);
  if (!accounts || !tags) return undefined;
  const at = (t: number): number => storedTime(t, now);
  const startedAt = at(v.startedAt);
  const use = isRecord(v.use)
    ? { fleets: v.use.fleets === true, imageBuilders: v.use.imageBuilders === true }
    : { fleets: true, imageBuilders: false };
  const destinations = v.destinations.map((x) => parseDestination(x, service, startedAt, at));
  if (destinations.some((x) => !x)) return undefined;
  return {
    id: v.id as string,
    profile: v.profile as string,
    service,
    sourceRegion: v.sourceRegion as string,
    sourceName: v.sourceName as string,
    sourceId: v.sourceId as string,
    ...(isString(v.sourceArn) ? { sourceArn: v.sourceArn } : {}),
    name: v.name as string,
    tags,
    accounts,
    use,
    startedAt,
    destinations: destinations as Destination[],
    ...(v.acknowledged === true ? { acknowledged: true } : {}),
    ...(isString(v.heldBy) && isTime(v.heldAt) ? { heldBy: v.heldBy, heldAt: at(v.heldAt) } : {}),
  };
}
