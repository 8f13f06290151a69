// VS Code's global state as two windows see it (ExtensionGlobalMemento): each window holds the extension's whole
// value; an update changes the window's copy and then sends the whole copy to shared storage, which hands it to
// every window (the writer's echo included) a moment later, each replacing its copy whole. So a window that writes
// before another window's write has reached it sends a value without that write, and the write is gone.
import type { JobStore } from '../../src/jobs/store';
import type { StepClock } from './stepClock';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class SharedStorage {
  value: Record<string, unknown> = {};
  private readonly windows: MementoWindow[] = [];

  /** `delay`: how long storage takes to tell a window of a change (ms on the clock). */
  constructor(
    private readonly clock: StepClock,
    private readonly delay: () => number,
  ) {}

  window(): MementoWindow {
    const w = new MementoWindow(this, this.clock);
    this.windows.push(w);
    return w;
  }

  set(whole: Record<string, unknown>): void {
    this.value = clone(whole);
    for (const w of this.windows) {
      const copy = clone(whole);
      this.clock.setTimeout(() => w.accept(copy), this.delay());
    }
  }
}

export class MementoWindow implements JobStore {
  private value: Record<string, unknown> = {};

  constructor(
    private readonly storage: SharedStorage,
    private readonly clock: StepClock,
  ) {
    this.value = clone(storage.value);
  }

  get<T>(key: string): T | undefined {
    return this.value[key] as T | undefined;
  }

  keys(): readonly string[] {
    return Object.keys(this.value);
  }

  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.value[key];
    else this.value[key] = clone(value);
    return new Promise((resolve) =>
      this.clock.setTimeout(() => {
        this.storage.set(this.value);
        resolve();
      }, 0),
    );
  }

  /** Storage says the value changed: it replaces this window's copy whole. */
  accept(whole: Record<string, unknown>): void {
    this.value = whole;
  }
}
