// "Distribute Image…": one owned image copied to several regions with its tags (AWS copies none: AppStream's are
// applied once the copy exists, WorkSpaces' go with the copy request) and shared with the same accounts in every
// region, as one tracked job with a state per destination:
//   queued -> copy requested -> copying -> available -> tagged -> shared with each account -> done
// or failed at a step with AWS's reason (Retry Step starts that step again; other regions go on). A destination
// in the source region skips the copy and the tags (they are its own): the source image itself is shared.
//
// Every step is recorded as requested before it is sent (`requested`), so a window that reloads mid-request
// finds the marker and looks at what AWS did instead of sending it again. AppStream allows COPY_QUOTA copies in
// flight per destination region: more wait in "queued" for a slot; LimitExceeded also means "wait". WorkSpaces
// has no such quota (its copies carry their tags, so it has no tag step either). A copy whose answer was lost
// is looked for by name, and only an image made since the request counts as it (allowing for clock skew).

import { Keys } from './imageRef';
import { copyCarriesTags } from './rules';
import { serviceExistsIn, SERVICES, type ServiceId } from './regions';
import type { ImageUse } from './sharing';

/** AppStream image copies in flight per destination region (AWS's default quota, AWS-API.md section 6). */
export const COPY_QUOTA = 2;
/** Copies that may be in flight per destination region: AppStream's quota; WorkSpaces documents none. */
export function copyQuota(service: ServiceId, appstream = COPY_QUOTA): number {
  return service === 'appstream' ? appstream : Number.POSITIVE_INFINITY;
}

/** How long a copy may stay unlisted in its destination after AWS accepted it before it counts as gone. */
export const UNSEEN_GRACE_MS = 5 * 60_000;
/** Finished distributions stay listed this long unless cleared. */
export const KEEP_FINISHED_MS = 7 * 24 * 3_600_000;

export type Phase = 'queued' | 'copy-requested' | 'copying' | 'available' | 'tagged' | 'done';
export const PHASES: readonly Phase[] = ['queued', 'copy-requested', 'copying', 'available', 'tagged', 'done'];

/** A step of a destination: 'copy', 'tag', or `share:<account>`. */
export type Step = 'copy' | 'tag' | `share:${string}`;

export interface Destination {
  readonly region: string;
  /** The source region: no copy and no tags, the source image itself is shared. */
  readonly isSource?: boolean;
  phase: Phase;
  /** What AWS addresses the image in this region by (AppStream name, WorkSpaces `wsi-` ID), once known. */
  imageId?: string;
  /** The AppStream image's ARN (tags are applied by ARN), once listed. */
  arn?: string;
  /** Accounts the image in this region is shared with so far. */
  shared: string[];
  /** A step recorded as requested whose answer has not been recorded yet, and since when. */
  requested?: Step;
  requestedAt?: number;
  /** When AWS accepted the copy, and whether the copy has been listed since. */
  copyStartedAt?: number;
  seen?: boolean;
  /** The copy waits for a slot because AWS answered LimitExceeded (not a failure). */
  waiting?: string;
  /** `imageId`: an image that holds the copy's name (a failed copy AWS still lists, an older image). */
  failed?: { step: Step; reason: string; at: number; imageId?: string };
  finishedAt?: number;
}

export interface Distribution {
  readonly id: string;
  readonly profile: string;
  readonly service: ServiceId;
  readonly sourceRegion: string;
  readonly sourceName: string;
  readonly sourceId: string;
  readonly sourceArn?: string;
  /** The image's name in every destination. */
  readonly name: string;
  /** Applied to every AppStream copy (WorkSpaces passes them with the copy request); the source keeps its own. */
  readonly tags: Record<string, string>;
  readonly accounts: string[];
  /** What the accounts may do with an AppStream image. */
  readonly use: ImageUse;
  readonly startedAt: number;
  destinations: Destination[];
  /** The user has seen how it ended. */
  acknowledged?: boolean;
}

export interface NewDistribution {
  profile: string;
  service: ServiceId;
  source: { region: string; name: string; id: string; arn?: string };
  name: string;
  regions: string[];
  tags: Record<string, string>;
  accounts: string[];
  use: ImageUse;
  now: number;
}

/** AWS's answer to a look at a destination image (undefined: not listed). */
export interface Observation {
  /** The image's ID in its region (a WorkSpaces copy found by name after a lost answer is followed by it). */
  id?: string;
  /** Found by name, but made before the copy was requested: another image, not this distribution's copy. */
  older?: boolean;
  state: string;
  reason?: string;
  arn?: string;
}

export function distributionId(d: Pick<NewDistribution, 'profile' | 'service' | 'source' | 'now'>): string {
  return `${Keys.job({ profile: d.profile, service: d.service, region: d.source.region, id: d.source.id })}@${d.now}`;
}

export function newDistribution(n: NewDistribution): Distribution {
  return {
    id: distributionId(n), profile: n.profile, service: n.service, sourceRegion: n.source.region, sourceName: n.source.name,
    sourceId: n.source.id, ...(n.source.arn ? { sourceArn: n.source.arn } : {}), name: n.name, tags: n.tags, accounts: n.accounts, use: n.use,
    startedAt: n.now,
    destinations: n.regions.map((region): Destination => (region === n.source.region
      ? { region, isSource: true, phase: 'available', imageId: n.source.id, ...(n.source.arn ? { arn: n.source.arn } : {}), shared: [] }
      : { region, phase: 'queued', shared: [] })),
  };
}

/**
 * A destination is tagged once its image exists when the copy request cannot carry the tags (AppStream). The
 * source region's destination never is: the tags offered are the source's own.
 */
export function needsTagStep(d: Pick<Distribution, 'service' | 'tags'>, dest: Pick<Destination, 'isSource'>): boolean {
  return !copyCarriesTags(d.service) && Object.keys(d.tags).length > 0 && !dest.isSource;
}

export const isTerminal = (dest: Destination): boolean => dest.phase === 'done' || dest.failed !== undefined;
export const isFinished = (d: Distribution): boolean => d.destinations.every(isTerminal);
/** Counts against the copy quota of its region. */
export const holdsCopySlot = (dest: Destination): boolean => !dest.failed && (dest.phase === 'copy-requested' || dest.phase === 'copying');

/** What a destination needs next from AWS: a look at its image, or the next step to request. */
export type Next = { kind: 'look' } | { kind: 'copy' } | { kind: 'tag' } | { kind: 'share'; account: string } | { kind: 'reconcile'; step: Step } | undefined;

/**
 * The next thing to do for a destination; `inFlight` says whether this runner is waiting for the answer to
 * the step it requested (a marker left by a closed window is reconciled by looking, never resent blindly).
 * A copy is only "copy" here: whether a slot is free is decided over the region (copiesToStart).
 */
export function nextFor(d: Distribution, dest: Destination, inFlight = false): Next {
  if (isTerminal(dest)) return undefined;
  if (dest.requested) {
    if (inFlight) return undefined;
    // A copy's fate shows in the destination's listing; a tag or share is read back.
    return dest.requested === 'copy' ? { kind: 'look' } : { kind: 'reconcile', step: dest.requested };
  }
  switch (dest.phase) {
    case 'queued': return { kind: 'copy' };
    case 'copy-requested':
    case 'copying': return { kind: 'look' };
    // Nothing to tag (also a destination stored before it was settled): on to the shares.
    case 'available': return needsTagStep(d, dest) ? { kind: 'tag' } : nextShare(d, dest);
    case 'tagged': return nextShare(d, dest);
    default: return undefined;
  }
}

function nextShare(d: Distribution, dest: Destination): Next {
  const account = d.accounts.find((a) => !dest.shared.includes(a));
  return account ? { kind: 'share', account } : undefined;
}

/** Copies in flight in a destination region, over every distribution of the profile and service. */
export function copiesInFlight(all: readonly Distribution[], g: Group): number {
  return all.filter((d) => sameGroup(d, g)).reduce((n, d) => n + d.destinations.filter((x) => x.region === g.region && holdsCopySlot(x)).length, 0);
}

/**
 * The queued destinations of a region to start now, oldest distribution first, so that no more than `quota`
 * copies are in flight there. Those waiting after a LimitExceeded are among them: AWS counts copies we do not
 * know of, and only a try tells when a slot has freed (the runner stops a region's round at the first refusal).
 */
export function copiesToStart(all: readonly Distribution[], g: Group, quota = copyQuota(g.service)): { id: string; region: string }[] {
  const free = quota - copiesInFlight(all, g);
  if (free <= 0) return [];
  return [...all].filter((d) => sameGroup(d, g)).sort((a, b) => a.startedAt - b.startedAt)
    .flatMap((d) => d.destinations.filter((x) => x.region === g.region && x.phase === 'queued' && !x.failed && !x.requested).map(() => ({ id: d.id, region: g.region })))
    .slice(0, free);
}

// ---- transitions (each returns a new destination) ----

/** Recorded before the request is sent. */
export function requested(dest: Destination, step: Step, now: number): Destination {
  return { ...dest, requested: step, requestedAt: now, ...(step === 'copy' ? { phase: 'copy-requested' as Phase, waiting: undefined } : {}) };
}

/** AWS accepted the copy: it is followed by its ID in the destination. */
export function copyStarted(dest: Destination, imageId: string, now: number): Destination {
  return { ...clear(dest), phase: 'copying', imageId, copyStartedAt: now };
}

/** AWS refused the copy because the region's copy quota is full: wait for a slot, not a failure. */
export function copyMustWait(dest: Destination, why: string): Destination {
  return { ...clear(dest), phase: 'queued', waiting: why };
}

/** The request was not carried out (AWS said so, or a look showed nothing happened): it may be sent again. */
export function notDone(dest: Destination): Destination {
  return dest.requested === 'copy' ? { ...clear(dest), phase: 'queued' } : clear(dest);
}

/**
 * A step AWS refused: the destination stops there, with AWS's reason, until Retry Step. An image that holds the
 * copy's name (a failed copy AWS still lists, an older image) keeps its ID (`failedCopy`) for the words.
 */
export function stepFailed(dest: Destination, step: Step, reason: string, now: number, failedCopy?: string): Destination {
  const back = step === 'copy' ? { phase: 'queued' as Phase, imageId: undefined, seen: undefined, copyStartedAt: undefined } : {};
  return { ...clear(dest), ...back, failed: { step, reason, at: now, ...(failedCopy ? { imageId: failedCopy } : {}) } };
}

/** The destination after one look at its image (undefined: AWS did not list it). */
export function observed(dest: Destination, obs: Observation | undefined, now: number, name: string): Destination {
  if (dest.phase !== 'copying' && dest.phase !== 'copy-requested') return dest;
  if (!obs) {
    // A copy requested by a window that closed before the answer, and not listed: AWS never made it.
    if (dest.phase === 'copy-requested') return notDone(dest);
    if (dest.seen || now - (dest.copyStartedAt ?? now) > UNSEEN_GRACE_MS) return stepFailed(dest, 'copy', 'The copy is no longer listed in the destination region.', now);
    return dest;
  }
  if (dest.phase === 'copy-requested' && obs.older) {
    return nameHeld(dest, name, obs.id, now);
  }
  // Found after a lost answer, made since the request: the copy was made (its name was free when the user chose it).
  let next: Destination = dest.phase === 'copy-requested' ? copyStarted(dest, obs.id ?? dest.imageId ?? name, dest.requestedAt ?? now) : dest;
  next = { ...next, seen: true, ...(obs.arn ? { arn: obs.arn } : {}) };
  if (obs.state === 'AVAILABLE') return { ...next, phase: 'available' };
  if (obs.state === 'FAILED' || obs.state === 'ERROR') {
    return stepFailed(next, 'copy', `${obs.reason ?? `AWS reports the copy ${obs.state}.`} Delete the failed copy in ${dest.region} before retrying.`, now, next.imageId);
  }
  return next;
}

export function taggedDone(dest: Destination): Destination {
  return { ...clear(dest), phase: 'tagged' };
}

/** Shared with one more account; done once every account has it. */
export function sharedWith(d: Pick<Distribution, 'accounts'>, dest: Destination, account: string, now: number): Destination {
  const shared = dest.shared.includes(account) ? dest.shared : [...dest.shared, account];
  const done = d.accounts.every((a) => shared.includes(a));
  return { ...clear(dest), shared, ...(done ? { phase: 'done' as Phase, finishedAt: now } : {}) };
}

/** After `available`: with no tag step the destination is tagged already; with no accounts, done. */
export function settle(d: Distribution, dest: Destination, now: number): Destination {
  let x = dest;
  if (x.phase === 'available' && !x.failed && !x.requested && !needsTagStep(d, x)) x = { ...x, phase: 'tagged' };
  if (x.phase === 'tagged' && !x.failed && !x.requested && d.accounts.every((a) => x.shared.includes(a))) x = { ...x, phase: 'done', finishedAt: now };
  return x;
}

/** The copy's name is held by an older image (not this distribution's copy): the copy step fails, naming it. */
export function nameHeld(dest: Destination, name: string, holder: string | undefined, now: number): Destination {
  return stepFailed(dest, 'copy', `${dest.region} has an older image named ${name}: it is not this distribution's copy, and it holds the name. Delete it, then Retry Step.`, now, holder);
}

/** Retry Step: the failed step is tried again (a copy goes back to the queue for a slot). */
export function retryStep(dest: Destination): Destination {
  if (!dest.failed) return dest;
  return { ...dest, failed: undefined };
}

function clear(dest: Destination): Destination {
  return { ...dest, requested: undefined, requestedAt: undefined, waiting: undefined };
}

/** The distribution with one destination moved on (and past the steps it has nothing to do for). */
export function withDestination(d: Distribution, region: string, f: (x: Destination) => Destination, now: number): Distribution {
  return { ...d, destinations: d.destinations.map((x) => (x.region === region ? settle(d, f(x), now) : x)) };
}

// ---- poll groups ----

export interface Group {
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
}

const sameGroup = (d: Pick<Distribution, 'profile' | 'service'>, g: Pick<Group, 'profile' | 'service'>): boolean => d.profile === g.profile && d.service === g.service;

export function groupKey(g: Group): string {
  return Keys.group('distributions', g);
}

/** One group per (profile, service, destination region) with a destination still under way. */
export function groups(all: readonly Distribution[]): Group[] {
  const out = new Map<string, Group>();
  for (const d of all) {
    for (const x of d.destinations) {
      if (isTerminal(x)) continue;
      const g = { profile: d.profile, service: d.service, region: x.region };
      out.set(groupKey(g), g);
    }
  }
  return [...out.values()];
}

// ---- how it reads ----

export interface Progress {
  done: number;
  failed: number;
  total: number;
}

export function progress(d: Distribution): Progress {
  return {
    done: d.destinations.filter((x) => x.phase === 'done').length,
    failed: d.destinations.filter((x) => x.failed).length,
    total: d.destinations.length,
  };
}

export function stepLabel(step: Step): string {
  if (step === 'copy') return 'copy';
  if (step === 'tag') return 'tagging';
  return `sharing with ${step.slice('share:'.length)}`;
}

/** What a destination is doing, in words: "Copying", "Shared with 1 of 2 accounts", "Failed at copy". */
export function destinationLabel(d: Distribution, dest: Destination): string {
  if (dest.failed) return `Failed at ${stepLabel(dest.failed.step)}`;
  switch (dest.phase) {
    case 'queued': return dest.waiting ? 'Waiting for a copy slot' : 'Queued';
    case 'copy-requested': return 'Copy requested';
    case 'copying': return 'Copying';
    case 'available': return dest.requested === 'tag' ? 'Tagging' : 'Available';
    case 'tagged': return `Shared with ${dest.shared.length} of ${d.accounts.length} accounts`;
    case 'done': return 'Done';
  }
}

/** Every step of a destination with a mark: done (✓), failed (✗) or to come (·). */
export function stepsOf(d: Distribution, dest: Destination): { label: string; mark: '✓' | '✗' | '·' }[] {
  const at = PHASES.indexOf(dest.phase);
  const mark = (doneWhen: boolean, step: Step): '✓' | '✗' | '·' => (doneWhen ? '✓' : dest.failed?.step === step ? '✗' : '·');
  const steps: { label: string; mark: '✓' | '✗' | '·' }[] = [];
  if (!dest.isSource) {
    steps.push({ label: 'copy requested', mark: mark(at >= PHASES.indexOf('copying'), 'copy') });
    steps.push({ label: 'available', mark: at >= PHASES.indexOf('available') ? '✓' : '·' });
  }
  if (needsTagStep(d, dest)) steps.push({ label: 'tagged', mark: mark(at >= PHASES.indexOf('tagged'), 'tag') });
  for (const a of d.accounts) steps.push({ label: `shared with ${a}`, mark: mark(dest.shared.includes(a), `share:${a}`) });
  return steps;
}

/** The requests a distribution sends when all goes well, by kind (the summary before it starts). */
export function plannedRequests(d: Pick<Distribution, 'service' | 'tags' | 'accounts' | 'sourceRegion'>, regions: readonly string[]): { copies: number; tags: number; shares: number } {
  const copies = regions.filter((r) => r !== d.sourceRegion).length;
  return { copies, tags: needsTagStep(d, { isSource: false }) ? copies : 0, shares: regions.length * d.accounts.length };
}

export function expired(d: Distribution, now: number): boolean {
  if (!isFinished(d)) return false;
  const last = Math.max(d.startedAt, ...d.destinations.map((x) => x.finishedAt ?? x.failed?.at ?? 0));
  return now - last > KEEP_FINISHED_MS;
}

/** A finished distribution with a failure the user has not seen. */
export function needsAttention(d: Distribution): boolean {
  return !d.acknowledged && d.destinations.some((x) => x.failed);
}

// ---- stored form ----

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStep = (v: unknown): v is Step => v === 'copy' || v === 'tag' || (typeof v === 'string' && /^share:\d{12}$/.test(v));
const accountsOf = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((a) => typeof a === 'string' && /^\d{12}$/.test(a)) ? v as string[] : undefined);

function parseDestination(v: unknown, service: ServiceId, startedAt: number): Destination | undefined {
  if (!isRecord(v) || !isString(v.region) || !serviceExistsIn(service, v.region) || !PHASES.includes(v.phase as Phase)) return undefined;
  const shared = accountsOf(v.shared ?? []);
  if (!shared) return undefined;
  const failed = isRecord(v.failed) && isStep(v.failed.step) && isString(v.failed.reason) && isTime(v.failed.at)
    ? { step: v.failed.step, reason: v.failed.reason, at: v.failed.at, ...(isString(v.failed.imageId) ? { imageId: v.failed.imageId } : {}) } : undefined;
  const phase = v.phase as Phase;
  // A copy under way must know what it follows; a marker must say when it was set.
  if (phase === 'copying' && !isString(v.imageId)) return undefined;
  return {
    region: v.region, phase, shared,
    ...(v.isSource === true ? { isSource: true } : {}),
    ...(isString(v.imageId) ? { imageId: v.imageId } : {}),
    ...(isString(v.arn) ? { arn: v.arn } : {}),
    // A marker without its time dates from the distribution's start: nothing it requested can be older.
    ...(isStep(v.requested) ? { requested: v.requested, requestedAt: isTime(v.requestedAt) ? v.requestedAt : startedAt } : {}),
    ...(isTime(v.copyStartedAt) ? { copyStartedAt: v.copyStartedAt } : {}),
    ...(v.seen === true ? { seen: true } : {}),
    ...(isString(v.waiting) ? { waiting: v.waiting } : {}),
    ...(failed ? { failed } : {}),
    ...(isTime(v.finishedAt) ? { finishedAt: v.finishedAt } : {}),
  };
}

/** A stored distribution, checked field by field; undefined when it cannot be carried on (damaged, or unknown). */
export function parseDistribution(v: unknown): Distribution | undefined {
  if (!isRecord(v) || !SERVICES.includes(v.service as ServiceId)) return undefined;
  const service = v.service as ServiceId;
  for (const k of ['id', 'profile', 'sourceRegion', 'sourceName', 'sourceId', 'name'] as const) if (!isString(v[k])) return undefined;
  if (!isTime(v.startedAt) || !Array.isArray(v.destinations) || !v.destinations.length) return undefined;
  const accounts = accountsOf(v.accounts);
  if (!accounts) return undefined;
  if (!isRecord(v.tags) || !Object.values(v.tags).every((x) => typeof x === 'string')) return undefined;
  const use = isRecord(v.use) ? { fleets: v.use.fleets === true, imageBuilders: v.use.imageBuilders === true } : { fleets: true, imageBuilders: false };
  const destinations = v.destinations.map((x) => parseDestination(x, service, v.startedAt as number));
  if (destinations.some((x) => !x)) return undefined;
  return {
    id: v.id as string, profile: v.profile as string, service, sourceRegion: v.sourceRegion as string, sourceName: v.sourceName as string,
    sourceId: v.sourceId as string, ...(isString(v.sourceArn) ? { sourceArn: v.sourceArn } : {}), name: v.name as string,
    tags: v.tags as Record<string, string>, accounts, use, startedAt: v.startedAt,
    destinations: destinations as Destination[],
    ...(v.acknowledged === true ? { acknowledged: true } : {}),
  };
}
