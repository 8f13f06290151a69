// The request log's bounds, so an endpoint that serves a long benchmark or a hostile client keeps its memory:
// at most 10,000 entries (the oldest go first; `seq` keeps counting), and a request body over 4 KiB is kept
// as a summary, not whole.

import type { Json } from './state';

export const MAX_LOG_ENTRIES = 10_000;
/** Requests refused as invalid, kept until the log is cleared. */
export const MAX_REJECTED = 1_000;
/** Refusals kept across clears for a whole-suite check (validationErrorsSinceStart). */
export const MAX_REJECTED_SINCE_START = 100;
export const MAX_PARAMS_CHARS = 4096;
const MAX_SUMMARY_MEMBERS = 32;
const MAX_KEY_CHARS = 128;

/** Appends, then drops the oldest beyond `max`. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/**
 * The params to log for a body of `rawChars` characters: the input itself when small (what tests compare);
 * otherwise its first members while they fit in half the budget, the others named with their size, and
 * `_truncated` saying how large the body was.
 */
export function summarise(input: Json, rawChars: number): Json {
  if (rawChars <= MAX_PARAMS_CHARS) return input;
  const out: Json = {};
  let budget = MAX_PARAMS_CHARS / 2;
  let members = 0;
  for (const [k, v] of Object.entries(input)) {
    if (++members > MAX_SUMMARY_MEMBERS) break;
    const key = k.length > MAX_KEY_CHARS ? `${k.slice(0, MAX_KEY_CHARS)}…` : k;
    const text = JSON.stringify(v) ?? '';
    if (text.length + key.length <= budget) {
      out[key] = v;
      budget -= text.length + key.length;
    } else out[key] = `(${text.length} characters, not kept)`;
  }
  out._truncated = `the request body had ${rawChars} characters`;
  return out;
}
