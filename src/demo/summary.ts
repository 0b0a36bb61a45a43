/** The demo's closing table: calls by outcome, recordings, per-agent talk time. */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { maskPhone } from '../support/mask-phone.js';
import { agents, calls } from '../db/schema.js';

export interface DemoSummary {
  byOutcome: Record<string, number>;
  recordings: Record<string, number>;
  /** Answered calls without a verified recording, and why. */
  incidents: Array<{ phone: string; state: string; problem: string }>;
  agents: Array<{ name: string; calls: number; talkMs: number }>;
}

export function summarise(db: Db, campaignId: number): DemoSummary {
  const rows = db.select().from(calls).where(eq(calls.campaignId, campaignId)).all();
  const byOutcome: Record<string, number> = {};
  const recordings: Record<string, number> = {};
  const incidents: DemoSummary['incidents'] = [];
  for (const r of rows) {
    if (r.recordingState && r.recordingState !== 'verified' && r.recordingState !== 'pending') {
      incidents.push({ phone: maskPhone(r.phone), state: r.recordingState, problem: r.recordingProblem ?? '' });
    }
    byOutcome[r.outcome ?? 'in progress'] = (byOutcome[r.outcome ?? 'in progress'] ?? 0) + 1;
    if (r.recordingState) recordings[r.recordingState] = (recordings[r.recordingState] ?? 0) + 1;
  }
  const perAgent = db
    .select({
      name: agents.name,
      calls: sql<number>`count(${calls.id})`,
      talkMs: sql<number>`coalesce(sum(${calls.endedAt} - ${calls.agentConnectedAt}), 0)`,
    })
    .from(agents)
    .leftJoin(calls, sql`${calls.agentId} = ${agents.id} and ${calls.agentConnectedAt} is not null and ${calls.campaignId} = ${campaignId}`)
    .groupBy(agents.id)
    .all();
  return { byOutcome, recordings, incidents, agents: perAgent };
}

export function formatSummary(s: DemoSummary): string {
  const lines: string[] = [];
  const table = (title: string, rows: Array<[string, string]>) => {
    const w = Math.max(title.length, ...rows.map(([k]) => k.length));
    lines.push('', title, '-'.repeat(w + 12));
    for (const [k, v] of rows) lines.push(`${k.padEnd(w)}  ${v.padStart(10)}`);
  };
  table('Calls by outcome', Object.entries(s.byOutcome).sort().map(([k, v]) => [k, String(v)]));
  table('Recordings of answered calls', Object.entries(s.recordings).sort().map(([k, v]) => [k, String(v)]));
  for (const i of s.incidents) lines.push(`  ${i.state}: ${i.phone} — ${i.problem}`);
  table(
    'Agent talk time',
    s.agents.map((a) => [a.name, `${a.calls} calls, ${(a.talkMs / 1000).toFixed(1)} s`]),
  );
  return lines.join('\n');
}
