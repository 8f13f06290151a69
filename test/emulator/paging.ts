// NextToken handling as AWS does it: an opaque, fresh token for every page, none on the last page, and an
// error for a token that was never issued or belongs to another query.

import { randomBytes } from 'node:crypto';
import { validation } from './errors';

interface Cursor {
  query: string;
  offset: number;
}

export class Pager {
  private readonly tokens = new Map<string, Cursor>();

  page<T>(items: readonly T[], query: string, maxResults: number, token: string | undefined): { items: T[]; next?: string } {
    let offset = 0;
    if (token !== undefined) {
      const cursor = this.tokens.get(token);
      if (!cursor || cursor.query !== query) throw validation(`Value '${token}' at 'nextToken' failed to satisfy constraint: Invalid pagination token`);
      offset = cursor.offset;
    }
    const slice = items.slice(offset, offset + maxResults);
    const end = offset + slice.length;
    if (end >= items.length) return { items: slice };
    const next = randomBytes(24).toString('base64url');
    this.tokens.set(next, { query, offset: end });
    return { items: slice, next };
  }
}
