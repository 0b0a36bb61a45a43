import { describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS, disclosurePlaylist, type ProductTerms } from '../../src/consent/disclosure.js';
import {
  initialVerificationState,
  isCompleteConsent,
  verificationTransition,
  type VerificationCommand,
  type VerificationInput,
  type VerificationOptions,
  type VerificationState,
} from '../../src/consent/verification-machine.js';

const product: ProductTerms = {
  productCode: 'VP15',
  productName: '5G value pack',
  priceMinor: 1500,
  currency: 'CNY',
  billingPeriod: 'monthly',
  freeTrialDays: 0,
  afterTrial: null,
  cancelHow: 'send TD to 10086',
};
const opts: VerificationOptions = { customerChannelId: 'cust-1', terms: disclosurePlaylist(product), keyTimeoutMs: 1000, maxAsks: 2 };

/** Runs inputs; answers every play with started+finished unless `hold` says to keep it playing. */
function run(inputs: VerificationInput[]): { state: VerificationState; commands: VerificationCommand[] } {
  let state = initialVerificationState();
  const commands: VerificationCommand[] = [];
  const feed = (i: VerificationInput) => {
    const t = verificationTransition(state, i, opts);
    state = t.state;
    commands.push(...t.commands);
    for (const c of t.commands) {
      if (c.type === 'play') {
        feed({ type: 'playback-started', at: i.at, seq: c.seq });
        feed({ type: 'playback-finished', at: i.at + 1, seq: c.seq });
      }
    }
  };
  for (const i of inputs) feed(i);
  return { state, commands };
}
const key = (digit: string, at: number, channelId = 'cust-1'): VerificationInput => ({ type: 'dtmf', at, digit, channelId });
const played = (c: VerificationCommand[]) => c.flatMap((x) => (x.type === 'play' ? [x.media] : []));
/** Feeds inputs one by one, playbacks answered only as the inputs say (no automatic start/finish). */
function feedAll(inputs: VerificationInput[], from = initialVerificationState()): { state: VerificationState; commands: VerificationCommand[] } {
  let state = from;
  const commands: VerificationCommand[] = [];
  for (const i of inputs) {
    const t = verificationTransition(state, i, opts);
    state = t.state;
    commands.push(...t.commands);
  }
  return { state, commands };
}
const started = (seq: number, at: number): VerificationInput => ({ type: 'playback-started', at, seq });
const finished = (seq: number, at: number): VerificationInput => ({ type: 'playback-finished', at, seq });

describe('disclosure playlist', () => {
  it('says the price, period, trial and cancellation from the product', () => {
    const t = disclosurePlaylist({ ...product, priceMinor: 3050, billingPeriod: 'weekly', freeTrialDays: 7, afterTrial: 'converts-to-paid' });
    // Spoken by the prompt pack in Mandarin: 每周 三十元五角, 七天, never Asterisk's number:/digits:.
    expect(t.text).toContain('资费为每周三十元五角。');
    expect(t.media.slice(t.media.indexOf('sound:dialer/consent-free-trial-for'))[1]).toBe('sound:dialer/num-7');
    expect(t.media).toContain('sound:dialer/consent-after-trial-charged');
    expect(t.media.slice(-9)).toEqual(['consent-to-cancel-send', 'letter-t', 'letter-d', 'consent-to', 'phone-1', 'num-0', 'num-0', 'num-8', 'num-6'].map((n) => `sound:dialer/${n}`));
    expect(t.media.every((m) => m.startsWith('sound:dialer/'))).toBe(true);
  });
  it('a trial that ends by itself is not described as charged', () => {
    const t = disclosurePlaylist({ ...product, freeTrialDays: 3, afterTrial: 'ends' });
    expect(t.media).toContain('sound:dialer/consent-after-trial-ends');
    expect(t.media).not.toContain('sound:dialer/consent-price-is');
  });
  it('refuses a trial without what follows it', () => {
    expect(() => disclosurePlaylist({ ...product, freeTrialDays: 3, afterTrial: null })).toThrow(/after it/);
  });
});

describe('verification machine', () => {
  it('happy path: identity 1, all terms, consent 1', () => {
    const { state, commands } = run([{ type: 'start', at: 0 }, key('1', 10), key('1', 100)]);
    expect(state.outcome).toBe('confirmed');
    expect(isCompleteConsent(state, opts)).toBe(true);
    expect(played(commands)).toEqual([CONSENT_PROMPTS.identityQuestion, ...opts.terms.media, CONSENT_PROMPTS.confirmQuestion, CONSENT_PROMPTS.subscribed]);
    expect(commands[0]).toEqual({ type: 'mute-agent' });
    expect(commands.at(-2)).toEqual({ type: 'unmute-agent' });
  });
  it('a key from another channel never counts', () => {
    const { state } = run([{ type: 'start', at: 0 }, key('1', 10, 'agent-7-x')]);
    expect(state.phase).toBe('identity');
    expect(state.identityKey).toBeNull();
  });
  it('keys during the terms are ignored', () => {
    let s = feedAll([{ type: 'start', at: 0 }, started(1, 0), finished(1, 1), key('1', 2)]).state;
    expect(s.phase).toBe('disclosure');
    s = verificationTransition(s, key('1', 3), opts).state;
    expect(s.consentKey).toBeNull();
    expect(s.steps.at(-1)?.step).toBe('key-ignored');
  });
  it('no input: asks once more, then no consent', () => {
    let s = run([{ type: 'start', at: 0 }, key('1', 10)]).state;
    expect(s.phase).toBe('confirm');
    const t1 = verificationTransition(s, { type: 'key-timeout', at: 2000, token: s.keyWait! }, opts);
    expect(played(t1.commands)).toEqual([CONSENT_PROMPTS.confirmQuestion]);
    s = feedAll([started(t1.state.seq, 2000), finished(t1.state.seq, 2100)], t1.state).state;
    const t2 = verificationTransition(s, { type: 'key-timeout', at: 3200, token: s.keyWait! }, opts);
    expect(t2.state.outcome).toBe('no-input');
    expect(isCompleteConsent(t2.state, opts)).toBe(false);
  });
  it('invalid key twice: no consent; 2 declines', () => {
    expect(run([{ type: 'start', at: 0 }, key('1', 10), key('9', 20), key('7', 30)]).state.outcome).toBe('invalid-input');
    expect(run([{ type: 'start', at: 0 }, key('1', 10), key('9', 20), key('1', 30)]).state.outcome).toBe('confirmed');
    expect(run([{ type: 'start', at: 0 }, key('1', 10), key('2', 20)]).state.outcome).toBe('declined');
    expect(run([{ type: 'start', at: 0 }, key('2', 10), key('3', 20)]).state.outcome).toBe('identity-not-confirmed');
  });
  it('customer gone mid-terms: no consent', () => {
    let s = feedAll([{ type: 'start', at: 0 }, started(1, 0), finished(1, 1), key('1', 2)]).state;
    s = verificationTransition(s, { type: 'customer-gone', at: 3 }, opts).state;
    expect(s.outcome).toBe('customer-gone');
    expect(isCompleteConsent(s, opts)).toBe(false);
  });
});

/**
 * Asterisk queues playbacks on a bridge: a question requested while the opening plays starts
 * only after it. The question is asked from its PlaybackStarted; keys before that are ignored.
 */
describe('verification machine: a question is asked only from its PlaybackStarted', () => {
  const identity = CONSENT_PROMPTS.identityQuestion;

  it.each([
    ['a "1" while the identity question is still queued', [key('1', 5)]],
    ['a "1" pressed twice while it is queued', [key('1', 5), key('1', 6)]],
    ['a "2" while it is queued', [key('2', 5)]],
  ])('%s is logged and ignored: no identity, no retry', (_what, keys) => {
    const { state, commands } = feedAll([{ type: 'start', at: 0 }, ...keys]);
    expect(state.phase).toBe('identity');
    expect(state.identityKey).toBeNull();
    expect(state.asks).toBe(1);
    expect(played(commands)).toEqual([identity]);
    expect(commands.some((c) => c.type === 'stop-playback')).toBe(false);
    expect(state.steps.filter((x) => x.step === 'key-ignored-before-question')).toHaveLength(keys.length);
  });

  it('the same key after the question began counts, and the evidence says when it was asked', () => {
    const { state } = feedAll([{ type: 'start', at: 0 }, key('1', 5), started(1, 900), key('1', 950)]);
    expect(state.phase).toBe('disclosure');
    expect(state.identityKey).toMatchObject({ digit: '1', at: 950 });
    expect(state.identityAskedAt).toBe(900);
    expect(state.steps.map((x) => x.step)).toEqual(['start', 'play', 'key-ignored-before-question', 'asked', 'key', 'play']);
  });

  it('a key during the "invalid key" prompt before the repeated question is ignored too', () => {
    let { state } = feedAll([{ type: 'start', at: 0 }, started(1, 0), key('9', 10)]);
    // Asked again: "invalid key" (seq 2) then the question (seq 3).
    expect(state.playing?.seq).toBe(2);
    state = feedAll([started(2, 11), key('1', 12)], state).state;
    expect(state.identityKey).toBeNull();
    state = feedAll([finished(2, 20), started(3, 20), key('1', 25)], state).state;
    expect(state.identityKey).toMatchObject({ at: 25 });
    expect(state.identityAskedAt).toBe(20);
  });

  it('a keypress before the consent question began does not subscribe', () => {
    let { state } = feedAll([{ type: 'start', at: 0 }, started(1, 0), key('1', 10)]);
    const last = opts.terms.media.length + 1;
    for (let seq = 2; seq <= last; seq++) state = feedAll([started(seq, seq * 100), finished(seq, seq * 100 + 50)], state).state;
    expect(state.phase).toBe('confirm');
    const confirmSeq = state.playing!.seq;
    state = feedAll([key('1', 10_000)], state).state;
    expect(state.consentKey).toBeNull();
    state = feedAll([started(confirmSeq, 10_100), key('1', 10_200)], state).state;
    expect(state.outcome).toBe('confirmed');
    expect(state.consentAskedAt).toBe(10_100);
  });

  it('a queued question cancelled before it started (PlaybackFinished, no PlaybackStarted) was never asked: no consent', () => {
    const { state, commands } = feedAll([{ type: 'start', at: 0 }, finished(1, 500), key('1', 600)]);
    expect(state.outcome).toBe('playback-failed');
    expect(state.phase).toBe('done');
    expect(state.identityKey).toBeNull();
    expect(state.steps.map((x) => x.step)).toContain('playback-cancelled');
    expect(commands.some((c) => c.type === 'unmute-agent')).toBe(true);
  });

  it('a term cancelled in the queue is not disclosed', () => {
    let { state } = feedAll([{ type: 'start', at: 0 }, started(1, 0), key('1', 10)]);
    state = feedAll([finished(2, 20)], state).state;
    expect(state.disclosed).toEqual([]);
    expect(state.outcome).toBe('playback-failed');
  });

  it('a consent whose keys came before their questions is not complete, whatever the state says', () => {
    const ok = run([{ type: 'start', at: 0 }, key('1', 10), key('1', 100)]).state;
    expect(isCompleteConsent(ok, opts)).toBe(true);
    expect(isCompleteConsent({ ...ok, identityAskedAt: ok.identityKey!.at + 1 }, opts)).toBe(false);
    expect(isCompleteConsent({ ...ok, consentAskedAt: null }, opts)).toBe(false);
  });
});
