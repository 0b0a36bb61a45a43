/**
 * The floor's CampaignAccess from SQLite: assignments, qualifications and campaign settings,
 * loaded into an in-memory Roster and reloaded when a store reports a change or after
 * `maxAgeMs` (team moves and other instances' edits). Dispositions owed are read per call.
 */
import { eq, isNull } from 'drizzle-orm';
import type { CampaignAccess } from '../agents/campaign-access.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { once, placeholder } from '../db/prepared.js';
import { agentQualifications, agents, calls, campaignAssignments, campaigns } from '../db/schema.js';
import { Roster } from './eligibility.js';

export interface CampaignRosterOptions {
  db: Db;
  clock: Clock;
  /** The service's wrap-up for campaigns without their own (WRAP_UP_MS). */
  defaultWrapUpMs: number;
  /** The service's rule for campaigns without their own (DISPOSITION_REQUIRED). */
  defaultDispositionRequired: boolean;
  /** Reload at least this often; default 2 s. */
  maxAgeMs?: number;
}

export class CampaignRoster implements CampaignAccess {
  private roster: Roster | null = null;
  private loadedAt = 0;

  constructor(private readonly opts: CampaignRosterOptions) {}

  /** Forget what is loaded (a store changed something). */
  invalidate(): void {
    this.roster = null;
  }

  /** The roster as of now. */
  current(): Roster {
    const now = this.opts.clock.now();
    if (!this.roster || now - this.loadedAt > (this.opts.maxAgeMs ?? 2000) || now < this.loadedAt) {
      this.roster = this.load();
      this.loadedAt = now;
    }
    return this.roster;
  }

  priority(agentId: number, campaignId: number): number | null {
    return this.current().priority(agentId, campaignId, this.opts.clock.now());
  }

  // Asked at every call's end: built once (db/prepared.ts).
  private readonly wrapUpOf = once(() =>
    this.opts.db.select({ wrapUpSec: campaigns.wrapUpSec }).from(campaigns).where(eq(campaigns.id, placeholder('campaignId'))).prepare(),
  );
  private readonly dispositionOf = once(() =>
    this.opts.db
      .select({ required: campaigns.dispositionRequired, connectedAt: calls.agentConnectedAt, disposition: calls.disposition })
      .from(calls)
      .innerJoin(campaigns, eq(campaigns.id, calls.campaignId))
      .where(eq(calls.id, placeholder('callId')))
      .prepare(),
  );

  wrapUpMs(campaignId: number): number {
    const row = this.wrapUpOf().get({ campaignId });
    return row?.wrapUpSec === null || row?.wrapUpSec === undefined ? this.opts.defaultWrapUpMs : row.wrapUpSec * 1000;
  }

  dispositionPending(callId: string): boolean {
    const row = this.dispositionOf().get({ callId });
    return !!row && (row.required ?? this.opts.defaultDispositionRequired) && row.connectedAt !== null && row.disposition === null;
  }

  private load(): Roster {
    const { db } = this.opts;
    const assignments = db.select().from(campaignAssignments).all();
    const grants = db.select().from(agentQualifications).where(isNull(agentQualifications.revokedAt)).all();
    const required = new Map(
      db
        .select({ id: campaigns.id, code: campaigns.requiredQualification })
        .from(campaigns)
        .all()
        .map((c) => [c.id, c.code] as const),
    );
    const teams = new Map(db.select({ id: agents.id, team: agents.team }).from(agents).all().map((a) => [a.id, a.team] as const));
    return new Roster({ assignments, grants, required, teams });
  }
}

/** A campaign as one agent is on it. */
export interface AgentCampaignView {
  campaignId: number;
  name: string;
  status: string;
  dialMode: string;
  /** The agent's priority (0: the campaign is open to every agent). */
  priority: number;
  open: boolean;
}

/** The running and paused campaigns an agent may take now, highest priority first. */
export function campaignsOfAgent(db: Db, roster: Roster, agentId: number, now: number): AgentCampaignView[] {
  const out: AgentCampaignView[] = [];
  for (const c of db.select({ id: campaigns.id, name: campaigns.name, status: campaigns.status, dialMode: campaigns.dialMode }).from(campaigns).all()) {
    if (c.status !== 'running' && c.status !== 'paused') continue;
    const priority = roster.priority(agentId, c.id, now);
    if (priority === null) continue;
    out.push({ campaignId: c.id, name: c.name, status: c.status, dialMode: c.dialMode, priority, open: priority === 0 });
  }
  return out.sort((a, b) => b.priority - a.priority || a.campaignId - b.campaignId);
}
