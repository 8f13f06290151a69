// The pages of one list (one type node): a NextToken, a lock so that a double click cannot fetch a page twice,
// and the error of the last attempt. Pages are kept until reset().

import type { Page } from './image';

export type PageFetcher<T> = (nextToken: string | undefined) => Promise<Page<T>>;

export class PagedList<T> {
  private _items: T[] = [];
  private _nextToken: string | undefined;
  private _loaded = false;
  private _loadedAt: number | undefined;
  private _error: unknown;
  private inflight: Promise<void> | undefined;
  private generation = 0;

  constructor(private readonly fetch: PageFetcher<T>) {}

  get items(): readonly T[] {
    return this._items;
  }
  get loaded(): boolean {
    return this._loaded;
  }
  /** When the last page arrived (what a search reusing this list shows as "as of"). */
  get loadedAt(): number | undefined {
    return this._loadedAt;
  }
  get error(): unknown {
    return this._error;
  }
  get loading(): boolean {
    return this.inflight !== undefined;
  }
  get hasMore(): boolean {
    return this._loaded && this._nextToken !== undefined;
  }

  /** Loads the first page unless it is loaded or loading. */
  ensureLoaded(): Promise<void> {
    if (this._loaded) return Promise.resolve();
    return this.next();
  }

  /** Fetches the next page; while one is in flight, returns that one instead of fetching again. */
  loadMore(): Promise<void> {
    if (this._loaded && this._nextToken === undefined) return Promise.resolve();
    return this.next();
  }

  /** Pages to the end, or until `cancelled()` says stop. */
  async loadAll(cancelled: () => boolean = () => false, onPage?: () => void): Promise<void> {
    await this.ensureLoaded();
    while (this.hasMore && !this._error && !cancelled()) {
      await this.loadMore();
      onPage?.();
    }
  }

  /**
   * Takes a complete list read elsewhere (a search read every page a moment ago) instead of reading it again;
   * only when nothing is loaded or loading here.
   */
  adopt(items: readonly T[], at: number): boolean {
    if (this._loaded || this.inflight) return false;
    this.generation++;
    this._items = [...items];
    this._nextToken = undefined;
    this._loaded = true;
    this._loadedAt = at;
    this._error = undefined;
    return true;
  }

  reset(): void {
    this.generation++;
    this._items = [];
    this._nextToken = undefined;
    this._loaded = false;
    this._error = undefined;
    this.inflight = undefined;
  }

  /** Replaces items in place (a refreshed record) or drops them (gone). */
  update(map: (item: T) => T | undefined): void {
    this._items = this._items.map(map).filter((x): x is T => x !== undefined);
  }

  /** Adds an item that appeared through an action of ours (a copy), so the list shows it without a re-list. */
  prepend(item: T): void {
    this._items = [item, ...this._items];
  }

  private next(): Promise<void> {
    if (this.inflight) return this.inflight;
    const gen = this.generation;
    const token = this._nextToken;
    this.inflight = this.fetch(token)
      .then(
        (page) => {
          if (gen !== this.generation) return;
          this._items = [...this._items, ...page.items];
          this._nextToken = page.nextToken || undefined;
          this._loaded = true;
          this._loadedAt = Date.now();
          this._error = undefined;
        },
        (e: unknown) => {
          if (gen !== this.generation) return;
          this._error = e;
        },
      )
      .finally(() => {
        if (gen === this.generation) this.inflight = undefined;
      });
    return this.inflight;
  }
}
