// Which failures the SDK may resend, and how soon. Its default strategy resends any throttled, 5xx, reset or
// timed-out request, mutating ones included (shared AWS-API.md section 7): after a lost response that turns a
// copy AWS started into "already exists". So:
//  - a read is resent on throttling and transient errors, but not after a timeout (the deadline already cost
//    the user 15 s; the error row offers Retry);
//  - a mutating call is resent only when AWS throttled it: the request was refused before anything happened
//    (but not over a quota, which a resend meets again).
//    Any other failure leaves the outcome unknown, and the caller looks at what AWS did (reconcile.ts).
// The SDK's own strategies do the backoff, jitter and retry quota; this only says no to some errors.
//
// Reads use the standard strategy with a short backoff, not the adaptive one. The adaptive limiter slows the
// whole client (every list of that service and region, Find's parallel lists included) after a few throttles
// and recovers slowly: paging 10,000 images under 10% throttling took 134 s against 2.3 s without. A user waits
// on one page at a time, so the throttled request itself backing off is what is needed. The SDK's standard
// backoff for a throttle is up to 1 s, doubling (33 s for those 10,000 images); here it is full jitter over
// 40 ms, doubling (0-40 ms, then 0-80 ms): AWS's image APIs refill their rate within tens of milliseconds, and
// at 100 ms the same paging took 4 times as long as without throttling (the goal is 3 times; `npm run bench`,
// "throttling alone"). Sustained throttling still ends in an error row with Retry after 3 attempts, and the standard
// retry quota (500 tokens, 5 a throttled retry, refilled by successes) stops resending when AWS keeps failing.
import { READ_ATTEMPTS, WRITE_ATTEMPTS } from '../core/deadlines';
import { isTimeout } from '../core/errors';
import { failureFacts, isQuotaRefusal } from './errors';

interface ErrorInfo {
  errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
  error?: unknown;
}

interface Strategy {
  acquireInitialRetryToken(scope: string): Promise<unknown>;
  refreshRetryTokenForRetry(token: unknown, info: ErrorInfo): Promise<unknown>;
  recordSuccess(token: unknown): void;
}

export type RequestKind = 'read' | 'write';

class SelectiveRetry implements Strategy {
  readonly mode: string;
  constructor(
    private readonly inner: Strategy & { mode?: string },
    private readonly mayRetry: (info: ErrorInfo) => boolean,
  ) {
    this.mode = inner.mode ?? 'standard';
  }

  acquireInitialRetryToken(scope: string): Promise<unknown> {
    return this.inner.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: unknown, info: ErrorInfo): Promise<unknown> {
    if (!this.mayRetry(info)) return Promise.reject(new Error('not retried: the outcome must be checked, not resent'));
    return this.inner.refreshRetryTokenForRetry(token, info);
  }

  recordSuccess(token: unknown): void {
    this.inner.recordSuccess(token);
  }
}

/** The first resend of a read waits up to this long (full jitter), the next up to twice that. */
export const READ_BACKOFF_BASE_MS = 40;
const MAX_BACKOFF_MS = 20_000;

/** Full jitter over an exponential base, the same for throttles and transient errors (see the file comment). */
class ShortBackoff {
  setDelayBase(): void {
    // The strategy sets 1 s for throttles and 50 ms otherwise; this backoff keeps its own base.
  }

  computeNextBackoffDelay(retries: number): number {
    return Math.floor(Math.random() * Math.min(READ_BACKOFF_BASE_MS * 2 ** retries, MAX_BACKOFF_MS));
  }
}

export async function retryStrategy(kind: RequestKind): Promise<Strategy> {
  const { StandardRetryStrategy } = await import('@smithy/core/retry');
  if (kind === 'write') {
    return new SelectiveRetry(
      new StandardRetryStrategy(WRITE_ATTEMPTS) as unknown as Strategy,
      (i) => i.errorType === 'THROTTLING' && !isQuotaRefusal(i.error),
    );
  }
  const reads = new StandardRetryStrategy({ maxAttempts: READ_ATTEMPTS, backoff: new ShortBackoff() });
  return new SelectiveRetry(reads as unknown as Strategy, (i) => !isTimeout(failureFacts(i.error)));
}
