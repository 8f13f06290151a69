// The storage folder as the file store (fileStore.ts) reads it: one version file, read whole and bounded, the
// folder's stamp that tells whether another window wrote since, and a debounced watch on it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../core/pollLoop';
import { parseVersion, type Version } from './fileVersions';

/** A larger file is skipped unread: a version is small, and a stray file must not be read into memory. */
const MAX_FILE_BYTES = 1 << 20;
/** One refresh for a burst of events (a write is a temporary file, a rename and a removal). */
const DEBOUNCE_MS = 50;
/** A folder modified this recently is read again on every read: some file systems keep its time in seconds. */
const COARSE_MTIME_MS = 2_000;

/** One version file (null: unreadable or too large, skipped; undefined: gone since the listing). */
export function readVersion(dir: string, name: string): Version | null | undefined {
  try {
    const file = path.join(dir, name);
    return fs.statSync(file).size > MAX_FILE_BYTES ? null : parseVersion(name, fs.readFileSync(file, 'utf8'));
  } catch (e) {
    // Removed by another window between the listing and the read: it was replaced.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
}

export function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** The folder's time and identity ('' when it cannot be read: the next read tries again). */
export function folderStamp(dir: string): string {
  const s = statOf(dir);
  return s ? `${s.mtimeMs}:${s.ino}` : '';
}

/**
 * Whether another window may have written since `stamp` was taken: a new or removed entry changes the folder's
 * time, and a time too recent to tell (kept in seconds) is taken as a change.
 */
export function mayHaveChanged(dir: string, stamp: string): boolean {
  const now = folderStamp(dir);
  return now !== stamp || Date.now() - Number(now.split(':')[0]) < COARSE_MTIME_MS;
}

/**
 * Calls `changed` after the folder's events settle. The watch stops at its first error (too many watches, a folder
 * on a network mount): reads still look at the folder's time (mayHaveChanged).
 */
export function watchFolder(
  dir: string,
  clock: Clock,
  changed: () => void,
  onError?: (e: unknown) => void,
): { dispose(): void } {
  let watcher: fs.FSWatcher | undefined;
  let debounce: unknown;
  try {
    watcher = fs.watch(dir, { persistent: false }, () => {
      if (debounce !== undefined) clock.clearTimeout(debounce);
      debounce = clock.setTimeout(() => {
        debounce = undefined;
        changed();
      }, DEBOUNCE_MS);
    });
    watcher.on('error', (e) => {
      onError?.(e);
      watcher?.close();
      watcher = undefined;
    });
  } catch (e) {
    onError?.(e);
  }
  return {
    dispose: () => {
      watcher?.close();
      watcher = undefined;
      if (debounce !== undefined) clock.clearTimeout(debounce);
    },
  };
}
