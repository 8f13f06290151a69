// The plain facts of an SDK exception, for core/errors.ts to put into words.
import { describeFailure, outcomeUnknown, type Failure, type FailureContext, type FailureFacts } from '../core/errors';
import { CredentialsTimeoutError } from './credentials';

/** A mutating call whose answer was lost, after looking at what AWS did (reconcile.ts). */
export class LostAnswerError extends Error {
  /** `nameHeldBy`: a copy not made because an older image (this ID) holds its name. */
  constructor(
    readonly outcome: 'not-done' | 'unknown',
    readonly lost: unknown,
    readonly nameHeldBy?: string,
  ) {
    super(`${(lost as Error)?.message ?? String(lost)} (outcome ${outcome})`);
    this.name = 'LostAnswerError';
  }
}

export function failureFacts(e: unknown): FailureFacts {
  if (e instanceof LostAnswerError) {
    return { ...failureFacts(e.lost), outcome: e.outcome, ...(e.nameHeldBy ? { nameHeldBy: e.nameHeldBy } : {}) };
  }
  if (typeof e !== 'object' || e === null) return { name: 'Error', message: String(e) };
  const err = e as {
    name?: string;
    message?: string;
    code?: string;
    reason?: string;
    $metadata?: { requestId?: string; httpStatusCode?: number };
    cause?: { code?: string };
  };
  return {
    name: err.name ?? 'Error',
    message: err.message ?? String(e),
    requestId: err.$metadata?.requestId,
    httpStatus: err.$metadata?.httpStatusCode,
    code: err.code ?? err.cause?.code,
    ...(typeof err.reason === 'string' && err.reason ? { reason: err.reason } : {}),
    ...(e instanceof CredentialsTimeoutError ? { profile: e.profile } : {}),
  };
}

/**
 * What AWS refused, as a typed kind, so code above src/aws decides on it without reading error names:
 * - `in-use`: something still uses the image (AppStream ResourceInUseException: a fleet or image builder;
 *   WorkSpaces ResourceAssociatedException: a bundle), so what uses it has changed since it was listed.
 * - `quota`: a quota is full (AppStream LimitExceededException: copies in flight per region, accounts per image,
 *   tags per resource). Not a rate: resent at once it is refused again. For a copy it means the destination
 *   region has its copies in flight, so the copy waits for a slot. (WorkSpaces' ResourceLimitExceeded is a
 *   quota of images that no finishing copy frees: a failure, not this kind.)
 */
export type Refusal = 'in-use' | 'quota';

const REFUSALS: Readonly<Record<string, Refusal>> = {
  ResourceInUseException: 'in-use',
  ResourceAssociatedException: 'in-use',
  LimitExceededException: 'quota',
};

export function refusalOf(e: unknown): Refusal | undefined {
  const { name } = failureFacts(e);
  return Object.hasOwn(REFUSALS, name) ? REFUSALS[name] : undefined;
}

/** AWS refused because a quota is full (`quota` above): the copy waits for a slot, a write is not retried. */
export function isQuotaRefusal(e: unknown): boolean {
  return refusalOf(e) === 'quota';
}

/** The call may have been carried out although it failed: look before telling the user anything. */
export function mayHaveHappened(e: unknown): boolean {
  return outcomeUnknown(failureFacts(e));
}

/** Any thrown value in the user's words. */
export function toFailure(e: unknown, ctx: FailureContext = {}): Failure {
  return describeFailure(failureFacts(e), ctx);
}
