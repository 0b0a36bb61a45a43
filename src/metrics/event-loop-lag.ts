/**
 * Event-loop lag: how late timers run because something held the loop (a synchronous query
 * over a big table, say). Agent wait timers and the 2-second abandonment rule ride the same
 * loop, so this is a figure of the floor's health, printed by the bench (/metrics exports the
 * same measure as prom-client's nodejs_eventloop_lag_*). Built on Node's own sampling histogram (perf_hooks.monitorEventLoopDelay).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Lag figures over a period, milliseconds. */
export interface EventLoopLagFigures {
  p50: number;
  p99: number;
  max: number;
  /** Samples taken in the period. */
  samples: number;
}

export class EventLoopLag {
  private readonly histogram: IntervalHistogram;
  private running = false;

  /** @param resolutionMs sampling period of the histogram (Node's default 10 ms). */
  constructor(resolutionMs = 10) {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  start(): this {
    if (!this.running) this.histogram.enable();
    this.running = true;
    return this;
  }

  stop(): void {
    if (this.running) this.histogram.disable();
    this.running = false;
  }

  /** The figures since the last reset (or start); `reset` starts a new period. */
  read(opts: { reset?: boolean } = {}): EventLoopLagFigures {
    const h = this.histogram;
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const figures = { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), samples: h.count };
    if (opts.reset) h.reset();
    return figures;
  }
}
