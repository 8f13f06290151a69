// Watches tracked jobs (copies, updated images, deletions: the kinds of core/jobKinds.ts) on the shared poll loop:
// one request per (profile, service, region, read) per interval, each group backing off on its own. It looks
// through the ImageApi with each kind's look (kinds.ts): production, tests and the bench run the same look.
//
// Several windows share one truth: every job is its own key in the job store (files shared by all
// windows), so a write touches only the job it changed, merged with what is stored now (never a whole-list
// overwrite that would undo another window's change). One window at a time polls (a lease in the job store,
// renewed while it polls and taken over by another window when it lapses); the others follow the stored jobs.
// An ending is notified by the window whose write ended the job: once, as long as one window polls at a time
// (two windows that both took a lapsed lease in the same moment may both see it until one yields).
// A copy's pending tags are applied by trackerTags.ts; what resume tidies in the store first is in trackerResume.ts.

import {
  advance,
  afterTagAttempt,
  destinationOf,
  expired,
  isInFlight,
  kindOf,
  lookFailed,
  mergeJob,
  pollGroupKey,
  pollGroups,
  type CopyJob,
  type Observation,
  type PollGroup,
} from '../core/copyJobs';
import { parseJob } from '../core/storedJob';
import { realClock, type Clock, type PollSource, type PollTask } from '../core/pollLoop';
import type { ImageApi } from '../aws/images';
import { LOOKS } from './kinds';
import { JobRunner, type RunnerDeps } from './runner';
import { tidyStored } from './trackerResume';
import { tagApplier, tagOnPoll, type ApplyTags } from './trackerTags';
import { sameImage, type ImageRef } from '../core/imageRef';

export type { JobStore } from './store';
export { TASK_DEADLINE_MS } from './runner';

export interface TrackerDeps extends RunnerDeps {
  /** The key itself held the whole list in version 0.1 (migrated on resume). */
  storeKey: string;
  /** A profile's image API: each kind's look (kinds.ts) and a copy's pending tags go through it. */
  api?(profile: string): ImageApi;
  /**
   * Throws when the profile cannot be used any more (production: Scope.checkProfile, the files no longer name
   * it), before a look sends anything for it: the jobs then say so instead of trying the SDK's chain.
   */
  checkProfile?(profile: string): Promise<void>;
  /**
   * Only for a look the local endpoint cannot produce (tests): replaces the kinds' looks. One request per call;
   * missing IDs are absent from the map. `signal` aborts when the poll passes the loop's deadline.
   */
  look?(group: PollGroup, signal?: AbortSignal): Promise<Map<string, Observation>>;
  /** The profile that stored jobs without one belong to (they were started before jobs recorded it). */
  defaultProfile(): string;
  /** Only for tags the endpoint cannot refuse as a test needs: replaces applying them through `api`. */
  applyTags?(job: CopyJob, arn: string, signal?: AbortSignal): Promise<void>;
  onChange?(jobs: readonly CopyJob[]): void;
  onFinished?(job: CopyJob): void;
  /** Stored entries that could not be read and were dropped. */
  onDropped?(count: number): void;
}

export class CopyTracker implements PollSource {
  private jobs: CopyJob[] = [];
  private readonly shared: JobRunner;
  private registration: { dispose(): void } | undefined;
  private watching = false;

  constructor(private readonly deps: TrackerDeps) {
    if (!deps.api && !deps.look) throw new Error('CopyTracker needs an ImageApi (api) or a look');
    this.shared = new JobRunner(deps);
  }

  /** One request's look at a group: the profile checked first, then the group's read through its ImageApi. */
  private async look(group: PollGroup, signal?: AbortSignal): Promise<Map<string, Observation>> {
    await this.deps.checkProfile?.(group.profile);
    return this.deps.look
      ? this.deps.look(group, signal)
      : LOOKS[group.read](this.deps.api!(group.profile), group, signal);
  }

  /** Applies a job's pending tags (trackerTags.ts); absent: tags are not applied. */
  private get applyTags(): ApplyTags | undefined {
    return tagApplier(this.deps);
  }

  /** Loads persisted jobs (after a reload), forgets those finished over a day ago, and resumes watching. */
  resume(): void {
    tidyStored(this.shared, this.deps, (job) => this.write(job));
    this.sync();
    this.deps.onChange?.(this.jobs);
    this.registration ??= this.shared.loop.add(this);
  }

  all(): readonly CopyJob[] {
    return this.sync();
  }

  inFlight(): CopyJob[] {
    return this.sync().filter(isInFlight);
  }

  /** Something is in flight and the poll timer is set. */
  get active(): boolean {
    return this.shared.loop.active && this.jobs.some(isInFlight);
  }

  /**
   * Reads the stored jobs again (another window may have started or ended copies) and watches what is in
   * flight. Called when this window gains focus or shows the view: an idle window keeps no timer, so it would
   * not otherwise look.
   */
  refresh(): void {
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    this.shared.loop.kick();
  }

  /** An image job in flight follows this image (a builder's job, of the same name, does not). */
  follows(ref: ImageRef): boolean {
    return this.inFlight().some((j) => kindOf(j).read === 'images' && sameImage(destinationOf(j), ref));
  }

  add(job: CopyJob): void {
    // A new run of what an ended job followed (start a builder again, copy again to a name whose copy failed and
    // was deleted): it replaces that ending, which merging would otherwise keep.
    const key = this.shared.keyOf(job.id);
    const stored = parseJob(this.shared.store.get(key), this.deps.defaultProfile(), this.shared.clock.now());
    if (stored && !isInFlight(stored) && job.startedAt > stored.startedAt) this.shared.put(key, undefined);
    this.write(job);
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    this.shared.loop.kick();
  }

  clearFinished(): void {
    for (const j of this.sync()) if (!isInFlight(j)) this.shared.put(this.shared.keyOf(j.id), undefined);
    this.changed();
  }

  /** The user has seen how these copies ended: they no longer ask for attention. */
  acknowledge(jobs: readonly CopyJob[]): void {
    for (const j of jobs) if (!isInFlight(j) && !j.acknowledged) this.write({ ...j, acknowledged: true });
    this.changed();
  }

  /** Tries a copy's tags again (after they could not be applied); resolves to the failure, if any. */
  async retryTags(job: CopyJob): Promise<string | undefined> {
    const current = this.sync().find((j) => j.id === job.id) ?? job;
    const applyTags = this.applyTags;
    if (!current.pendingTags || !applyTags) return undefined;
    const group = {
      profile: current.profile,
      service: current.service,
      region: current.destRegion,
      read: kindOf(current).read,
      ids: [current.destId],
    };
    const [obs] = [...(await this.look(group)).values()];
    if (!obs?.arn) return 'The copy is no longer listed.';
    let error: string | undefined;
    try {
      await applyTags(current, obs.arn);
    } catch (e) {
      error = this.shared.describe(e, current.destRegion);
    }
    this.write(error ? { ...current, tagsFailed: error } : afterTagAttempt(current, undefined));
    this.changed();
    return error;
  }

  /** Looks again now at copies that could not be checked, whatever their backoff. */
  async retryChecks(): Promise<void> {
    for (const t of this.tasks()) this.shared.loop.resetGroup(t.key);
    await this.tick();
  }

  dispose(): void {
    this.registration?.dispose();
    this.registration = undefined;
    this.shared.dispose();
  }

  /**
   * One poll of every watched group now, from this window (it takes the lease: the user asked here). Also
   * what tests and the benchmark use to count requests.
   */
  tick(): Promise<void> {
    this.shared.lease.hold(true);
    return this.shared.loop.tick(this);
  }

  /**
   * While the view is shown, an idle window still reads the shared jobs every interval (no request to AWS), so
   * a copy another window starts shows here too; a window with the view closed looks when it gains focus.
   */
  setWatching(watching: boolean): void {
    this.watching = watching;
    this.refresh();
  }

  /** The poll loop's view: a task per (service, destination region) while this window holds the lease. */
  tasks(): PollTask[] {
    const flying = this.sync().filter(isInFlight);
    if (!flying.length) return this.watching ? [{ key: 'copies:follow', run: async () => this.changed() }] : [];
    if (!this.shared.lease.hold()) {
      // Another window polls: follow what it stores, without a request.
      return [{ key: 'copies:follow', run: async () => this.changed() }];
    }
    const seen = new Map<string, number>();
    const polls = pollGroups(flying).map((g): PollTask => {
      const base = pollGroupKey(g);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { key: n ? `${base}#${n}` : base, run: (signal) => this.poll(g, signal) };
    });
    return [...polls, { key: 'copies:lease', run: async () => void this.shared.lease.hold() }];
  }

  private async poll(group: PollGroup, signal?: AbortSignal): Promise<void> {
    this.shared.lease.hold();
    const mine = (): CopyJob[] =>
      this.sync().filter(
        (j) =>
          isInFlight(j) &&
          j.profile === group.profile &&
          j.service === group.service &&
          j.destRegion === group.region &&
          kindOf(j).read === group.read &&
          group.ids.includes(j.destId),
      );
    let seen: Map<string, Observation>;
    try {
      seen = await this.look(group, signal);
    } catch (e) {
      const now = this.shared.clock.now();
      // Aborted at the loop's deadline: the request's own error only says "aborted"; the deadline says why.
      const why = this.shared.describe(signal?.aborted ? signal.reason : e, group.region);
      for (const job of mine()) this.write(lookFailed(job, why, now));
      this.changed();
      throw e;
    }
    for (const job of mine()) {
      const obs = seen.get(job.destId);
      const why = (e: unknown): string => {
        const words = this.shared.describe(e, job.destRegion);
        this.deps.onError?.(e);
        return words;
      };
      const next = await tagOnPoll(advance(job, obs, this.shared.clock.now()), obs, this.applyTags, why, signal);
      if (this.write(next)) this.deps.onFinished?.(next);
    }
    this.changed();
  }

  /** Writes one job merged with what is stored now; true when this write is the one that ended it. */
  private write(job: CopyJob): boolean {
    const key = this.shared.keyOf(job.id);
    const stored = parseJob(this.shared.store.get(key), this.deps.defaultProfile(), this.shared.clock.now());
    const merged = mergeJob(stored, job);
    this.shared.put(key, merged);
    this.jobs = [...this.jobs.filter((j) => j.id !== merged.id), merged];
    return (!stored || isInFlight(stored)) && !isInFlight(merged);
  }

  /** The jobs as stored now (other windows' writes included), oldest first. */
  private sync(): CopyJob[] {
    const now = this.shared.clock.now();
    this.jobs = this.shared
      .keys()
      .map((k) => parseJob(this.shared.store.get(k), this.deps.defaultProfile(), this.shared.clock.now()))
      .filter((j): j is CopyJob => !!j && !expired(j, now))
      .sort((a, b) => a.startedAt - b.startedAt);
    return this.jobs;
  }

  private changed(): void {
    this.deps.onChange?.(this.sync());
  }

  /** Resolves when every write so far is stored (tests, and a window that is closing). */
  flushed(): Promise<void> {
    return this.shared.flushed();
  }
}

export { realClock, type Clock };
