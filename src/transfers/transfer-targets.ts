/**
 * Who a call can be transferred to, and how each is reached:
 * - an agent row (agents, trainees, team leads — the floor's supervisors): a logged-in ready
 *   agent is taken from their parked softphone at once; an agent who is not logged in is
 *   called at their extension. A busy or paused agent is refused.
 * - a supervisor: a manager (or admin) with a supervisor phone (supervisor_phones), rung at
 *   its extension. They are a user, not an agent: they handle the customer in the handoff
 *   list but have no talk time (talk-time targets are agents').
 * New kinds of target add a case to {@link TransferTarget} and to {@link TransferTargets.reach}.
 */
import { asc, eq } from 'drizzle-orm';
import type { AgentPool } from '../agents/agent-pool.js';
import type { Db } from '../db/database.js';
import { agents, supervisorPhones, users } from '../db/schema.js';
import { Errors } from '../errors.js';
import { agentEndpoint } from '../telephony/endpoint.js';
import type { HandlerRef } from './handoff-store.js';
import type { TargetLeg } from './transfer-machine.js';

export type TransferTarget = { kind: 'agent'; agentId: number } | { kind: 'supervisor'; userId: number };

/** One entry of the agent console's target picker. */
export type TargetOption =
  | {
      kind: 'agent';
      agentId: number;
      name: string;
      extension: string;
      role: string;
      /** ready: joins at once; offline: their phone is rung; busy: cannot be chosen now. */
      availability: 'ready' | 'offline' | 'busy';
    }
  /** A manager's supervisor phone, rung on transfer; busy while it supervises a call, rings for a transfer or has a customer. */
  | { kind: 'supervisor'; userId: number; name: string; extension: string; availability: 'free' | 'busy' };

/** A reached target as a handler of the customer: an agent, or a user who is no agent. */
export const handlerOf = (target: TargetLeg): HandlerRef => (target.kind === 'ring-user' ? { kind: 'user', userId: target.userId } : { kind: 'agent', agentId: target.agentId });

/** The user roles whose supervisor phone is a transfer target. */
const SUPERVISOR_ROLES = ['manager', 'admin'] as const;

export class TransferTargets {
  constructor(
    private readonly db: Db,
    private readonly pool: AgentPool,
    private readonly endpointTemplate: string,
    /** Whether the user's supervisor phone is in use now (supervising, ringing, on a call). */
    private readonly phoneBusy: (userId: number) => boolean = () => false,
  ) {}

  /** Everyone the agent could transfer to: team leads, then the other agents, then the managers' supervisor phones. */
  list(fromAgentId: number): TargetOption[] {
    const rows = this.db.select().from(agents).orderBy(asc(agents.name)).all();
    const colleagues = rows
      .filter((a) => a.id !== fromAgentId)
      .map((a): TargetOption => {
        const live = this.pool.get(a.id);
        const availability = !live ? 'offline' : live.state === 'ready' ? 'ready' : 'busy';
        return { kind: 'agent', agentId: a.id, name: a.name, extension: a.extension, role: a.role, availability };
      })
      .sort((a, b) => Number(b.kind === 'agent' && b.role === 'team-lead') - Number(a.kind === 'agent' && a.role === 'team-lead'));
    const supervisors = this.supervisors().map((s): TargetOption => ({
      kind: 'supervisor',
      userId: s.userId,
      name: s.displayName || s.username,
      extension: s.extension,
      availability: this.phoneBusy(s.userId) ? 'busy' : 'free',
    }));
    return [...colleagues, ...supervisors];
  }

  /**
   * How to reach the target for call `callId`: a ready agent is reserved for it now (their
   * parked softphone); an agent not logged in, or a supervisor, is rung on `ringChannelId`.
   * @throws TransferTargetInvalid when the target is the agent themself, unknown, or busy;
   *   TransferSupervisorInvalid when the user is no manager with a supervisor phone.
   */
  reach(target: TransferTarget, fromAgentId: number, callId: string, ringChannelId: string): TargetLeg {
    if (target.kind === 'supervisor') {
      const phone = this.supervisors(target.userId)[0];
      if (!phone) throw new Errors.TransferSupervisorInvalid(target.userId, 'no manager with a supervisor phone');
      // One phone, one conversation: ringing it while it supervises or holds a customer would cut into that.
      if (this.phoneBusy(phone.userId)) throw new Errors.TransferSupervisorInvalid(target.userId, 'their supervisor phone is busy');
      return { kind: 'ring-user', userId: phone.userId, extension: phone.extension, channelId: ringChannelId };
    }
    const row = this.db.select().from(agents).where(eq(agents.id, target.agentId)).get();
    if (!row) throw new Errors.TransferTargetInvalid(target.agentId, 'no such agent');
    if (row.id === fromAgentId) throw new Errors.TransferTargetInvalid(target.agentId, 'that is you');
    const live = this.pool.get(row.id);
    if (!live) return { kind: 'ring', agentId: row.id, extension: row.extension, channelId: ringChannelId };
    if (live.state !== 'ready' || !this.pool.reserve(row.id, callId)) throw new Errors.TransferTargetInvalid(target.agentId, `they are ${live.state}`);
    return { kind: 'parked', agentId: row.id, channelId: live.channelId };
  }

  /** The dial string of a rung target's phone: the agent's, or the supervisor phone's. */
  endpointOf(leg: Exclude<TargetLeg, { kind: 'parked' }>): string {
    if (leg.kind === 'ring-user') {
      const phone = this.supervisors(leg.userId)[0];
      if (!phone) throw new Errors.TransferSupervisorInvalid(leg.userId, 'no manager with a supervisor phone');
      return phone.endpoint ?? agentEndpoint(this.endpointTemplate, phone.extension);
    }
    const row = this.db.select().from(agents).where(eq(agents.id, leg.agentId)).get();
    if (!row) throw new Errors.TransferTargetInvalid(leg.agentId, 'no such agent');
    return row.endpoint ?? agentEndpoint(this.endpointTemplate, row.extension);
  }

  /** Enabled managers (and admins) with a supervisor phone, by name; or only user `userId` if they are one. */
  private supervisors(userId?: number) {
    return this.db
      .select({ userId: users.id, username: users.username, displayName: users.displayName, role: users.role, disabled: users.disabled, extension: supervisorPhones.extension, endpoint: supervisorPhones.endpoint })
      .from(supervisorPhones)
      .innerJoin(users, eq(users.id, supervisorPhones.userId))
      .where(userId === undefined ? undefined : eq(users.id, userId))
      .orderBy(asc(users.displayName), asc(users.username))
      .all()
      .filter((u) => !u.disabled && (SUPERVISOR_ROLES as readonly string[]).includes(u.role));
  }
}
