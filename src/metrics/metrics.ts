/**
 * Prometheus figures, read from the system of record at scrape time so they survive restarts:
 * calls by outcome, active calls, recordings by state, agents by state, ARI connectivity;
 * and the event-loop lag since the previous scrape.
 */
import { sql } from 'drizzle-orm';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Db } from '../db/database.js';
import { calls, CALL_OUTCOMES, RECORDING_STATES } from '../db/schema.js';
import type { Telephony } from '../telephony/telephony.js';
import type { EventLoopLag } from './event-loop-lag.js';

export interface MetricsDeps {
  db: Db;
  tracker: CallTracker;
  agents: AgentPool;
  telephony: Telephony;
  /** Started by the service; absent, the lag gauge is not exported. */
  eventLoop?: EventLoopLag;
}

export function createMetrics(deps: MetricsDeps): { registry: Registry; render: () => Promise<string> } {
  const registry = new Registry();

  new Counter({
    name: 'dialer_calls_total',
    help: 'Closed customer calls by outcome.',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const rows = deps.db.select({ outcome: calls.outcome, n: sql<number>`count(*)` }).from(calls).groupBy(calls.outcome).all();
      this.reset();
      for (const outcome of CALL_OUTCOMES) this.inc({ outcome }, 0);
      for (const r of rows) if (r.outcome) this.inc({ outcome: r.outcome }, r.n);
    },
  });

  new Counter({
    name: 'dialer_call_recordings_total',
    help: 'Answered calls by recording state (verified, missing, broken, pending).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const rows = deps.db
        .select({ state: calls.recordingState, n: sql<number>`count(*)` })
        .from(calls)
        .groupBy(calls.recordingState)
        .all();
      this.reset();
      for (const state of RECORDING_STATES) this.inc({ state }, 0);
      for (const r of rows) if (r.state) this.inc({ state: r.state }, r.n);
    },
  });

  new Gauge({
    name: 'dialer_active_calls',
    help: 'Customer calls in progress (dialing, ringing, answered or connected).',
    registers: [registry],
    collect() {
      this.set(deps.tracker.size);
    },
  });

  new Gauge({
    name: 'dialer_agents',
    help: 'Logged-in agents by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const state of ['connecting', 'ready', 'reserved', 'on-call', 'wrap-up', 'paused']) this.set({ state }, 0);
      for (const a of deps.agents.list()) this.inc({ state: a.state });
    },
  });

  new Gauge({
    name: 'dialer_ari_connected',
    help: '1 while the ARI event stream is connected.',
    registers: [registry],
    collect() {
      this.set(deps.telephony.isConnected ? 1 : 0);
    },
  });

  const loop = deps.eventLoop;
  if (loop) {
    new Gauge({
      name: 'dialer_event_loop_lag_seconds',
      help: 'Event-loop lag since the previous scrape (p50, p99, max): timers, agent waits included, run this late.',
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        const f = loop.read({ reset: true });
        this.set({ quantile: '0.5' }, f.p50 / 1000);
        this.set({ quantile: '0.99' }, f.p99 / 1000);
        this.set({ quantile: '1' }, f.max / 1000);
      },
    });
  }

  return { registry, render: () => registry.metrics() };
}
