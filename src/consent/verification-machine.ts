/**
 * The verification the system runs with the customer, as a pure state machine:
 * (state, input) → (state, commands). The call session's runner executes the commands
 * (playbacks on the recorded call bridge, muting the agent, key timers) and feeds back
 * ARI events. No I/O and no clock: inputs carry their time.
 *
 * Steps: the agent is muted (hears, cannot speak) → identity question ("press 1") →
 * the full terms, every segment played to its end (keys are ignored meanwhile) →
 * "press 1 to subscribe, 2 to decline" → a closing prompt → the agent is unmuted.
 * Each question is asked at most `maxAsks` times: no input or an invalid key asks again,
 * then the verification ends without consent. Only keys from the customer's own channel count.
 *
 * A question counts as asked only from its PlaybackStarted, never from the play request:
 * Asterisk queues playbacks on a bridge, so a question requested while the opening still plays
 * waits behind it, and a key pressed meanwhile answers nothing (it is logged and ignored).
 * A playback that finishes without having started was cancelled in the queue: it was not
 * heard, so it is treated as a failed playback (terms not played are never disclosed).
 */
import { CONSENT_PROMPTS, type TermsSnapshot } from './disclosure.js';

export type VerificationPhase = 'idle' | 'identity' | 'disclosure' | 'confirm' | 'closing' | 'done';

export type VerificationOutcome =
  | 'confirmed'
  | 'declined'
  | 'no-input'
  | 'invalid-input'
  | 'identity-not-confirmed'
  | 'customer-gone'
  | 'aborted'
  | 'playback-failed';

/** One keypress as received: its digit, the channel it came from, when. */
export interface KeyPress {
  digit: string;
  channelId: string;
  at: number;
}

/** One step of the verification, for the evidence trail. */
export interface VerificationStep {
  step: string;
  at: number;
  media?: string;
  digit?: string;
  channelId?: string;
}

export interface VerificationOptions {
  customerChannelId: string;
  terms: TermsSnapshot;
  /** How long to wait for a key after a question has been played. */
  keyTimeoutMs: number;
  /** How many times a question is asked (no input / invalid key repeat it); default 2. */
  maxAsks: number;
}

export interface VerificationState {
  phase: VerificationPhase;
  /** Playback counter: each play gets the next number. */
  seq: number;
  playing: { seq: number; media: string; startedAt: number | null } | null;
  /** The current question's playback (set when it is requested) and when it started (null: not asked yet). */
  question: { seq: number; startedAt: number | null } | null;
  /** When the identity question / the consent question that the accepted key answered began playing. */
  identityAskedAt: number | null;
  consentAskedAt: number | null;
  /** Media still to be played in the current step. */
  pending: string[];
  /** Times the current question has been asked. */
  asks: number;
  /** Token of the armed key timer (stale timers are ignored); null = not waiting for a key. */
  keyWait: number | null;
  identityKey: KeyPress | null;
  consentKey: KeyPress | null;
  disclosureStartedAt: number | null;
  disclosureEndedAt: number | null;
  /** Disclosure media whose playback finished, in order. */
  disclosed: string[];
  startedAt: number | null;
  endedAt: number | null;
  outcome: VerificationOutcome | null;
  steps: VerificationStep[];
}

export type VerificationInput =
  | { type: 'start'; at: number }
  | { type: 'playback-started'; at: number; seq: number }
  | { type: 'playback-finished'; at: number; seq: number }
  | { type: 'playback-failed'; at: number; seq: number; reason: string }
  | { type: 'dtmf'; at: number; digit: string; channelId: string }
  | { type: 'key-timeout'; at: number; token: number }
  | { type: 'customer-gone'; at: number }
  /** The agent reported a speaker change, hung up, or the call is otherwise interrupted. */
  | { type: 'abort'; at: number; reason: string };

export type VerificationCommand =
  | { type: 'mute-agent' }
  | { type: 'unmute-agent' }
  | { type: 'play'; seq: number; media: string }
  | { type: 'stop-playback'; seq: number }
  | { type: 'arm-key-timeout'; ms: number; token: number }
  | { type: 'cancel-key-timeout' }
  | { type: 'done'; outcome: VerificationOutcome };

export interface VerificationTransition {
  state: VerificationState;
  commands: VerificationCommand[];
}

export function initialVerificationState(): VerificationState {
  return {
    phase: 'idle',
    seq: 0,
    playing: null,
    question: null,
    identityAskedAt: null,
    consentAskedAt: null,
    pending: [],
    asks: 0,
    keyWait: null,
    identityKey: null,
    consentKey: null,
    disclosureStartedAt: null,
    disclosureEndedAt: null,
    disclosed: [],
    startedAt: null,
    endedAt: null,
    outcome: null,
    steps: [],
  };
}

export function verificationTransition(
  state: VerificationState,
  input: VerificationInput,
  opts: VerificationOptions,
): VerificationTransition {
  if (state.phase === 'done') return { state, commands: [] };
  const s: VerificationState = { ...state, pending: [...state.pending], disclosed: [...state.disclosed], steps: [...state.steps] };
  const out: VerificationCommand[] = [];
  const step = (name: string, at: number, extra: Omit<VerificationStep, 'step' | 'at'> = {}) => s.steps.push({ step: name, at, ...extra });
  const isQuestion = () => s.phase === 'identity' || s.phase === 'confirm';

  const playNext = (at: number): void => {
    const media = s.pending.shift();
    if (media === undefined) return;
    s.seq += 1;
    s.playing = { seq: s.seq, media, startedAt: null };
    // The question is the last item of an ask (after any "invalid key" prefix).
    if (isQuestion() && s.pending.length === 0 && s.question === null) s.question = { seq: s.seq, startedAt: null };
    out.push({ type: 'play', seq: s.seq, media });
    step('play', at, { media });
  };
  const ask = (question: string, at: number, prefix: string[] = []): void => {
    s.asks += 1;
    s.keyWait = null;
    s.question = null;
    out.push({ type: 'cancel-key-timeout' });
    s.pending = [...prefix, question];
    playNext(at);
  };
  const finish = (outcome: VerificationOutcome, at: number, closing: string | null): void => {
    s.outcome = outcome;
    s.keyWait = null;
    s.question = null;
    s.pending = [];
    out.push({ type: 'cancel-key-timeout' });
    if (s.playing) out.push({ type: 'stop-playback', seq: s.playing.seq });
    s.playing = null;
    step(`outcome:${outcome}`, at);
    if (closing) {
      s.phase = 'closing';
      s.pending = [closing];
      playNext(at);
    } else {
      end(at);
    }
  };
  const end = (at: number): void => {
    s.phase = 'done';
    s.endedAt = at;
    out.push({ type: 'unmute-agent' });
    out.push({ type: 'done', outcome: s.outcome ?? 'aborted' });
  };
  /** A question was not answered usefully: ask again, or end without consent. */
  const retryOrFail = (at: number, failure: VerificationOutcome, prefix: string[]): void => {
    const question = s.phase === 'identity' ? CONSENT_PROMPTS.identityQuestion : CONSENT_PROMPTS.confirmQuestion;
    if (s.asks < opts.maxAsks) ask(question, at, prefix);
    else finish(failure, at, CONSENT_PROMPTS.notVerified);
  };

  switch (input.type) {
    case 'start':
      if (s.phase !== 'idle') break;
      s.startedAt = input.at;
      step('start', input.at);
      out.push({ type: 'mute-agent' });
      s.phase = 'identity';
      ask(CONSENT_PROMPTS.identityQuestion, input.at);
      break;

    case 'playback-started':
      if (s.playing?.seq !== input.seq || s.playing.startedAt !== null) break;
      s.playing = { ...s.playing, startedAt: input.at };
      if (s.phase === 'disclosure' && s.disclosureStartedAt === null) s.disclosureStartedAt = input.at;
      if (s.question?.seq === input.seq) {
        s.question = { ...s.question, startedAt: input.at };
        step('asked', input.at, { media: s.playing.media });
      }
      break;

    case 'playback-finished': {
      if (s.playing?.seq !== input.seq) break;
      if (s.playing.startedAt === null) {
        // Cancelled while queued (PlaybackFinished without PlaybackStarted): never heard.
        step('playback-cancelled', input.at, { media: s.playing.media });
        s.playing = null;
        if (s.phase === 'closing') end(input.at);
        else finish('playback-failed', input.at, null);
        break;
      }
      const finished = s.playing.media;
      s.playing = null;
      step('played', input.at, { media: finished });
      if (s.phase === 'disclosure') s.disclosed.push(finished);
      if (s.pending.length) {
        playNext(input.at);
        break;
      }
      if (s.phase === 'closing') {
        end(input.at);
      } else if (s.phase === 'disclosure') {
        s.disclosureEndedAt = input.at;
        s.phase = 'confirm';
        s.asks = 0;
        ask(CONSENT_PROMPTS.confirmQuestion, input.at);
      } else if (isQuestion()) {
        s.keyWait = s.seq;
        out.push({ type: 'arm-key-timeout', ms: opts.keyTimeoutMs, token: s.seq });
      }
      break;
    }

    case 'playback-failed':
      if (s.playing?.seq !== input.seq) break;
      step('playback-failed', input.at, { media: s.playing.media });
      s.playing = null;
      if (s.phase === 'closing') end(input.at);
      // Terms that were not played were not disclosed: never a subscription.
      else finish('playback-failed', input.at, null);
      break;

    case 'dtmf': {
      const key = { digit: input.digit, channelId: input.channelId };
      if (input.channelId !== opts.customerChannelId) {
        step('key-ignored-not-customer', input.at, key);
        break;
      }
      // Keys count only once the question has started: never during the terms.
      if (!isQuestion()) {
        step('key-ignored', input.at, key);
        break;
      }
      // Not asked yet: the question is still queued behind the opening (or a prefix prompt).
      if (s.question?.startedAt === null || s.question?.startedAt === undefined) {
        step('key-ignored-before-question', input.at, key);
        break;
      }
      const askedAt = s.question.startedAt;
      step('key', input.at, key);
      if (s.playing) {
        // Barge-in: the customer answered while the question was still being played.
        out.push({ type: 'stop-playback', seq: s.playing.seq });
        s.playing = null;
        s.pending = [];
      }
      out.push({ type: 'cancel-key-timeout' });
      s.keyWait = null;
      const press: KeyPress = { digit: input.digit, channelId: input.channelId, at: input.at };
      if (s.phase === 'identity') {
        if (input.digit === '1') {
          s.identityKey = press;
          s.identityAskedAt = askedAt;
          s.question = null;
          s.phase = 'disclosure';
          s.pending = [...opts.terms.media];
          playNext(input.at);
        } else {
          retryOrFail(input.at, 'identity-not-confirmed', [CONSENT_PROMPTS.invalidKey]);
        }
      } else if (input.digit === '1') {
        s.consentKey = press;
        s.consentAskedAt = askedAt;
        finish('confirmed', input.at, CONSENT_PROMPTS.subscribed);
      } else if (input.digit === '2') {
        s.consentKey = press;
        s.consentAskedAt = askedAt;
        finish('declined', input.at, CONSENT_PROMPTS.declined);
      } else {
        retryOrFail(input.at, 'invalid-input', [CONSENT_PROMPTS.invalidKey]);
      }
      break;
    }

    case 'key-timeout':
      if (s.keyWait === null || s.keyWait !== input.token || !isQuestion()) break;
      step('no-input', input.at);
      retryOrFail(input.at, s.phase === 'identity' ? 'identity-not-confirmed' : 'no-input', []);
      break;

    case 'customer-gone':
      // A consent already given stands (the customer may hang up during the closing prompt).
      s.outcome ??= 'customer-gone';
      step('customer-gone', input.at);
      out.push({ type: 'cancel-key-timeout' });
      s.playing = null;
      end(input.at);
      break;

    case 'abort':
      if (s.phase === 'closing') {
        end(input.at);
        break;
      }
      step('abort', input.at, { media: input.reason });
      finish('aborted', input.at, null);
      break;
  }
  return { state: s, commands: out };
}

/** Whether a finished verification is a valid consent: identity and consent "1" from the customer, each pressed after its question began, all terms played. */
export function isCompleteConsent(s: VerificationState, opts: Pick<VerificationOptions, 'customerChannelId' | 'terms'>): boolean {
  return (
    s.phase === 'done' &&
    s.outcome === 'confirmed' &&
    s.identityKey?.digit === '1' &&
    s.identityKey.channelId === opts.customerChannelId &&
    s.identityAskedAt !== null &&
    s.identityKey.at >= s.identityAskedAt &&
    s.consentKey?.digit === '1' &&
    s.consentKey.channelId === opts.customerChannelId &&
    s.consentAskedAt !== null &&
    s.consentKey.at >= s.consentAskedAt &&
    s.disclosureEndedAt !== null &&
    s.disclosed.length === opts.terms.media.length &&
    s.disclosed.every((m, i) => m === opts.terms.media[i])
  );
}
