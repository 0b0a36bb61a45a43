/**
 * Where an inbound call goes, pure: the facts about the caller and the floor in, one decision
 * out. The order (issue 13): the agent who last spoke with the customer if that agent is
 * ready; else a ready agent assigned to the campaign whose number was dialled; else a message
 * and a callback for the customer's last agent (or any agent of the campaign). Callers who are
 * not a contact of a campaign showing the dialled number follow the unknown-caller policy.
 */
/**
 * What happens to unknown callers (INBOUND_UNKNOWN_POLICY):
 * - `message`: they hear that nobody can take the call, and are hung up (the call is logged,
 *   not recorded: there is no campaign to keep it under);
 * - `campaign-agents`: when the number they dialled is a campaign's, they are added to that
 *   campaign as a contact (never dialled) and put through to a ready agent of it like a known
 *   customer; with nobody ready, or a number no campaign shows, they hear the message.
 */
export const INBOUND_UNKNOWN_POLICIES = ['message', 'campaign-agents'] as const;
export type InboundUnknownPolicy = (typeof INBOUND_UNKNOWN_POLICIES)[number];

/** One campaign whose caller ID is the dialled number, and the caller's standing in it. */
export interface CandidateCampaign {
  campaignId: number;
  /** The caller as a contact of this campaign, if they are one. */
  contactId: number | null;
  /** The last call with the customer an agent talked on (outbound or inbound). */
  lastTalk: { agentId: number; at: number } | null;
}

export interface RoutingFacts {
  /** Campaigns showing the dialled number (empty: a number no campaign shows). */
  candidates: readonly CandidateCampaign[];
  /** Whether the agent is ready (logged in, free, not paused) this instant. */
  isReady: (agentId: number) => boolean;
  /** The ready agent of the campaign who should take its next call (priority, then ready longest), or null. */
  readyAgentOf: (campaignId: number) => number | null;
  policy: InboundUnknownPolicy;
}

export type InboundDecision =
  | { route: 'last-agent' | 'campaign-agent'; campaignId: number; contactId: number; agentId: number }
  /** Nobody ready: the customer hears the message; a callback for `agentId` (null = any agent of the campaign). */
  | { route: 'callback'; campaignId: number; contactId: number; agentId: number | null }
  /** An unknown caller put through to a ready agent: the contact is to be created. */
  | { route: 'unknown-agent'; campaignId: number; agentId: number }
  | { route: 'unknown-message'; campaignId: number | null; why: 'no-campaign' | 'not-a-contact' | 'nobody-ready' };

/** The campaign the call belongs to: one where the caller is a contact (the one talked on last), else the first. */
export function chooseCampaign(candidates: readonly CandidateCampaign[]): CandidateCampaign | null {
  let best: CandidateCampaign | null = null;
  for (const c of candidates) {
    if (!best) best = c;
    else if (best.contactId === null && c.contactId !== null) best = c;
    else if (c.contactId !== null && (c.lastTalk?.at ?? -1) > (best.lastTalk?.at ?? -1)) best = c;
  }
  return best;
}

export function routeInbound(facts: RoutingFacts): InboundDecision {
  const campaign = chooseCampaign(facts.candidates);
  if (!campaign) return { route: 'unknown-message', campaignId: null, why: 'no-campaign' };
  const { campaignId, contactId } = campaign;
  if (contactId === null) {
    if (facts.policy !== 'campaign-agents') return { route: 'unknown-message', campaignId, why: 'not-a-contact' };
    const agentId = facts.readyAgentOf(campaignId);
    return agentId === null ? { route: 'unknown-message', campaignId, why: 'nobody-ready' } : { route: 'unknown-agent', campaignId, agentId };
  }
  const last = campaign.lastTalk?.agentId ?? null;
  if (last !== null && facts.isReady(last)) return { route: 'last-agent', campaignId, contactId, agentId: last };
  const readyAgent = facts.readyAgentOf(campaignId);
  if (readyAgent !== null) return { route: 'campaign-agent', campaignId, contactId, agentId: readyAgent };
  return { route: 'callback', campaignId, contactId, agentId: last };
}
