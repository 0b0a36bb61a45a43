import { describe, expect, it } from 'vitest';
import type { CampaignPacingView } from '../../src/dialer/dial-loop.js';
import { explainPacing } from '../../src/dialer/pacing-explain.js';

const base = { readyAgents: 2, callsInFlight: 7, capacity: 100, progressiveCalls: 0 };
const predictive = (calls: number, extra: Record<string, unknown>): CampaignPacingView => ({
  at: 0,
  reason: 'predictive',
  calls,
  diagnostics: {
    ...base,
    expectedFreeAgents: 3.2,
    marginalRisk: 0.061,
    riskLimit: 0.042,
    targetAbandonRate: 0.024,
    answerRateFast: 0.58,
    answerRateSlow: 0.57,
    answerRateChanges: 1,
    measuredAbandonRate: 0.0213,
    ...extra,
  },
});

describe('explainPacing', () => {
  it('has nothing to say before the first pass', () => {
    expect(explainPacing(null, 0.03)).toBeNull();
  });

  it.each<[string, CampaignPacingView, RegExp]>([
    ['risk', predictive(3, { stoppedBy: 'risk' }), /^Placed 3 calls \(2 ready, 7 calls already in flight, expecting 3\.2 agents free in time\): one more would have had a 6\.1% chance of finding no agent, above the 4\.2% allowed now\.$/],
    ['budget', predictive(1, { stoppedBy: 'budget' }), /^Placed 1 call .*run of bad luck .*\(2\.13% so far\) over the 3\.0% cap, so it holds back\.$/],
    ['young record', predictive(2, { stoppedBy: 'young-record' }), /^Placed 2 calls .*too few live answers yet to know its list, .*at a time\.$/],
    ['per-agent', predictive(0, { stoppedBy: 'per-agent' }), /^Placed 0 calls .*ceiling per agent\.$/],
    ['capacity', predictive(4, { stoppedBy: 'capacity' }), /every free line or dialable contact is in use\.$/],
    ['progressive only', predictive(2, {}), /^Placed 2 calls: one per ready agent/],
    ['at cap', { at: 0, reason: 'predictive-at-cap', calls: 1, diagnostics: { ...base } }, /reached the cap/],
    ['window', { at: 0, reason: 'window-closed', calls: 0, diagnostics: null }, /calling window/],
    ['no agents', { at: 0, reason: 'no-agents', calls: 0, diagnostics: { ...base } }, /no agent is logged in/],
    ['progressive', { at: 0, reason: 'progressive', calls: 2, diagnostics: { ...base } }, /one call per ready agent/],
    ['preview', { at: 0, reason: 'preview', calls: 0, diagnostics: { ...base } }, /agents start each call/],
  ])('%s', (_, view, why) => {
    expect(explainPacing(view, 0.03)!.why).toMatch(why);
  });

  it('gives the estimates and the limit for a predictive pass only', () => {
    expect(explainPacing(predictive(3, { stoppedBy: 'risk' }), 0.03)).toMatchObject({
      answerRate: { fast: 0.58, slow: 0.57, changesDetected: 1 },
      riskLimit: 0.042,
      target: 0.024,
    });
    expect(explainPacing({ at: 0, reason: 'progressive', calls: 2, diagnostics: { ...base } }, 0.03)).toMatchObject({ answerRate: null, riskLimit: null });
  });
});
