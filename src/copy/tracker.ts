// Watches tracked copies in their destination regions. Jobs live in the extension's global state, so a reload
// resumes them. The poll loop runs only while a copy is in flight: one request per (service, destination
// region) per tick, backing off on throttling and network errors and carrying on.

import {
  backoffDelay, expired, isInFlight, observe, pollGroups, type CopyJob, type Observation,
} from '../core/copyJobs';
import type { ServiceId } from '../core/regions';

export interface JobStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface TrackerDeps {
  store: JobStore;
  storeKey: string;
  /** Looks at destination images: one request per call. Missing IDs are absent from the map. */
  observe(service: ServiceId, region: string, ids: string[]): Promise<Map<string, Observation>>;
  /** Applies a job's pending tags to its destination (AppStream copies, once they exist). */
  applyTags?(job: CopyJob, arn: string): Promise<void>;
  intervalMs(): number;
  clock?: Clock;
  onChange?(jobs: readonly CopyJob[]): void;
  onFinished?(job: CopyJob): void;
  onError?(e: unknown): void;
}

export class CopyTracker {
  private jobs: CopyJob[] = [];
  private timer: unknown;
  private failures = 0;
  private polling: Promise<void> | undefined;
  private readonly clock: Clock;

  constructor(private readonly deps: TrackerDeps) {
    this.clock = deps.clock ?? realClock;
  }

  /** Loads persisted jobs (after a reload), forgets those finished over a day ago, and resumes polling. */
  resume(): void {
    const now = this.clock.now();
    const stored = this.deps.store.get<CopyJob[]>(this.deps.storeKey) ?? [];
    this.jobs = stored.filter((j) => !expired(j, now));
    // Activation only reads: global state is written again only when something was forgotten.
    if (this.jobs.length !== stored.length) void this.deps.store.update(this.deps.storeKey, this.jobs);
    this.deps.onChange?.(this.jobs);
    this.schedule();
  }

  all(): readonly CopyJob[] {
    return this.jobs;
  }

  inFlight(): CopyJob[] {
    return this.jobs.filter(isInFlight);
  }

  /** The poll timer is set: something is in flight. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  add(job: CopyJob): void {
    this.jobs = [...this.jobs.filter((j) => j.id !== job.id), job];
    this.changed();
    this.schedule();
  }

  clearFinished(): void {
    this.jobs = this.jobs.filter(isInFlight);
    this.changed();
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One poll round. Exposed so tests and the benchmark can count its requests without a timer. */
  tick(): Promise<void> {
    this.polling ??= this.poll().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async poll(): Promise<void> {
    let failed = false;
    for (const group of pollGroups(this.jobs)) {
      let seen: Map<string, Observation>;
      try {
        seen = await this.deps.observe(group.service, group.region, group.ids);
      } catch (e) {
        failed = true;
        this.deps.onError?.(e);
        continue;
      }
      const now = this.clock.now();
      for (const job of this.jobs.filter((j) => isInFlight(j) && j.service === group.service && j.destRegion === group.region && group.ids.includes(j.destId))) {
        const obs = seen.get(job.destId);
        let next = observe(job, obs, now);
        if (next.pendingTags && obs?.arn && this.deps.applyTags) {
          try {
            await this.deps.applyTags(next, obs.arn);
            next = { ...next, pendingTags: undefined };
          } catch (e) {
            this.deps.onError?.(e);
          }
        }
        this.replace(next);
        if (!isInFlight(next)) this.deps.onFinished?.(next);
      }
    }
    this.failures = failed ? this.failures + 1 : 0;
    this.changed();
  }

  private replace(job: CopyJob): void {
    this.jobs = this.jobs.map((j) => (j.id === job.id ? job : j));
  }

  private changed(): void {
    void this.deps.store.update(this.deps.storeKey, this.jobs);
    this.deps.onChange?.(this.jobs);
    if (!this.inFlight().length) this.dispose();
  }

  private schedule(): void {
    if (this.timer !== undefined || !this.inFlight().length) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.tick().finally(() => this.schedule());
    }, backoffDelay(this.deps.intervalMs(), this.failures));
  }
}
