// Two windows' versions of one distribution, written without either seeing the other's (the job store keeps both
// and merges them on read). A write that saw the other replaces it; only concurrent versions come here, so the
// merge may assume that a destination further along is newer news: it keeps, per destination, the state that
// has gone further, a step recorded as requested (so AWS is looked at, never asked twice), and every account
// either version shared with. A step requested after the other version's failure wins over it; Retry Step racing
// another window's write of the same failure before anything was requested loses (it can be clicked again); an
// ending is never undone.
import { PHASES, type Destination, type Distribution, type Step } from './distribution';

/** How far a destination has gone: a failed step ranks just past the phase the step started from. */
function rank(x: Destination): number {
  if (!x.failed) return 2 * PHASES.indexOf(x.phase);
  const from: Record<string, number> = { copy: PHASES.indexOf('copying'), tag: PHASES.indexOf('available') };
  const step: Step = x.failed.step;
  return 2 * (from[step] ?? PHASES.indexOf('tagged')) + 1;
}

function mergeDestination(older: Destination, newer: Destination): Destination {
  const a = rank(older);
  const b = rank(newer);
  let pick = b > a ? newer : a > b ? older : newer;
  // Same progress: the version that recorded a request keeps it (a look settles it; dropping it could resend).
  if (a === b && older.requested && !newer.requested) pick = older;
  // A step requested after the other version's failure was retried: the failure is old news, and dropping the
  // request would throw AWS's answer away (a copy made, recorded as failed).
  if (retriedSince(newer, older)) pick = newer;
  else if (retriedSince(older, newer)) pick = older;
  const shared = [...new Set([...older.shared, ...newer.shared])];
  return shared.length === pick.shared.length ? pick : { ...pick, shared };
}

function retriedSince(x: Destination, other: Destination): boolean {
  return !!x.requested && !x.failed && !!other.failed && (x.requestedAt ?? 0) >= other.failed.at;
}

/** One distribution from two concurrent versions (`older` written first); the newer's fields where nothing has gone further. */
export function mergeDistribution(older: Distribution, newer: Distribution): Distribution {
  if (older.id !== newer.id) return newer;
  const theirs = new Map(older.destinations.map((x) => [x.region, x]));
  const destinations = newer.destinations.map((x) => {
    const o = theirs.get(x.region);
    return o ? mergeDestination(o, x) : x;
  });
  const acknowledged = older.acknowledged || newer.acknowledged;
  return { ...newer, destinations, ...(acknowledged ? { acknowledged: true } : {}) };
}
