/**
 * Runs the QA plan every day at a local time (QA_PLAN_TIME, 21:30 by default, after the
 * 08:00–21:00 calling window) on the injected clock. Each instance of the service runs its
 * own schedule; the planner's immediate transaction makes a second run a harmless top-up.
 */
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import { nextLocalTime } from './local-time.js';

export interface PlanSchedulerOptions {
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** 'HH:MM' local. */
  at: string;
  /** The daily job (the planner's runAll). Its failure is logged; the next day runs anyway. */
  run: () => Promise<unknown>;
}

export class PlanScheduler {
  private timer: TimerHandle | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  /** When the next run is due (ms), or null when stopped. */
  nextRunAt: number | null = null;

  constructor(private readonly opts: PlanSchedulerOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.nextRunAt = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.opts.clock.now();
    const at = nextLocalTime(now, this.opts.at, this.opts.timeZone);
    this.nextRunAt = at;
    this.timer = this.opts.clock.setTimeout(() => this.fire(), at - now);
  }

  private fire(): void {
    this.timer = null;
    this.running = this.opts
      .run()
      .catch((err: unknown) => this.opts.logger.error({ err }, 'qa-schedule: daily plan run failed'))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }
}
