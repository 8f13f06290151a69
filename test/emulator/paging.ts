// NextToken handling as AWS does it: an opaque, fresh token for every page, none on the last page, and an
// error for a token that was never issued, belongs to another query, or has expired. Tokens expire after
// 10 minutes, and at most 10,000 are kept (the oldest go first), so a client that pages and walks away, or
// one that pages for ever, does not grow the endpoint's memory.

import { randomBytes } from 'node:crypto';
import { validation } from './errors';

interface Cursor {
  query: string;
  offset: number;
  issued: number;
}

export const TOKEN_LIFETIME_MS = 10 * 60_000;
export const MAX_TOKENS = 10_000;

export class Pager {
  private readonly tokens = new Map<string, Cursor>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxTokens = MAX_TOKENS,
  ) {}

  page<T>(
    items: readonly T[],
    query: string,
    maxResults: number,
    token: string | undefined,
  ): { items: T[]; next?: string } {
    let offset = 0;
    if (token !== undefined) {
      const cursor = this.tokens.get(token);
      if (!cursor || cursor.query !== query || this.now() - cursor.issued > TOKEN_LIFETIME_MS) {
        this.tokens.delete(token);
        throw validation(`Value '${token}' at 'nextToken' failed to satisfy constraint: Invalid pagination token`);
      }
      offset = cursor.offset;
    }
    // At least one item a page, whatever the caller validated: a page of none would page for ever.
    const slice = items.slice(offset, offset + Math.max(1, Math.floor(maxResults)));
    const end = offset + slice.length;
    if (end >= items.length) return { items: slice };
    const next = randomBytes(24).toString('base64url');
    this.tokens.set(next, { query, offset: end, issued: this.now() });
    // A Map iterates in insertion order: the first keys are the oldest tokens.
    for (const old of this.tokens.keys()) {
      if (this.tokens.size <= this.maxTokens) break;
      this.tokens.delete(old);
    }
    return { items: slice, next };
  }
}
