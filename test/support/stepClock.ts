// A clock for the job-store tests that the test moves by hand, like FakeClock, except that it waits for what a
// timer starts (a write to the real disk) before running the next: the order of events is the schedule's alone.
import type { Clock } from '../../src/core/pollLoop';

export class StepClock implements Clock {
  t = 1_000_000;
  private timers: { at: number; fn: () => unknown; id: number }[] = [];
  private n = 0;

  now = (): number => this.t;

  setTimeout = (fn: () => unknown, ms: number): number => {
    const id = ++this.n;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return id;
  };

  clearTimeout = (id: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };

  /** Moves time on, running due timers in order (ties in the order they were set) and awaiting each. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.reduce<(typeof this.timers)[number] | undefined>(
        (a, x) => (!a || x.at < a.at || (x.at === a.at && x.id < a.id) ? x : a),
        undefined,
      );
      if (!next || next.at > end) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      await next.fn();
    }
    this.t = end;
  }

  /** Runs every timer, those they set included (at most `limit` steps, so a timer that re-arms cannot hang). */
  async runAll(limit = 10_000): Promise<void> {
    for (let i = 0; i < limit && this.timers.length; i++) {
      await this.advance(Math.max(0, Math.min(...this.timers.map((x) => x.at)) - this.t));
    }
  }
}
