// Global state as the tracker sees it, in memory: several trackers on one store are several windows sharing
// VS Code's global state. `update(key, undefined)` removes the key, as Memento does.
import type { JobStore } from '../../src/jobs/tracker';

export class MemoryStore implements JobStore {
  readonly data = new Map<string, unknown>();
  writes = 0;

  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }
}
