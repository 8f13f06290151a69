// Which failures the SDK may resend. Its default strategy resends any throttled, 5xx, reset or timed-out
// request, mutating ones included (shared AWS-API.md section 7): after a lost response that turns a copy AWS
// started into "already exists". So:
//  - a read is resent on throttling and transient errors, but not after a timeout (the deadline already cost
//    the user 15 s; the error row offers Retry);
//  - a mutating call is resent only when AWS throttled it: the request was refused before anything happened
//    (but not over a quota, which a resend meets again).
//    Any other failure leaves the outcome unknown, and the caller looks at what AWS did (reconcile.ts).
// The SDK's own strategies do the backoff, jitter and retry quota; this only says no to some errors.
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
  constructor(private readonly inner: Strategy & { mode?: string }, private readonly mayRetry: (info: ErrorInfo) => boolean) {
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

export async function retryStrategy(kind: RequestKind): Promise<Strategy> {
  const { AdaptiveRetryStrategy, StandardRetryStrategy } = await import('@smithy/core/retry');
  if (kind === 'write') {
    return new SelectiveRetry(new StandardRetryStrategy(WRITE_ATTEMPTS) as unknown as Strategy, (i) => i.errorType === 'THROTTLING' && !isQuotaRefusal(i.error));
  }
  // Adaptive: besides backing off, it slows this client's sending rate while AWS throttles.
  return new SelectiveRetry(new AdaptiveRetryStrategy(async () => READ_ATTEMPTS) as unknown as Strategy, (i) => !isTimeout(failureFacts(i.error)));
}
