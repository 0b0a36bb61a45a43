/** The call machine when the agent leaves a call that goes on (a supervisor took it over, or a transfer handed it to a manager). */
import { describe, expect, it } from 'vitest';
import { initialCallState, transition, type CallCommand, type CallInput, type CallState } from '../../src/calls/call-machine.js';

const opts = { agentWaitMs: 2000, openingTimeoutMs: 60_000, recordingSettleMs: 10_000, safeHarbourMedia: null };

function run(inputs: CallInput[]): { state: CallState; commands: CallCommand[][] } {
  let state = initialCallState('c1');
  const commands: CallCommand[][] = [];
  for (const input of inputs) {
    const t = transition(state, input, opts);
    state = t.state;
    commands.push(t.commands.filter((c) => c.type !== 'persist'));
  }
  return { state, commands };
}

const connected: CallInput[] = [
  { type: 'answered', at: 100 },
  { type: 'bridge-created', at: 103 },
  { type: 'bridge-ready', at: 105 },
  { type: 'agent-offered', at: 106, agentId: 7, channelId: 'agent-7' },
  { type: 'agent-connected', at: 110 },
  { type: 'opening-started', at: 111 },
  { type: 'opening-finished', at: 3000 },
];

describe('call machine: the agent leaves, the call goes on', () => {
  it('releases the agent once and keeps the customer, the bridge and the recording', () => {
    const { state, commands } = run([...connected, { type: 'agent-left', at: 5000 }, { type: 'agent-left', at: 5001 }]);
    expect(commands.at(-2)).toEqual([{ type: 'release-agent', agentId: 7, channelId: 'agent-7', agentGone: false }]);
    expect(commands.at(-1)).toEqual([]);
    expect(state.phase).toBe('connected');
    expect(state.customerGone).toBe(false);
    expect(state.agent).toBeNull();
    // No new agent is asked for: the call is handled (by the supervisor).
    expect(state.agentConnected).toBe(true);
  });

  it('then ends without releasing the agent again: by the customer, or by the handler', () => {
    const byCustomer = run([...connected, { type: 'agent-left', at: 5000 }, { type: 'customer-hangup', at: 9000 }]);
    expect(byCustomer.commands.at(-1)!.map((c) => c.type)).toEqual(['destroy-bridge', 'arm-recording-wait']);
    const byHandler = run([...connected, { type: 'agent-left', at: 5000 }, { type: 'agent-ended-call', at: 9000 }]);
    expect(byHandler.commands.at(-1)!.map((c) => c.type)).toEqual(['hangup-customer', 'destroy-bridge', 'arm-recording-wait']);
    expect(byHandler.state.hangupBy).toBe('agent');
  });

  it('is ignored before an agent is connected and after the customer left', () => {
    expect(run([{ type: 'answered', at: 100 }, { type: 'agent-left', at: 101 }]).commands.at(-1)).toEqual([]);
    expect(run([...connected, { type: 'customer-hangup', at: 4000 }, { type: 'agent-left', at: 5000 }]).commands.at(-1)).toEqual([]);
  });

  it('handed to a supervisor by a transfer: no agent softphone is the call’s, nothing persisted, the handler ends it', () => {
    let state = run(connected).state;
    const t = transition(state, { type: 'handler-changed', at: 5000, agentId: null, channelId: 'xfer-1' }, opts);
    state = t.state;
    // The transfer releases the agent itself; the call row keeps the agent who handed it over.
    expect(t.commands).toEqual([]);
    expect(state.agent).toBeNull();
    expect(state.agentConnected).toBe(true);
    expect(state.phase).toBe('connected');
    const end = transition(state, { type: 'agent-ended-call', at: 9000 }, opts);
    expect(end.commands.filter((c) => c.type !== 'persist').map((c) => c.type)).toEqual(['hangup-customer', 'destroy-bridge', 'arm-recording-wait']);
  });
});
