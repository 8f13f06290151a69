// Tracked jobs, distributions and their leases as files in the extension's global storage folder, shared by all
// windows. VS Code keeps an extension's global state as one value and replaces it whole when another window
// writes, so a job one window added could vanish. Here no write replaces another window's:
// - every write is a new file `<hash of key>.<window>.<time>.json` (the key is inside), written under a temporary
//   name and renamed, so a reader sees it whole or not at all, and a file never changes once it is there;
// - each version records which versions of its key its window knew (a version vector), so a write that saw another
//   replaces it, and versions written without seeing each other are merged by the key's merge (an ending kept);
// - a deletion is a version too (a tombstone): it hides what its window knew, and wins over a version written
//   without seeing it (a window's stale write never brings a deleted job back). Replaced files are removed.
// Other windows' writes are read when the folder changes: fs.watch (debounced) keeps the cache current and says so,
// and every read also compares the folder's modification time, since a watcher can miss events (macOS coalesces
// them, network and container mounts may send none) and a new or removed entry always changes that time. How the
// folder is read and watched is in fileFolder.ts.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { realClock, type Clock } from '../core/pollLoop';
import { folderStamp, mayHaveChanged, readVersion, statOf, watchFolder } from './fileFolder';
import {
  fileName,
  replaced,
  resolve,
  safeWindowId,
  serialize,
  vectorFor,
  type Merge,
  type Version,
} from './fileVersions';
import type { JobStore } from './store';

export { TOMBSTONE_KEEP_MS, type Merge } from './fileVersions';

/** Keys under `prefix` merge with `merge`; any other key keeps its latest write. */
export interface MergeRule {
  readonly prefix: string;
  readonly merge: Merge;
}

export interface FileStoreOptions {
  /** The extension's global storage folder (created when missing). */
  readonly dir: string;
  readonly windowId?: string;
  readonly merges?: readonly MergeRule[];
  /** Stamps versions and schedules writes (tests decide when a write reaches the disk). */
  readonly clock?: Clock;
  /** false: other windows' writes are read only by refresh() (tests model a watcher that is late). */
  readonly follow?: boolean;
  onError?(e: unknown): void;
}

const latest: Merge = (_older, newer) => newer;

export class FileJobStore implements JobStore {
  readonly windowId: string;
  private readonly dir: string;
  private readonly clock: Clock;
  /** Files on disk as last read (null: unreadable, skipped). */
  private readonly files = new Map<string, Version | null>();
  /** This window's writes not yet on disk, in order. */
  private queue: Version[] = [];
  private draining: Promise<void> | undefined;
  private scheduled = false;
  private collected = 0;
  private readonly removing = new Set<Promise<void>>();
  private idle: (() => void)[] = [];
  /** Temporary files seen: one left by a window that closed mid-write is removed once old. */
  private temporary: string[] = [];
  private last = 0;
  private folderStamp = '';
  private watching: { dispose(): void } | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: FileStoreOptions) {
    this.dir = opts.dir;
    this.clock = opts.clock ?? realClock;
    this.windowId = safeWindowId(opts.windowId ?? randomBytes(6).toString('hex'));
    try {
      fs.mkdirSync(this.dir, { recursive: true });
    } catch (e) {
      // Reported; reads find nothing and writes report their own failure, activation goes on.
      opts.onError?.(e);
    }
    this.refresh();
    if (opts.follow !== false) {
      const changed = (): void => {
        if (this.refresh()) this.emit();
      };
      this.watching = watchFolder(this.dir, this.clock, changed, opts.onError);
    }
  }

  get<T>(key: string): T | undefined {
    this.check();
    return resolve(this.versionsOf(key), this.mergeOf(key)) as T | undefined;
  }

  keys(): readonly string[] {
    this.check();
    const keys = new Set<string>();
    for (const v of this.all()) keys.add(v.key);
    return [...keys].filter((k) => resolve(this.versionsOf(k), this.mergeOf(k)) !== undefined);
  }

  /** Stores this window's version of the key (`undefined` deletes it); reads see it at once. */
  update(key: string, value: unknown): Promise<void> {
    const at = (this.last = Math.max(this.clock.now(), this.last + 1));
    const vc = vectorFor(this.versionsOf(key), this.windowId, at);
    const file = fileName(key, this.windowId, at);
    const stored = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    this.queue.push({
      file,
      key,
      window: this.windowId,
      at,
      vc,
      ...(stored === undefined ? { deleted: true as const } : { value: stored }),
    });
    this.schedule();
    return this.flushed();
  }

  /** A value from elsewhere (an older version's global state), merged under what is stored, never over a deletion. */
  adopt(key: string, value: unknown): Promise<void> {
    if (value === undefined || this.versionsOf(key).some((v) => v.deleted)) return Promise.resolve();
    const current = resolve(this.versionsOf(key), this.mergeOf(key));
    return this.update(key, current === undefined ? value : this.mergeOf(key)(value, current));
  }

  /** Resolves when every write and removal so far is done (or has failed and been reported). */
  async flushed(): Promise<void> {
    if (this.queue.length || this.draining) await new Promise<void>((r) => this.idle.push(r));
    while (this.removing.size) await Promise.all([...this.removing]);
  }

  /** Reads the folder again: other windows' new versions, and files removed since. True when something changed. */
  refresh(): boolean {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
      this.folderStamp = folderStamp(this.dir);
    } catch (e) {
      this.opts.onError?.(e);
      return false;
    }
    let changed = false;
    const present = new Set<string>();
    this.temporary = names.filter((n) => n.endsWith('.tmp'));
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      present.add(name);
      if (this.files.has(name)) continue;
      const v = readVersion(this.dir, name);
      if (v === undefined) continue;
      this.files.set(name, v);
      changed = true;
    }
    for (const name of [...this.files.keys()]) if (!present.has(name) && this.files.delete(name)) changed = true;
    // Tombstones age without a change: look at least hourly.
    if (changed || this.clock.now() - this.collected > 3_600_000) this.collect();
    return changed;
  }

  /** Called when another window's write is read (by the watcher or a read). */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.watching?.dispose();
    this.watching = undefined;
    this.listeners.clear();
  }

  /** Each version once: one being written may already have been read back from disk by a refresh. */
  private all(): Version[] {
    return [
      ...[...this.files.values()].filter((v): v is Version => !!v),
      ...this.queue.filter((v) => !this.files.has(v.file)),
    ];
  }

  /** Some version of the key (a deletion included) is on disk: a value moved in from elsewhere has landed. */
  onDisk(key: string): boolean {
    return [...this.files.values()].some((v) => v?.key === key);
  }

  private versionsOf(key: string): Version[] {
    return this.all().filter((v) => v.key === key);
  }

  private mergeOf(key: string): Merge {
    return this.opts.merges?.find((r) => key.startsWith(r.prefix))?.merge ?? latest;
  }

  /** Before a read: another window may have written since (a new or removed entry changes the folder's time). */
  private check(): void {
    if (this.opts.follow === false) return;
    if (mayHaveChanged(this.dir, this.folderStamp) && this.refresh()) this.emit();
  }

  /** Later, never inside the read that noticed the change (a listener reads the store again). */
  private emit(): void {
    if (this.listeners.size) {
      void Promise.resolve().then(() => {
        for (const l of [...this.listeners]) l();
      });
    }
  }

  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    this.clock.setTimeout(() => {
      this.scheduled = false;
      return this.drain();
    }, 0);
  }

  private drain(): Promise<void> {
    this.draining ??= (async () => {
      while (this.queue.length) {
        const v = this.queue[0];
        try {
          await this.write(v);
          this.files.set(v.file, v);
          // This window's older versions of the key are replaced by the one just written.
          for (const old of this.versionsOf(v.key)) {
            if (old.window === this.windowId && old.at < v.at && this.files.has(old.file)) this.remove(old.file);
          }
        } catch (e) {
          // The disk refused (full, removed): reported; the window's earlier version stays.
          this.opts.onError?.(e);
        }
        this.queue.shift();
      }
    })().finally(() => {
      this.draining = undefined;
      if (this.queue.length) {
        this.schedule();
        return;
      }
      for (const r of this.idle.splice(0)) r();
    });
    return this.draining;
  }

  private async write(v: Version): Promise<void> {
    const tmp = path.join(this.dir, `.${v.file}.${randomBytes(4).toString('hex')}.tmp`);
    await fs.promises.mkdir(this.dir, { recursive: true });
    try {
      await fs.promises.writeFile(tmp, serialize(v));
      await fs.promises.rename(tmp, path.join(this.dir, v.file));
    } catch (e) {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  /** Removes versions another on disk has seen, ones a deletion beat, and old lone tombstones (files never change). */
  private collect(): void {
    this.collected = this.clock.now();
    const byKey = new Map<string, Version[]>();
    for (const v of this.files.values()) if (v) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
    for (const versions of byKey.values()) for (const v of replaced(versions, this.collected)) this.remove(v.file);
    for (const name of this.temporary) {
      const s = statOf(path.join(this.dir, name));
      if (s && Date.now() - s.mtimeMs > 3_600_000) this.remove(name);
    }
  }

  private remove(file: string): void {
    this.files.delete(file);
    const done: Promise<void> = fs.promises
      .rm(path.join(this.dir, file), { force: true })
      .catch((e: unknown) => this.opts.onError?.(e))
      .finally(() => this.removing.delete(done));
    this.removing.add(done);
  }
}
