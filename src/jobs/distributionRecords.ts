// What the distributor (distributor.ts) keeps of distributions in the store shared by every window: reading them
// as stored now, changing one destination at a time (a synchronous read-modify-write, so tasks of different
// regions never undo each other), and what this window may touch: the markers it awaits, those another window
// that still lives awaits (core: othersInFlight), and the distributions it holds while it starts or retries them.
import type { Destination, Distribution, Step } from '../core/distribution';
import { expired, isFinished, othersInFlight, parseDistribution, withDestination } from '../core/distribution';
import type { ImageApi } from '../aws/images';
import { JobRunner, type RunnerDeps } from './runner';

export interface DistributorDeps extends RunnerDeps {
  api(profile: string): ImageApi;
  /** AppStream copies in flight per destination region (AWS's quota; the default is AWS's default). */
  quota?: number;
  onChange?(all: readonly Distribution[]): void;
  /** A destination reached a new phase, or failed (lists to refresh). */
  onDestination?(d: Distribution, dest: Destination): void;
  /** Every destination is done or failed: notified once, by the window whose write finished it. */
  onFinished?(d: Distribution): void;
  /**
   * Why the profile cannot be used any more, asked after a look fails (default: it is in neither AWS file and
   * nothing else gives credentials). Its regions then stop in these words instead of being polled for ever.
   */
  profileProblem?(profile: string): Promise<string | undefined>;
}

export class DistributionRecords {
  protected readonly shared: JobRunner;
  /** Steps this runner has sent and awaits the answer of: their markers are not someone else's to settle. */
  protected readonly sending = new Set<string>();

  constructor(protected readonly deps: DistributorDeps) {
    this.shared = new JobRunner(deps);
  }

  all(): Distribution[] {
    const now = this.shared.clock.now();
    return this.shared
      .keys()
      .map((k) => parseDistribution(this.shared.store.get(k), now))
      .filter((d): d is Distribution => !!d && !expired(d, now))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  get(id: string): Distribution | undefined {
    return parseDistribution(this.shared.store.get(this.shared.keyOf(id)), this.shared.clock.now());
  }

  protected get me(): string {
    return this.shared.lease.windowId;
  }

  /** The step's answer is awaited here, or by another window that lives: not ours to look at or send again. */
  protected inFlight(id: string, dest: Destination): boolean {
    return (
      this.sending.has(this.mark(id, dest.region)) ||
      othersInFlight(dest, this.me, this.shared.lease.holder(), this.shared.clock.now())
    );
  }

  protected destOf(id: string, region: string): { d: Distribution; dest: Destination } | undefined {
    const d = this.get(id);
    const dest = d?.destinations.find((x) => x.region === region);
    return d && dest ? { d, dest } : undefined;
  }

  protected mark(id: string, region: string): string {
    return `${id}|${region}`;
  }

  /** Writes a step's answer over this window's own marker only: a window that took the step over has settled it. */
  protected answer(id: string, region: string, step: Step, f: (x: Destination) => Destination): void {
    this.patch(id, region, (x) => (x.requested === step && x.requestedBy === this.me ? f(x) : x));
  }

  /**
   * Changes one destination of the distribution as stored now (a synchronous read-modify-write), with `extra`
   * top-level fields in the same write. Nothing changed: nothing is written (each write is a version other
   * windows merge, and a needless one can only race theirs).
   */
  protected patch(
    id: string,
    region: string,
    f: (x: Destination) => Destination,
    extra: Partial<Distribution> = {},
  ): void {
    const before = this.get(id);
    if (!before) return;
    const after = { ...withDestination(before, region, f, this.shared.clock.now()), ...extra };
    if (JSON.stringify(after) === JSON.stringify(before)) return;
    this.shared.put(this.shared.keyOf(after.id), after);
    const was = before.destinations.find((x) => x.region === region)!;
    const now = after.destinations.find((x) => x.region === region)!;
    if (was.phase !== now.phase || !!was.failed !== !!now.failed) this.deps.onDestination?.(after, now);
    if (!isFinished(before) && isFinished(after)) this.deps.onFinished?.(after);
  }

  protected changed(): void {
    this.deps.onChange?.(this.all());
  }
}
