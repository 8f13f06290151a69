// Which window polls AWS for jobs every window shares (tracked copies, distributions): a lease in the job store,
// renewed while its holder polls, taken over by another window once it lapses, and given up when the holder's
// window closes so another takes over at once.
import type { Clock } from '../core/pollLoop';
import type { JobStore } from './store';

interface Lease {
  owner: string;
  until: number;
}

export class PollLease {
  constructor(
    private readonly store: JobStore,
    private readonly key: string,
    /** This window, as markers and claims name it. */
    readonly windowId: string,
    private readonly clock: Clock,
    private readonly intervalMs: () => number,
  ) {}

  /** Takes or renews the lease unless another live window holds it (`force`: the user asked in this window). */
  hold(force = false): boolean {
    const now = this.clock.now();
    const lease = this.store.get<Lease>(this.key);
    if (!force && lease && lease.owner !== this.windowId && typeof lease.until === 'number' && lease.until > now) {
      return false;
    }
    if (lease?.owner !== this.windowId || lease.until - now < this.ms() / 2) {
      void this.store.update(this.key, { owner: this.windowId, until: now + this.ms() });
    }
    return true;
  }

  /** The window that holds the lease now (undefined: none, or it lapsed). */
  holder(): string | undefined {
    const lease = this.store.get<Lease>(this.key);
    return lease && typeof lease.owner === 'string' && typeof lease.until === 'number' && lease.until > this.clock.now()
      ? lease.owner
      : undefined;
  }

  /** This window closes: let another take over at once instead of when the lease lapses. */
  release(): void {
    if (this.store.get<Lease>(this.key)?.owner === this.windowId) void this.store.update(this.key, undefined);
  }

  /** Long enough to outlast a few intervals (a window busy or briefly backed off keeps it). */
  private ms(): number {
    return 3 * Math.max(this.intervalMs() || 0, 30_000);
  }
}
