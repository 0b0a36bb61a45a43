/**
 * Histograms of what a customer waits for after answering: the opening (answer → opening
 * playback started) and an agent (answer → agent connected). Observed once per call when it
 * closes, from the timestamps on its row (the same figures the call history shows).
 */
import { eq } from 'drizzle-orm';
import { once, placeholder } from '../db/prepared.js';
import { Histogram, type Registry } from 'prom-client';
import { calls } from '../db/schema.js';
import type { MetricsDeps } from './metrics.js';

// Seconds. The opening should start within a fraction of a second; an agent within the
// 2-second abandonment rule (AGENT_WAIT_MS), so the buckets are dense below 3 s.
const OPENING_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5];
const AGENT_BUCKETS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 5, 10];

export function registerCallLatency(registry: Registry, deps: Pick<MetricsDeps, 'db' | 'tracker'>): void {
  const opening = new Histogram({
    name: 'dialer_answer_to_opening_seconds',
    help: 'From the customer answering to the opening starting to play.',
    buckets: OPENING_BUCKETS,
    registers: [registry],
  });
  const agent = new Histogram({
    name: 'dialer_answer_to_agent_seconds',
    help: 'From the customer answering to an agent being connected (calls that got an agent).',
    buckets: AGENT_BUCKETS,
    registers: [registry],
  });
  // Every call's end: built once (db/prepared.ts).
  const timesOf = once(() =>
    deps.db
      .select({ answeredAt: calls.answeredAt, openingStartedAt: calls.openingStartedAt, agentConnectedAt: calls.agentConnectedAt })
      .from(calls)
      .where(eq(calls.id, placeholder('callId')))
      .prepare(),
  );
  deps.tracker.onCallEnded((end) => {
    const row = timesOf().get({ callId: end.callId });
    if (!row?.answeredAt) return;
    if (row.openingStartedAt !== null) opening.observe(Math.max(0, row.openingStartedAt - row.answeredAt) / 1000);
    if (row.agentConnectedAt !== null) agent.observe(Math.max(0, row.agentConnectedAt - row.answeredAt) / 1000);
  });
}
