// Reading a request body without trusting the client: a size limit enforced while reading (the rest is never
// buffered), a client that goes away mid-body, and JSON too deeply nested to parse or print safely.

import type { IncomingMessage } from 'node:http';

/** AWS's JSON APIs refuse bodies this large; the emulator stops reading beyond it. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deeper JSON is refused before JSON.parse, so neither parsing, validating nor logging it can recurse far. */
export const MAX_JSON_DEPTH = 64;

export type Body = { ok: true; text: string } | { ok: false; why: 'too-large' | 'aborted' };

/** Never rejects. On 'too-large' the request is left paused: the caller answers 413 and closes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Body): void => {
      req.off('data', onData).off('end', onEnd).off('error', onAborted).off('close', onClose);
      resolve(body);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.pause();
        finish({ ok: false, why: 'too-large' });
      }
    };
    const onEnd = (): void => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    const onAborted = (): void => finish({ ok: false, why: 'aborted' });
    const onClose = (): void => {
      if (!req.complete) onAborted();
    };
    if (Number(req.headers['content-length']) > limit) return resolve({ ok: false, why: 'too-large' });
    req.on('data', onData).on('end', onEnd).on('error', onAborted).on('close', onClose);
  });
}

/** True when the JSON text nests arrays/objects deeper than `limit`. One pass, no recursion, strings skipped. */
export function nestedTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++;
      } // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/** JSON.parse that never throws; an empty body is `{}`, as AWS and the SDK treat it. */
export function parseJson(text: string): Parsed {
  if (!text.trim()) return { ok: true, value: {} };
  if (nestedTooDeep(text)) {
    return { ok: false, problem: `The request body nests deeper than ${MAX_JSON_DEPTH} levels.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'The request body is not valid JSON.' };
  }
}
