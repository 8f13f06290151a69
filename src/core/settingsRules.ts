// What the cloudImages.* settings may hold. VS Code does not enforce the manifest's types or bounds when
// settings are read (a hand-edited settings.json can hold anything), so every value the code uses passes through
// parseSettings: a wrong type falls back to the default, a number out of range is clamped, and each correction
// is reported as one line. Kept pure so the rules are unit-tested and the manifest generator shares the bounds.
import type { SortOrder } from './filter';
import { knownRegions } from './regions';

export type DeleteConfirmation = 'button' | 'typeName';

export interface CloudImagesSettings {
  /** Undefined: AWS_PROFILE, else "default". */
  profile: string | undefined;
  /** Undefined: not chosen yet (the profile's region, else us-east-1). */
  regions: string[] | undefined;
  /** Profiles shown side by side; empty: the one profile above. */
  profiles: string[];
  /** Per-profile regions, overriding `regions` for that profile. */
  profileRegions: Record<string, string[]>;
  pageSize: number;
  /** How loaded images are ordered in the tree. */
  sortOrder: SortOrder;
  deleteConfirmation: DeleteConfirmation;
  pollIntervalSeconds: number;
}

/** The configuration section; platform/ids.ts names it too (Settings.section), a unit test keeps them equal. */
export const SETTINGS_SECTION = 'cloudImages';

// The services' page limit: AppStream DescribeImages and WorkSpaces DescribeWorkspaceImages take MaxResults 1-25.
export const PAGE_SIZE_MIN = 1;
export const PAGE_SIZE_MAX = 25;
// Each poll is one Describe* request per region and service with an image in transition or a copy in flight.
// Below 5 s that is a request stream that gains nothing (a copy takes minutes) and runs into throttling.
export const POLL_INTERVAL_MIN_SECONDS = 5;
// An hour is the longest a finished copy should go unnoticed. It also keeps the timer far from setTimeout's
// limit (2^31-1 ms, about 24.8 days), past which Node fires after 1 ms: a huge value would poll non-stop.
export const POLL_INTERVAL_MAX_SECONDS = 3600;

export const DELETE_CONFIRMATIONS: readonly DeleteConfirmation[] = ['button', 'typeName'];
export const SORT_ORDERS: readonly SortOrder[] = ['name', 'newest'];

export const DEFAULT_SETTINGS: Readonly<CloudImagesSettings> = {
  profile: undefined,
  regions: undefined,
  profiles: [],
  profileRegions: {},
  pageSize: 25,
  sortOrder: 'name',
  deleteConfirmation: 'button',
  pollIntervalSeconds: 30,
};

export interface ParsedSettings {
  settings: CloudImagesSettings;
  /** One line per corrected value: the setting, the value found (truncated) and what is used instead. */
  problems: string[];
}

/** `raw` holds the values as read, keyed by the name under the section ("pageSize"); absent means not set. */
export function parseSettings(raw: Record<string, unknown>): ParsedSettings {
  const problems: string[] = [];
  const problem = (key: string, value: unknown, why: string, using: string): void => {
    problems.push(`${SETTINGS_SECTION}.${key}: ${show(value)} ${why}; using ${using}`);
  };
  const d = DEFAULT_SETTINGS;

  const profile = ((): string | undefined => {
    const v = raw.profile;
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      problem('profile', v, 'is not a string', 'AWS_PROFILE, else "default"');
      return undefined;
    }
    return v.trim() || undefined;
  })();

  const known = new Set(knownRegions().map((r) => r.code));
  /** A list of known region codes (unknown ones dropped, each reported); undefined when none is left. */
  const regionList = (key: string, v: unknown, unset: string): string[] | undefined => {
    if (!Array.isArray(v)) {
      problem(key, v, 'is not a list of region codes', unset);
      return undefined;
    }
    const kept: string[] = [];
    const unknown: unknown[] = [];
    for (const code of v) {
      if (typeof code !== 'string' || !known.has(code)) unknown.push(code);
      else if (!kept.includes(code)) kept.push(code);
    }
    for (const code of unknown) problem(key, code, 'is not a known region code', kept.length ? kept.join(', ') : unset);
    return kept.length ? kept : undefined;
  };
  const regions =
    raw.regions === undefined ? undefined : regionList('regions', raw.regions, "the profile's region, else us-east-1");

  const profiles = ((): string[] => {
    const v = raw.profiles;
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      problem('profiles', v, 'is not a list of profile names', 'the one profile');
      return [];
    }
    const names = v.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).map((p) => p.trim());
    if (names.length !== v.length) {
      problem('profiles', v, 'has entries that are not profile names', names.join(', ') || 'the one profile');
    }
    return [...new Set(names)];
  })();

  const profileRegions = ((): Record<string, string[]> => {
    const v = raw.profileRegions;
    if (v === undefined) return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      problem('profileRegions', v, 'is not an object of profile names to region lists', 'the regions setting');
      return {};
    }
    // Built as own entries: a profile named "__proto__" is a key like any other, not the object's prototype.
    const out: [string, string[]][] = [];
    for (const [name, list] of Object.entries(v)) {
      const kept = regionList(`profileRegions.${name}`, list, 'the regions setting');
      if (kept) out.push([name, kept]);
    }
    return Object.fromEntries(out);
  })();

  return {
    settings: {
      profile,
      regions,
      profiles,
      profileRegions,
      pageSize: integerIn('pageSize', raw.pageSize, PAGE_SIZE_MIN, PAGE_SIZE_MAX, d.pageSize, problem),
      sortOrder: oneOf('sortOrder', raw.sortOrder, SORT_ORDERS, d.sortOrder, problem),
      deleteConfirmation: oneOf(
        'deleteConfirmation',
        raw.deleteConfirmation,
        DELETE_CONFIRMATIONS,
        d.deleteConfirmation,
        problem,
      ),
      pollIntervalSeconds: integerIn(
        'pollIntervalSeconds',
        raw.pollIntervalSeconds,
        POLL_INTERVAL_MIN_SECONDS,
        POLL_INTERVAL_MAX_SECONDS,
        d.pollIntervalSeconds,
        problem,
      ),
    },
    problems,
  };
}

type Report = (key: string, value: unknown, why: string, using: string) => void;

/** One of `allowed`; anything else gives the default, with one line. */
function oneOf<T extends string>(key: string, v: unknown, allowed: readonly T[], fallback: T, problem: Report): T {
  if (v === undefined) return fallback;
  if (allowed.includes(v as T)) return v as T;
  problem(key, v, `is not one of ${allowed.map((c) => `"${c}"`).join(', ')}`, `"${fallback}"`);
  return fallback;
}

/** A whole number in [lo, hi]: not a finite number gives the default, a fraction is rounded, the rest clamped. */
function integerIn(key: string, v: unknown, lo: number, hi: number, fallback: number, problem: Report): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    problem(key, v, 'is not a number', `the default ${fallback}`);
    return fallback;
  }
  const n = Math.min(hi, Math.max(lo, Math.round(v)));
  if (v < lo) problem(key, v, `is below the minimum ${lo}`, String(n));
  else if (v > hi) problem(key, v, `is above the maximum ${hi}`, String(n));
  else if (n !== v) problem(key, v, 'is not a whole number', String(n));
  return n;
}

const SHOWN_CHARS = 40;

/** The value as it would appear in settings.json, cut short: a log line must stay one short line. */
function show(v: unknown): string {
  let s: string;
  if (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    typeof v === 'symbol' ||
    typeof v === 'function' ||
    v === undefined
  ) {
    s = String(v);
  } else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = Object.prototype.toString.call(v);
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > SHOWN_CHARS ? `${s.slice(0, SHOWN_CHARS - 1)}…` : s;
}
