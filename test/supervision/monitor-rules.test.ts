import { describe, expect, it } from 'vitest';
import type { MonitorMode } from '../../src/db/schema-supervision.js';
import { mayEnter, modesFor, stepsBetween, type MonitorFacts } from '../../src/supervision/monitor-rules.js';

const base: MonitorFacts = {
  supervisor: 'manager',
  sameTeam: false,
  callLive: true,
  agentOnCall: true,
  verificationRunning: false,
  currentMode: null,
  takenOverByOther: false,
  hasPhone: true,
  phoneInUse: false,
};
const decide = (mode: MonitorMode, f: Partial<MonitorFacts>) => {
  const d = mayEnter(mode, { ...base, ...f });
  return d.ok ? 'ok' : d.refusal;
};

describe('who may supervise how', () => {
  it.each([
    // [kind, sameTeam, mode, expected]
    ['manager', false, 'listen', 'ok'],
    ['manager', false, 'whisper', 'ok'],
    ['manager', false, 'barge', 'ok'],
    ['manager', false, 'takeover', 'ok'],
    ['team-lead', true, 'listen', 'ok'],
    ['team-lead', true, 'whisper', 'ok'],
    ['team-lead', true, 'barge', 'ok'],
    ['team-lead', true, 'takeover', 'ok'],
    ['team-lead', false, 'listen', 'team'],
    ['team-lead', false, 'barge', 'team'],
    ['qa', false, 'listen', 'ok'],
    ['qa', false, 'whisper', 'role'],
    ['qa', false, 'barge', 'role'],
    ['qa', false, 'takeover', 'role'],
    ['none', false, 'listen', 'role'],
  ] as const)('%s (same team %s) → %s: %s', (supervisor, sameTeam, mode, expected) => {
    expect(decide(mode, { supervisor, sameTeam })).toBe(expected);
  });

  it('lists the buttons a kind may use', () => {
    expect(modesFor('qa')).toEqual(['listen']);
    expect(modesFor('manager')).toEqual(['listen', 'whisper', 'barge', 'takeover']);
    expect(modesFor('none')).toEqual([]);
  });
});

describe('the call and the consent verification', () => {
  it.each([
    ['listen', 'ok'],
    ['whisper', 'ok'],
    ['barge', 'verification-running'],
    ['takeover', 'verification-running'],
  ] as const)('while a verification runs, %s → %s', (mode, expected) => {
    expect(decide(mode, { verificationRunning: true })).toBe(expected);
  });

  it('refuses every mode on a call that is not live', () => {
    for (const mode of ['listen', 'whisper', 'barge', 'takeover'] as const) expect(decide(mode, { callLive: false })).toBe('not-live');
  });

  it('needs an agent to whisper to or to replace, not to listen or barge', () => {
    expect(decide('listen', { agentOnCall: false })).toBe('ok');
    expect(decide('barge', { agentOnCall: false })).toBe('ok');
    expect(decide('whisper', { agentOnCall: false })).toBe('no-agent');
    expect(decide('takeover', { agentOnCall: false })).toBe('no-agent');
  });

  it('needs a phone to start, not to switch', () => {
    expect(decide('listen', { hasPhone: false })).toBe('no-phone');
    expect(decide('barge', { hasPhone: false, currentMode: 'listen' })).toBe('ok');
  });

  it('refuses to start on an agent softphone the service already holds', () => {
    expect(decide('listen', { supervisor: 'team-lead', sameTeam: true, phoneInUse: true })).toBe('phone-in-use');
    // Already joined (the phone was free when called): switching goes on.
    expect(decide('whisper', { supervisor: 'team-lead', sameTeam: true, phoneInUse: true, currentMode: 'listen' })).toBe('ok');
  });

  it('refuses the mode one is already in, and anything after a takeover', () => {
    expect(decide('listen', { currentMode: 'listen' })).toBe('same-mode');
    expect(decide('listen', { currentMode: 'takeover', agentOnCall: false })).toBe('taken-over');
    expect(decide('barge', { currentMode: 'takeover', agentOnCall: false })).toBe('taken-over');
    expect(decide('listen', { takenOverByOther: true })).toBe('taken-over');
  });
});

describe('steps between modes', () => {
  it.each([
    [null, 'listen', [{ type: 'snoop', whisper: false }]],
    [null, 'whisper', [{ type: 'snoop', whisper: true }]],
    [null, 'barge', [{ type: 'into-call-bridge' }]],
    [null, 'takeover', [{ type: 'into-call-bridge' }, { type: 'agent-leaves' }, { type: 'identity-reset' }]],
    ['listen', 'whisper', [{ type: 'drop-snoop' }, { type: 'snoop', whisper: true }]],
    ['whisper', 'listen', [{ type: 'drop-snoop' }, { type: 'snoop', whisper: false }]],
    ['listen', 'barge', [{ type: 'drop-snoop' }, { type: 'into-call-bridge' }]],
    ['barge', 'listen', [{ type: 'into-monitor-bridge' }, { type: 'snoop', whisper: false }]],
    ['barge', 'takeover', [{ type: 'agent-leaves' }, { type: 'identity-reset' }]],
    ['whisper', 'takeover', [{ type: 'drop-snoop' }, { type: 'into-call-bridge' }, { type: 'agent-leaves' }, { type: 'identity-reset' }]],
  ] as const)('%s → %s', (from, to, steps) => {
    expect(stepsBetween(from, to)).toEqual(steps);
  });
});
