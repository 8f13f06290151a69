// A distribution's destinations move on only through these transitions (core/distribution.ts has the states and
// what comes next): each returns a new destination, so a write is one read-modify-write of what is stored now.
import { TAG_TRIES, UNSEEN_GRACE_MS, type Observation } from './jobs';
import {
  isTerminal,
  MAX_REASON_CHARS,
  needsTagStep,
  nextFor,
  type Destination,
  type Distribution,
  type Phase,
  type Step,
} from './distribution';

/** Recorded before the request is sent, by window `by`. */
export function requested(dest: Destination, step: Step, now: number, by?: string): Destination {
  return {
    ...dest,
    requested: step,
    requestedAt: now,
    ...(by ? { requestedBy: by } : {}),
    ...(step === 'copy' ? { phase: 'copy-requested' as Phase, waiting: undefined } : {}),
  };
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
export function stepFailed(
  dest: Destination,
  step: Step,
  reason: string,
  now: number,
  failedCopy?: string,
): Destination {
  const back =
    step === 'copy' ? { phase: 'queued' as Phase, imageId: undefined, seen: undefined, copyStartedAt: undefined } : {};
  return {
    ...clear(dest),
    ...back,
    failed: { step, reason: clip(reason), at: now, ...(failedCopy ? { imageId: failedCopy } : {}) },
  };
}

/**
 * The destination cannot go on (its profile is gone): it stops where it is, in words, until Retry Step. Nothing is
 * undone: a copy under way is still followed, and a marker is still looked at, once Retry Step clears this.
 */
export function cannotGoOn(d: Distribution, dest: Destination, reason: string, now: number): Destination {
  if (isTerminal(dest)) return dest;
  const next = nextFor(d, dest);
  const step: Step =
    dest.requested ?? (next?.kind === 'tag' ? 'tag' : next?.kind === 'share' ? `share:${next.account}` : 'copy');
  return { ...dest, waiting: undefined, failed: { step, reason: clip(reason), at: now } };
}

/** The destination after one look at its image (undefined: AWS did not list it). */
export function observed(dest: Destination, obs: Observation | undefined, now: number, name: string): Destination {
  if (dest.phase !== 'copying' && dest.phase !== 'copy-requested') return dest;
  if (!obs) {
    // A copy requested without an answer (lost, or the window closed) and not listed: AWS may not list a new copy
    // at once, so it is looked for again; not listed UNSEEN_GRACE_MS after the request, AWS never made it.
    if (dest.phase === 'copy-requested') return now - (dest.requestedAt ?? 0) > UNSEEN_GRACE_MS ? notDone(dest) : dest;
    if (dest.seen || now - (dest.copyStartedAt ?? now) > UNSEEN_GRACE_MS) {
      return stepFailed(dest, 'copy', 'The copy is no longer listed in the destination region.', now);
    }
    return dest;
  }
  if (dest.phase === 'copy-requested' && obs.older) {
    return nameHeld(dest, name, obs.id, now);
  }
  // Found after a lost answer, made since the request: the copy was made (its name was free when the user chose it).
  let next: Destination =
    dest.phase === 'copy-requested' ? copyStarted(dest, obs.id ?? dest.imageId ?? name, dest.requestedAt ?? now) : dest;
  next = { ...next, seen: true, ...(obs.arn ? { arn: obs.arn } : {}) };
  if (obs.state === 'AVAILABLE') return { ...next, phase: 'available' };
  if (obs.state === 'FAILED' || obs.state === 'ERROR') {
    return stepFailed(
      next,
      'copy',
      `${obs.reason ?? `AWS reports the copy ${obs.state}.`} Delete the failed copy in ${dest.region} before retrying.`,
      now,
      next.imageId,
    );
  }
  return next;
}

export function taggedDone(dest: Destination): Destination {
  return { ...clear(dest), phase: 'tagged', tagTries: undefined, tagsFailed: undefined };
}

/**
 * AWS refused the tags: tried again on a later round; after TAG_TRIES refusals they are given up on and the
 * shares go out all the same (AWS shows an image's tags only to its own account, so the accounts it is shared
 * with lose nothing; holding their image back for tags would not help them). The ending says so.
 */
export function tagRefused(dest: Destination, reason: string): Destination {
  const tries = (dest.tagTries ?? 0) + 1;
  return tries >= TAG_TRIES
    ? { ...clear(dest), phase: 'tagged', tagTries: tries, tagsFailed: clip(reason) }
    : { ...clear(dest), tagTries: tries };
}

/** Shared with one more account; done once every account has it. */
export function sharedWith(
  d: Pick<Distribution, 'accounts'>,
  dest: Destination,
  account: string,
  now: number,
): Destination {
  const shared = dest.shared.includes(account) ? dest.shared : [...dest.shared, account];
  const done = d.accounts.every((a) => shared.includes(a));
  return { ...clear(dest), shared, ...(done ? { phase: 'done' as Phase, finishedAt: now } : {}) };
}

/** After `available`: with no tag step the destination is tagged already; with no accounts, done. */
export function settle(d: Distribution, dest: Destination, now: number): Destination {
  let x = dest;
  if (x.phase === 'available' && !x.failed && !x.requested && !needsTagStep(d, x)) x = { ...x, phase: 'tagged' };
  if (x.phase === 'tagged' && !x.failed && !x.requested && d.accounts.every((a) => x.shared.includes(a))) {
    x = { ...x, phase: 'done', finishedAt: now };
  }
  return x;
}

/** The copy's name is held by an older image (not this distribution's copy): the copy step fails, naming it. */
export function nameHeld(dest: Destination, name: string, holder: string | undefined, now: number): Destination {
  return stepFailed(
    dest,
    'copy',
    `${dest.region} has an older image named ${name}: it is not this distribution's copy, and it holds the name. Delete it, then Retry Step.`,
    now,
    holder,
  );
}

/** Retry Step: the failed step is tried again (a copy goes back to the queue for a slot); given-up tags too. */
export function retryStep(dest: Destination): Destination {
  if (dest.failed) return { ...dest, failed: undefined };
  if (dest.tagsFailed) {
    return { ...dest, phase: 'available', tagTries: undefined, tagsFailed: undefined, finishedAt: undefined };
  }
  return dest;
}

function clear(dest: Destination): Destination {
  return { ...dest, requested: undefined, requestedAt: undefined, requestedBy: undefined, waiting: undefined };
}

function clip(reason: string): string {
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}

/** The distribution with one destination moved on (and past the steps it has nothing to do for). */
export function withDestination(
  d: Distribution,
  region: string,
  f: (x: Destination) => Destination,
  now: number,
): Distribution {
  return { ...d, destinations: d.destinations.map((x) => (x.region === region ? settle(d, f(x), now) : x)) };
}
