/**
 * Prometheus figures. Counts are read from the system of record at scrape time so they survive
 * restarts (calls by outcome, recordings by final state); gauges for what goes up and down
 * (active calls, agents by state, recordings still pending, ARI connectivity, queue depths,
 * per-campaign figures); histograms of the two latencies a caller feels (answer → opening,
 * answer → agent); and Node's own process and event-loop metrics (prom-client's defaults).
 */
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { CampaignStore } from '../campaigns/campaign-store.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { calls, CALL_OUTCOMES, RECORDING_STATES } from '../db/schema.js';
import type { Telephony } from '../telephony/telephony.js';
import { registerCampaignGauges } from './campaign-gauges.js';
import { registerCallLatency } from './call-latency.js';

/** A queue whose depth is exported, by BullMQ job state. */
export type QueueDepth = () => Promise<Record<string, number>>;

export interface MetricsDeps {
  db: Db;
  clock: Clock;
  tracker: CallTracker;
  agents: AgentPool;
  telephony: Telephony;
  campaigns: CampaignStore;
  /** Queue name → its depth (QA review, consent follow-ups, webhooks…). */
  queues?: Record<string, QueueDepth>;
  /** Node process and event-loop metrics (default true; off in tests that build many registries). */
  processMetrics?: boolean;
}

/** Recording states that are final: counted. `pending` goes down again, so it is a gauge. */
const FINAL_RECORDING_STATES = RECORDING_STATES.filter((s) => s !== 'pending');

export function createMetrics(deps: MetricsDeps): { registry: Registry; render: () => Promise<string> } {
  const registry = new Registry();
  if (deps.processMetrics ?? true) {
    // process_cpu_*, process_resident_memory_bytes, nodejs_eventloop_lag_seconds (+ p50/p90/p99),
    // the one event-loop lag measure (issue 15's dialer_event_loop_lag_seconds folded into it:
    // the same perf_hooks histogram, reset each scrape, under the name stock dashboards use),
    // nodejs_heap_*, nodejs_gc_duration_seconds…; the standard names, so stock dashboards work.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  }

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

  const recordingRows = () =>
    deps.db.select({ state: calls.recordingState, n: sql<number>`count(*)` }).from(calls).groupBy(calls.recordingState).all();

  new Counter({
    name: 'dialer_call_recordings_total',
    help: 'Answered calls by final recording state (verified, missing, broken).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const state of FINAL_RECORDING_STATES) this.inc({ state }, 0);
      for (const r of recordingRows()) if (r.state && r.state !== 'pending') this.inc({ state: r.state }, r.n);
    },
  });

  new Gauge({
    name: 'dialer_recordings_pending',
    help: 'Answered calls whose recording is not yet fetched and verified (goes down as they are).',
    registers: [registry],
    collect() {
      this.set(Number(recordingRows().find((r) => r.state === 'pending')?.n ?? 0));
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

  new Gauge({
    name: 'dialer_ari_rest_over_websocket',
    help: "1 while Asterisk answers REST over the event WebSocket: an answered call's add, record and play go in one round trip (0: over HTTP, one more).",
    registers: [registry],
    collect() {
      this.set(deps.telephony.restOverWebSocket.available ? 1 : 0);
    },
  });

  new Counter({
    name: 'dialer_ari_websocket_requests_total',
    help: 'ARI requests Asterisk has answered over the event WebSocket.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.telephony.restOverWebSocket.answered);
    },
  });

  const queues = deps.queues ?? {};
  new Gauge({
    name: 'dialer_queue_jobs',
    help: 'Jobs in each work queue by state (waiting, prioritized, delayed, active, failed).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        Object.entries(queues).map(async ([queue, depth]) => {
          try {
            for (const [state, n] of Object.entries(await depth())) this.set({ queue, state }, n);
          } catch {
            // Redis down: the queue has no figure this scrape (dialer_up-style gaps, not a failed scrape).
          }
        }),
      );
    },
  });

  registerCampaignGauges(registry, deps);
  registerCallLatency(registry, deps);

  return { registry, render: () => registry.metrics() };
}
