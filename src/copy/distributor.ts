// Runs distributions (core/distribution.ts) on the shared poll loop: one task per (profile, service,
// destination region) with a destination under way. A task looks once at the region's copies (one
// DescribeImages, or DescribeWorkspaceImages by ID; a WorkSpaces copy whose answer was lost is looked for by name
// in the owned list), then requests what the state machine says comes next there:
// tags, shares, and copies while the region has a free copy slot (AppStream's quota). Groups back off on their own, so one failing region never slows another.
//
// Every step is written as requested before it is sent, and its answer is written when it comes: a window that
// closes mid-request leaves the marker, and the next runner looks at what AWS did (the copy listed in the
// destination, the account's permissions, the image's tags) instead of sending the step again.
//
// Distributions live in global state, one key each, written through a SerialStore; each write reads the
// distribution as stored now and changes one destination, so tasks of different regions never undo each other.
// One window runs distributions at a time (the lease of shared.ts, as for the copy tracker); the others follow.

import type { ImageRecord } from '../core/image';
import type { ImageRef } from '../core/imageRef';
import {
  copiesToStart, copyMustWait, copyQuota, copyStarted, expired, groupKey, groups, isFinished, nameHeld, needsAttention, nextFor, notDone, observed,
  parseDistribution, requested, retryStep, settle, sharedWith, stepFailed, taggedDone, withDestination,
  type Destination, type Distribution, type Group, type Step,
} from '../core/distribution';
import { realClock, type Clock, type PollSource, type PollTask } from '../core/pollLoop';
import { stateReason } from '../core/present';
import { sameUse } from '../core/sharing';
import { isQuotaRefusal, LostAnswerError } from '../aws/errors';
import type { Found, ImageApi, Wanted } from '../aws/images';
import { SharedEntries, type SharedDeps } from './shared';

export interface DistributorDeps extends SharedDeps {
  api(profile: string): ImageApi;
  /** AppStream copies in flight per destination region (AWS's quota; the default is AWS's default). */
  quota?: number;
  onChange?(all: readonly Distribution[]): void;
  /** A destination reached a new phase, or failed (lists to refresh). */
  onDestination?(d: Distribution, dest: Destination): void;
  /** Every destination is done or failed: notified once, by the window whose write finished it. */
  onFinished?(d: Distribution): void;
}

export class Distributor implements PollSource {
  private readonly shared: SharedEntries;
  private registration: { dispose(): void } | undefined;
  /** Steps this runner has sent and awaits the answer of: their markers are not someone else's to settle. */
  private readonly sending = new Set<string>();

  constructor(private readonly deps: DistributorDeps) {
    this.shared = new SharedEntries(deps);
  }

  /** Loads stored distributions (after a reload), forgets those finished long ago, and carries on. */
  resume(): void {
    const now = this.shared.clock.now();
    for (const key of this.shared.keys()) {
      const d = parseDistribution(this.shared.store.get(key));
      if (!d || key !== this.shared.keyOf(d.id) || expired(d, now)) this.shared.put(key, undefined);
    }
    this.changed();
    this.registration ??= this.shared.loop.add(this);
  }

  all(): Distribution[] {
    const now = this.shared.clock.now();
    return this.shared.keys().map((k) => parseDistribution(this.shared.store.get(k))).filter((d): d is Distribution => !!d && !expired(d, now))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  get(id: string): Distribution | undefined {
    return parseDistribution(this.shared.store.get(this.shared.keyOf(id)));
  }

  /** Starts a distribution: the first copies and the source region's steps go out now. */
  start(d: Distribution): Promise<void> {
    const now = this.shared.clock.now();
    this.shared.put(this.shared.keyOf(d.id), { ...d, destinations: d.destinations.map((x) => settle(d, x, now)) });
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    return this.tick();
  }

  /**
   * Retry Step: the failed step of one destination is tried again now; other regions are not touched. A copy is
   * retried only if no image holds its name in the region (a failed copy AWS still lists, an older image): AWS
   * would refuse it. Then nothing is sent, and the answer is that image's ID (to delete or rename first).
   */
  async retry(id: string, region: string): Promise<{ nameHeldBy?: string }> {
    const cur = this.destOf(id, region);
    if (!cur) return {};
    if (cur.dest.failed?.step === 'copy') {
      // By the ID it failed with (that image may still be there), else by name (any other image now holding it).
      const api = this.deps.api(cur.d.profile);
      const lookFor = async (w: Wanted): Promise<Found | undefined> => [...(await api.find(cur.d.service, region, [w])).values()][0];
      const { imageId } = cur.dest.failed;
      const holder = (imageId ? await lookFor({ id: imageId, name: cur.d.name, since: 0 }) : undefined) ?? await lookFor({ name: cur.d.name, since: 0 });
      if (holder) return { nameHeldBy: holder.record.id };
    }
    this.patch(id, region, retryStep);
    this.shared.loop.resetGroup(groupKey({ profile: cur.d.profile, service: cur.d.service, region }));
    this.changed();
    this.registration ??= this.shared.loop.add(this);
    await this.tick();
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
      if (cur && isFinished(cur) && needsAttention(cur)) this.shared.put(this.shared.keyOf(cur.id), { ...cur, acknowledged: true });
    }
    this.changed();
  }

  /** One round of every group now, from this window (tests, the benchmark, and a user who asked here). */
  tick(): Promise<void> {
    this.shared.lease.hold(true);
    return this.shared.loop.tick(this);
  }

  get active(): boolean {
    return this.shared.loop.active && this.all().some((d) => !isFinished(d));
  }

  dispose(): void {
    this.registration?.dispose();
    this.registration = undefined;
    this.shared.dispose();
  }

  flushed(): Promise<void> {
    return this.shared.flushed();
  }

  tasks(): PollTask[] {
    const under = this.all().filter((d) => !isFinished(d));
    if (!under.length) return [];
    if (!this.shared.lease.hold()) return [{ key: 'distributions:follow', run: async () => this.changed() }];
    return [...groups(under).map((g): PollTask => ({ key: groupKey(g), run: () => this.runGroup(g) })),
      { key: 'distributions:lease', run: async () => void this.shared.lease.hold() }];
  }

  /** One round in one destination region: one look, then every step that may go out now. */
  private async runGroup(g: Group): Promise<void> {
    this.shared.lease.hold();
    await this.look(g);
    for (const d of this.inGroup(g)) await this.steps(d.id, g.region);
    for (const { id } of copiesToStart(this.all(), g, copyQuota(g.service, this.deps.quota))) {
      // A full quota refuses the next copy too: the others wait for the next round.
      if (await this.copy(id, g.region) === 'quota-full') break;
    }
    this.changed();
  }

  private inGroup(g: Group): Distribution[] {
    return this.all().filter((d) => d.profile === g.profile && d.service === g.service && d.destinations.some((x) => x.region === g.region));
  }

  private destOf(id: string, region: string): { d: Distribution; dest: Destination } | undefined {
    const d = this.get(id);
    const dest = d?.destinations.find((x) => x.region === region);
    return d && dest ? { d, dest } : undefined;
  }

  private mark(id: string, region: string): string {
    return `${id}|${region}`;
  }

  /** The region's copies (and copies requested by a window that closed before the answer), in one look. */
  private async look(g: Group): Promise<void> {
    const watched = this.inGroup(g).flatMap((d) => d.destinations.filter((x) => x.region === g.region
      && nextFor(d, x, this.sending.has(this.mark(d.id, g.region)))?.kind === 'look')
      // Nothing this distribution requested can be older than the distribution.
      .map((x): { d: Distribution; want: Wanted } => ({ d, want: { id: x.imageId, name: d.name, since: x.requestedAt || d.startedAt } })));
    if (!watched.length) return;
    let seen: Map<Wanted, Found>;
    try {
      seen = await this.deps.api(g.profile).find(g.service, g.region, watched.map((w) => w.want));
    } catch (e) {
      this.changed();
      throw e; // this group backs off; the others go on
    }
    const now = this.shared.clock.now();
    for (const w of watched) {
      const f = seen.get(w.want);
      const obs = f && { id: f.record.id, older: f.older, state: f.record.state, reason: stateReason(f.record), arn: f.record.arn };
      this.patch(w.d.id, g.region, (x) => observed(x, obs, now, w.d.name));
    }
  }

  /** Tags and shares of one destination, one after the other, while the state machine has one to send. */
  private async steps(id: string, region: string): Promise<void> {
    for (;;) {
      const cur = this.destOf(id, region);
      if (!cur) return;
      const next = nextFor(cur.d, cur.dest, this.sending.has(this.mark(id, region)));
      if (next?.kind === 'tag') await this.send(cur.d, region, 'tag', () => this.applyTags(cur.d, cur.dest));
      else if (next?.kind === 'share') await this.send(cur.d, region, `share:${next.account}`, () => this.deps.api(cur.d.profile).share(this.ref(cur.d, cur.dest), next.account, cur.d.use));
      else if (next?.kind === 'reconcile') await this.reconcile(cur.d, cur.dest, next.step);
      else return;
      const after = this.destOf(id, region);
      // Stop at a failure or a lost answer: the next round looks again.
      if (!after || after.dest.failed || after.dest.requested) return;
    }
  }

  /** Sends one tag or share step, recorded as requested first. */
  private async send(d: Distribution, region: string, step: Step, call: () => Promise<void>): Promise<void> {
    const m = this.mark(d.id, region);
    this.patch(d.id, region, (x) => requested(x, step, this.shared.clock.now()));
    this.sending.add(m);
    try {
      await call();
      this.patch(d.id, region, (x) => (step === 'tag' ? taggedDone(x) : sharedWith(d, x, step.slice('share:'.length), this.shared.clock.now())));
    } catch (e) {
      this.afterError(d, region, step, e);
    } finally {
      this.sending.delete(m);
    }
  }

  private async copy(id: string, region: string): Promise<'quota-full' | undefined> {
    const cur = this.destOf(id, region);
    if (!cur || cur.dest.phase !== 'queued' || cur.dest.failed) return undefined;
    const { d } = cur;
    const m = this.mark(id, region);
    const startedAt = this.shared.clock.now();
    this.patch(id, region, (x) => requested(x, 'copy', startedAt));
    this.sending.add(m);
    try {
      const started = await this.deps.api(d.profile).copy({
        source: this.sourceRecord(d), destRegion: region, name: d.name, tags: d.tags, startedAt,
      });
      this.patch(id, region, (x) => copyStarted(x, started.id, this.shared.clock.now()));
    } catch (e) {
      if (!isQuotaRefusal(e)) {
        this.afterError(d, region, 'copy', e);
        return undefined;
      }
      this.patch(id, region, (x) => copyMustWait(x, this.shared.describe(e, region)));
      return 'quota-full';
    } finally {
      this.sending.delete(m);
    }
    return undefined;
  }

  /**
   * A lost answer AWS did not act on may be sent again (next round), unless an older image holds the copy's
   * name (AWS would refuse it: the step fails, naming it); one whose outcome is unknown keeps its marker and is
   * looked at next round; a refusal stops the destination at that step with AWS's reason.
   */
  private afterError(d: Distribution, region: string, step: Step, e: unknown): void {
    if (e instanceof LostAnswerError) {
      if (e.nameHeldBy) this.patch(d.id, region, (x) => nameHeld(x, d.name, e.nameHeldBy, this.shared.clock.now()));
      else if (e.outcome === 'not-done') this.patch(d.id, region, notDone);
      this.deps.onError?.(e);
      return;
    }
    const why = this.shared.describe(e, region);
    this.patch(d.id, region, (x) => stepFailed(x, step, why, this.shared.clock.now()));
  }

  /** A tag or share marker left by a window that closed before the answer: read back what AWS has. */
  private async reconcile(d: Distribution, dest: Destination, step: Step): Promise<void> {
    const api = this.deps.api(d.profile);
    let done: boolean;
    if (step === 'tag') {
      const tags = await api.tags(this.record(d, dest));
      done = Object.entries(d.tags).every(([k, v]) => tags[k] === v);
    } else {
      const account = step.slice('share:'.length);
      const found = (await api.sharedAccounts(this.ref(d, dest))).find((a) => a.accountId === account);
      done = !!found && (d.service !== 'appstream' || sameUse(found.use, d.use));
    }
    const now = this.shared.clock.now();
    this.patch(d.id, dest.region, (x) => (!done ? notDone(x) : step === 'tag' ? taggedDone(x) : sharedWith(d, x, step.slice('share:'.length), now)));
  }

  private applyTags(d: Distribution, dest: Destination): Promise<void> {
    if (!dest.arn) return Promise.reject(new Error(`The image in ${dest.region} has no ARN to tag yet.`));
    return this.deps.api(d.profile).applyTags({ service: d.service, region: dest.region, arn: dest.arn }, d.tags);
  }

  private ref(d: Distribution, dest: Destination): ImageRef {
    return { profile: d.profile, service: d.service, region: dest.region, id: dest.imageId ?? d.name };
  }

  /** What ImageApi needs of an image it acts on: identity, name, ARN. */
  private record(d: Distribution, dest: Destination): ImageRecord {
    return { ...this.ref(d, dest), name: d.name, arn: dest.arn, state: 'AVAILABLE', ownership: 'owned', applications: [], reasons: [], raw: {} };
  }

  private sourceRecord(d: Distribution): ImageRecord {
    return {
      profile: d.profile, service: d.service, region: d.sourceRegion, id: d.sourceId, name: d.sourceName, arn: d.sourceArn,
      state: 'AVAILABLE', ownership: 'owned', applications: [], reasons: [], raw: {},
    };
  }

  /** Changes one destination of the distribution as stored now (a synchronous read-modify-write). */
  private patch(id: string, region: string, f: (x: Destination) => Destination): void {
    const before = this.get(id);
    if (!before) return;
    const after = withDestination(before, region, f, this.shared.clock.now());
    this.shared.put(this.shared.keyOf(after.id), after);
    const was = before.destinations.find((x) => x.region === region)!;
    const now = after.destinations.find((x) => x.region === region)!;
    if (was.phase !== now.phase || !!was.failed !== !!now.failed) this.deps.onDestination?.(after, now);
    if (!isFinished(before) && isFinished(after)) this.deps.onFinished?.(after);
  }

  private changed(): void {
    this.deps.onChange?.(this.all());
  }
}

export { realClock, type Clock };
