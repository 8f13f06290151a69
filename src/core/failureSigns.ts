// What a failed request's facts say about what happened: timed out, lost on the network, throttled, or answered
// and then broken. Kept apart from the wording (errors.ts, refusals.ts) because both read these same signs.

import type { FailureFacts } from './errors';

/**
 * Whether a failed mutating call may have been carried out all the same: AWS's answer (or the request) was lost
 * on the way, or AWS failed after possibly doing the work (5xx). A modeled refusal or a throttle means nothing
 * happened.
 */
export function outcomeUnknown(f: FailureFacts): boolean {
  if (isThrottled(f)) return false;
  if (brokenAnswer(f)) return true;
  if (f.httpStatus !== undefined && f.httpStatus < 500) return false;
  return (f.httpStatus ?? 0) >= 500 || isTimeout(f) || isNetwork(f);
}

/**
 * No answer (or no connection) within our deadline. The SDK names a reset connection "TimeoutError" too, but
 * with the code ECONNRESET: the code tells them apart.
 */
export function isTimeout(f: FailureFacts): boolean {
  return f.code === 'ETIMEDOUT' || (f.name === 'TimeoutError' && !f.code) || f.name === 'RequestTimeout';
}

/**
 * A failure that carries a 2xx status: AWS did the work and said so, and the answer broke on the way (the
 * connection reset mid-body, the body stalled, or something in between replaced it with a page that is not JSON).
 */
export function brokenAnswer(f: FailureFacts): boolean {
  return f.httpStatus !== undefined && f.httpStatus >= 200 && f.httpStatus < 300;
}

/** The connection failed (by Node's code, or by the words of an error that carries none). */
export function isNetwork(f: FailureFacts): boolean {
  return (
    (f.code !== undefined && NETWORK_CODES.has(f.code)) ||
    /socket hang up|ECONNREFUSED|ECONNRESET|getaddrinfo/i.test(f.message)
  );
}

/** AWS turned the request away for its rate: nothing was done, and the same request later may succeed. */
export function isThrottled(f: FailureFacts): boolean {
  return THROTTLING.has(f.name);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// Each service names its throttle differently; every name means the same to the user.
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestLimitExceededException',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);
