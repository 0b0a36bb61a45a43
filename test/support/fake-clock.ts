/**
 * One fake clock for the service (`Clock`) and the ARI simulator (`SimTimers`), so a whole
 * working day runs in seconds with exact times.
 *
 * Time moves only through {@link FakeClock.advanceTo}: it runs the timers due by then in
 * order, each at its own due time, then settles at the target. Timers already due (0 ms,
 * or set in the past) run on their own on the next turn of the real event loop, so work that
 * "happens now" (a softphone answering at once, a zero-delay step) needs no advancing.
 * Network I/O between the service and the simulator is real and takes no fake time: advance to
 * one significant moment at a time and wait for its effect before the next.
 */
import type { Clock, TimerHandle } from '../../src/clock.js';
import type { SimTimers } from '../../src/sim/index.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock, SimTimers {
  private timers: Timer[] = [];
  private seq = 0;
  private pumping = false;

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: Timer = { at: this.t + Math.max(0, Number.isFinite(ms) ? ms : 0), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    if (timer.at <= this.t) this.pump();
    return { cancel: () => void (timer.cancelled = true) };
  }

  clearTimeout(handle: unknown): void {
    (handle as TimerHandle | undefined)?.cancel();
  }

  /** Moves time to `target`, running every timer due by then at its own time. */
  advanceTo(target: number): void {
    if (target < this.t) throw new Error(`fake clock: cannot go back from ${this.t} to ${target}`);
    this.runDue(target);
    this.t = target;
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  /** Timers not yet run (for assertions). */
  get pending(): number {
    return this.timers.filter((x) => !x.cancelled).length;
  }

  /** When the earliest timer not yet run is due, or null when none is set. */
  get nextDue(): number | null {
    let at: number | null = null;
    for (const x of this.timers) if (!x.cancelled && (at === null || x.at < at)) at = x.at;
    return at;
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      this.runDue(this.t);
    });
  }

  private runDue(limit: number): void {
    for (;;) {
      this.timers = this.timers.filter((x) => !x.cancelled);
      let next: Timer | undefined;
      for (const x of this.timers) if (x.at <= limit && (!next || x.at < next.at || (x.at === next.at && x.seq < next.seq))) next = x;
      if (!next) return;
      this.timers.splice(this.timers.indexOf(next), 1);
      if (next.at > this.t) this.t = next.at;
      next.fn();
    }
  }
}
