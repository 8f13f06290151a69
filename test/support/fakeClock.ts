// A clock for the copy tracker that tests move by hand: timers run when their time comes, in order.
import type { Clock } from '../../src/core/pollLoop';

export class FakeClock implements Clock {
  t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private n = 0;

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): number => {
    const id = ++this.n;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };

  clearTimeout = (id: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };

  /** Moves time on, running due timers and letting the work they start (real I/O included) settle. */
  async advance(ms: number, settleMs = 0): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      if (settleMs) await new Promise((r) => setTimeout(r, settleMs));
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    this.t = end;
  }
}
