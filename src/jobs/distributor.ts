// Runs distributions (core/distribution.ts) on the shared poll loop: one task per (profile, service,
// destination region) with a destination under way. A task looks once at the region's copies (one
// DescribeImages, or DescribeWorkspaceImages by ID; a WorkSpaces copy whose answer was lost is looked for by name
// in the owned list), then requests what the state machine says comes next there (sent by distributionSteps.ts):
// tags, shares, and copies while the region has a free copy slot (AppStream's quota). Groups back off on their
// own, so one failing region never slows another.
//
// Every step is written as requested before it is sent, and its answer is written when it comes: a window that
// closes mid-request leaves the marker, and the next runner looks at what AWS did (the copy listed in the
// destination, the account's permissions, the image's tags) instead of sending the step again.
//
// Distributions live in the job store (fileStore.ts), one key each; each write reads the distribution as stored
// now and changes one destination, so tasks of different regions never undo each other, and versions two windows
// wrote without seeing each other are merged (core/distributionMerge.ts).
// One window runs distributions at a time (the lease of runner.ts, as for the copy tracker); the others follow.
// A window acts only on what is its own: the window that polls on every distribution, and any window on the one
// it starts or retries (start, retry), which it holds for a while (core: heldElsewhere). A marker names the
// window that set it, and another window leaves it alone while that window lives (core: othersInFlight).
//
// Why a runner of its own on the same loop, not a job kind of the tracker: a tracker job only watches one resource
// to its end (one look per group, the state read by its kind); a distribution sends a chain of steps per region
// (copy, tag, share), each marked before it is sent and reconciled after a lost answer, holds copy slots shared
// across distributions (AppStream's quota), merges per destination between windows and ends once over many regions.
// A kind table able to say that would make every watching kind carry steps, markers and quotas. What they do share
// is shared: the runner (store, lease, loop), and core/jobs.ts (what a look observed, grace, keep, attention,
// the stored-form checks). A resource started by one request and then watched (a builder start, an import) is a
// tracker kind; a workflow of several requests (a fleet's image roll-out) would be a runner like this one.

import {
  cannotGoOn,
  copiesToStart,
  copyQuota,
  expired,
  groupKey,
  groups,
  heldElsewhere,
  isFinished,
  needsAttention,
  nextFor,
  observed,
  parseDistribution,
  retryStep,
  settle,
  type Distribution,
  type Group,
} from '../core/distribution';
import { realClock, type Clock, type PollSource, type PollTask } from '../core/pollLoop';
import { stateReason } from '../core/present';
import type { Found, Wanted } from '../aws/images';
import { nameHolder, profileProblem } from './distributionCalls';
import type { DistributorDeps } from './distributionRecords';
import { DistributionSteps } from './distributionSteps';

export type { DistributorDeps };

export class Distributor extends DistributionSteps implements PollSource {
  private registration: { dispose(): void } | undefined;

  /** Loads stored distributions (after a reload), forgets those finished long ago and damaged ones (logged), and carries on. */
  resume(): void {
    const now = this.shared.clock.now();
    let damaged = 0;
    for (const key of this.shared.keys()) {
      const d = parseDistribution(this.shared.store.get(key), now);
      if (!d || key !== this.shared.keyOf(d.id)) damaged++;
      if (!d || key !== this.shared.keyOf(d.id) || expired(d, now)) this.shared.put(key, undefined);
    }
    if (damaged) {
      this.deps.onError?.(
        new Error(
          `${damaged} stored ${damaged === 1 ? 'distribution' : 'distributions'} could not be read and ${damaged === 1 ? 'was' : 'were'} dropped`,
        ),
      );
    }
    this.changed();
    this.registration ??= this.shared.loop.add(this);
  }

  /**
   * Starts a distribution: its first copies and the source region's steps go out now, from this window, which
   * holds it meanwhile (the polling window, if another, leaves it alone); nothing of any other distribution is sent.
   */
  start(d: Distribution): Promise<void> {
    const now = this.shared.clock.now();
    this.shared.put(this.shared.keyOf(d.id), {
      ...d,
      destinations: d.destinations.map((x) => settle(d, x, now)),
      heldBy: this.me,
      heldAt: now,
    });
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    return this.runOwn(d.id);
  }

  /**
   * Retry Step: the failed step of one destination is tried again now; other regions are not touched. A copy is
   * retried only if no image holds its name in the region (a failed copy AWS still lists, an older image): AWS
   * would refuse it. Then nothing is sent, and the answer is that image's ID (to delete or rename first).
   */
  async retry(id: string, region: string): Promise<{ nameHeldBy?: string }> {
    const cur = this.destOf(id, region);
    if (!cur?.dest.failed && !cur?.dest.tagsFailed) return {};
    // A copy that failed and went back to the queue; one stopped under way (its profile was gone) is looked at again.
    if (cur.dest.failed?.step === 'copy' && cur.dest.phase === 'queued' && !cur.dest.requested) {
      const holder = await nameHolder(this.deps.api(cur.d.profile), cur.d, region, cur.dest.failed.imageId);
      if (holder) return { nameHeldBy: holder };
    }
    // One write: between a retry and a separate hold, the polling window could take the step up too.
    this.patch(id, region, retryStep, { heldBy: this.me, heldAt: this.shared.clock.now() });
    this.shared.loop.resetGroup(groupKey({ profile: cur.d.profile, service: cur.d.service, region }));
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    await this.runOwn(id, region);
    return {};
  }

  clearFinished(): void {
    for (const d of this.all()) if (isFinished(d)) this.shared.put(this.shared.keyOf(d.id), undefined);
    this.changed();
  }

  /** The user has seen how these ended: they no longer ask for attention. */
  acknowledge(ds: readonly Distribution[]): void {
    for (const d of ds) {
      const cur = this.get(d.id);
      if (cur && isFinished(cur) && needsAttention(cur)) {
        this.shared.put(this.shared.keyOf(cur.id), { ...cur, acknowledged: true });
      }
    }
    this.changed();
  }

  /**
   * One round of every group now if this window polls (or may: no live window does), else a look at what the
   * polling window wrote (tests, the benchmark). Never by force: another window's steps are its own.
   */
  tick(): Promise<void> {
    return this.shared.loop.tick(this);
  }

  get active(): boolean {
    return this.shared.loop.active && this.all().some((d) => !isFinished(d));
  }

  dispose(): void {
    this.registration?.dispose();
    this.registration = undefined;
    // The window closes: what it held is the polling window's at once.
    for (const d of this.all()) {
      if (d.heldBy === this.me) {
        this.shared.put(this.shared.keyOf(d.id), { ...d, heldBy: undefined, heldAt: undefined });
      }
    }
    this.shared.dispose();
  }

  flushed(): Promise<void> {
    return this.shared.flushed();
  }

  tasks(): PollTask[] {
    const under = this.all().filter((d) => !isFinished(d));
    if (!under.length) return [];
    if (!this.shared.lease.hold()) return [{ key: 'distributions:follow', run: async () => this.changed() }];
    return [
      ...groups(under).map((g): PollTask => ({ key: groupKey(g), run: (signal) => this.runGroup(g, signal) })),
      { key: 'distributions:lease', run: async () => void this.shared.lease.hold() },
    ];
  }

  /** This window's own round of one distribution (start, retry): its regions (or one), nothing of any other. */
  private async runOwn(id: string, region?: string): Promise<void> {
    const d = this.get(id);
    const gs = d ? groups([d]).filter((g) => !region || g.region === region) : [];
    // A failure is logged; the polling window's rounds go on with the rest.
    await Promise.all(gs.map((g) => this.runGroup(g, undefined, id).catch((e: unknown) => this.deps.onError?.(e))));
    this.changed();
  }

  /**
   * One round in one destination region: one look, then every step that may go out now, of the distributions
   * this window may act on (`only`: just that one); copies oldest first within the region's free slots.
   */
  private async runGroup(g: Group, signal?: AbortSignal, only?: string): Promise<void> {
    this.shared.lease.hold();
    try {
      await this.look(g, signal, only);
    } catch (e) {
      const problem = await (this.deps.profileProblem ?? profileProblem)(g.profile);
      if (!problem) throw e;
      this.stop(g, problem, only);
      return;
    }
    // A run the loop aborted (past its deadline) sends nothing more: its group's next round carries on.
    for (const d of this.inGroup(g, only)) if (!signal?.aborted) await this.steps(d.id, g.region, signal);
    const mine = new Set(this.inGroup(g, only).map((d) => d.id));
    for (const { id } of copiesToStart(this.all(), g, copyQuota(g.service, this.deps.quota))) {
      if (!mine.has(id) || signal?.aborted) continue;
      // A full quota refuses the next copy too: the others wait for the next round.
      if ((await this.copy(id, g.region)) === 'quota-full') break;
    }
    this.changed();
  }

  /**
   * The distributions of a group (`only`: just that one) that this window may send steps for, or (`looking`) look
   * at: a look sends nothing, and a marker another window awaits is not looked at (inFlight).
   */
  private inGroup(g: Group, only?: string, looking = false): Distribution[] {
    const now = this.shared.clock.now();
    const holder = this.shared.lease.holder();
    return this.all().filter(
      (d) =>
        d.profile === g.profile &&
        d.service === g.service &&
        d.destinations.some((x) => x.region === g.region) &&
        (only ? d.id === only : looking || !heldElsewhere(d, this.me, holder, now)),
    );
  }

  /** The profile cannot be used: the group's regions stop in words (needing attention), not polled for ever. */
  private stop(g: Group, reason: string, only?: string): void {
    const now = this.shared.clock.now();
    for (const d of this.inGroup(g, only)) {
      this.patch(d.id, g.region, (x) => (this.inFlight(d.id, x) ? x : cannotGoOn(d, x, reason, now)));
    }
    this.changed();
  }

  /** The region's copies (and copies requested by a window that closed before the answer), in one look. */
  private async look(g: Group, signal?: AbortSignal, only?: string): Promise<void> {
    const watched = this.inGroup(g, only, true).flatMap((d) =>
      d.destinations
        .filter((x) => x.region === g.region && nextFor(d, x, this.inFlight(d.id, x))?.kind === 'look')
        // Nothing this distribution requested can be older than the distribution.
        .map((x): { d: Distribution; want: Wanted } => ({
          d,
          want: { id: x.imageId, name: d.name, since: x.requestedAt || d.startedAt },
        })),
    );
    if (!watched.length) return;
    let seen: Map<Wanted, Found>;
    try {
      seen = await this.deps.api(g.profile).find(
        g.service,
        g.region,
        watched.map((w) => w.want),
        signal,
      );
    } catch (e) {
      this.changed();
      throw e; // this group backs off; the others go on
    }
    const now = this.shared.clock.now();
    for (const w of watched) {
      const f = seen.get(w.want);
      const obs = f && {
        id: f.record.id,
        older: f.older,
        state: f.record.state,
        reason: stateReason(f.record),
        arn: f.record.arn,
      };
      this.patch(w.d.id, g.region, (x) => observed(x, obs, now, w.d.name));
    }
  }
}

export { realClock, type Clock };
