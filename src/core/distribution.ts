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
// is looked for by name, and only an image made since the request counts as it (allowing for clock skew); one not
// listed yet is looked for again until UNSEEN_GRACE_MS has passed (AWS lists a new copy after a while), never
// requested again before. A marker names the window that set it: another window leaves it alone while that
// window lives (othersInFlight). Tags that AWS refuses are tried again on later rounds (TAG_TRIES, as for a
// copy); then the shares go out all the same and the ending says the tags could not be applied.

import { Keys } from './imageRef';
import { KEEP_DISTRIBUTION_MS, TAG_TRIES, UNSEEN_GRACE_MS, type Observation } from './jobs';
import { copyCarriesTags } from './rules';
import type { ServiceId } from './regions';
import type { ImageUse } from './sharing';

// The grace for an unlisted copy, tag tries, how long an ending is kept and what a look observed: one set for
// every job kind (jobs.ts).
export { KEEP_DISTRIBUTION_MS, TAG_TRIES, UNSEEN_GRACE_MS, type Observation };
/** The longest reason kept (AWS's messages are untrusted and unbounded): a stored entry never grows with them. */
export const MAX_REASON_CHARS = 2_000;

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
  /** A step recorded as requested whose answer has not been recorded yet, since when, and by which window. */
  requested?: Step;
  requestedAt?: number;
  requestedBy?: string;
  /** When AWS accepted the copy, and whether the copy has been listed since. */
  copyStartedAt?: number;
  seen?: boolean;
  /** The copy waits for a slot because AWS answered LimitExceeded (not a failure). */
  waiting?: string;
  /** `imageId`: an image that holds the copy's name (a failed copy AWS still lists, an older image). */
  failed?: { step: Step; reason: string; at: number; imageId?: string };
  /** Refused tries of the tag step; after TAG_TRIES the tags are given up on (`tagsFailed`: why) and sharing goes on. */
  tagTries?: number;
  tagsFailed?: string;
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
  /** The window that started it or retried a step, and when: the polling window leaves it to that one a while. */
  heldBy?: string;
  heldAt?: number;
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

export function distributionId(d: Pick<NewDistribution, 'profile' | 'service' | 'source' | 'now'>): string {
  return `${Keys.job({ profile: d.profile, service: d.service, region: d.source.region, id: d.source.id })}@${d.now}`;
}

export function newDistribution(n: NewDistribution): Distribution {
  return {
    id: distributionId(n),
    profile: n.profile,
    service: n.service,
    sourceRegion: n.source.region,
    sourceName: n.source.name,
    sourceId: n.source.id,
    ...(n.source.arn ? { sourceArn: n.source.arn } : {}),
    name: n.name,
    tags: n.tags,
    accounts: n.accounts,
    use: n.use,
    startedAt: n.now,
    destinations: n.regions.map((region): Destination =>
      region === n.source.region
        ? {
            region,
            isSource: true,
            phase: 'available',
            imageId: n.source.id,
            ...(n.source.arn ? { arn: n.source.arn } : {}),
            shared: [],
          }
        : { region, phase: 'queued', shared: [] },
    ),
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
export const holdsCopySlot = (dest: Destination): boolean =>
  !dest.failed && (dest.phase === 'copy-requested' || dest.phase === 'copying');

/** What a destination needs next from AWS: a look at its image, or the next step to request. */
export type Next =
  | { kind: 'look' }
  | { kind: 'copy' }
  | { kind: 'tag' }
  | { kind: 'share'; account: string }
  | { kind: 'reconcile'; step: Step }
  | undefined;

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
    case 'queued':
      return { kind: 'copy' };
    case 'copy-requested':
    case 'copying':
      return { kind: 'look' };
    // Nothing to tag (also a destination stored before it was settled): on to the shares.
    case 'available':
      return needsTagStep(d, dest) ? { kind: 'tag' } : nextShare(d, dest);
    case 'tagged':
      return nextShare(d, dest);
    default:
      return undefined;
  }
}

function nextShare(d: Distribution, dest: Destination): Next {
  const account = d.accounts.find((a) => !dest.shared.includes(a));
  return account ? { kind: 'share', account } : undefined;
}

// The rest of the domain, in files of their own: the transitions, poll groups and the copy quota, how it reads,
// the stored form.
export * from './distributionTransitions';
export * from './distributionGroups';
export * from './distributionText';
export * from './distributionStored';
