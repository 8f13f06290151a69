// Distributions (distribution.ts) by poll group: one group per (profile, service, destination region) with a
// destination under way; AppStream's quota of copies in flight per destination region over all of them; and
// which window may act on a step or a distribution when several windows share them.
import { Keys } from './imageRef';
import type { ServiceId } from './regions';
import { holdsCopySlot, isTerminal, type Destination, type Distribution } from './distribution';

/** AppStream image copies in flight per destination region (AWS's default quota, AWS-API.md section 6). */
export const COPY_QUOTA = 2;
/** Copies that may be in flight per destination region: AppStream's quota; WorkSpaces documents none. */
export function copyQuota(service: ServiceId, appstream = COPY_QUOTA): number {
  return service === 'appstream' ? appstream : Number.POSITIVE_INFINITY;
}

/** Copies in flight in a destination region, over every distribution of the profile and service. */
export function copiesInFlight(all: readonly Distribution[], g: Group): number {
  return all
    .filter((d) => sameGroup(d, g))
    .reduce((n, d) => n + d.destinations.filter((x) => x.region === g.region && holdsCopySlot(x)).length, 0);
}

/**
 * The queued destinations of a region to start now, oldest distribution first, so that no more than `quota`
 * copies are in flight there. Those waiting after a LimitExceeded are among them: AWS counts copies we do not
 * know of, and only a try tells when a slot has freed (the runner stops a region's round at the first refusal).
 */
export function copiesToStart(
  all: readonly Distribution[],
  g: Group,
  quota = copyQuota(g.service),
): { id: string; region: string }[] {
  const free = quota - copiesInFlight(all, g);
  if (free <= 0) return [];
  return [...all]
    .filter((d) => sameGroup(d, g))
    .sort((a, b) => a.startedAt - b.startedAt)
    .flatMap((d) =>
      d.destinations
        .filter((x) => x.region === g.region && x.phase === 'queued' && !x.failed && !x.requested)
        .map(() => ({ id: d.id, region: g.region })),
    )
    .slice(0, free);
}

export interface Group {
  readonly profile: string;
  readonly service: ServiceId;
  readonly region: string;
}

const sameGroup = (d: Pick<Distribution, 'profile' | 'service'>, g: Pick<Group, 'profile' | 'service'>): boolean =>
  d.profile === g.profile && d.service === g.service;

export function groupKey(g: Group): string {
  return Keys.group('distributions', g);
}

/** One group per (profile, service, destination region) with a destination still under way. */
export function groups(all: readonly Distribution[]): Group[] {
  const out = new Map<string, Group>();
  for (const d of all) {
    for (const x of d.destinations) {
      if (isTerminal(x)) continue;
      const g = { profile: d.profile, service: d.service, region: x.region };
      out.set(groupKey(g), g);
    }
  }
  return [...out.values()];
}

/**
 * A marker set by another window is that window's to settle for this long (or while it holds the lease): its
 * request's deadline, the look after a lost answer and the poll's own deadline (2 min) are over by then.
 */
export const MARKER_LIVE_MS = 3 * 60_000;
/**
 * Whether the destination's marker is another window's to settle: set by a window (`by`) other than `me` that
 * still lives (it holds the lease, `liveHolder`) or set too recently for its answer to be lost yet. A marker
 * that names no window (stored before markers did) is left by a window that closed.
 */
export function othersInFlight(dest: Destination, me: string, liveHolder: string | undefined, now: number): boolean {
  const by = dest.requestedBy;
  if (!dest.requested || !by || by === me) return false;
  return by === liveHolder || now - (dest.requestedAt ?? 0) < MARKER_LIVE_MS;
}

/** Whether another window that started or retried the distribution still acts on it (as othersInFlight, for all its steps). */
export function heldElsewhere(d: Distribution, me: string, liveHolder: string | undefined, now: number): boolean {
  const by = d.heldBy;
  return !!by && by !== me && (by === liveHolder || now - (d.heldAt ?? 0) < MARKER_LIVE_MS);
}
