// "Find Unused Images": which owned images of a region can go. Pure: the images, what uses them and the clock
// in, a verdict per image out, with the reasons in words (why it is a candidate, or why not).

import type { ImageRecord } from './image';
import { stateKind, stateLabel } from './imageState';
import { usedByText, usersOf, type ImageUser } from './usage';

export const DEFAULT_MIN_AGE_DAYS = 30;
export const MAX_MIN_AGE_DAYS = 3650;
const DAY_MS = 86_400_000;

/** The "older than N days" input: a whole number of days, 1 to 3650. */
export function minAgeDaysRule(value: string): string | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return `Enter a whole number of days (1-${MAX_MIN_AGE_DAYS}).`;
  const n = Number(v);
  return n >= 1 && n <= MAX_MIN_AGE_DAYS ? undefined : `Enter a number of days from 1 to ${MAX_MIN_AGE_DAYS}.`;
}

// A trailing date, number or version after a separator ("-2026-01-15", "_v12", "-11-01-2026", ".3"), or a
// date stamp of 8 or more digits written straight after the name ("app20261101"). Digits that belong to a word
// ("Win2022") are part of the name.
const SUFFIX = /^(.*?[^-_. ])(?:[-_. ]+v?\d+(?:[-_.]\d+)*|(?<=[A-Za-z])\d{8,14})$/i;

/**
 * The name family: the name without a date or number suffix. Images whose names differ only in that suffix
 * (Finance-Win2022-2026-01-15, Finance-Win2022-2026-06-01) are versions of one image.
 */
export function familyOf(name: string): string {
  const m = SUFFIX.exec(name);
  return m ? m[1] : name;
}

export interface CleanupOptions {
  readonly now: number;
  readonly minAgeDays: number;
  /** Images shared with other accounts (AppStream) are left out unless the user includes them. */
  readonly includeShared: boolean;
}

export interface Verdict {
  readonly image: ImageRecord;
  readonly candidate: boolean;
  readonly family: string;
  readonly familySize: number;
  /** Whole days since the image was created, when AWS says when. */
  readonly ageDays?: number;
  /** Why it is a candidate, or why not. */
  readonly reasons: readonly string[];
  /** Left out only because it is shared with other accounts. */
  readonly sharedOnly: boolean;
}

const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);
const created = (r: ImageRecord): number => r.created?.getTime() ?? -Infinity;

/** The family member that is kept: the newest available one, else the newest. */
function keeper(members: ImageRecord[]): ImageRecord {
  const newest = (list: ImageRecord[]) =>
    list.reduce((a, b) => (created(b) > created(a) || (created(b) === created(a) && b.name > a.name) ? b : a));
  const available = members.filter((m) => stateKind(m.state) === 'available');
  return newest(available.length ? available : members);
}

/**
 * A verdict for every owned image of one region (both services): a candidate is deletable (available or failed),
 * used by no fleet, image builder or bundle, at least `minAgeDays` old, not the kept (newest) image of its name
 * family, and not shared with other accounts unless included.
 */
export function judge(images: readonly ImageRecord[], users: readonly ImageUser[], opts: CleanupOptions): Verdict[] {
  const families = new Map<string, ImageRecord[]>();
  const familyKey = (r: ImageRecord) => `${r.profile}\n${r.region}\n${r.service}\n${familyOf(r.name)}`;
  for (const r of images) {
    const key = familyKey(r);
    families.set(key, [...(families.get(key) ?? []), r]);
  }
  return images.map((image) => {
    const members = families.get(familyKey(image))!;
    const family = familyOf(image.name);
    const kept = keeper(members);
    const ageDays = image.created ? Math.floor((opts.now - image.created.getTime()) / DAY_MS) : undefined;
    const usedBy = usedByText(usersOf(image, users));
    const shared = !!image.sharedWithOthers;
    const size =
      members.length === 1 ? 'the only image of its family' : `the newest of ${family} (${members.length} images)`;

    const whyNot: string[] = [];
    const kind = stateKind(image.state);
    if (kind !== 'available' && kind !== 'failed') {
      whyNot.push(`${stateLabel(image.state)}: only available or failed images can be deleted`);
    }
    if (usedBy) whyNot.push(`used by ${usedBy}`);
    if (ageDays === undefined) whyNot.push('AWS gives no creation date');
    else if (ageDays < opts.minAgeDays) whyNot.push(`${days(ageDays)} old (younger than ${days(opts.minAgeDays)})`);
    if (kept === image) whyNot.push(size);
    const sharedOnly = !whyNot.length && shared && !opts.includeShared;
    if (shared && !opts.includeShared) whyNot.push('shared with other accounts');

    const base = { image, family, familySize: members.length, ageDays, sharedOnly };
    if (whyNot.length) return { ...base, candidate: false, reasons: whyNot };
    return {
      ...base,
      candidate: true,
      reasons: [
        ...(kind === 'failed' ? ['failed'] : []),
        image.service === 'appstream' ? 'not used by any fleet or image builder' : 'not used by any bundle',
        `${days(ageDays!)} old`,
        `${members.length} images in ${family}; ${kept.name} is kept as the newest`,
        ...(shared ? ['shared with other accounts: AWS refuses the delete until it is no longer shared'] : []),
      ],
    };
  });
}
