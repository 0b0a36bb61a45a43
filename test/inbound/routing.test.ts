import { describe, expect, it } from 'vitest';
import { chooseCampaign, routeInbound, type CandidateCampaign, type InboundDecision, type RoutingFacts } from '../../src/inbound/routing.js';

const known = (campaignId: number, contactId: number, lastAgent: number | null, at = 100): CandidateCampaign => ({
  campaignId,
  contactId,
  lastTalk: lastAgent === null ? null : { agentId: lastAgent, at },
});
const stranger = (campaignId: number): CandidateCampaign => ({ campaignId, contactId: null, lastTalk: null });

function facts(candidates: CandidateCampaign[], ready: number[], readyOf: Record<number, number>, policy: RoutingFacts['policy'] = 'message'): RoutingFacts {
  return { candidates, isReady: (a) => ready.includes(a), readyAgentOf: (c) => readyOf[c] ?? null, policy };
}

describe('inbound routing', () => {
  const table: Array<[string, RoutingFacts, InboundDecision]> = [
    ['last agent ready → last agent', facts([known(1, 10, 7)], [7, 8], { 1: 8 }), { route: 'last-agent', campaignId: 1, contactId: 10, agentId: 7 }],
    ['last agent busy, another of the campaign ready → that one', facts([known(1, 10, 7)], [8], { 1: 8 }), { route: 'campaign-agent', campaignId: 1, contactId: 10, agentId: 8 }],
    ['never talked to an agent, one ready → campaign agent', facts([known(1, 10, null)], [8], { 1: 8 }), { route: 'campaign-agent', campaignId: 1, contactId: 10, agentId: 8 }],
    ['nobody ready → callback for the last agent', facts([known(1, 10, 7)], [], {}), { route: 'callback', campaignId: 1, contactId: 10, agentId: 7 }],
    ['nobody ready, no last agent → callback for any agent', facts([known(1, 10, null)], [], {}), { route: 'callback', campaignId: 1, contactId: 10, agentId: null }],
    ['ready agent of another campaign only → callback', facts([known(1, 10, 7)], [9], { 2: 9 }), { route: 'callback', campaignId: 1, contactId: 10, agentId: 7 }],
    ['dialled number no campaign shows → message', facts([], [7], {}), { route: 'unknown-message', campaignId: null, why: 'no-campaign' }],
    ['stranger, policy message → message', facts([stranger(1)], [8], { 1: 8 }), { route: 'unknown-message', campaignId: 1, why: 'not-a-contact' }],
    ['stranger, policy campaign-agents → ready agent', facts([stranger(1)], [8], { 1: 8 }, 'campaign-agents'), { route: 'unknown-agent', campaignId: 1, agentId: 8 }],
    ['stranger, policy campaign-agents, nobody ready → message', facts([stranger(1)], [], {}, 'campaign-agents'), { route: 'unknown-message', campaignId: 1, why: 'nobody-ready' }],
    ['no campaign, policy campaign-agents → message', facts([], [8], {}, 'campaign-agents'), { route: 'unknown-message', campaignId: null, why: 'no-campaign' }],
    [
      'two campaigns share the number: the one the caller is a contact of',
      facts([stranger(1), known(2, 20, 7)], [7], { 1: 8, 2: 7 }),
      { route: 'last-agent', campaignId: 2, contactId: 20, agentId: 7 },
    ],
  ];
  it.each(table)('%s', (_name, f, want) => {
    expect(routeInbound(f)).toEqual(want);
  });

  it('a contact of two campaigns belongs to the one talked on last', () => {
    expect(chooseCampaign([known(1, 10, 7, 100), known(2, 20, 8, 300), known(3, 30, null)])?.campaignId).toBe(2);
    expect(chooseCampaign([known(3, 30, null), known(1, 10, 7, 100)])?.campaignId).toBe(1);
    expect(chooseCampaign([stranger(4), stranger(5)])?.campaignId).toBe(4);
    expect(chooseCampaign([])).toBeNull();
  });
});
