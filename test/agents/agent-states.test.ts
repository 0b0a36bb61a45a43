import { describe, expect, it } from 'vitest';
import { agentTransition, connectingStatus, isLongPause, type AgentInput, type AgentStatus } from '../../src/agents/agent-states.js';

/** Runs inputs in order from a fresh login; returns every step. */
function run(...inputs: AgentInput[]) {
  let status: AgentStatus = connectingStatus(0);
  return inputs.map((input) => {
    const step = agentTransition(status, input);
    status = step.status;
    return step;
  });
}

const last = <T>(xs: T[]): T => xs[xs.length - 1]!;

describe('agent state machine', () => {
  it('login → ready → reserved → on call → wrap-up → ready, with the call on each state', () => {
    const steps = run(
      { type: 'parked', at: 10 },
      { type: 'reserve', at: 20, callId: 'c1' },
      { type: 'connected', at: 21 },
      { type: 'call-over', at: 50, wrapUpMs: 30 },
      { type: 'wrap-over', at: 80 },
    );
    expect(steps.map((s) => [s.status.state, s.status.since, s.status.callId ?? s.status.wrapUpCallId, s.changed])).toEqual([
      ['ready', 10, null, true],
      ['reserved', 20, 'c1', true],
      ['on-call', 21, 'c1', true],
      ['wrap-up', 50, 'c1', true],
      ['ready', 80, null, true],
    ]);
    expect(steps[0]!.effects).toEqual([{ type: 'available' }]);
    expect(steps[3]!.effects).toEqual([{ type: 'arm-wrap', ms: 30 }]);
    expect(steps[4]!.effects).toEqual([{ type: 'available' }]);
  });

  it('no wrap-up when the wrap-up time is 0, nor after a reservation the customer left before connect', () => {
    const noWrap = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'connected', at: 3 }, { type: 'call-over', at: 9, wrapUpMs: 0 });
    expect(last(noWrap).status.state).toBe('ready');
    const neverTalked = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'call-over', at: 3, wrapUpMs: 30_000 });
    expect(last(neverTalked).status).toMatchObject({ state: 'ready', callId: null, wrapUpCallId: null });
    expect(last(neverTalked).effects).toEqual([{ type: 'available' }]);
  });

  it('the agent ends wrap-up early by saying ready; the timer is cancelled', () => {
    const steps = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'connected', at: 3 }, { type: 'call-over', at: 9, wrapUpMs: 60_000 }, { type: 'ready', at: 15 });
    expect(last(steps).status).toMatchObject({ state: 'ready', since: 15 });
    expect(last(steps).effects).toEqual([{ type: 'cancel-wrap' }, { type: 'available' }]);
  });

  it('pauses with a reason when ready or in wrap-up; a new reason is a new state but the same pause', () => {
    const steps = run({ type: 'parked', at: 1 }, { type: 'pause', at: 5, reason: 'BREAK' }, { type: 'pause', at: 65, reason: 'TECH' }, { type: 'ready', at: 100 });
    expect(steps[1]!.status).toMatchObject({ state: 'paused', reason: 'BREAK', since: 5, pausedSince: 5 });
    expect(steps[2]!).toMatchObject({ changed: true, status: { state: 'paused', reason: 'TECH', since: 65, pausedSince: 5 } });
    expect(last(steps).status).toMatchObject({ state: 'ready', reason: null, pausedSince: null });
    const sameReason = agentTransition(steps[1]!.status, { type: 'pause', at: 7, reason: 'BREAK' });
    expect(sameReason.ignored).toMatch(/pause/);

    const wrap = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'connected', at: 3 }, { type: 'call-over', at: 9, wrapUpMs: 60_000 }, { type: 'pause', at: 12, reason: 'MEAL' });
    expect(last(wrap).status).toMatchObject({ state: 'paused', reason: 'MEAL', wrapUpCallId: null });
    expect(last(wrap).effects).toEqual([{ type: 'cancel-wrap' }]);
  });

  it('a pause asked for during a call is taken after its wrap-up; saying ready cancels it', () => {
    const steps = run(
      { type: 'parked', at: 1 },
      { type: 'reserve', at: 2, callId: 'c' },
      { type: 'connected', at: 3 },
      { type: 'pause', at: 4, reason: 'MEAL' },
      { type: 'call-over', at: 9, wrapUpMs: 10 },
      { type: 'wrap-over', at: 19 },
    );
    expect(steps[3]!).toMatchObject({ changed: false, status: { state: 'on-call', pendingPause: 'MEAL' } });
    expect(steps[4]!.status).toMatchObject({ state: 'wrap-up', pendingPause: 'MEAL' });
    expect(last(steps)).toMatchObject({ changed: true, effects: [], status: { state: 'paused', reason: 'MEAL', pendingPause: null, since: 19 } });

    const cancelled = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'pause', at: 3, reason: 'MEAL' }, { type: 'ready', at: 4 }, { type: 'call-over', at: 5, wrapUpMs: 0 });
    expect(last(cancelled).status).toMatchObject({ state: 'ready', pendingPause: null });
  });

  it('a pause pressed while the softphone still rings is taken when it is parked', () => {
    const steps = run({ type: 'pause', at: 0, reason: 'TRAINING' }, { type: 'parked', at: 5 });
    expect(last(steps)).toMatchObject({ effects: [], status: { state: 'paused', reason: 'TRAINING', pausedSince: 5 } });
  });

  it('ignores inputs that do not apply, changing nothing', () => {
    const table: Array<[AgentInput, string]> = [
      [{ type: 'reserve', at: 1, callId: 'x' }, 'connecting'],
      [{ type: 'connected', at: 1 }, 'connecting'],
      [{ type: 'call-over', at: 1, wrapUpMs: 0 }, 'connecting'],
      [{ type: 'wrap-over', at: 1 }, 'connecting'],
      [{ type: 'ready', at: 1 }, 'connecting'],
    ];
    for (const [input, state] of table) {
      const step = agentTransition(connectingStatus(0), input);
      expect(step.ignored, input.type).toContain(state);
      expect(step.status).toEqual(connectingStatus(0));
    }
    const ready = run({ type: 'parked', at: 1 })[0]!.status;
    expect(agentTransition(ready, { type: 'parked', at: 2 }).ignored).toBeDefined();
    expect(agentTransition(ready, { type: 'ready', at: 2 }).ignored).toBeDefined();
    expect(agentTransition(ready, { type: 'connected', at: 2 }).ignored).toBeDefined();
  });

  it('flags a pause longer than the limit, measured over reason changes', () => {
    const steps = run({ type: 'parked', at: 0 }, { type: 'pause', at: 1000, reason: 'BREAK' }, { type: 'pause', at: 200_000, reason: 'TECH' });
    const s = last(steps).status;
    expect(isLongPause(s, 301_000, 300_000)).toBe(false);
    expect(isLongPause(s, 301_001, 300_000)).toBe(true);
    expect(isLongPause(steps[0]!.status, 10_000_000, 300_000)).toBe(false);
  });
});

describe('the disposition gate', () => {
  const talked = (wrapUpMs: number, dispositionPending: boolean) =>
    run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'connected', at: 3 }, { type: 'call-over', at: 9, wrapUpMs, dispositionPending });

  it('a wrap-up that runs out without the disposition pauses the agent with DISPO instead of readying them', () => {
    const steps = talked(15_000, true);
    const over = agentTransition(last(steps).status, { type: 'wrap-over', at: 15_009, dispositionPending: true });
    expect(over.status).toMatchObject({ state: 'paused', reason: 'DISPO', since: 15_009 });
    expect(over.effects).toEqual([]);
    // Given in time: ready as before.
    expect(agentTransition(last(steps).status, { type: 'wrap-over', at: 15_009, dispositionPending: false }).status.state).toBe('ready');
  });

  it('without wrap-up time the agent is paused at once while the disposition is owed', () => {
    expect(last(talked(0, true)).status).toMatchObject({ state: 'paused', reason: 'DISPO' });
    expect(last(talked(0, false)).status.state).toBe('ready');
  });

  it('saying ready is refused while the disposition is owed, in wrap-up and in a pause', () => {
    const wrap = last(talked(15_000, true)).status;
    expect(agentTransition(wrap, { type: 'ready', at: 10, dispositionPending: true }).ignored).toMatch(/disposition/);
    const paused = agentTransition(wrap, { type: 'wrap-over', at: 20, dispositionPending: true }).status;
    expect(agentTransition(paused, { type: 'ready', at: 30, dispositionPending: true }).ignored).toMatch(/disposition/);
    expect(agentTransition(paused, { type: 'ready', at: 30, dispositionPending: false }).status.state).toBe('ready');
  });

  it('a pause the agent asked for during the call wins over DISPO (the disposition is still owed when they come back)', () => {
    const steps = run({ type: 'parked', at: 1 }, { type: 'reserve', at: 2, callId: 'c' }, { type: 'connected', at: 3 }, { type: 'pause', at: 4, reason: 'MEAL' }, { type: 'call-over', at: 9, wrapUpMs: 0, dispositionPending: true });
    expect(last(steps).status).toMatchObject({ state: 'paused', reason: 'MEAL' });
  });
});
