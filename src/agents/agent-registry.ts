/**
 * The agent registry: who the agents are (name, team, role, softphone, PIN, console user) and
 * the daily talk-time target that applies to each (own, else team, else the service default).
 */
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents, teams, users, type AGENT_ROLES } from '../db/schema.js';
import { Errors } from '../errors.js';
import { hashPassword, type ScryptParams } from '../auth/password.js';
import { effectiveTarget, type TargetSource } from './targets.js';
import type { ReportAgent } from './figures-report.js';

type AgentRow = typeof agents.$inferSelect;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** An agent as the API shows it: never the PIN hash, always the target that applies. */
export interface AgentRecord {
  id: number;
  userId: number | null;
  name: string;
  extension: string;
  /** Dial string override of the softphone; null = the endpoint template with the extension. */
  endpoint: string | null;
  /** 工号: the staff number the agent states to customers (manual 004). */
  staffNo: string | null;
  hasPin: boolean;
  team: string;
  role: AgentRole;
  /** The agent's own daily target, seconds; null = the team's or the default. */
  dailyTargetSec: number | null;
  /** The daily target that applies, and where it comes from. */
  targetSec: number;
  targetSource: TargetSource;
  createdAt: number;
}

/** Fields of a new agent; `pin` null or absent = no dial-in login. */
export interface AgentInput {
  name: string;
  extension: string;
  pin?: string | null;
  team?: string;
  role?: AgentRole;
  userId?: number | null;
  dailyTargetSec?: number | null;
  endpoint?: string | null;
  staffNo?: string | null;
}

/** A team with its target setting. */
export interface TeamRecord {
  name: string;
  /** The team's own daily target; null = the service default. */
  dailyTargetSec: number | null;
  targetSec: number;
  targetSource: Exclude<TargetSource, 'agent'>;
  agents: number;
}

/** Options of {@link AgentRegistry}. */
export interface AgentRegistryOptions {
  db: Db;
  clock: Clock;
  /** AGENT_DAILY_TARGET_SEC. */
  defaultTargetSec: number;
  /** scrypt cost for PINs (tests lower it). */
  pinParams?: ScryptParams;
}

/** Agents and teams in SQLite, with the talk-time target in force for each. */
export class AgentRegistry {
  constructor(private readonly opts: AgentRegistryOptions) {}

  list(filter: { team?: string } = {}): AgentRecord[] {
    const { db } = this.opts;
    const rows = filter.team === undefined ? db.select().from(agents).orderBy(asc(agents.id)).all() : db.select().from(agents).where(eq(agents.team, filter.team)).orderBy(asc(agents.id)).all();
    const teamTargets = this.teamTargets();
    return rows.map((r) => this.record(r, teamTargets));
  }

  /** @throws NotFound (404). */
  get(id: number): AgentRecord {
    const row = this.opts.db.select().from(agents).where(eq(agents.id, id)).get();
    if (!row) throw new Errors.NotFound('agent', id);
    return this.record(row, this.teamTargets());
  }

  /** Agents a console user acts as (usually one). */
  agentsOfUser(userId: number): AgentRecord[] {
    const rows = this.opts.db.select().from(agents).where(eq(agents.userId, userId)).all();
    const teamTargets = this.teamTargets();
    return rows.map((r) => this.record(r, teamTargets));
  }

  /** @throws Conflict (409) for a taken extension, BadRequest (400) for an unknown user. */
  async create(input: AgentInput): Promise<AgentRecord> {
    this.checkExtension(input.extension, null);
    this.checkUser(input.userId);
    const { pin, ...rest } = input;
    const row = this.opts.db
      .insert(agents)
      .values({ ...rest, pinHash: pin ? await hashPassword(pin, this.opts.pinParams) : null, createdAt: this.opts.clock.now() })
      .returning()
      .get();
    return this.record(row, this.teamTargets());
  }

  /** Changes some fields; `pin: null` disables dial-in login. Takes effect at the agent's next login. */
  async update(id: number, patch: Partial<AgentInput>): Promise<AgentRecord> {
    this.get(id);
    if (patch.extension !== undefined) this.checkExtension(patch.extension, id);
    this.checkUser(patch.userId);
    const { pin, ...rest } = patch;
    const set: Partial<typeof agents.$inferInsert> = { ...rest };
    if (pin !== undefined) set.pinHash = pin === null ? null : await hashPassword(pin, this.opts.pinParams);
    if (Object.keys(set).length > 0) this.opts.db.update(agents).set(set).where(eq(agents.id, id)).run();
    return this.get(id);
  }

  /** Every team that has agents or settings, with the target that applies to it. */
  teams(): TeamRecord[] {
    const settings = this.teamTargets();
    const counts = new Map<string, number>();
    for (const r of this.opts.db.select({ team: agents.team }).from(agents).all()) counts.set(r.team, (counts.get(r.team) ?? 0) + 1);
    const names = new Set([...counts.keys(), ...settings.keys()]);
    return [...names].sort().map((name) => this.teamRecord(name, settings.get(name) ?? null, counts.get(name) ?? 0));
  }

  /** Sets (or with null clears) a team's daily target. */
  setTeamTarget(name: string, dailyTargetSec: number | null): TeamRecord {
    const { db, clock } = this.opts;
    const updatedAt = clock.now();
    db.insert(teams).values({ name, dailyTargetSec, updatedAt }).onConflictDoUpdate({ target: teams.name, set: { dailyTargetSec, updatedAt } }).run();
    const count = db.select({ id: agents.id }).from(agents).where(eq(agents.team, name)).all().length;
    return this.teamRecord(name, dailyTargetSec, count);
  }

  /** The agents as the report names them, with the daily target in force. */
  reportAgents(filter: { team?: string; ids?: readonly number[] } = {}): ReportAgent[] {
    const ids = filter.ids ? new Set(filter.ids) : null;
    return this.list(filter.team === undefined ? {} : { team: filter.team })
      .filter((a) => !ids || ids.has(a.id))
      .map((a) => ({ id: a.id, name: a.name, team: a.team, role: a.role, targetSec: a.targetSec }));
  }

  private teamTargets(): Map<string, number | null> {
    return new Map(this.opts.db.select().from(teams).all().map((t) => [t.name, t.dailyTargetSec]));
  }

  private teamRecord(name: string, dailyTargetSec: number | null, agentCount: number): TeamRecord {
    const { targetSec, source } = effectiveTarget(null, dailyTargetSec, this.opts.defaultTargetSec);
    return { name, dailyTargetSec, targetSec, targetSource: source === 'team' ? 'team' : 'default', agents: agentCount };
  }

  private record(row: AgentRow, teamTargets: Map<string, number | null>): AgentRecord {
    const { targetSec, source } = effectiveTarget(row.dailyTargetSec, teamTargets.get(row.team), this.opts.defaultTargetSec);
    return {
      id: row.id,
      userId: row.userId,
      name: row.name,
      extension: row.extension,
      endpoint: row.endpoint,
      staffNo: row.staffNo,
      hasPin: row.pinHash !== null,
      team: row.team,
      role: row.role,
      dailyTargetSec: row.dailyTargetSec,
      targetSec,
      targetSource: source,
      createdAt: row.createdAt,
    };
  }

  private checkExtension(extension: string, selfId: number | null): void {
    const taken = this.opts.db.select({ id: agents.id }).from(agents).where(eq(agents.extension, extension)).get();
    if (taken && taken.id !== selfId) throw new Errors.Conflict(`extension ${extension} already belongs to agent ${taken.id}`);
  }

  private checkUser(userId: number | null | undefined): void {
    if (userId === null || userId === undefined) return;
    if (!this.opts.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) {
      throw new Errors.BadRequest(`body.userId: no user ${userId}`);
    }
  }
}
