/**
 * Time for the simulator: an injectable timer source and a scheduler that remembers every
 * pending timer per owner, so a hung-up channel or a stopped simulator cancels what it started.
 */
import type { SimLogger, SimTimers } from './types.js';

/** Real wall-clock timers. */
export const realTimers: SimTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Handle of a scheduled callback; pass it to {@link Scheduler.cancel}. */
export interface ScheduledTask {
  readonly owner: string;
  cancelled: boolean;
  handle: unknown;
}

/**
 * Owner-tracked timers. Callbacks never throw out of the scheduler: an error is logged, so one
 * bad step cannot crash the process that hosts the simulator.
 */
export class Scheduler {
  private readonly byOwner = new Map<string, Set<ScheduledTask>>();

  constructor(
    private readonly timers: SimTimers,
    private readonly log: SimLogger,
  ) {}

  now(): number {
    return this.timers.now();
  }

  /** Runs `fn` after `ms` (clamped to ≥ 0) unless the task or its owner is cancelled first. */
  after(owner: string, ms: number, fn: () => void): ScheduledTask {
    const task: ScheduledTask = { owner, cancelled: false, handle: undefined };
    let set = this.byOwner.get(owner);
    if (!set) {
      set = new Set();
      this.byOwner.set(owner, set);
    }
    set.add(task);
    task.handle = this.timers.setTimeout(
      () => {
        this.forget(task);
        if (task.cancelled) return;
        try {
          fn();
        } catch (err) {
          this.log.error({ err, owner }, 'sim: scheduled step failed');
        }
      },
      Math.max(0, Number.isFinite(ms) ? ms : 0),
    );
    return task;
  }

  cancel(task: ScheduledTask | undefined): void {
    if (!task || task.cancelled) return;
    task.cancelled = true;
    this.timers.clearTimeout(task.handle);
    this.forget(task);
  }

  /** Cancels every pending task of `owner`. */
  cancelOwner(owner: string): void {
    const set = this.byOwner.get(owner);
    if (!set) return;
    for (const task of [...set]) this.cancel(task);
    this.byOwner.delete(owner);
  }

  cancelAll(): void {
    for (const owner of [...this.byOwner.keys()]) this.cancelOwner(owner);
  }

  private forget(task: ScheduledTask): void {
    const set = this.byOwner.get(task.owner);
    if (!set) return;
    set.delete(task);
    if (set.size === 0) this.byOwner.delete(task.owner);
  }
}
