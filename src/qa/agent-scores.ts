/**
 * An agent's own QA scores, as the agent console shows them (requirements §4, §6): the call
 * by its masked number and campaign, the total, each deduction and fatal finding by name,
 * the reviewer's comment (not who the reviewer is), and whether the API would take a
 * dispute now and, if not, why.
 *
 * A score comes out with the daily report of its day: until that is published the agent
 * learns only that the call was scored (pending). A re-review shows at once: it is QA's
 * answer to the agent's own dispute.
 */
import { desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { calls, campaigns, qaDailyReports, qaDisputes, qaScores } from '../db/schema.js';
import { maskPhone } from '../support/mask-phone.js';
import { disputeChance, disputeWindow, type DisputeChance } from './disputes.js';
import type { RubricRow } from './rubric-store.js';
import type { ScoreRow } from './score-service.js';
import { FATAL_KINDS } from './scoring/fatal.js';
import type { Deduction, FatalFinding, Severity } from './scoring/score.js';

/** The call a score is of, as an agent may see it after the call. */
export interface ScoredCall {
  campaignName: string;
  /** e.g. +86138****5678: the full number is for the live call only (§6). */
  phoneMasked: string;
}

export interface AgentScoreDeduction {
  itemCode: string;
  /** The item and its category in the score's own rubric version. */
  itemName: string;
  itemNameZh: string;
  categoryName: string;
  severity: Severity;
  points: number;
  note: string | null;
  /** Where in the recording, ms from its start. */
  atMs: number | null;
}

export interface AgentScoreFatal {
  kind: string;
  name: string;
  nameZh: string;
  note: string | null;
  atMs: number | null;
}

/** A score whose daily report is out (or a re-review). The reviewer stays anonymous. */
export type AgentScoreView = Omit<ScoreRow, 'reviewerId'> &
  ScoredCall &
  DisputeChance & {
    deductions: AgentScoreDeduction[];
    fatalFindings: AgentScoreFatal[];
  };

/** A score whose daily report is not published yet: only that it exists. */
export type PendingScoreView = Pick<ScoreRow, 'id' | 'callId' | 'campaignId' | 'kind' | 'reviewDate'> & ScoredCall & DisputeChance;

export interface AgentScores {
  /** Newest first. */
  scores: AgentScoreView[];
  pending: PendingScoreView[];
}

export interface AgentScoresQuery {
  agentId: number;
  now: number;
  timeZone: string;
  /** Only scores reviewed in [from, to] (epoch ms), e.g. a cycle. */
  reviewedBetween?: { from: number; to: number };
  rubricById: (id: number) => RubricRow;
}

const LIMIT = 2000;

export function agentScores(db: Db, q: AgentScoresQuery): AgentScores {
  const rows = db
    .select({ score: qaScores, campaignName: campaigns.name, phone: calls.phone })
    .from(qaScores)
    .innerJoin(calls, eq(calls.id, qaScores.callId))
    .innerJoin(campaigns, eq(campaigns.id, qaScores.campaignId))
    .where(eq(qaScores.agentId, q.agentId))
    .orderBy(desc(qaScores.id))
    .limit(LIMIT)
    .all()
    .filter(({ score: s }) => !q.reviewedBetween || (s.reviewedAt >= q.reviewedBetween.from && s.reviewedAt <= q.reviewedBetween.to));
  const dates = [...new Set(rows.map((r) => r.score.reviewDate))];
  const published = new Map(dates.length ? db.select().from(qaDailyReports).where(inArray(qaDailyReports.date, dates)).all().map((r) => [r.date, r.publishedAt]) : []);
  const disputeOfScore = new Map(db.select({ id: qaDisputes.id, scoreId: qaDisputes.scoreId }).from(qaDisputes).where(eq(qaDisputes.agentId, q.agentId)).all().map((d) => [d.scoreId, d.id]));
  const names = rubricNames(q.rubricById);

  const out: AgentScores = { scores: [], pending: [] };
  for (const { score, campaignName, phone } of rows) {
    const publishedAt = published.get(score.reviewDate) ?? null;
    const call: ScoredCall = { campaignName, phoneMasked: maskPhone(phone) };
    const chance = disputeChance(score, disputeOfScore.get(score.id) ?? null, disputeWindow(score.reviewDate, publishedAt, q.now, q.timeZone));
    if (publishedAt === null && score.kind !== 're-review') {
      out.pending.push({ id: score.id, callId: score.callId, campaignId: score.campaignId, kind: score.kind, reviewDate: score.reviewDate, ...call, ...chance });
      continue;
    }
    const { reviewerId: _reviewer, ...visible } = score;
    const detail = score.detail as { deductions?: Deduction[]; fatal?: FatalFinding[] };
    out.scores.push({
      ...visible,
      ...call,
      ...chance,
      deductions: (detail.deductions ?? []).map((d) => ({
        itemCode: d.itemCode,
        ...names(score.rubricId, d.itemCode),
        severity: d.severity,
        points: d.points,
        note: d.note ?? null,
        atMs: d.atMs ?? null,
      })),
      fatalFindings: (detail.fatal ?? []).map((f) => {
        const kind = FATAL_KINDS.find((k) => k.code === f.kind);
        return { kind: f.kind, name: kind?.nameEn ?? f.kind, nameZh: kind?.nameZh ?? '', note: f.note ?? null, atMs: f.atMs ?? null };
      }),
    });
  }
  return out;
}

/** Item and category names by rubric id and item code, each rubric read once. */
type ItemNames = Pick<AgentScoreDeduction, 'itemName' | 'itemNameZh' | 'categoryName'>;

function rubricNames(rubricById: (id: number) => RubricRow): (rubricId: number, itemCode: string) => ItemNames {
  const byRubric = new Map<number, Map<string, ItemNames>>();
  return (rubricId, itemCode) => {
    let items = byRubric.get(rubricId);
    if (!items) {
      items = new Map();
      for (const c of rubricById(rubricId).definition.categories) for (const i of c.items) items.set(i.code, { itemName: i.nameEn, itemNameZh: i.nameZh, categoryName: c.nameEn });
      byRubric.set(rubricId, items);
    }
    return items.get(itemCode) ?? { itemName: itemCode, itemNameZh: '', categoryName: '' };
  };
}
