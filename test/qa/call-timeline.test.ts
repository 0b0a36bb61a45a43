/**
 * The evidence timeline, pure: moments mapped into the joined recording (segments in order,
 * gaps as silence up to a cap, exactly as wav-concat lays the file out), and the markers a
 * verification's stored steps and a subscription's evidence give.
 */
import { describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { buildCallTimeline, type TimelineVerification } from '../../src/qa/call-timeline.js';
import type { SubscriptionEvidence } from '../../src/qa/sale-facts.js';
import { joinedOffsetMs, MAX_JOINED_GAP_MS } from '../../src/qa/wav-concat.js';

const T0 = 1_736_215_200_000;

describe('joinedOffsetMs', () => {
  const one = [{ startedAt: T0, durationMs: 5000 }];
  // Segment 1 starts 1.5 s after segment 0 ends; segment 2 after a gap longer than the cap.
  const three = [
    { startedAt: T0, durationMs: 2000 },
    { startedAt: T0 + 3500, durationMs: 3000 },
    { startedAt: T0 + 6500 + 90_000, durationMs: 1000 },
  ];
  const cases: Array<[string, number, typeof one, number | null]> = [
    ['the start', T0, one, 0],
    ['inside one segment', T0 + 1234, one, 1234],
    ['its last instant', T0 + 5000, one, 5000],
    ['before the recording', T0 - 1, one, null],
    ['after it ended', T0 + 5001, one, null],
    ['inside the gap (kept as silence)', T0 + 2500, three, 2500],
    ['in the second segment, after the gap', T0 + 4000, three, 4000],
    ['in a gap longer than the cap, early', T0 + 6500 + 10_000, three, 6500 + 10_000],
    ['in a gap longer than the cap, past it', T0 + 6500 + 80_000, three, 6500 + MAX_JOINED_GAP_MS],
    ['after a capped gap', T0 + 6500 + 90_000 + 400, three, 6500 + MAX_JOINED_GAP_MS + 400],
  ];
  for (const [what, at, segments, expected] of cases) {
    it(`${what} → ${expected}`, () => expect(joinedOffsetMs(at, segments)).toBe(expected));
  }
});

const TERMS = ['sound:dialer/consent/product', 'number:15', 'sound:dialer/consent/yuan-per-month'];

function verification(id: number, steps: Array<[string, number, Record<string, string>?]>): TimelineVerification {
  return { id, outcome: 'confirmed', terms: { media: TERMS }, steps: steps.map(([step, at, extra]) => ({ step, at: T0 + at, ...extra })) };
}

/** A complete verification: identity question, key 1, terms (a key pressed during them), question, key 1. */
const CONFIRMED = verification(7, [
  ['start', 1000],
  ['play', 1000, { media: CONSENT_PROMPTS.identityQuestion }],
  ['played', 1500, { media: CONSENT_PROMPTS.identityQuestion }],
  ['key', 1700, { digit: '1', channelId: 'cust' }],
  ['play', 1700, { media: TERMS[0]! }],
  ['played', 2000, { media: TERMS[0]! }],
  ['key-ignored', 2100, { digit: '5', channelId: 'cust' }],
  ['play', 2000, { media: TERMS[1]! }],
  ['played', 2300, { media: TERMS[1]! }],
  ['play', 2300, { media: TERMS[2]! }],
  ['played', 2600, { media: TERMS[2]! }],
  ['play', 2600, { media: CONSENT_PROMPTS.confirmQuestion }],
  ['key-ignored-not-customer', 2700, { digit: '1', channelId: 'agent' }],
  ['key', 2900, { digit: '1', channelId: 'cust' }],
  ['outcome:confirmed', 2900],
  ['play', 2900, { media: CONSENT_PROMPTS.subscribed }],
]);

describe('buildCallTimeline', () => {
  const segments = [{ startedAt: T0, durationMs: 4000 }];
  const call = { openingStartedAt: T0 + 100, agentConnectedAt: T0 + 400 };
  const actions = [
    { kind: 'refusal', at: T0 + 600, detail: { note: 'too dear', source: 'agent' } },
    { kind: 'speaker-changed', at: T0 + 700, detail: {} },
    { kind: 'identity-confirmed', at: T0 + 800, detail: {} },
    { kind: 'verification-started', at: T0 + 1000, detail: {} },
  ];

  it('places every moment of a verification on the recording, in time order', () => {
    const t = buildCallTimeline({ call, segments, actions, verifications: [CONFIRMED], evidence: [] });
    expect(t.durationMs).toBe(4000);
    expect(t.markers.map((m) => [m.kind, m.offsetMs])).toEqual([
      ['opening', 100],
      ['agent-connected', 400],
      ['refusal', 600],
      ['speaker-changed', 700],
      ['identity-confirmed', 800],
      ['verification-start', 1000],
      ['identity-question', 1000],
      ['keypress', 1700],
      ['disclosure-start', 1700],
      ['keypress', 2100],
      ['disclosure-end', 2600],
      ['confirm-question', 2600],
      ['keypress', 2700],
      ['keypress', 2900],
      ['verification-outcome', 2900],
    ]);
    const keys = t.markers.filter((m) => m.kind === 'keypress');
    expect(keys.map((k) => [k.digit, k.counted, k.answers ?? null, k.by])).toEqual([
      ['1', true, 'identity', 'customer'],
      ['5', false, null, 'customer'],
      ['1', false, null, 'agent'],
      ['1', true, 'consent', 'customer'],
    ]);
    expect(t.markers.find((m) => m.kind === 'refusal')?.label).toBe('Refusal 1 logged by the agent: too dear');
    expect(t.markers.find((m) => m.kind === 'verification-outcome')?.label).toBe('Verification confirmed by the customer');
  });

  it('a question queued behind the opening is placed where it began; a key before it is shown as ignored', () => {
    const queued = verification(8, [
      ['start', 1000],
      ['play', 1000, { media: CONSENT_PROMPTS.identityQuestion }],
      ['key-ignored-before-question', 1100, { digit: '1', channelId: 'cust' }],
      ['asked', 1400, { media: CONSENT_PROMPTS.identityQuestion }],
      ['played', 1500, { media: CONSENT_PROMPTS.identityQuestion }],
    ]);
    const t = buildCallTimeline({ call, segments, actions: [], verifications: [queued], evidence: [] });
    expect(t.markers.find((m) => m.kind === 'identity-question')?.offsetMs).toBe(1400);
    const key = t.markers.find((m) => m.kind === 'keypress');
    expect(key).toMatchObject({ offsetMs: 1100, counted: false, by: 'customer', label: 'Key 1 before the question began (ignored)' });
  });

  it("a subscription's stored evidence moments take precedence over the steps, and say so", () => {
    const evidence: SubscriptionEvidence = {
      subscriptionId: '3',
      verificationId: 7,
      productCode: 'VP15',
      productName: 'pack',
      terms: '',
      confirmedAt: T0 + 2900,
      recordingOffsetMs: 2900,
      moments: { verificationStart: T0 + 1000, identityKey: T0 + 1700, disclosureStart: T0 + 1720, disclosureEnd: T0 + 2610, consentKey: T0 + 2900 },
    };
    const t = buildCallTimeline({ call, segments, actions: [], verifications: [CONFIRMED], evidence: [evidence] });
    const at = (kind: string) => t.markers.filter((m) => m.kind === kind).map((m) => [m.offsetMs, m.subscriptionEvidence ?? false]);
    expect(at('disclosure-start')).toEqual([[1720, true]]);
    expect(at('disclosure-end')).toEqual([[2610, true]]);
    expect(at('keypress')).toEqual([
      [1700, true],
      [2100, false],
      [2700, false],
      [2900, true],
    ]);
  });

  it('terms cut short have no disclosure end; moments after the recording have no offset', () => {
    const cut = verification(8, [
      ['start', 1000],
      ['key', 1200, { digit: '1', channelId: 'cust' }],
      ['play', 1200, { media: TERMS[0]! }],
      ['played', 1500, { media: TERMS[0]! }],
      ['customer-gone', 5000],
    ]);
    const t = buildCallTimeline({ call: { openingStartedAt: null, agentConnectedAt: null }, segments, actions: [{ kind: 'disposition', at: T0 + 6000, detail: { disposition: 'no-sale' } }], verifications: [cut], evidence: [] });
    expect(t.markers.map((m) => m.kind)).toEqual(['verification-start', 'keypress', 'disclosure-start', 'disposition']);
    expect(t.markers.at(-1)).toMatchObject({ kind: 'disposition', offsetMs: null, label: 'Disposition: no-sale' });
  });
});
