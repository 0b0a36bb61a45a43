/**
 * Campaign assignments (agents and teams, with a priority) and agent qualifications (granted
 * by a manager, from a date, optionally expiring, revoked rather than deleted) in SQLite.
 * Every change tells the roster (`onChange`) so the floor applies it at once.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agentQualifications, agents, campaignAssignments, campaigns } from '../db/schema.js';
import { Errors } from '../errors.js';
import { MAX_PRIORITY, MIN_PRIORITY, QUALIFICATION_CODE_PATTERN } from './eligibility.js';

export type AssignmentRow = typeof campaignAssignments.$inferSelect;
export type QualificationRow = typeof agentQualifications.$inferSelect;

/** One entry of a campaign's assignment list: an agent or a team. */
export type AssignmentInput = { agentId: number; team?: undefined; priority: number } | { team: string; agentId?: undefined; priority: number };

export interface GrantInput {
  code: string;
  grantedAt: number;
  expiresAt: number | null;
  note?: string;
}

export class AssignmentStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly onChange: () => void = () => undefined,
  ) {}

  list(campaignId: number): AssignmentRow[] {
    return this.db.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId)).orderBy(asc(campaignAssignments.id)).all();
  }

  /** Replaces the campaign's assignments (the manager's list as a whole); an empty list opens the campaign to every agent. */
  replace(campaignId: number, entries: AssignmentInput[], userId: number | null): AssignmentRow[] {
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const e of entries) {
      if (!Number.isInteger(e.priority) || e.priority < MIN_PRIORITY || e.priority > MAX_PRIORITY) {
        throw new Errors.AssignmentInvalid(`priority must be ${MIN_PRIORITY} to ${MAX_PRIORITY}`);
      }
      const key = e.agentId !== undefined ? `a:${e.agentId}` : `t:${e.team}`;
      if (seen.has(key)) throw new Errors.AssignmentInvalid(`${e.agentId !== undefined ? `agent ${e.agentId}` : `team ${e.team}`} is listed twice`);
      seen.add(key);
    }
    const result = this.db.transaction((tx) => {
      if (!tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId)).get()) throw new Errors.NotFound('campaign', campaignId);
      for (const e of entries) {
        if (e.agentId !== undefined && !tx.select({ id: agents.id }).from(agents).where(eq(agents.id, e.agentId)).get()) {
          throw new Errors.AssignmentInvalid(`agent ${e.agentId} does not exist`);
        }
        if (e.team !== undefined && !tx.select({ id: agents.id }).from(agents).where(eq(agents.team, e.team)).get()) {
          throw new Errors.AssignmentInvalid(`team ${e.team} has no agents`);
        }
      }
      tx.delete(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId)).run();
      for (const e of entries) {
        tx.insert(campaignAssignments)
          .values({ campaignId, agentId: e.agentId ?? null, team: e.team ?? null, priority: e.priority, createdBy: userId, createdAt: now, updatedAt: now })
          .run();
      }
      return tx.select().from(campaignAssignments).where(eq(campaignAssignments.campaignId, campaignId)).orderBy(asc(campaignAssignments.id)).all();
    });
    this.onChange();
    return result;
  }

  /** Live (not revoked) grants, of one agent or of all; expired ones included (the console shows them as expired). */
  qualifications(agentId?: number): QualificationRow[] {
    const live = isNull(agentQualifications.revokedAt);
    return this.db
      .select()
      .from(agentQualifications)
      .where(agentId === undefined ? live : and(live, eq(agentQualifications.agentId, agentId)))
      .orderBy(asc(agentQualifications.agentId), asc(agentQualifications.code))
      .all();
  }

  /** Grants a qualification; a live grant of the same code is replaced (revoked by the same manager, kept as history). */
  grant(agentId: number, input: GrantInput, userId: number | null): QualificationRow {
    if (!QUALIFICATION_CODE_PATTERN.test(input.code)) throw new Errors.QualificationInvalid('a code is letters, digits, _ . - (up to 40), e.g. VP15-trained');
    if (input.expiresAt !== null && input.expiresAt <= input.grantedAt) throw new Errors.QualificationInvalid('it must expire after it is granted');
    const now = this.clock.now();
    const row = this.db.transaction((tx) => {
      if (!tx.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)).get()) throw new Errors.NotFound('agent', agentId);
      tx.update(agentQualifications)
        .set({ revokedAt: now, revokedBy: userId })
        .where(and(eq(agentQualifications.agentId, agentId), eq(agentQualifications.code, input.code), isNull(agentQualifications.revokedAt)))
        .run();
      return tx
        .insert(agentQualifications)
        .values({ agentId, code: input.code, grantedAt: input.grantedAt, expiresAt: input.expiresAt, note: input.note ?? '', grantedBy: userId, createdAt: now })
        .returning()
        .get();
    });
    this.onChange();
    return row;
  }

  /** Revokes a live grant. */
  revoke(agentId: number, grantId: number, userId: number | null): QualificationRow {
    const row = this.db
      .update(agentQualifications)
      .set({ revokedAt: this.clock.now(), revokedBy: userId })
      .where(and(eq(agentQualifications.id, grantId), eq(agentQualifications.agentId, agentId), isNull(agentQualifications.revokedAt)))
      .returning()
      .get();
    if (!row) throw new Errors.NotFound('live qualification grant', grantId);
    this.onChange();
    return row;
  }
}
