// One small disposable loop for everything that watches AWS in the background (tracked copies, images in
// transition). Sources say what there is to watch as tasks, one request's worth each, keyed by group (e.g. one
// (service, region)); the loop runs a task when it is due and keeps a timer only while some task exists.
// Each group backs off on its own (doubling, with jitter, capped), so one throttled or broken region never
// slows another; a task that throws or never settles cannot stop the loop: past its deadline it is aborted
// (its signal reaches the request, so the failure reaches the task's own record), and its group is not started
// again until that run has really settled, so one group never has two polls in flight.

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
  /** `signal` aborts when the run passes the loop's deadline: pass it to every request the run sends. */
  run(signal: AbortSignal): Promise<void>;
}

/** Why a poll was aborted: it had no answer within the loop's deadline (the reason its signal carries). */
export class PollDeadlineError extends Error {
  constructor(ms: number) {
    super(
      `AWS gave no answer within ${ms % 60_000 ? `${Math.round(ms / 1000)} s` : `${ms / 60_000} min`}; the check was stopped and is tried again later.`,
    );
    this.name = 'NoAnswer';
  }
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
  /** A task still running after this long is aborted and counts as failed; its group waits until it settles. */
  taskDeadlineMs: number;
  random?(): number;
  onTaskError?(key: string, e: unknown): void;
}

interface GroupState {
  failures: number;
  nextAt: number;
  /** The group's poll in progress, until it really settles (an aborted run that ignores the abort included). */
  running?: Promise<void>;
  /** Settles when that poll has answered, failed or passed its deadline: what tick() waits for. */
  outcome?: Promise<void>;
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
    return {
      dispose: () => {
        this.sources.delete(source);
        this.kick();
      },
    };
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
    const s = this.groups.get(key);
    // A poll still in flight keeps its state: forgetting it would let a second poll of the group start beside it.
    if (s?.running) Object.assign(s, { failures: 0, nextAt: this.clock.now() });
    else this.groups.delete(key);
  }

  /** Re-reads the sources: starts the timer for new work, stops it when there is none. */
  kick(): void {
    if (this.disposed) return;
    const waiting = this.collect().filter((t) => !this.groups.get(t.key)!.running);
    this.clearTimer();
    if (!waiting.length) return;
    const now = this.clock.now();
    const next = Math.min(...waiting.map((t) => this.groups.get(t.key)!.nextAt));
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.startDue();
      },
      Math.max(0, next - now),
    );
  }

  /**
   * Polls every group of `only`'s sources now, whatever their backoff (tests, the benchmark, Retry): resolves
   * when each has answered or failed. A group already polling is waited for, then polled again; one whose run
   * passed its deadline without settling is left alone (it is never run twice at once). Never rejects.
   */
  async tick(only?: PollSource): Promise<void> {
    const tasks = only ? this.tasksOf(only) : this.collect();
    await Promise.all(
      tasks.map(async (t) => {
        await this.groups.get(t.key)?.outcome;
        const state = this.stateOf(t.key);
        // Still running: a poll started meanwhile (its answer is what was asked for), or a timed-out one that
        // ignores its abort (its outcome has settled already).
        if (state.running) await state.outcome;
        else await this.start(t);
      }),
    );
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

  /**
   * One poll of a group, on its own: a group that hangs holds up nobody else. Resolves when the poll has
   * answered, failed or passed its deadline; the group stays `running` until the run itself settles.
   */
  private start(task: PollTask): Promise<void> {
    const state = this.stateOf(task.key);
    const controller = new AbortController();
    let timedOut = false;
    let judged!: () => void;
    const outcome = new Promise<void>((resolve) => (judged = resolve));
    const deadline = this.clock.setTimeout(() => {
      timedOut = true;
      const reason = new PollDeadlineError(this.opts.taskDeadlineMs);
      controller.abort(reason);
      this.failed(task.key, state, reason);
      judged();
    }, this.opts.taskDeadlineMs);
    state.outcome = outcome;
    state.running = (async () => {
      try {
        // Started on a later turn, so even a task that throws at once finds `running` set before it ends.
        await Promise.resolve();
        await task.run(controller.signal);
        if (!timedOut) {
          state.failures = 0;
          this.scheduleNext(state);
        }
      } catch (e) {
        if (!timedOut) this.failed(task.key, state, e);
      } finally {
        this.clock.clearTimeout(deadline);
        state.running = undefined;
        state.outcome = undefined;
        judged();
        this.kick();
      }
    })();
    return outcome;
  }

  /** A poll failed or passed its deadline: the group backs off (a late end of a timed-out run counts no more). */
  private failed(key: string, state: GroupState, e: unknown): void {
    state.failures++;
    this.opts.onTaskError?.(key, e);
    this.scheduleNext(state);
  }

  private scheduleNext(state: GroupState): void {
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

  /**
   * Every source's tasks; groups no longer watched are forgotten once they are not polling (a poll in flight
   * keeps its group, so it cannot be started twice), new ones are first due one interval from now.
   */
  private collect(): PollTask[] {
    const tasks = [...this.sources].flatMap((s) => this.tasksOf(s));
    const keys = new Set(tasks.map((t) => t.key));
    for (const [k, s] of this.groups) if (!keys.has(k) && !s.running) this.groups.delete(k);
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
