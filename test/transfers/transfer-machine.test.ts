import { describe, expect, it } from 'vitest';
import {
  initialTransferState,
  transferTransition,
  type TargetLeg,
  type TransferCommand,
  type TransferInput,
  type TransferState,
} from '../../src/transfers/transfer-machine.js';
import type { TransferMode } from '../../src/db/schema-transfers.js';

const opts = { noAnswerMs: 20_000 };
const agent = { agentId: 1, channelId: 'agent-1-x' };
const parked: TargetLeg = { kind: 'parked', agentId: 2, channelId: 'agent-2-y' };
const ring: TargetLeg = { kind: 'ring', agentId: 3, extension: '8103', channelId: 'xfer-t1' };

/** Runs inputs from a fresh transfer; returns the final state and each step's command types. */
function run(mode: TransferMode, target: TargetLeg, inputs: Array<TransferInput['type']>): { state: TransferState; steps: string[][] } {
  let state = initialTransferState('t1', mode, agent, target);
  const steps: string[][] = [];
  let at = 1000;
  for (const type of inputs) {
    at += 1000;
    const input = (type === 'target-gone' ? { type, at, reason: 'hung up' } : { type, at }) as TransferInput;
    const step = transferTransition(state, input, opts);
    state = step.state;
    steps.push(step.commands.map(label));
  }
  return { state, steps };
}

const label = (c: TransferCommand): string =>
  c.type === 'move-agent' || c.type === 'reach-target' || c.type === 'move-target' ? `${c.type}:${c.to}` : c.type === 'finished' ? `finished:${c.outcome}` : c.type === 'hand-over' ? `hand-over:${c.via}` : c.type;

describe('transfer machine', () => {
  it.each([
    // mode, target, inputs, final phase, outcome
    ['warm', parked, ['start', 'target-up'], 'consulting', null],
    ['warm', parked, ['start', 'target-up', 'complete'], 'conference', null],
    ['warm', parked, ['start', 'target-up', 'complete', 'leave'], 'ended', 'completed'],
    ['warm', parked, ['start', 'target-up', 'cancel'], 'ended', 'cancelled'],
    ['warm', ring, ['start', 'no-answer'], 'ended', 'no-answer'],
    ['warm', ring, ['start', 'target-gone'], 'ended', 'failed'],
    ['warm', ring, ['start', 'target-up', 'target-gone'], 'ended', 'cancelled'],
    ['warm', parked, ['start', 'target-up', 'complete', 'cancel'], 'ended', 'cancelled'],
    ['warm', parked, ['start', 'target-up', 'complete', 'target-gone'], 'ended', 'cancelled'],
    ['warm', ring, ['start', 'customer-gone'], 'ended', 'call-ended'],
    ['warm', parked, ['start', 'target-up', 'agent-gone'], 'ended', 'completed'],
    ['warm', ring, ['start', 'agent-gone'], 'ended', 'failed'],
    ['blind', parked, ['start', 'target-up'], 'ended', 'completed'],
    ['blind', ring, ['start', 'no-answer'], 'ended', 'no-answer'],
    ['blind', ring, ['start', 'cancel'], 'ended', 'cancelled'],
    ['conference', ring, ['start', 'target-up'], 'conference', null],
    ['conference', ring, ['start', 'target-up', 'leave'], 'ended', 'completed'],
    ['conference', ring, ['start', 'no-answer'], 'ended', 'no-answer'],
  ] as const)('%s to %s target: %j → %s (%s)', (mode, target, inputs, phase, outcome) => {
    const { state } = run(mode, target, [...inputs]);
    expect(state.phase).toBe(phase);
    expect(state.outcome).toBe(outcome);
  });

  it('warm: the customer holds on music in their own (recorded) bridge while the agent consults; complete joins all three', () => {
    const { steps } = run('warm', ring, ['start', 'target-up', 'complete', 'leave']);
    expect(steps[0]).toEqual(['hold-customer', 'create-consult-bridge', 'move-agent:consult', 'reach-target:consult', 'arm-no-answer']);
    expect(steps[1]).toEqual(['cancel-no-answer', 'persist']);
    expect(steps[2]).toEqual(['move-target:call', 'move-agent:call', 'unhold-customer', 'destroy-consult-bridge', 'persist', 'target-joined']);
    expect(steps[3]).toEqual(['hand-over:warm', 'release-agent', 'persist', 'finished:completed']);
  });

  it('a target who does not answer returns the customer to the agent: off hold, consultation gone', () => {
    const { steps } = run('warm', ring, ['start', 'no-answer']);
    expect(steps[1]).toEqual(['cancel-no-answer', 'drop-target', 'move-agent:call', 'unhold-customer', 'destroy-consult-bridge', 'persist', 'finished:no-answer']);
  });

  it('blind: the agent is parked off the customer, the target goes straight to the customer, then the agent is released', () => {
    const { steps } = run('blind', ring, ['start', 'target-up']);
    expect(steps[0]).toEqual(['hold-customer', 'move-agent:parked', 'reach-target:call', 'arm-no-answer']);
    expect(steps[1]).toEqual(['cancel-no-answer', 'persist', 'unhold-customer', 'hand-over:blind', 'release-agent', 'persist', 'finished:completed']);
  });

  it('blind, unanswered: the agent is back with the customer', () => {
    const { steps } = run('blind', ring, ['start', 'no-answer']);
    expect(steps[1]).toContain('move-agent:call');
    expect(steps[1]).toContain('unhold-customer');
    expect(steps[1]).not.toContain('release-agent');
  });

  it('conference: no hold, the target joins the customer and the agent', () => {
    const { steps } = run('conference', ring, ['start', 'target-up']);
    expect(steps[0]).toEqual(['reach-target:call', 'arm-no-answer']);
    expect(steps[1]).toEqual(['cancel-no-answer', 'persist', 'persist', 'target-joined']);
  });

  it('a parked (ready) agent target needs no no-answer timer', () => {
    const { steps } = run('warm', parked, ['start']);
    expect(steps[0]).not.toContain('arm-no-answer');
  });

  it.each([
    ['complete before the target is up', 'warm', ['start', 'complete']],
    ['leave while consulting (complete first)', 'warm', ['start', 'target-up', 'leave']],
    ['a second target-up', 'warm', ['start', 'target-up', 'target-up']],
    ['no-answer after answer', 'warm', ['start', 'target-up', 'no-answer']],
  ] as const)('ignores %s', (_what, mode, inputs) => {
    const before = run(mode, ring, inputs.slice(0, -1) as TransferInput['type'][]);
    const after = run(mode, ring, [...inputs] as TransferInput['type'][]);
    expect(after.state).toEqual(before.state);
    expect(after.steps.at(-1)).toEqual([]);
  });

  it('nothing moves after the end', () => {
    const { state, steps } = run('warm', ring, ['start', 'no-answer', 'target-up', 'complete', 'cancel', 'customer-gone']);
    expect(state.outcome).toBe('no-answer');
    expect(steps.slice(2).every((s) => s.length === 0)).toBe(true);
  });

  it('the customer hanging up mid-consultation brings the agent back off the consultation and lets the target go', () => {
    const { steps } = run('warm', parked, ['start', 'target-up', 'customer-gone']);
    expect(steps[2]).toEqual(['cancel-no-answer', 'drop-target', 'destroy-consult-bridge', 'move-agent:call', 'persist', 'finished:call-ended']);
  });
});
