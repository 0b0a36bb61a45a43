/**
 * Who may take a campaign's calls, pure (requirements §1: only agents trained on a product
 * take its campaign). An agent may take a campaign when
 *  - the campaign has no assignments (open to every agent), or the agent is assigned to it
 *    directly or through their team (a direct assignment's priority wins over the team's); and
 *  - the campaign needs no qualification, or the agent holds it: granted on or before now,
 *    not revoked, not yet expired.
 * Priority 1–9, higher first; an open campaign ranks below every assignment (0).
 */

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 9;
export const DEFAULT_PRIORITY = 5;
/** The rank of a campaign open to every agent: below any assignment. */
export const OPEN_CAMPAIGN_PRIORITY = 0;

/** A qualification code: letters, digits, _ . - (e.g. VP15-trained). */
export const QUALIFICATION_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,40}$/;

export interface AssignmentFact {
  campaignId: number;
  agentId: number | null;
  team: string | null;
  priority: number;
}

/** A live (not revoked) grant. */
export interface GrantFact {
  agentId: number;
  code: string;
  grantedAt: number;
  expiresAt: number | null;
}

export interface RosterFacts {
  assignments: AssignmentFact[];
  grants: GrantFact[];
  /** Each campaign's required qualification (campaigns missing: none). */
  required: ReadonlyMap<number, string | null>;
  /** Each agent's team ('' = none). */
  teams: ReadonlyMap<number, string>;
}

/** A grant counts from its grant date until its expiry (exclusive). */
export function grantValid(g: Pick<GrantFact, 'grantedAt' | 'expiresAt'>, now: number): boolean {
  return g.grantedAt <= now && (g.expiresAt === null || now < g.expiresAt);
}

/** The facts indexed for the questions the floor asks many times a second. */
export class Roster {
  private readonly direct = new Map<string, number>();
  private readonly byTeam = new Map<string, number>();
  private readonly assigned = new Set<number>();
  private readonly grants = new Map<number, GrantFact[]>();

  constructor(private readonly facts: RosterFacts) {
    for (const a of facts.assignments) {
      this.assigned.add(a.campaignId);
      if (a.agentId !== null) this.direct.set(`${a.campaignId}:${a.agentId}`, a.priority);
      else if (a.team !== null) this.byTeam.set(`${a.campaignId}:${a.team}`, a.priority);
    }
    for (const g of facts.grants) {
      const list = this.grants.get(g.agentId) ?? [];
      list.push(g);
      this.grants.set(g.agentId, list);
    }
  }

  /** The agent holds the qualification at `now`. */
  qualified(agentId: number, code: string, now: number): boolean {
    return (this.grants.get(agentId) ?? []).some((g) => g.code === code && grantValid(g, now));
  }

  /** The agent's assignment priority on the campaign ignoring qualifications; null = not assigned. */
  assignedPriority(agentId: number, campaignId: number): number | null {
    if (!this.assigned.has(campaignId)) return OPEN_CAMPAIGN_PRIORITY;
    const direct = this.direct.get(`${campaignId}:${agentId}`);
    if (direct !== undefined) return direct;
    const team = this.facts.teams.get(agentId) ?? '';
    if (team === '') return null;
    return this.byTeam.get(`${campaignId}:${team}`) ?? null;
  }

  /** The agent's priority on the campaign at `now`, or null when they may not take its calls. */
  priority(agentId: number, campaignId: number, now: number): number | null {
    const p = this.assignedPriority(agentId, campaignId);
    if (p === null) return null;
    const needed = this.facts.required.get(campaignId) ?? null;
    if (needed !== null && !this.qualified(agentId, needed, now)) return null;
    return p;
  }

  /** Why the agent may not take the campaign, in words; null when they may. */
  refusal(agentId: number, campaignId: number, now: number): string | null {
    const why = this.refusalCode(agentId, campaignId, now);
    if (why === 'not-assigned') return 'not assigned to the campaign';
    if (why === 'unqualified') return `lacks the qualification ${this.facts.required.get(campaignId) ?? ''}`;
    return null;
  }

  /** The same as a code, for the consoles to word in the user's language. */
  refusalCode(agentId: number, campaignId: number, now: number): 'not-assigned' | 'unqualified' | null {
    if (this.assignedPriority(agentId, campaignId) === null) return 'not-assigned';
    const needed = this.facts.required.get(campaignId) ?? null;
    if (needed !== null && !this.qualified(agentId, needed, now)) return 'unqualified';
    return null;
  }
}
