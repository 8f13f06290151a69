// The failures the endpoint can be told to produce: faults queued on demand (a test's "the next CopyImage
// fails like this") and chaos (every request may fail, with seeded odds, for the benchmark).
//
// Three moments a real request can fail at, and the kinds for each:
// - before any work, with an answer: throttle, server-error, unavailable, access-denied, expired-token;
// - before any work, without an answer: drop (connection reset), stall (the request is read, never answered);
// - after the work was done: drop-after (connection reset), error-after (500), and after a 200 status
//   (answers.ts): stall-after-headers (half the body, then silence), drop-mid-body (half the body, then a
//   reset), bad-body (a body that is not JSON). The client cannot tell that its copy or delete happened, which
//   is what a caller that retries has to survive.

import { AwsError } from './errors';

export const FAULT_KINDS = [
  'throttle',
  'server-error',
  'unavailable',
  'drop',
  'access-denied',
  'expired-token',
  'stall',
  'drop-after',
  'error-after',
  'stall-after-headers',
  'drop-mid-body',
  'bad-body',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Only requests of this operation (e.g. "DescribeImages"); any when absent. */
  operation?: string;
  region?: string;
  /** How many matching requests it hits; then it is used up. Default 1. */
  times?: number;
}

/** Odds (0-1) that each AWS request gets that fault; together they may not exceed 1. */
export interface Chaos {
  throttle?: number;
  serverError?: number;
  drop?: number;
  stall?: number;
  stallAfterHeaders?: number;
  dropMidBody?: number;
  /** The PRNG seed: the same seed and the same sequence of requests give the same faults. Default 1. */
  seed?: number;
}

// New kinds go last: a seed then draws the same faults as before for odds that do not use them.
const CHAOS_KINDS = {
  throttle: 'throttle',
  serverError: 'server-error',
  drop: 'drop',
  stall: 'stall',
  stallAfterHeaders: 'stall-after-headers',
  dropMidBody: 'drop-mid-body',
} as const;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a fault given by a test (possibly over HTTP, so typed unknown), or undefined. */
export function faultProblem(f: unknown): string | undefined {
  if (!isObject(f)) return 'a fault must be an object {kind, operation?, region?, times?}';
  if (!FAULT_KINDS.includes(f.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  for (const k of ['operation', 'region'] as const) {
    if (f[k] !== undefined && typeof f[k] !== 'string') return `${k} must be a string`;
  }
  const t = f.times;
  if (t !== undefined && (typeof t !== 'number' || !(t >= 1) || !(Number.isInteger(t) || t === Infinity))) {
    return 'times must be a whole number of at least 1';
  }
  const extra = Object.keys(f).find((k) => !['kind', 'operation', 'region', 'times'].includes(k));
  return extra ? `unknown fault member ${extra}` : undefined;
}

export function chaosProblem(c: unknown): string | undefined {
  if (!isObject(c)) return `chaos must be an object {${Object.keys(CHAOS_KINDS).join('?, ')}?, seed?}`;
  let sum = 0;
  for (const [k, v] of Object.entries(c)) {
    if (k === 'seed') {
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'seed must be a finite number';
    } else if (k in CHAOS_KINDS) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${k} must be a probability from 0 to 1`;
      sum += v;
    } else return `unknown chaos member ${k}`;
  }
  return sum > 1 + 1e-9 ? 'the probabilities add up to more than 1' : undefined;
}

/** mulberry32: small, fast, and the same sequence on every platform for a given seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One draw per request: the unit interval is cut into one band per fault, and the rest means no fault. */
export class ChaosDice {
  private readonly next: () => number;
  constructor(private readonly odds: Chaos) {
    this.next = prng(odds.seed ?? 1);
  }

  roll(): FaultKind | undefined {
    const r = this.next();
    let edge = 0;
    for (const [key, kind] of Object.entries(CHAOS_KINDS) as [keyof typeof CHAOS_KINDS, FaultKind][]) {
      edge += this.odds[key] ?? 0;
      if (r < edge) return kind;
    }
    return undefined;
  }
}

/** The answer of a fault that answers before any work. */
export function faultError(kind: FaultKind, operation: string): AwsError {
  switch (kind) {
    case 'throttle':
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
    case 'unavailable':
      return new AwsError('ServiceUnavailable', 'Service is unavailable.', 503);
    case 'access-denied':
      return new AwsError(
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${operation}`,
        400,
      );
    case 'expired-token':
      return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
    default:
      return internalFailure();
  }
}

export const internalFailure = (): AwsError => new AwsError('InternalFailure', 'An internal error occurred.', 500);
