import { describe, expect, it } from 'vitest';
import {
  initialCallState,
  transition,
  type CallCommand,
  type CallInput,
  type CallMachineOptions,
  type CallState,
} from '../../src/calls/call-machine.js';
import { unansweredOutcome } from '../../src/calls/outcome.js';

const opts: CallMachineOptions = { agentWaitMs: 2000, openingTimeoutMs: 60_000, recordingSettleMs: 10_000, safeHarbourMedia: null };

/** Runs inputs in order; returns the final state and every command emitted. */
function run(inputs: CallInput[], o: CallMachineOptions = opts): { state: CallState; commands: CallCommand[] } {
  let state = initialCallState('c1');
  const commands: CallCommand[] = [];
  for (const input of inputs) {
    const t = transition(state, input, o);
    state = t.state;
    commands.push(...t.commands);
  }
  return { state, commands };
}

const types = (cmds: CallCommand[]) => cmds.filter((c) => c.type !== 'persist').map((c) => c.type);
const finish = (cmds: CallCommand[]) => cmds.find((c): c is Extract<CallCommand, { type: 'finish' }> => c.type === 'finish');
const patches = (cmds: CallCommand[]) =>
  Object.assign({}, ...cmds.filter((c): c is Extract<CallCommand, { type: 'persist' }> => c.type === 'persist').map((c) => c.patch));

/** Rings (the bridge is made meanwhile), answers, and the customer is added. */
const answeredFlow: CallInput[] = [
  { type: 'dial-status', at: 1, status: 'RINGING' },
  { type: 'bridge-created', at: 3 },
  { type: 'answered', at: 100 },
  { type: 'bridge-ready', at: 105 },
];

describe('call machine: the bridge, the recording and the opening after the answer', () => {
  it('asks for the recording once the bridge exists, while the customer is added; plays once they are in', () => {
    const created = run([{ type: 'answered', at: 100 }, { type: 'bridge-created', at: 103 }]);
    expect(types(created.commands)).toEqual(['bridge-customer', 'request-agent', 'start-recording']);
    expect(created.state).toMatchObject({ bridgeCreated: true, bridged: false, opening: 'none', liveSegment: 1 });
    const ready = transition(created.state, { type: 'bridge-ready', at: 105 }, opts);
    expect(types(ready.commands)).toEqual(['play-opening', 'arm-opening-timeout']);
    expect(ready.state).toMatchObject({ bridged: true, opening: 'playing', segments: 1 });
  });

  it('moves an agent in as soon as the bridge exists, whether offered before or after it was made', () => {
    const before = run([
      { type: 'answered', at: 100 },
      { type: 'agent-offered', at: 101, agentId: 7, channelId: 'agent-7' },
      { type: 'bridge-created', at: 103 },
    ]);
    expect(types(before.commands)).toEqual(['bridge-customer', 'request-agent', 'start-recording', 'connect-agent']);
    const after = run([
      { type: 'answered', at: 100 },
      { type: 'bridge-created', at: 103 },
      { type: 'agent-offered', at: 104, agentId: 7, channelId: 'agent-7' },
    ]);
    expect(types(after.commands)).toEqual(['bridge-customer', 'request-agent', 'start-recording', 'connect-agent']);
    // Not before the bridge exists.
    expect(types(run([{ type: 'answered', at: 100 }, { type: 'agent-offered', at: 101, agentId: 7, channelId: 'agent-7' }]).commands)).not.toContain('connect-agent');
  });

  it('makes the bridge while the call rings, and records it the moment the customer answers', () => {
    const ringing = run([{ type: 'ringing', at: 1 }]);
    expect(types(ringing.commands)).toEqual(['create-bridge']);
    // Made before the answer: nothing is recorded yet.
    const made = transition(ringing.state, { type: 'bridge-created', at: 3 }, opts);
    expect(made.commands).toEqual([]);
    expect(made.state).toMatchObject({ bridgeCreated: true, segments: 0 });
    const answered = transition(made.state, { type: 'answered', at: 100 }, opts);
    // The add, the record and the play in one command (in that order at Asterisk), the opening's timer armed.
    expect(types(answered.commands)).toEqual(['open-call', 'arm-opening-timeout', 'request-agent']);
    expect(answered.state).toMatchObject({ bridged: false, opening: 'playing', segments: 1, liveSegment: 1 });
    // The customer is in: nothing more to send (the opening is not played twice).
    const ready = transition(answered.state, { type: 'bridge-ready', at: 105 }, opts);
    expect(ready.commands).toEqual([]);
    expect(ready.state).toMatchObject({ bridged: true, opening: 'playing' });
    // Made while the answer was already in: recorded when it arrives.
    const late = run([{ type: 'ringing', at: 1 }, { type: 'answered', at: 100 }]);
    expect(types(late.commands)).toEqual(['create-bridge', 'bridge-customer', 'request-agent']);
    expect(types(transition(late.state, { type: 'bridge-created', at: 103 }, opts).commands)).toEqual(['start-recording']);
    // Only once: the dial status and the channel state both say ringing.
    expect(types(run([{ type: 'ringing', at: 1 }, { type: 'dial-status', at: 2, status: 'RINGING' }]).commands)).toEqual(['create-bridge']);
  });

  it('takes down a bridge made for a call that was not answered, made before or after it ended', () => {
    const noAnswer = run([
      { type: 'dial-status', at: 1, status: 'RINGING' },
      { type: 'bridge-created', at: 3 },
      { type: 'dial-status', at: 30_000, status: 'NOANSWER' },
      { type: 'customer-destroyed', at: 30_001, cause: 19, causeText: 'No answer' },
    ]);
    expect(types(noAnswer.commands)).toEqual(['create-bridge', 'destroy-bridge', 'finish']);
    const stillMaking = run([
      { type: 'dial-status', at: 1, status: 'RINGING' },
      { type: 'customer-destroyed', at: 2, cause: 17, causeText: 'User busy' },
    ]);
    expect(types(stillMaking.commands)).toEqual(['create-bridge', 'finish']);
    expect(types(transition(stillMaking.state, { type: 'bridge-created', at: 3 }, opts).commands)).toEqual(['destroy-bridge']);
    // A call that never rang made none.
    expect(types(run([{ type: 'customer-destroyed', at: 2, cause: 1, causeText: 'Unallocated' }]).commands)).toEqual(['finish']);
  });

  it('takes the bridge down when the customer could not be added to it', () => {
    const { commands } = run([
      { type: 'answered', at: 100 },
      { type: 'bridge-created', at: 103 },
      { type: 'customer-hangup', at: 104 },
      { type: 'customer-destroyed', at: 105, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(types(commands)).toContain('destroy-bridge');
    expect(types(commands)).not.toContain('play-opening');
  });

  it('takes down a bridge made after the customer had already gone, ending or ended', () => {
    const gone = run([
      { type: 'answered', at: 100 },
      { type: 'customer-hangup', at: 101 },
    ]);
    expect(gone.state.phase).toBe('ending');
    const late = transition(gone.state, { type: 'bridge-created', at: 103 }, opts);
    expect(types(late.commands)).toEqual(['destroy-bridge']);
    expect(types(transition(late.state, { type: 'bridge-created', at: 104 }, opts).commands)).toEqual([]);
    const closed = run([
      { type: 'answered', at: 100 },
      { type: 'customer-hangup', at: 101 },
      { type: 'customer-destroyed', at: 102, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(closed.state.phase).toBe('ended');
    expect(types(transition(closed.state, { type: 'bridge-created', at: 103 }, opts).commands)).toEqual(['destroy-bridge']);
  });
});

describe('call machine: answered and connected', () => {
  it('records before the opening, connects the offered agent, and closes as answered', () => {
    const { state, commands } = run([
      ...answeredFlow,
      { type: 'agent-offered', at: 106, agentId: 7, channelId: 'agent-7' },
      { type: 'agent-connected', at: 110 },
      { type: 'opening-started', at: 111 },
      { type: 'opening-finished', at: 3000 },
      { type: 'customer-hangup', at: 20_000 },
      { type: 'recording-finished', at: 20_010, segment: 1 },
      { type: 'customer-destroyed', at: 20_011, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(types(commands)).toEqual([
      'create-bridge',
      'open-call',
      'arm-opening-timeout',
      'request-agent',
      'connect-agent',
      'release-agent',
      'destroy-bridge',
      'arm-recording-wait',
      'finish',
    ]);
    expect(state.phase).toBe('ended');
    expect(finish(commands)?.outcome).toBe('answered');
    expect(patches(commands)).toMatchObject({
      state: 'ended',
      ringingAt: 1,
      answeredAt: 100,
      agentConnectedAt: 110,
      openingStartedAt: 111,
      openingFinishedAt: 3000,
      endedAt: 20_000,
      hangupBy: 'customer',
      hangupCause: 16,
      agentId: 7,
      outcome: 'answered',
    });
  });

  it('waits for the live recording to finish before closing', () => {
    const { state, commands } = run([
      ...answeredFlow,
      { type: 'customer-hangup', at: 500 },
      { type: 'customer-destroyed', at: 501, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(state.phase).toBe('ending');
    expect(finish(commands)).toBeUndefined();
    const later = transition(state, { type: 'recording-finished', at: 520, segment: 1 }, opts);
    expect(finish(later.commands)?.outcome).toBe('answered');
  });

  it('closes anyway when the recording never reports finished', () => {
    const { state } = run([
      ...answeredFlow,
      { type: 'customer-hangup', at: 500 },
      { type: 'customer-destroyed', at: 501, cause: 16, causeText: 'Normal Clearing' },
    ]);
    const t = transition(state, { type: 'recording-wait-expired', at: 10_501 }, opts);
    expect(finish(t.commands)?.outcome).toBe('answered');
  });

  it('restarts a recording that stops while the call goes on, as a new segment', () => {
    const { state, commands } = run([
      ...answeredFlow,
      { type: 'recording-finished', at: 2500, segment: 1 },
      { type: 'recording-finished', at: 5000, segment: 2 },
    ]);
    // Segment 1 went with the add and the opening (open-call).
    expect(commands.filter((c) => c.type === 'open-call')).toHaveLength(1);
    const starts = commands.filter((c) => c.type === 'start-recording');
    expect(starts).toEqual([
      { type: 'start-recording', segment: 2 },
      { type: 'start-recording', segment: 3 },
    ]);
    expect(state.liveSegment).toBe(3);
  });

  it('does not retry a segment that failed to start', () => {
    const { state, commands } = run([...answeredFlow, { type: 'recording-failed', at: 200, segment: 1 }]);
    expect(commands.filter((c) => c.type === 'start-recording')).toHaveLength(0);
    expect(state.liveSegment).toBeNull();
  });
});

describe('call machine: hangups', () => {
  it('agent hangs up: the customer is hung up, hangupBy agent, agent not returned to holding', () => {
    const { commands } = run([
      ...answeredFlow,
      { type: 'agent-offered', at: 106, agentId: 7, channelId: 'agent-7' },
      { type: 'agent-connected', at: 110 },
      { type: 'agent-hangup', at: 9000 },
      { type: 'customer-hangup', at: 9005 },
      { type: 'recording-finished', at: 9010, segment: 1 },
      { type: 'customer-destroyed', at: 9011, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(commands).toContainEqual({ type: 'release-agent', agentId: 7, channelId: 'agent-7', agentGone: true });
    expect(commands).toContainEqual({ type: 'hangup-customer', reason: 'normal' });
    expect(commands.filter((c) => c.type === 'release-agent')).toHaveLength(1);
    expect(patches(commands)).toMatchObject({ hangupBy: 'agent', outcome: 'answered' });
  });

  it('agent ends the call from the console: customer hung up, agent returned to holding', () => {
    const { commands } = run([
      ...answeredFlow,
      { type: 'agent-offered', at: 106, agentId: 7, channelId: 'agent-7' },
      { type: 'agent-connected', at: 110 },
      { type: 'agent-ended-call', at: 9000 },
      { type: 'customer-hangup', at: 9005 },
      { type: 'recording-finished', at: 9010, segment: 1 },
      { type: 'customer-destroyed', at: 9011, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(commands).toContainEqual({ type: 'hangup-customer', reason: 'normal' });
    expect(commands).toContainEqual({ type: 'release-agent', agentId: 7, channelId: 'agent-7', agentGone: false });
    expect(patches(commands)).toMatchObject({ hangupBy: 'agent', outcome: 'answered', endedAt: 9000 });
  });

  it('customer hangs up during the opening before an agent is free: answered, not abandoned', () => {
    const { commands } = run([
      ...answeredFlow,
      { type: 'opening-started', at: 110 },
      { type: 'customer-hangup', at: 1500 },
      { type: 'recording-finished', at: 1510, segment: 1 },
      { type: 'customer-destroyed', at: 1511, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(types(commands)).toContain('cancel-agent-request');
    expect(patches(commands)).toMatchObject({ hangupBy: 'customer', outcome: 'answered' });
    expect(patches(commands).agentConnectedAt).toBeUndefined();
  });

  it('answered then gone at once (before the bridge): closes answered with no recording started', () => {
    const { commands } = run([
      { type: 'answered', at: 100 },
      { type: 'customer-hangup', at: 101 },
      { type: 'bridge-failed', at: 102, reason: 'Channel not found' },
      { type: 'customer-destroyed', at: 103, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(types(commands)).not.toContain('start-recording');
    expect(finish(commands)?.outcome).toBe('answered');
  });

  it('an agent offered after the customer left goes straight back', () => {
    const { commands } = run([
      { type: 'answered', at: 100 },
      { type: 'customer-hangup', at: 101 },
      { type: 'agent-offered', at: 102, agentId: 3, channelId: 'agent-3' },
    ]);
    expect(commands).toContainEqual({ type: 'release-agent', agentId: 3, channelId: 'agent-3', agentGone: false });
  });
});

describe('call machine: abandonment (2 s after the opening)', () => {
  const waiting: CallInput[] = [...answeredFlow, { type: 'opening-started', at: 110 }, { type: 'opening-finished', at: 3000 }];

  it('arms the agent wait when the opening ends without an agent', () => {
    const { commands } = run(waiting);
    expect(commands).toContainEqual({ type: 'arm-agent-wait', ms: 2000 });
  });

  it('no agent in time and no safe-harbour media: hung up by the system, abandoned', () => {
    const { commands } = run([
      ...waiting,
      { type: 'agent-wait-expired', at: 5000 },
      { type: 'customer-hangup', at: 5003 },
      { type: 'recording-finished', at: 5004, segment: 1 },
      { type: 'customer-destroyed', at: 5005, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(types(commands)).toEqual(expect.arrayContaining(['cancel-agent-request', 'hangup-customer']));
    expect(patches(commands)).toMatchObject({ hangupBy: 'system', outcome: 'abandoned' });
  });

  it('with safe-harbour media: plays it, then hangs up', () => {
    const o = { ...opts, safeHarbourMedia: 'sound:dialer/safe-harbour' };
    const { state, commands } = run([...waiting, { type: 'agent-wait-expired', at: 5000 }], o);
    expect(commands).toContainEqual({ type: 'play-safe-harbour', media: 'sound:dialer/safe-harbour' });
    expect(types(commands)).not.toContain('hangup-customer');
    const t = transition(state, { type: 'safe-harbour-finished', at: 8000 }, o);
    expect(types(t.commands)).toContain('hangup-customer');
  });

  it('an agent connected within the window prevents abandonment', () => {
    const { state, commands } = run([
      ...waiting,
      { type: 'agent-offered', at: 4000, agentId: 1, channelId: 'agent-1' },
      { type: 'agent-connected', at: 4010 },
      { type: 'agent-wait-expired', at: 5000 },
    ]);
    expect(state.abandoned).toBe(false);
    expect(types(commands)).not.toContain('hangup-customer');
  });
});

describe('call machine: not answered', () => {
  it.each([
    ['BUSY', 0, 'busy'],
    ['NOANSWER', 19, 'no-answer'],
    ['', 19, 'no-answer'],
    ['CONGESTION', 34, 'congestion'],
    ['CHANUNAVAIL', 21, 'rejected'],
    ['CHANUNAVAIL', 20, 'failed'],
    ['', 17, 'busy'],
  ] as const)('dial status %s with cause %i closes as %s', (status, cause, outcome) => {
    const { commands } = run([
      { type: 'dial-status', at: 1, status },
      { type: 'customer-destroyed', at: 2, cause, causeText: '' },
    ]);
    expect(finish(commands)?.outcome).toBe(outcome);
    expect(patches(commands)).toMatchObject({ endedAt: 2, hangupCause: cause, state: 'ended' });
  });

  it('originate refused: failed with the reason', () => {
    const { commands } = run([{ type: 'originate-failed', at: 5, reason: 'Allocation failed' }]);
    expect(finish(commands)?.outcome).toBe('failed');
    expect(patches(commands)).toMatchObject({ hangupCauseText: 'Allocation failed', endedAt: 5 });
  });

  it('hands back an agent offered after the call closed', () => {
    const { state } = run([{ type: 'originate-failed', at: 5, reason: 'x' }]);
    expect(transition(state, { type: 'agent-offered', at: 6, agentId: 2, channelId: 'agent-2' }, opts).commands).toEqual([
      { type: 'release-agent', agentId: 2, channelId: 'agent-2', agentGone: false },
    ]);
  });

  it('ignores everything after the end', () => {
    const { state } = run([{ type: 'originate-failed', at: 5, reason: 'x' }]);
    expect(transition(state, { type: 'answered', at: 6 }, opts).commands).toEqual([]);
  });
});

describe('call machine: Asterisk stops mid-call (core stop now)', () => {
  const connected: CallInput[] = [
    ...answeredFlow,
    { type: 'agent-offered', at: 106, agentId: 7, channelId: 'agent-7' },
    { type: 'agent-connected', at: 110 },
  ];
  it('the recorder leaves first, the restart fails, the call is cut: interrupted, ended by the system, not the customer', () => {
    const { state, commands } = run([
      ...connected,
      { type: 'recording-finished', at: 9000, segment: 1 },
      { type: 'telephony-lost', at: 9001, reason: 'Asterisk shut down during the call' },
      { type: 'customer-hangup', at: 9002 },
      { type: 'agent-hangup', at: 9002 },
      { type: 'recording-failed', at: 9003, segment: 2 },
      { type: 'customer-destroyed', at: 9004, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(state.phase).toBe('ended');
    expect(finish(commands)?.outcome).toBe('interrupted');
    expect(patches(commands)).toMatchObject({ hangupBy: 'system', endedAt: 9001, hangupCauseText: 'Asterisk shut down during the call', outcome: 'interrupted' });
    // Asterisk hangs the channels up itself; the agent is handed back once.
    expect(types(commands).filter((t) => t === 'hangup-customer')).toEqual([]);
    expect(types(commands).filter((t) => t === 'release-agent')).toHaveLength(1);
  });
  it('a call still ringing when Asterisk goes away is interrupted, not failed', () => {
    const { commands } = run([
      { type: 'dial-status', at: 1, status: 'RINGING' },
      { type: 'telephony-lost', at: 50, reason: 'Asterisk shut down during the call' },
      { type: 'customer-destroyed', at: 51, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(finish(commands)?.outcome).toBe('interrupted');
  });
  it('a customer who hung up before the shutdown stays the one who hung up', () => {
    const { commands } = run([
      ...connected,
      { type: 'customer-hangup', at: 5000 },
      { type: 'telephony-lost', at: 5001, reason: 'Asterisk shut down during the call' },
      { type: 'recording-finished', at: 5002, segment: 1 },
      { type: 'customer-destroyed', at: 5003, cause: 16, causeText: 'Normal Clearing' },
    ]);
    expect(finish(commands)?.outcome).toBe('answered');
    expect(patches(commands)).toMatchObject({ hangupBy: 'customer' });
  });
});

describe('unansweredOutcome', () => {
  it('prefers a rejection cause over the dial status', () => {
    expect(unansweredOutcome('BUSY', 21)).toBe('rejected');
  });
  it('falls back to failed', () => {
    expect(unansweredOutcome(null, null)).toBe('failed');
    expect(unansweredOutcome('CANCEL', 16)).toBe('failed');
    expect(unansweredOutcome('CHANUNAVAIL', 20)).toBe('failed');
  });
  // Asterisk 22's dial status for cause 1 (SIP 404) is NOANSWER: the cause decides.
  it.each([
    ['NOANSWER', 1, 'unallocated'],
    ['CANCEL', 1, 'unallocated'],
    ['NOANSWER', 21, 'rejected'],
    ['NOANSWER', 19, 'no-answer'],
    [null, 19, 'no-answer'],
    ['NOANSWER', 16, 'no-answer'],
    ['BUSY', 0, 'busy'],
    ['CONGESTION', 0, 'congestion'],
    [null, 17, 'busy'],
    [null, 34, 'congestion'],
  ] as const)('dial status %s with cause %s is %s', (status, cause, outcome) => {
    expect(unansweredOutcome(status, cause)).toBe(outcome);
  });
});

describe('call machine: agentless (an inbound customer told nobody is free)', () => {
  const agentless = { ...opts, agentless: true };
  it('records, plays the message, asks for no agent, and hangs up when it ends: answered, by the system', () => {
    const { state, commands } = run(
      [
        { type: 'answered', at: 100 },
        { type: 'bridge-created', at: 103 },
        { type: 'bridge-ready', at: 105 },
        { type: 'opening-started', at: 110 },
        { type: 'opening-finished', at: 4000 },
        { type: 'customer-hangup', at: 4010 },
        { type: 'customer-destroyed', at: 4020, cause: 0, causeText: 'left the application (inbound call)' },
        { type: 'recording-finished', at: 4030, segment: 1 },
      ],
      agentless,
    );
    expect(types(commands)).toEqual(['bridge-customer', 'start-recording', 'play-opening', 'arm-opening-timeout', 'hangup-customer', 'cancel-agent-request', 'destroy-bridge', 'arm-recording-wait', 'finish']);
    expect(commands.some((c) => c.type === 'request-agent' || c.type === 'arm-agent-wait')).toBe(false);
    expect(patches(commands)).toMatchObject({ outcome: 'answered', hangupBy: 'system', endedAt: 4000 });
    expect(state.phase).toBe('ended');
  });

  it('the customer hanging up during the message ends it as theirs', () => {
    const { commands } = run(
      [
        { type: 'answered', at: 100 },
        { type: 'bridge-created', at: 103 },
        { type: 'bridge-ready', at: 105 },
        { type: 'customer-hangup', at: 900 },
        { type: 'customer-destroyed', at: 910, cause: 16, causeText: 'left the application (inbound call)' },
        { type: 'opening-finished', at: 920 },
        { type: 'recording-finished', at: 930, segment: 1 },
      ],
      agentless,
    );
    expect(types(commands)).not.toContain('hangup-customer');
    expect(finish(commands)?.outcome).toBe('answered');
    expect(patches(commands)).toMatchObject({ hangupBy: 'customer' });
  });
});
