// The lists a search has read, kept a few minutes so that the next Find answers from memory (0 requests)
// and says how old its answer is ("as of 14:02"); Refresh reads again.

/** How long a searched list is reused: long enough for "find, act, find again", short enough to stay current. */
export const SEARCH_REUSE_MS = 5 * 60_000;

export class SearchCache<T> {
  private readonly lists = new Map<string, { items: T[]; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A complete list read at most SEARCH_REUSE_MS ago. */
  get(key: string): { items: T[]; at: number } | undefined {
    const hit = this.lists.get(key);
    if (!hit || this.now() - hit.at > SEARCH_REUSE_MS) return undefined;
    return hit;
  }

  put(key: string, items: T[], at = this.now()): void {
    this.lists.set(key, { items, at });
  }

  clear(): void {
    this.lists.clear();
  }
}
