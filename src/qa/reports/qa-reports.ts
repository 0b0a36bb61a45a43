/**
 * The QA reports (requirements §4), computed from SQLite on request:
 * - daily: per agent, the calls sampled that day, the calls scored that day (reviews and
 *   re-reviews; a call scored twice counts once, with its last score of the day), their
 *   mean score, fatal errors and defects, and disputes raised; and whether it is published;
 * - cycle (the monthly summary): per campaign the population so far, sampled, scored, mean,
 *   fatal errors and the estimated defect rate with its 95% Wilson interval; per agent the
 *   same figures from the current scores of the cycle's sampled calls;
 * - trend: per agent and per team, day by day over the cycle, the current scores of the
 *   calls first reviewed that day, with the running mean.
 * Means are rounded to 2 decimals; rates are proportions.
 */
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/database.js';
import { agents, campaigns, qaDailyReports, qaDisputes, qaPlanItems, qaScores } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { cycleByLabel, cycleDates, dayRange, localDate, type QaCalendar } from '../local-time.js';
import { eligibleCount } from '../population.js';
import { wilsonInterval, type Cycle } from '../sampling/index.js';
import type { AuditActor } from '../audit-log.js';
import { meanOf, type CycleAgentRow, type CycleCampaignRow, type CycleReport, type DailyAgentRow, type DailyReport, type Publication, type TrendReport, type TrendSeries } from './report-types.js';

type ScoreRow = typeof qaScores.$inferSelect;

export class QaReports {
  constructor(private readonly opts: { db: Db; clock: Clock; calendar: QaCalendar }) {}

  /** Publishes the daily report of `date` (idempotent: a second call returns the first publication). */
  publishDaily(date: string, actor: AuditActor): Publication & { alreadyPublished: boolean } {
    const { db, clock, calendar } = this.opts;
    dayRange(date, calendar.timeZone);
    const today = localDate(clock.now(), calendar.timeZone);
    if (date > today) throw new Errors.BadRequest(`cannot publish the report of ${date}, a day that has not come yet (today is ${today})`);
    const existing = this.publication(date);
    if (existing) return { ...existing, alreadyPublished: true };
    db.insert(qaDailyReports).values({ date, publishedAt: clock.now(), publishedBy: actor.id }).run();
    return { ...(this.publication(date) as Publication), alreadyPublished: false };
  }

  publication(date: string): Publication | null {
    const row = this.opts.db.select().from(qaDailyReports).where(eq(qaDailyReports.date, date)).get();
    return row ? { date: row.date, publishedAt: row.publishedAt, publishedBy: row.publishedBy, publishedOn: localDate(row.publishedAt, this.opts.calendar.timeZone) } : null;
  }

  daily(date: string, filter: { campaignId?: number } = {}): DailyReport {
    const { db, calendar } = this.opts;
    const { start, end } = dayRange(date, calendar.timeZone);
    const byCampaign = filter.campaignId;
    const rows = new Map<number, DailyAgentRow>();
    const row = (agentId: number): DailyAgentRow => {
      let r = rows.get(agentId);
      if (!r) rows.set(agentId, (r = { agentId, agentName: '', team: '', sampled: 0, scored: 0, meanScore: null, fatal: 0, defects: 0, disputesRaised: 0, pulled: 0, pulledScored: 0, pulledDefects: 0 }));
      return r;
    };
    for (const it of db
      .select({ agentId: qaPlanItems.agentId, origin: qaPlanItems.origin })
      .from(qaPlanItems)
      .where(and(gte(qaPlanItems.sampledAt, start), lt(qaPlanItems.sampledAt, end), byCampaign ? eq(qaPlanItems.campaignId, byCampaign) : undefined))
      .all()) {
      if (it.origin === 'on-demand') row(it.agentId).pulled += 1;
      else row(it.agentId).sampled += 1;
    }
    const lastOfDay = new Map<string, ScoreRow>();
    for (const s of db
      .select()
      .from(qaScores)
      .where(and(eq(qaScores.reviewDate, date), byCampaign ? eq(qaScores.campaignId, byCampaign) : undefined))
      .all()) {
      const prev = lastOfDay.get(s.callId);
      if (!prev || prev.id < s.id) lastOfDay.set(s.callId, s);
    }
    // Scores of calls pulled on demand are counted apart from the sample's.
    const pulledIds = new Set(
      this.chunks([...lastOfDay.keys()], (c) =>
        db.select({ callId: qaPlanItems.callId }).from(qaPlanItems).where(and(inArray(qaPlanItems.callId, c), eq(qaPlanItems.origin, 'on-demand'))).all(),
      ).map((r) => r.callId),
    );
    for (const id of pulledIds) {
      const s = lastOfDay.get(id)!;
      lastOfDay.delete(id);
      row(s.agentId).pulledScored += 1;
      if (s.defect) row(s.agentId).pulledDefects += 1;
    }
    const totals = new Map<number, number[]>();
    for (const s of lastOfDay.values()) {
      const r = row(s.agentId);
      r.scored += 1;
      if (s.fatal) r.fatal += 1;
      if (s.defect) r.defects += 1;
      totals.set(s.agentId, [...(totals.get(s.agentId) ?? []), s.total]);
    }
    for (const d of db
      .select({ agentId: qaDisputes.agentId, callId: qaDisputes.callId })
      .from(qaDisputes)
      .where(and(gte(qaDisputes.raisedAt, start), lt(qaDisputes.raisedAt, end)))
      .all()) {
      if (byCampaign && db.select({ c: qaPlanItems.campaignId }).from(qaPlanItems).where(eq(qaPlanItems.callId, d.callId)).get()?.c !== byCampaign) continue;
      row(d.agentId).disputesRaised += 1;
    }
    for (const [agentId, list] of totals) row(agentId).meanScore = meanOf(list);
    this.name(rows);
    const list = [...rows.values()].sort((a, b) => a.agentId - b.agentId);
    const all = [...lastOfDay.values()].map((s) => s.total);
    return {
      date,
      timeZone: calendar.timeZone,
      campaignId: byCampaign ?? null,
      publication: this.publication(date),
      agents: list,
      totals: {
        sampled: list.reduce((s, r) => s + r.sampled, 0),
        scored: all.length,
        meanScore: meanOf(all),
        fatal: list.reduce((s, r) => s + r.fatal, 0),
        defects: list.reduce((s, r) => s + r.defects, 0),
        disputesRaised: list.reduce((s, r) => s + r.disputesRaised, 0),
        pulled: list.reduce((s, r) => s + r.pulled, 0),
        pulledScored: list.reduce((s, r) => s + r.pulledScored, 0),
        pulledDefects: list.reduce((s, r) => s + r.pulledDefects, 0),
      },
    };
  }

  cycle(label: string, filter: { campaignId?: number } = {}): CycleReport {
    const { db, clock, calendar } = this.opts;
    const cycle = cycleByLabel(label, calendar);
    const asOf = Math.min(clock.now(), cycle.end.getTime());
    const items = this.cycleItems(cycle, filter.campaignId);
    const current = this.currentScores(items.map((i) => i.callId));
    const campaignIds = new Set(items.map((i) => i.campaignId));
    if (filter.campaignId) campaignIds.add(filter.campaignId);
    const names = new Map(db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).all().map((c) => [c.id, c.name]));

    const campaignRows: CycleCampaignRow[] = [...campaignIds].sort((a, b) => a - b).map((campaignId) => {
      const mine = items.filter((i) => i.campaignId === campaignId);
      const scores = mine.map((i) => current.get(i.callId)).filter((s): s is ScoreRow => s !== undefined);
      const population = Math.max(eligibleCount(db, { campaignId, from: cycle.start.getTime(), to: cycle.end.getTime(), cutoff: asOf }), mine.length);
      const defects = scores.filter((s) => s.defect).length;
      const ci = wilsonInterval({ defects, sampleSize: scores.length, population, confidence: 0.95 });
      return {
        campaignId,
        campaignName: names.get(campaignId) ?? '',
        population,
        sampled: mine.length,
        scored: scores.length,
        pending: mine.length - scores.length,
        meanScore: meanOf(scores.map((s) => s.total)),
        fatal: scores.filter((s) => s.fatal).length,
        defects,
        defectRate: { estimate: ci.estimate, lower: ci.lower, upper: ci.upper, confidence: ci.confidence, fpcApplied: ci.fpcApplied },
      };
    });

    const disputes = this.disputesOf(items.map((i) => i.callId));
    const agentRows = new Map<number, CycleAgentRow>();
    for (const it of items) {
      let r = agentRows.get(it.agentId);
      if (!r) {
        r = { agentId: it.agentId, agentName: '', team: '', sampled: 0, scored: 0, meanScore: null, minScore: null, maxScore: null, fatal: 0, defects: 0, disputes: 0, amended: 0 };
        agentRows.set(it.agentId, r);
      }
      r.sampled += 1;
      const s = current.get(it.callId);
      if (s) {
        r.scored += 1;
        if (s.fatal) r.fatal += 1;
        if (s.defect) r.defects += 1;
        r.minScore = r.minScore === null ? s.total : Math.min(r.minScore, s.total);
        r.maxScore = r.maxScore === null ? s.total : Math.max(r.maxScore, s.total);
      }
      for (const d of disputes.get(it.callId) ?? []) {
        r.disputes += 1;
        if (d.status === 'amended') r.amended += 1;
      }
    }
    for (const r of agentRows.values()) {
      r.meanScore = meanOf(items.filter((i) => i.agentId === r.agentId).map((i) => current.get(i.callId)?.total).filter((t): t is number => t !== undefined));
    }
    this.name(agentRows);
    return {
      cycle: { label: cycle.label, start: cycle.start.getTime(), end: cycle.end.getTime() },
      timeZone: calendar.timeZone,
      asOf,
      campaignId: filter.campaignId ?? null,
      campaigns: campaignRows,
      agents: [...agentRows.values()].sort((a, b) => a.agentId - b.agentId),
    };
  }

  trend(label: string, filter: { campaignId?: number; agentId?: number } = {}): TrendReport {
    const { calendar } = this.opts;
    const cycle = cycleByLabel(label, calendar);
    const dates = cycleDates(cycle, calendar.timeZone);
    const items = this.cycleItems(cycle, filter.campaignId).filter((i) => filter.agentId === undefined || i.agentId === filter.agentId);
    const history = this.allScores(items.map((i) => i.callId));
    const points: Array<{ agentId: number; date: string; total: number; fatal: boolean }> = [];
    for (const it of items) {
      const scores = history.get(it.callId) ?? [];
      const first = scores.find((s) => s.kind === 'review') ?? scores[0];
      const cur = scores.find((s) => s.current);
      if (first && cur) points.push({ agentId: it.agentId, date: first.reviewDate, total: cur.total, fatal: cur.fatal });
    }
    const named = new Map<number, { agentName: string; team: string }>();
    for (const a of this.opts.db.select().from(agents).all()) named.set(a.id, { agentName: a.name, team: a.team });
    const series = (key: (p: (typeof points)[number]) => boolean): TrendSeries['days'] => {
      let sum = 0;
      let n = 0;
      return dates.map((date) => {
        const today = points.filter((p) => p.date === date && key(p));
        for (const p of today) {
          sum += p.total;
          n += 1;
        }
        return { date, scored: today.length, meanScore: meanOf(today.map((p) => p.total)), fatal: today.filter((p) => p.fatal).length, runningMean: n ? Math.round((sum / n) * 100) / 100 : null };
      });
    };
    const agentIds = [...new Set(items.map((i) => i.agentId))].sort((a, b) => a - b);
    const teams = [...new Set(agentIds.map((id) => named.get(id)?.team ?? ''))].sort();
    return {
      cycle: { label: cycle.label, start: cycle.start.getTime(), end: cycle.end.getTime() },
      timeZone: calendar.timeZone,
      dates,
      agents: agentIds.map((agentId) => ({ agentId, agentName: named.get(agentId)?.agentName ?? '', team: named.get(agentId)?.team ?? '', days: series((p) => p.agentId === agentId) })),
      teams: teams.map((team) => ({ team, days: series((p) => (named.get(p.agentId)?.team ?? '') === team) })),
    };
  }

  private cycleItems(cycle: Cycle, campaignId?: number) {
    return this.opts.db
      .select()
      .from(qaPlanItems)
      .where(and(eq(qaPlanItems.cycleLabel, cycle.label), campaignId ? eq(qaPlanItems.campaignId, campaignId) : undefined, eq(qaPlanItems.origin, 'sample')))
      .all();
  }

  private chunks<T>(ids: string[], f: (chunk: string[]) => T[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...f(ids.slice(i, i + 500)));
    return out;
  }

  private currentScores(callIds: string[]): Map<string, ScoreRow> {
    const rows = this.chunks(callIds, (c) =>
      this.opts.db.select().from(qaScores).where(and(inArray(qaScores.callId, c), eq(qaScores.current, true))).all(),
    );
    return new Map(rows.map((s) => [s.callId, s]));
  }

  private allScores(callIds: string[]): Map<string, ScoreRow[]> {
    const out = new Map<string, ScoreRow[]>();
    for (const s of this.chunks(callIds, (c) => this.opts.db.select().from(qaScores).where(inArray(qaScores.callId, c)).all())) {
      out.set(s.callId, [...(out.get(s.callId) ?? []), s].sort((a, b) => a.id - b.id));
    }
    return out;
  }

  private disputesOf(callIds: string[]): Map<string, Array<typeof qaDisputes.$inferSelect>> {
    const out = new Map<string, Array<typeof qaDisputes.$inferSelect>>();
    for (const d of this.chunks(callIds, (c) => this.opts.db.select().from(qaDisputes).where(inArray(qaDisputes.callId, c)).all())) {
      out.set(d.callId, [...(out.get(d.callId) ?? []), d]);
    }
    return out;
  }

  private name(rows: Map<number, { agentName: string; team: string }>): void {
    if (rows.size === 0) return;
    for (const a of this.opts.db.select().from(agents).where(inArray(agents.id, [...rows.keys()])).all()) {
      const r = rows.get(a.id);
      if (r) {
        r.agentName = a.name;
        r.team = a.team;
      }
    }
  }
}
