/**
 * Who a user is as a supervisor, and the phone the service calls to join them to a call:
 * their own softphone extension (supervisor_phones), or, for a team lead who is also an agent,
 * the agent softphone they already have.
 */
import { eq } from 'drizzle-orm';
import type { AuthUser } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents, supervisorPhones, users } from '../db/schema.js';
import { Errors, hasCode } from '../errors.js';
import { agentEndpoint } from '../telephony/endpoint.js';
import type { SupervisorKind } from './monitor-rules.js';

export interface SupervisorPhone {
  userId: number;
  extension: string;
  endpoint: string | null;
}

export class SupervisorPhones {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly endpointTemplate: string,
    /** Whether an agent's softphone session is logged in (the agent pool holds its channel). */
    private readonly softphoneLoggedIn: (agentId: number) => boolean = () => false,
  ) {}

  /** The user's kind as a supervisor, and their team when they are a team lead. */
  kindOf(user: AuthUser): { kind: SupervisorKind; team: string | null } {
    if (user.role === 'manager' || user.role === 'admin') return { kind: 'manager', team: null };
    if (user.role === 'qa') return { kind: 'qa', team: null };
    const lead = this.db.select({ role: agents.role, team: agents.team }).from(agents).where(eq(agents.userId, user.id)).all().find((a) => a.role === 'team-lead');
    return lead ? { kind: 'team-lead', team: lead.team } : { kind: 'none', team: null };
  }

  /** The team of an agent ('' when none). */
  teamOf(agentId: number): string {
    return this.db.select({ team: agents.team }).from(agents).where(eq(agents.id, agentId)).get()?.team ?? '';
  }

  get(userId: number): SupervisorPhone | null {
    return this.db.select({ userId: supervisorPhones.userId, extension: supervisorPhones.extension, endpoint: supervisorPhones.endpoint }).from(supervisorPhones).where(eq(supervisorPhones.userId, userId)).get() ?? null;
  }

  /** Sets (or with `extension` null, removes) a user's phone. Extensions are shared with the agents': one phone, one owner. */
  set(userId: number, extension: string | null, endpoint: string | null = null): SupervisorPhone | null {
    if (!this.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) throw new Errors.NotFound('user', userId);
    if (extension === null) {
      this.db.delete(supervisorPhones).where(eq(supervisorPhones.userId, userId)).run();
      return null;
    }
    const agent = this.db.select({ id: agents.id, userId: agents.userId }).from(agents).where(eq(agents.extension, extension)).get();
    if (agent && agent.userId !== userId) throw new Errors.SupervisionPhoneTaken(extension);
    const row = { userId, extension, endpoint, updatedAt: this.clock.now() };
    try {
      this.db.insert(supervisorPhones).values(row).onConflictDoUpdate({ target: supervisorPhones.userId, set: { extension, endpoint, updatedAt: row.updatedAt } }).run();
    } catch (err) {
      if (hasCode(err, 'SQLITE_CONSTRAINT_UNIQUE')) throw new Errors.SupervisionPhoneTaken(extension, { cause: err });
      throw err;
    }
    return { userId, extension, endpoint };
  }

  /**
   * The phone the user is called on: their own, else the agent softphone of their agent record
   * (team leads; `agentId` says whose softphone it is); null when none.
   */
  phoneOf(userId: number): { extension: string; endpoint: string; agentId: number | null } | null {
    const own = this.get(userId);
    const agent = this.db.select({ id: agents.id, extension: agents.extension, endpoint: agents.endpoint }).from(agents).where(eq(agents.userId, userId)).get();
    // A team lead who gave their own agent extension as their supervisor phone still has one phone.
    if (own) return { extension: own.extension, endpoint: own.endpoint ?? agentEndpoint(this.endpointTemplate, own.extension), agentId: agent?.extension === own.extension ? agent.id : null };
    return agent ? { extension: agent.extension, endpoint: agent.endpoint ?? agentEndpoint(this.endpointTemplate, agent.extension), agentId: agent.id } : null;
  }

  /**
   * The user's phone is their agent softphone and it is logged in: the service holds its one
   * channel (parked between calls, or on a customer call), so calling it again to supervise
   * would ring on top of that call. A supervisor phone of their own is never "in use".
   */
  phoneInUse(userId: number): boolean {
    const phone = this.phoneOf(userId);
    return phone?.agentId != null && this.softphoneLoggedIn(phone.agentId);
  }

  /** The dial string of the user's phone, or null when they have none. */
  endpointOf(userId: number): string | null {
    return this.phoneOf(userId)?.endpoint ?? null;
  }
}
