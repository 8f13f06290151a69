// The versions the file store keeps of a key, one file each: how a file is named and read, which versions a key
// holds now (those no other version has seen), and how they merge. No I/O beyond parsing what was read.
import { createHash } from 'node:crypto';

/** Merges two versions of a value written without seeing each other (`older` written first). */
export type Merge = (older: unknown, newer: unknown) => unknown;

export interface Version {
  readonly file: string;
  readonly key: string;
  readonly window: string;
  /** When its window wrote it (strictly increasing per window). */
  readonly at: number;
  /** The latest version of each window that its window had read when writing (its own `at` included). */
  readonly vc: Readonly<Record<string, number>>;
  readonly deleted?: true;
  readonly value?: unknown;
}

/** A tombstone is kept this long, so that a window asleep with an old copy of the key cannot bring it back. */
export const TOMBSTONE_KEEP_MS = 7 * 24 * 3_600_000;

/** Short and safe on every file system (the key itself, of any length or character, is inside). */
export const hashOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 32);
export const fileName = (key: string, window: string, at: number): string =>
  `${hashOf(key)}.${window}.${at.toString(36)}.json`;
/** Window IDs go into file names: lower case (case-insensitive file systems), no dots, bounded. */
export const safeWindowId = (id: string): string =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, 32) || 'w';

/** A version file's content, checked against its name; null when damaged or foreign. */
export function parseVersion(name: string, text: string): Version | null {
  const parts = name.split('.');
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  const ok =
    parts.length === 4 &&
    typeof o === 'object' &&
    o !== null &&
    typeof o.key === 'string' &&
    hashOf(o.key) === parts[0] &&
    o.window === parts[1] &&
    typeof o.at === 'number' &&
    o.at.toString(36) === parts[2] &&
    typeof o.vc === 'object' &&
    o.vc !== null &&
    (o.deleted === true || 'value' in o);
  if (!ok) return null;
  return {
    file: name,
    key: o.key as string,
    window: parts[1],
    at: o.at as number,
    vc: o.vc as Record<string, number>,
    ...(o.deleted === true ? { deleted: true as const } : { value: o.value }),
  };
}

export function serialize(v: Version): string {
  return JSON.stringify({
    key: v.key,
    window: v.window,
    at: v.at,
    vc: v.vc,
    ...(v.deleted ? { deleted: true } : { value: v.value }),
  });
}

/** The vector of a new version: everything its window knows of the key, and itself. */
export function vectorFor(known: readonly Version[], window: string, at: number): Record<string, number> {
  const vc: Record<string, number> = {};
  for (const v of known) for (const [w, t] of Object.entries(v.vc)) if (!(vc[w] >= t)) vc[w] = t;
  // Windows long gone whose versions are all removed need no entry (the vector stays small).
  for (const w of Object.keys(vc)) {
    if (vc[w] < at - TOMBSTONE_KEEP_MS && !known.some((v) => v.window === w)) delete vc[w];
  }
  vc[window] = at;
  return vc;
}

/** The versions no other version has seen: what the key holds now. */
export function live(versions: readonly Version[]): Version[] {
  // By file, not by object: the same version read twice (written, then read back) must not hide itself.
  return versions.filter((v) => !versions.some((w) => w.file !== v.file && (w.vc[v.window] ?? -Infinity) >= v.at));
}

/** The key's value: undefined when deleted (a deletion wins over a version written without seeing it). */
export function resolve(versions: readonly Version[], merge: Merge): unknown {
  const now = live(versions);
  if (!now.length || now.some((v) => v.deleted)) return undefined;
  now.sort((a, b) => a.at - b.at || (a.window < b.window ? -1 : 1));
  return now.slice(1).reduce((acc, v) => merge(acc, v.value), now[0].value);
}

/** Files no reader needs: versions seen by another, versions that lost to a deletion, old tombstones left alone. */
export function replaced(versions: readonly Version[], now: number): Version[] {
  const current = live(versions);
  const deleted = current.some((v) => v.deleted);
  const out = versions.filter((v) => !current.includes(v) || (deleted && !v.deleted));
  if (deleted && current.every((v) => v.deleted && now - v.at > TOMBSTONE_KEEP_MS)) out.push(...current);
  return out;
}
