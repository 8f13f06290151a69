// One small disposable loop for everything that watches AWS in the background (tracked copies, images in
// transition). Sources say what there is to watch as tasks, one request's worth each, keyed by group (e.g. one
// (service, region)); the loop runs a task when it is due and keeps a timer only while some task exists.
// Each group backs off on its own (doubling, with jitter, capped), so one throttled or broken region never
// slows another; a task that throws or never settles (a deadline races it) cannot stop the loop.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface PollTask {
  /** The group this task watches: its backoff is its own. */
  readonly key: string;
  run(): Promise<void>;
}

export interface PollSource {
  /** What there is to watch now; empty when nothing is. */
  tasks(): PollTask[];
}

const MIN_INTERVAL_MS = 1_000;
const DEFAULT_INTERVAL_MS = 30_000;

/** Longest pause between two polls of a failing group. */
export const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Delay before the next poll of a group after `failures` failed polls in a row: doubled each time, capped, and
 * spread by jitter (half fixed, half random) so that windows and groups that failed together do not retry in step.
 */
export function backoffDelay(baseMs: number, failures: number, random: () => number = Math.random): number {
  if (failures <= 0) return baseMs;
  const d = Math.min(baseMs * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS);
  return Math.round(d / 2 + (random() * d) / 2);
}

export interface PollLoopOptions {
  clock?: Clock;
  intervalMs(): number;
  /** A task still running after this long counts as failed, and the loop goes on (its request has its own deadline). */
  taskDeadlineMs: number;
  random?(): number;
  onTaskError?(key: string, e: unknown): void;
}

interface GroupState {
  failures: number;
  nextAt: number;
  /** The group's poll in progress: it is not started again until this settles. */
  running?: Promise<void>;
}

export class PollLoop {
  private readonly sources = new Set<PollSource>();
  private readonly groups = new Map<string, GroupState>();
  private readonly clock: Clock;
  private timer: unknown;
  private disposed = false;

  constructor(private readonly opts: PollLoopOptions) {
    this.clock = opts.clock ?? realClock;
  }

  add(source: PollSource): { dispose(): void } {
    this.sources.add(source);
    this.kick();
    return { dispose: () => { this.sources.delete(source); this.kick(); } };
  }

  /** A timer is set: something is being watched. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  /** Failed polls in a row of a group (0 when healthy or unknown). */
  failures(key: string): number {
    return this.groups.get(key)?.failures ?? 0;
  }

  /** Forgets a group's backoff, so its next poll is due now (after the user asked to retry). */
  resetGroup(key: string): void {
    this.groups.delete(key);
  }

  /** Re-reads the sources: starts the timer for new work, stops it when there is none. */
  kick(): void {
    if (this.disposed) return;
    const waiting = this.collect().filter((t) => !this.groups.get(t.key)!.running);
    this.clearTimer();
    if (!waiting.length) return;
    const now = this.clock.now();
    const next = Math.min(...waiting.map((t) => this.groups.get(t.key)!.nextAt));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.startDue();
    }, Math.max(0, next - now));
  }

  /**
   * Polls every group of `only`'s sources now, whatever their backoff (tests, the benchmark, Retry): resolves
   * when each has answered or failed. A group already polling is waited for, then polled again. Never rejects.
   */
  async tick(only?: PollSource): Promise<void> {
    const tasks = only ? this.tasksOf(only) : this.collect();
    await Promise.all(tasks.map(async (t) => {
      await this.groups.get(t.key)?.running;
      await this.start(t);
    }));
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.sources.clear();
  }

  /** Starts every due group that is not polling already; each reschedules the loop when it settles. */
  private startDue(): void {
    const now = this.clock.now();
    for (const t of this.collect()) {
      const state = this.groups.get(t.key)!;
      if (!state.running && state.nextAt <= now) void this.start(t);
    }
    this.kick();
  }

  /** One poll of a group, on its own: a group that hangs holds up nobody else. */
  private start(task: PollTask): Promise<void> {
    const state = this.stateOf(task.key);
    state.running = this.runOne(task, state).finally(() => {
      state.running = undefined;
      this.kick();
    });
    return state.running;
  }

  private async runOne(task: PollTask, state: GroupState): Promise<void> {
    let deadline: unknown;
    const timedOut = new Promise<never>((_, reject) => {
      deadline = this.clock.setTimeout(() => reject(new Error(`no answer within ${this.opts.taskDeadlineMs} ms`)), this.opts.taskDeadlineMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => task.run()), timedOut]);
      state.failures = 0;
    } catch (e) {
      state.failures++;
      this.opts.onTaskError?.(task.key, e);
    } finally {
      this.clock.clearTimeout(deadline);
    }
    state.nextAt = this.clock.now() + backoffDelay(this.interval(), state.failures, this.opts.random);
  }

  private tasksOf(source: PollSource): PollTask[] {
    let tasks: PollTask[];
    try {
      tasks = source.tasks();
    } catch (e) {
      this.opts.onTaskError?.('tasks', e);
      return [];
    }
    for (const t of tasks) this.stateOf(t.key);
    return tasks;
  }

  /** Every source's tasks; groups no longer watched are forgotten, new ones are first due one interval from now. */
  private collect(): PollTask[] {
    const tasks = [...this.sources].flatMap((s) => this.tasksOf(s));
    const keys = new Set(tasks.map((t) => t.key));
    for (const k of this.groups.keys()) if (!keys.has(k)) this.groups.delete(k);
    return tasks;
  }

  private stateOf(key: string): GroupState {
    let s = this.groups.get(key);
    if (!s) {
      s = { failures: 0, nextAt: this.clock.now() + this.interval() };
      this.groups.set(key, s);
    }
    return s;
  }

  /** The settings are clamped where they are read; this keeps a bad value from ever becoming a busy loop. */
  private interval(): number {
    const ms = this.opts.intervalMs();
    return Number.isFinite(ms) && ms >= MIN_INTERVAL_MS ? ms : DEFAULT_INTERVAL_MS;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
