/**
 * Who a call can be transferred to, and how each is reached. Today a target is an agent row
 * (agents, trainees, team leads — the floor's supervisors): a logged-in ready agent is taken
 * from their parked softphone at once; an agent who is not logged in is called at their
 * extension. A busy or paused agent is refused. New kinds of target (a supervisor's user
 * extension) add a case to {@link TransferTarget} and to {@link TransferTargets.reach}.
 */
import { asc, eq } from 'drizzle-orm';
import type { AgentPool } from '../agents/agent-pool.js';
import type { Db } from '../db/database.js';
import { agents } from '../db/schema.js';
import { Errors } from '../errors.js';
import { agentEndpoint } from '../telephony/endpoint.js';
import type { TargetLeg } from './transfer-machine.js';

export type TransferTarget = { kind: 'agent'; agentId: number };

/** One entry of the agent console's target picker. */
export interface TargetOption {
  kind: 'agent';
  agentId: number;
  name: string;
  extension: string;
  role: string;
  /** ready: joins at once; offline: their phone is rung; busy: cannot be chosen now. */
  availability: 'ready' | 'offline' | 'busy';
}

export class TransferTargets {
  constructor(
    private readonly db: Db,
    private readonly pool: AgentPool,
    private readonly endpointTemplate: string,
  ) {}

  /** Everyone the agent could transfer to, team leads first. */
  list(fromAgentId: number): TargetOption[] {
    const rows = this.db.select().from(agents).orderBy(asc(agents.name)).all();
    return rows
      .filter((a) => a.id !== fromAgentId)
      .map((a): TargetOption => {
        const live = this.pool.get(a.id);
        const availability = !live ? 'offline' : live.state === 'ready' ? 'ready' : 'busy';
        return { kind: 'agent', agentId: a.id, name: a.name, extension: a.extension, role: a.role, availability };
      })
      .sort((a, b) => Number(b.role === 'team-lead') - Number(a.role === 'team-lead'));
  }

  /**
   * How to reach the target for call `callId`: a ready agent is reserved for it now (their
   * parked softphone); an agent not logged in is rung on `ringChannelId`.
   * @throws TransferTargetInvalid when the target is the agent themself, unknown, or busy.
   */
  reach(target: TransferTarget, fromAgentId: number, callId: string, ringChannelId: string): TargetLeg {
    const row = this.db.select().from(agents).where(eq(agents.id, target.agentId)).get();
    if (!row) throw new Errors.TransferTargetInvalid(target.agentId, 'no such agent');
    if (row.id === fromAgentId) throw new Errors.TransferTargetInvalid(target.agentId, 'that is you');
    const live = this.pool.get(row.id);
    if (!live) return { kind: 'ring', agentId: row.id, extension: row.extension, channelId: ringChannelId };
    if (live.state !== 'ready' || !this.pool.reserve(row.id, callId)) throw new Errors.TransferTargetInvalid(target.agentId, `they are ${live.state}`);
    return { kind: 'parked', agentId: row.id, channelId: live.channelId };
  }

  /** The dial string of the agent's phone. */
  endpointOf(agentId: number): string {
    const row = this.db.select().from(agents).where(eq(agents.id, agentId)).get();
    if (!row) throw new Errors.TransferTargetInvalid(agentId, 'no such agent');
    return row.endpoint ?? agentEndpoint(this.endpointTemplate, row.extension);
  }
}
