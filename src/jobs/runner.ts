// What the copy tracker and the distributor have in common, so each holds only what it watches: its entries
// (one store key each, under `<storeKey>/`, written in order: see store.ts), the clock, the poll
// loop (the extension's shared one, or its own in unit tests and the bench), the lease that lets one window
// poll for all, and a failure in the user's words.
import { PollLoop, realClock, type Clock } from '../core/pollLoop';
import { PollLease } from './lease';
import { ordered, type JobStore, type OrderedStore } from './store';

/** A task that polls longer than this is abandoned (its request has its own, shorter deadline). */
export const TASK_DEADLINE_MS = 2 * 60_000;

export interface RunnerDeps {
  store: JobStore;
  /** Prefix of the entries' keys (the lease is `<storeKey>.lease`). */
  storeKey: string;
  intervalMs(): number;
  clock?: Clock;
  /** The loop shared with other watchers; without one a loop of its own is made (tests, bench). */
  loop?: PollLoop;
  /** Jitter of an own loop's backoff (tests make it exact). */
  random?(): number;
  /** Identifies this window in the lease. */
  windowId?: string;
  /** A failure in words, for what the user reads on an entry. */
  describe?(e: unknown, region: string): string;
  onError?(e: unknown): void;
}

export class JobRunner {
  readonly store: OrderedStore;
  readonly clock: Clock;
  readonly loop: PollLoop;
  readonly lease: PollLease;
  private readonly ownLoop: boolean;

  constructor(private readonly deps: RunnerDeps) {
    this.store = ordered(deps.store, (e) => deps.onError?.(e));
    this.clock = deps.clock ?? realClock;
    this.ownLoop = !deps.loop;
    this.loop =
      deps.loop ??
      new PollLoop({
        clock: this.clock,
        intervalMs: deps.intervalMs,
        taskDeadlineMs: TASK_DEADLINE_MS,
        random: deps.random,
        onTaskError: (_k, e) => deps.onError?.(e),
      });
    const windowId = deps.windowId ?? Math.random().toString(36).slice(2);
    this.lease = new PollLease(this.store, `${deps.storeKey}.lease`, windowId, this.clock, deps.intervalMs);
  }

  keyOf(id: string): string {
    return `${this.deps.storeKey}/${id}`;
  }

  /** The entries' keys as stored now, other windows' writes included. */
  keys(): string[] {
    const prefix = this.keyOf('');
    return this.store.keys().filter((k) => k.startsWith(prefix));
  }

  /** Writes in order (see store.ts); a failed write (a closing window) is reported, never thrown into a poll. */
  put(key: string, value: unknown): void {
    void this.store.update(key, value);
  }

  /** Resolves when every write so far is stored (tests, and a window that is closing). */
  flushed(): Promise<void> {
    return this.store.flushed();
  }

  describe(e: unknown, region: string): string {
    return this.deps.describe?.(e, region) ?? ((e as Error)?.message || String(e));
  }

  /** The runner stops: its own loop with it, and the lease goes to another window at once. */
  dispose(): void {
    if (this.ownLoop) this.loop.dispose();
    this.lease.release();
  }
}
