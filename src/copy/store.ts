// Global state, written one update at a time. An extension's global state is one value per extension that
// VS Code replaces whole whenever storage reports a change (its own writes echoed back, or another window's).
// Two updates in flight at once can therefore lose the second: the echo of the first replaces the value
// before the second is flushed. So updates go out in order, each after the previous one is stored, and until
// then reads see them (an overlay), so this window never reads its own write as missing.

export interface JobStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
}

export class SerialStore implements JobStore {
  private readonly pending = new Map<string, unknown>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly store: JobStore, private readonly onError: (e: unknown) => void) {}

  get<T>(key: string): T | undefined {
    return (this.pending.has(key) ? this.pending.get(key) : this.store.get(key)) as T | undefined;
  }

  keys(): readonly string[] {
    const keys = new Set(this.store.keys());
    for (const [k, v] of this.pending) {
      if (v === undefined) keys.delete(k);
      else keys.add(k);
    }
    return [...keys];
  }

  update(key: string, value: unknown): Promise<void> {
    this.pending.set(key, value);
    this.chain = this.chain.then(() => this.store.update(key, value)).then(
      () => { if (this.pending.get(key) === value) this.pending.delete(key); },
      (e: unknown) => { if (this.pending.get(key) === value) this.pending.delete(key); this.onError(e); },
    );
    return this.chain;
  }

  /** Resolves when every update so far is stored. */
  flushed(): Promise<void> {
    return this.chain;
  }
}
