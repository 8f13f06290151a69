// AWS's clock, measured from the Date header of its answers, one measure per profile (ClientPool). After a lost
// answer a copy is looked for by name, and an image of that name counts as this request's copy only if AWS made
// it after the request was sent: "after" in AWS's clock, which may be off from ours.
//
// A Date header says the second (rounded down) in which AWS answered, at some moment between our sending the
// request (sentAt) and receiving the headers (receivedAt). So AWS's clock minus ours is at least
// Date - receivedAt: a lower bound that already allows for the 1 s resolution and the round trip. The latest
// answer's bound is kept (clocks drift and get corrected; an old bound may no longer hold).

/** A Date this far from our clock is not AWS's clock (a proxy's page, a broken header): ignored. */
const IMPLAUSIBLE_MS = 24 * 3_600_000;
/** CreatedTime may be rounded down to the second, and AWS stamps it after it read the request. */
const MARGIN_MS = 2_000;
/**
 * Before any answer was measured. AWS refuses a request signed more than 5 minutes away from its clock
 * (SigV4), so a copy made by our request was made at most 5 minutes "earlier" than our sending time in AWS's
 * clock. A smaller allowance could turn a real copy into "an older image holds the name". In practice a
 * measure exists by then: the look after the lost answer is itself an answer with a Date.
 */
export const UNMEASURED_ALLOWANCE_MS = 5 * 60_000;

export class AwsClock {
  private lowerBound: number | undefined;

  /** An answer's Date header, with when we sent the request and when its headers came (our clock). */
  observe(date: string | undefined, sentAt: number, receivedAt: number): void {
    const d = date ? Date.parse(date) : NaN;
    if (!Number.isFinite(d) || receivedAt < sentAt) return;
    const bound = d - receivedAt;
    if (Math.abs(bound) > IMPLAUSIBLE_MS) return;
    this.lowerBound = bound;
  }

  /** How far AWS's clock is ahead of ours, at least (negative: behind); undefined before any answer. */
  get offsetAtLeast(): number | undefined {
    return this.lowerBound;
  }

  /** The earliest AWS time at which AWS can have made something for a request we sent at `sentAt`. */
  earliest(sentAt: number): number {
    return this.lowerBound === undefined ? sentAt - UNMEASURED_ALLOWANCE_MS : sentAt + this.lowerBound - MARGIN_MS;
  }
}
