// The vocabulary every long operation shares, whatever it follows (a tracked copy, update or deletion, a
// distribution, and the job kinds to come): what a look at AWS observed, how long an unlisted resource is waited
// for and a finished job kept, when a job asks for attention, and the checks a stored job goes through.

/** AWS's answer to a look at the resource a job follows (undefined where it is used: AWS did not list it). */
export interface Observation {
  /** What AWS addresses it by in its region (a copy found by name after a lost answer is followed by it). */
  id?: string;
  /** Found by name, but made before it was requested: another resource of that name, not the job's. */
  older?: boolean;
  state: string;
  /** AWS's reasons for the state, in words (untrusted). */
  reason?: string;
  arn?: string;
  /** What the job made that its destination does not name (an export task's AMI ID). */
  result?: string;
  /** A fleet's image (its name, or its ARN where AWS gives only that): what a roll-out waits for. */
  image?: string;
}

/**
 * How long a resource may stay unlisted after it was started (or requested, when the answer never came) before
 * it counts as gone, or as never made: AWS lists a new copy only after a while.
 */
export const UNSEEN_GRACE_MS = 5 * 60_000;
/** After this long without a good look, a job shows "cannot check" instead of spinning. */
export const CANNOT_CHECK_AFTER_MS = 30 * 60_000;
/** Refused attempts to apply tags before the ending says they could not be applied (the work itself goes on). */
export const TAG_TRIES = 3;
/** Finished jobs stay listed this long unless cleared: an ending is read the same day. */
export const KEEP_FINISHED_MS = 24 * 3_600_000;
/** A distribution's ending (many regions and accounts, with steps to retry) stays a week: it is reviewed later. */
export const KEEP_DISTRIBUTION_MS = 7 * 24 * 3_600_000;

/** A finished job (`finishedAt`: when its last part ended) past the time it is kept. */
export function expiredAfter(finishedAt: number | undefined, keepMs: number, now: number): boolean {
  return finishedAt !== undefined && now - finishedAt > keepMs;
}

/**
 * Whether a job asks for attention (status bar, progress lists): while it cannot be checked, and once it ended
 * badly (failed, gone, tags not applied) until the user has seen how.
 */
export function asksForAttention(j: { cannotCheck?: boolean; endedBadly: boolean; acknowledged?: boolean }): boolean {
  return !!j.cannotCheck || (!j.acknowledged && j.endedBadly);
}

// ---- the stored form ----
// A stored job may come from another window, an older version or a damaged file: each field is checked, a time in
// the future (another clock) is taken as now so nothing waits on a clock that never comes, and a string longer
// than anything Cloud Images writes means the entry is damaged (a megabyte planted in a file): it is dropped.

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A non-empty string of at most `max` characters. */
export const isStoredString = (v: unknown, max = Number.POSITIVE_INFINITY): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;
/** A stored string that is present but longer than anything written: the entry is damaged. */
export const oversized = (v: unknown, max: number): boolean => typeof v === 'string' && v.length > max;

/** A stored time, never after `now` (the reader's clock) and never before `floor`. */
export function storedTime(t: number, now: number | undefined, floor = Number.NEGATIVE_INFINITY): number {
  return Math.max(floor, now !== undefined && t > now ? now : t);
}

/** AWS's own tag limits: 50 tags, keys of 128 and values of 256 characters. */
const MAX_TAGS = 50;

/**
 * Stored tags: undefined when the value is not tags at all (not an object, a value not a string), false when it
 * is more than AWS allows (the entry is damaged). Own entries only: a tag key "__proto__" stays a key.
 */
export function storedTags(v: unknown): Record<string, string> | undefined | false {
  if (!isRecord(v)) return undefined;
  const entries = Object.entries(v);
  if (!entries.every(([, x]) => typeof x === 'string')) return undefined;
  if (entries.length > MAX_TAGS || entries.some(([k, x]) => k.length > 128 || (x as string).length > 256)) return false;
  return Object.fromEntries(entries) as Record<string, string>;
}
