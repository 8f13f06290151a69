// Where the tracker, the distributor and their leases keep entries: the JobStore they read and write, one window's
// writes in order (SerialStore), the merge of each kind of entry, and the move out of global state.
//
// Global state could not hold them: it is one value per extension that VS Code replaces whole whenever storage
// reports a change (its own writes echoed back, or another window's), so another window's write could drop a job
// (see fileStore.ts, which keeps each window's versions apart). SerialStore remains for one window's own order:
// updates go out one at a time, and until stored, reads see them (an overlay), so this window never reads its own
// write as missing.
import { mergeJob, type CopyJob } from '../core/copyJobs';
import { parseDistribution } from '../core/distribution';
import { mergeDistribution } from '../core/distributionMerge';
import type { FileJobStore, MergeRule } from './fileStore';

export interface JobStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
}

/** A store that writes in order and reads its own writes at once. */
export interface OrderedStore extends JobStore {
  update(key: string, value: unknown): Promise<void>;
  /** Resolves when every write so far is stored. */
  flushed(): Promise<void>;
}

/**
 * The store as the tracker and the distributor write it: as it is when it orders its own writes (the file store,
 * whose versions record what their window had read: an overlay on top would hide what it read, and a write
 * computed from the overlay would replace another window's ending), else through a SerialStore.
 */
export function ordered(store: JobStore, onError: (e: unknown) => void): OrderedStore {
  const s = store as Partial<OrderedStore>;
  return typeof s.flushed === 'function' ? (store as OrderedStore) : new SerialStore(store, onError);
}

export class SerialStore implements OrderedStore {
  private readonly pending = new Map<string, unknown>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private readonly onError: (e: unknown) => void,
  ) {}

  get<T>(key: string): T | undefined {
    return (this.pending.has(key) ? this.pending.get(key) : this.store.get(key)) as T | undefined;
  }

  keys(): readonly string[] {
    const keys = new Set(this.store.keys());
    for (const [k, v] of this.pending) {
      if (v === undefined) keys.delete(k);
      else keys.add(k);
    }
    return [...keys];
  }

  update(key: string, value: unknown): Promise<void> {
    this.pending.set(key, value);
    this.chain = this.chain
      .then(() => this.store.update(key, value))
      .then(
        () => {
          if (this.pending.get(key) === value) this.pending.delete(key);
        },
        (e: unknown) => {
          if (this.pending.get(key) === value) this.pending.delete(key);
          this.onError(e);
        },
      );
    return this.chain;
  }

  /** Resolves when every update so far is stored. */
  flushed(): Promise<void> {
    return this.chain;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * How concurrent versions of an entry merge: a copy keeps its ending (mergeJob), a distribution each destination's
 * furthest state (mergeDistribution); anything else (the leases, 0.1's list) keeps the latest write.
 */
export function entryMerges(copiesKey: string, distributionsKey: string): MergeRule[] {
  return [
    {
      prefix: `${copiesKey}/`,
      merge: (older, newer) =>
        isRecord(older) && isRecord(newer) ? mergeJob(older as unknown as CopyJob, newer as unknown as CopyJob) : newer,
    },
    {
      prefix: `${distributionsKey}/`,
      merge: (older, newer) => {
        const a = parseDistribution(older);
        const b = parseDistribution(newer);
        return a && b ? mergeDistribution(a, b) : b ? newer : a ? older : newer;
      },
    },
  ];
}

/**
 * Moves what earlier versions kept in global state under these prefixes (0.1's list of copies under the key
 * itself, one key per job or distribution `<prefix>/<id>`, the leases `<prefix>.lease`) into the file store,
 * merged under what it holds, then removes it from global state. The store has it at once (the tracker's own
 * 0.1 migration reads it there); the promise settles once global state is cleared.
 */
export function moveFromGlobalState(
  from: JobStore,
  to: FileJobStore,
  prefixes: readonly string[],
): { moved: number; done: Promise<void> } {
  const keys = from
    .keys()
    .filter((k) => prefixes.some((p) => k === p || k.startsWith(`${p}/`) || k.startsWith(`${p}.`)));
  for (const k of keys) void to.adopt(k, from.get(k));
  const done = (async () => {
    await to.flushed();
    // Only what reached the disk leaves global state: a folder that cannot be written loses nothing (next start).
    for (const k of keys) if (to.onDisk(k)) await from.update(k, undefined);
  })();
  return { moved: keys.length, done };
}
