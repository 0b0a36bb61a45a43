/** Which agent takes which call: priority on the campaign, then time ready; a free agent's waiting call. */
import { describe, expect, it } from 'vitest';
import { pickAgentFor, pickCallFor, WaitingCalls, type PriorityOf } from '../../src/agents/agent-offers.js';

// Agent 1 on campaigns 10 (5) and 20 (9); agent 2 on 10 (7); agent 3 on 20 (9); nobody else on anything.
const PRIORITIES: Record<string, number> = { '1:10': 5, '1:20': 9, '2:10': 7, '3:20': 9 };
const priorityOf: PriorityOf = (a, c) => PRIORITIES[`${a}:${c}`] ?? null;

describe('agent offers', () => {
  it("a campaign's call goes to its highest-priority ready agent, then the one ready longest; never to an agent not on it", () => {
    const ready = [
      { agentId: 1, since: 100 },
      { agentId: 2, since: 200 },
      { agentId: 3, since: 50 },
    ];
    expect(pickAgentFor(ready, 10, priorityOf)?.agentId).toBe(2);
    expect(pickAgentFor(ready, 20, priorityOf)?.agentId).toBe(3);
    expect(pickAgentFor(ready.filter((a) => a.agentId !== 3), 20, priorityOf)?.agentId).toBe(1);
    expect(pickAgentFor(ready, 30, priorityOf)).toBeNull();
    expect(pickAgentFor([{ agentId: 3, since: 1 }], 10, priorityOf)).toBeNull();
  });

  it("a free agent takes the waiting call of their highest-priority campaign, then the longest waiting; others' calls wait", () => {
    const waiting = [{ campaignId: 10 }, { campaignId: 20 }, { campaignId: 20 }, { campaignId: 30 }];
    expect(pickCallFor(waiting, 1, priorityOf)).toBe(1);
    expect(pickCallFor(waiting, 2, priorityOf)).toBe(0);
    expect(pickCallFor([{ campaignId: 30 }], 2, priorityOf)).toBe(-1);
  });

  it('the waiting list hands out and cancels calls', () => {
    const list = new WaitingCalls();
    const offer = () => undefined;
    list.add({ callId: 'a', campaignId: 10, offer });
    list.add({ callId: 'b', campaignId: 20, offer });
    list.add({ callId: 'c', campaignId: 30, offer });
    list.cancel('c');
    expect(list.length).toBe(2);
    expect(list.takeFor(3, priorityOf)?.callId).toBe('b');
    expect(list.takeFor(3, priorityOf)).toBeNull();
    expect(list.takeFor(1, priorityOf)?.callId).toBe('a');
    expect(list.length).toBe(0);
  });
});
