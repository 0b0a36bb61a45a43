/** Shared agents counted once by pacing: the call's campaign, else the highest priority, ties spread evenly. */
import { describe, expect, it } from 'vitest';
import { allocateAgents } from '../../src/dialer/agent-allocation.js';

const PRIORITIES: Record<string, number> = { '1:10': 5, '1:20': 5, '2:10': 3, '2:20': 8, '3:20': 1, '4:30': 5, '5:10': 5, '5:20': 5 };
const priorityOf = (a: number, c: number) => PRIORITIES[`${a}:${c}`] ?? null;

describe('allocateAgents', () => {
  it('each agent counts for one campaign only, and only one they may take; ties are spread evenly', () => {
    const agents = [5, 4, 3, 2, 1].map((agentId) => ({ agentId, campaignOfCall: null }));
    const got = allocateAgents(agents, [10, 20], priorityOf);
    // 1: tie → 10 (both empty, lower id); 2: priority 8 on 20; 3: only 20; 4: on neither; 5: tie → 10 (10 has 1, 20 has 2).
    expect(Object.fromEntries(got)).toEqual({ 1: 10, 2: 20, 3: 20, 5: 10 });
    // The same floor in another order (the pass's rotation) gives the same split.
    expect(Object.fromEntries(allocateAgents([...agents].reverse(), [20, 10], priorityOf))).toEqual(Object.fromEntries(got));
    expect(got.size).toBe(4); // no double counting, nobody counted who may take neither
  });

  it("an agent on a call counts for that call's campaign, when they may take it and it has contacts to dial", () => {
    expect(allocateAgents([{ agentId: 2, campaignOfCall: 10 }], [10, 20], priorityOf).get(2)).toBe(10);
    // Campaign 10 has nothing to dial now: back to their own priority.
    expect(allocateAgents([{ agentId: 2, campaignOfCall: 10 }], [20], priorityOf).get(2)).toBe(20);
    // A call of a campaign they are no longer on does not hold them there.
    expect(allocateAgents([{ agentId: 3, campaignOfCall: 10 }], [10, 20], priorityOf).get(3)).toBe(20);
  });
});
