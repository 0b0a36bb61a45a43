/**
 * The verification evidence of a call placed on its recording (requirements §3: "where in
 * the recording"): the opening, the agent's recorded actions (identity confirmed, speaker
 * changed, refusals), and the system's verification — the identity question, the terms
 * (disclosure), the confirm question, every key the customer pressed — each at its offset
 * into the joined recording QA plays. Pure: the caller reads the stored rows.
 *
 * Offsets are computed from when things happened (the service's clock, as stored with the
 * call, the consent actions, the verification steps and the subscription evidence) and the
 * recording segments' start times and lengths, exactly as the joined WAV lays them out.
 */
import { CONSENT_PROMPTS } from '../consent/disclosure.js';
import type { EvidenceMoment, SubscriptionEvidence } from './sale-facts.js';
import { joinedOffsetMs, type SegmentSpan } from './wav-concat.js';

export const TIMELINE_MARKER_KINDS = [
  'opening',
  'agent-connected',
  'identity-confirmed',
  'speaker-changed',
  'refusal',
  'refused-attempt',
  'disposition',
  'verification-start',
  'identity-question',
  'disclosure-start',
  'disclosure-end',
  'confirm-question',
  'keypress',
  'no-input',
  'verification-outcome',
  'monitor-start',
  'monitor-end',
] as const;
export type TimelineMarkerKind = (typeof TIMELINE_MARKER_KINDS)[number];

/** One moment on the recording. */
export interface TimelineMarker {
  kind: TimelineMarkerKind;
  /** When it happened, ms epoch (service clock). */
  at: number;
  /** Where it is in the joined recording, ms from its start; null when the recording does not cover it. */
  offsetMs: number | null;
  /** What happened, in words. */
  label: string;
  /** Who did it: the system (the dialer, the verification), the agent, or the customer (keys). */
  by: 'system' | 'agent' | 'customer';
  /** Keypresses: the digit, whether the verification counted it, and what it answered. */
  digit?: string;
  counted?: boolean;
  answers?: 'identity' | 'consent';
  /** The verification it belongs to. */
  verificationId?: number;
  /** Stated by a confirmed subscription's stored evidence (rather than derived from the steps). */
  subscriptionEvidence?: boolean;
}

export interface CallTimeline {
  /** Length of the joined recording, ms. */
  durationMs: number;
  /** Every marker in time order (those outside the recording included, with offsetMs null). */
  markers: TimelineMarker[];
}

/** A consent action as stored (consent_actions). */
export interface TimelineAction {
  kind: string;
  at: number;
  detail: Record<string, unknown>;
}

/** A verification as stored (verifications): its steps and the terms it played. */
export interface TimelineVerification {
  id: number;
  outcome: string;
  terms: { media?: unknown };
  steps: Array<Record<string, unknown>>;
}

export interface TimelineInput {
  call: { openingStartedAt: number | null; agentConnectedAt: number | null };
  /** Verified segments in order (the ones the joined recording is made of). */
  segments: readonly SegmentSpan[];
  actions: readonly TimelineAction[];
  verifications: readonly TimelineVerification[];
  evidence: readonly SubscriptionEvidence[];
  /** The supervisors' stretches on the call (monitor_sessions), if any. */
  monitoring?: readonly TimelineMonitoring[];
}

/** One stretch of one supervision mode (monitor_sessions) with the supervisor's name. */
export interface TimelineMonitoring {
  mode: string;
  supervisor: string;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
}

const MODE_WORDS: Record<string, string> = { listen: 'listens', whisper: 'whispers to the agent', barge: 'joins the call (barge)', takeover: 'takes the call over' };

/** Markers of the supervisors' stretches: when each began and ended. */
function monitoringMarkers(rows: readonly TimelineMonitoring[]): Draft[] {
  const out: Draft[] = [];
  for (const r of rows) {
    out.push({ kind: 'monitor-start', at: r.startedAt, by: 'system', label: `Supervisor ${r.supervisor} ${MODE_WORDS[r.mode] ?? r.mode}` });
    // A switch is shown by the next stretch's start; only real ends get a marker.
    if (r.endedAt !== null && r.endReason !== 'switched') out.push({ kind: 'monitor-end', at: r.endedAt, by: 'system', label: `Supervisor ${r.supervisor} left (${r.endReason ?? 'ended'})` });
  }
  return out;
}

type Draft = Omit<TimelineMarker, 'offsetMs'>;

const OUTCOME_WORDS: Record<string, string> = {
  confirmed: 'confirmed by the customer',
  declined: 'declined by the customer',
  'no-input': 'no answer to the question',
  'invalid-input': 'invalid keys',
  'identity-not-confirmed': 'identity not confirmed by the customer',
  'customer-gone': 'the customer hung up',
  aborted: 'stopped',
  'playback-failed': 'the terms could not be played',
};

/** Markers of the agent's recorded actions (verification start/end come from the verification itself). */
function actionMarkers(actions: readonly TimelineAction[]): Draft[] {
  const out: Draft[] = [];
  let refusals = 0;
  for (const a of actions) {
    const note = typeof a.detail.note === 'string' && a.detail.note ? `: ${a.detail.note}` : '';
    switch (a.kind) {
      case 'identity-confirmed':
        out.push({ kind: 'identity-confirmed', at: a.at, by: 'agent', label: 'Agent confirmed the account holder' });
        break;
      case 'speaker-changed':
        out.push({ kind: 'speaker-changed', at: a.at, by: 'agent', label: 'Speaker changed (identity cleared)' });
        break;
      case 'refusal':
        refusals += 1;
        out.push({
          kind: 'refusal',
          at: a.at,
          by: a.detail.source === 'verification' ? 'customer' : 'agent',
          label: `Refusal ${refusals}${a.detail.source === 'verification' ? ' (customer pressed 2)' : ' logged by the agent'}${note}`,
        });
        break;
      case 'refused-attempt':
        out.push({ kind: 'refused-attempt', at: a.at, by: 'agent', label: `Refused: ${String(a.detail.what ?? 'attempt')} (${String(a.detail.reason ?? '')})` });
        break;
      case 'disposition':
        out.push({ kind: 'disposition', at: a.at, by: 'agent', label: `Disposition: ${String(a.detail.disposition ?? '')}${note}` });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Markers of one verification, from its steps; a subscription's evidence moments take precedence. */
function verificationMarkers(v: TimelineVerification, evidence: SubscriptionEvidence | undefined): Draft[] {
  const out: Draft[] = [];
  const termList = Array.isArray(v.terms.media) ? (v.terms.media as unknown[]).map(String) : [];
  const terms = new Set(termList);
  let termsPlayed = 0;
  const moment = (m: EvidenceMoment) => evidence?.moments[m];
  const base = { verificationId: v.id };
  let disclosureStarted = false;
  let identityQuestions = 0;
  let confirmQuestions = 0;
  for (const s of v.steps) {
    const at = Number(s.at);
    const media = typeof s.media === 'string' ? s.media : '';
    const step = String(s.step);
    if (step === 'start') {
      out.push({ ...base, kind: 'verification-start', at: moment('verificationStart') ?? at, by: 'system', label: 'Verification started (agent muted)' });
    } else if (step === 'play' && media === CONSENT_PROMPTS.identityQuestion) {
      identityQuestions += 1;
      out.push({ ...base, kind: 'identity-question', at, by: 'system', label: identityQuestions > 1 ? 'Identity question (asked again)' : 'Identity question' });
    } else if (step === 'play' && media === CONSENT_PROMPTS.confirmQuestion) {
      confirmQuestions += 1;
      out.push({ ...base, kind: 'confirm-question', at, by: 'system', label: confirmQuestions > 1 ? 'Confirm question (asked again)' : 'Confirm question: 1 to subscribe, 2 to decline' });
    } else if (step === 'play' && terms.has(media) && !disclosureStarted) {
      disclosureStarted = true;
      const from = moment('disclosureStart');
      out.push({ ...base, kind: 'disclosure-start', at: from ?? at, by: 'system', label: 'Terms (disclosure) start', ...(from !== undefined ? { subscriptionEvidence: true } : {}) });
    } else if (step === 'played' && terms.has(media) && disclosureStarted && ++termsPlayed === termList.length) {
      const to = moment('disclosureEnd');
      out.push({ ...base, kind: 'disclosure-end', at: to ?? at, by: 'system', label: 'Terms (disclosure) end', ...(to !== undefined ? { subscriptionEvidence: true } : {}) });
    } else if (step === 'asked') {
      // A question is heard from its PlaybackStarted (it may have waited behind the opening).
      const kind = media === CONSENT_PROMPTS.identityQuestion ? 'identity-question' : 'confirm-question';
      const marker = out.findLast((m) => m.kind === kind);
      if (marker) marker.at = at;
    } else if (step === 'key' || step === 'key-ignored' || step === 'key-ignored-not-customer' || step === 'key-ignored-before-question') {
      out.push({ ...base, ...keyMarker(step, at, String(s.digit ?? '?'), disclosureStarted, evidence) });
    } else if (step === 'no-input') {
      out.push({ ...base, kind: 'no-input', at, by: 'system', label: 'No key pressed in time' });
    } else if (step.startsWith('outcome:')) {
      const outcome = step.slice('outcome:'.length);
      out.push({ ...base, kind: 'verification-outcome', at, by: 'system', label: `Verification ${OUTCOME_WORDS[outcome] ?? outcome}` });
    }
  }
  return out;
}

function keyMarker(step: string, at: number, digit: string, afterDisclosure: boolean, evidence: SubscriptionEvidence | undefined): Omit<Draft, 'verificationId'> {
  if (step === 'key-ignored-not-customer') return { kind: 'keypress', at, by: 'agent', digit, counted: false, label: `Key ${digit} from the agent's phone (ignored)` };
  if (step === 'key-ignored') return { kind: 'keypress', at, by: 'customer', digit, counted: false, label: `Key ${digit} during the terms (ignored)` };
  if (step === 'key-ignored-before-question') return { kind: 'keypress', at, by: 'customer', digit, counted: false, label: `Key ${digit} before the question began (ignored)` };
  const answers = afterDisclosure ? 'consent' : 'identity';
  const stated = evidence?.moments[answers === 'identity' ? 'identityKey' : 'consentKey'] === at;
  return {
    kind: 'keypress',
    at,
    by: 'customer',
    digit,
    counted: true,
    answers,
    label: `Key ${digit} (${answers === 'identity' ? 'identity answer' : 'consent answer'})`,
    ...(stated ? { subscriptionEvidence: true } : {}),
  };
}

/** The call's timeline: every marker with its offset into the joined recording, in time order. */
export function buildCallTimeline(input: TimelineInput): CallTimeline {
  const drafts: Draft[] = [];
  if (input.call.openingStartedAt !== null) drafts.push({ kind: 'opening', at: input.call.openingStartedAt, by: 'system', label: 'Opening played' });
  if (input.call.agentConnectedAt !== null) drafts.push({ kind: 'agent-connected', at: input.call.agentConnectedAt, by: 'system', label: 'Agent connected' });
  drafts.push(...actionMarkers(input.actions));
  drafts.push(...monitoringMarkers(input.monitoring ?? []));
  for (const v of input.verifications) drafts.push(...verificationMarkers(v, input.evidence.find((e) => e.verificationId === v.id)));
  const markers = drafts
    .map((d): TimelineMarker => ({ ...d, offsetMs: joinedOffsetMs(d.at, input.segments) }))
    .sort((a, b) => a.at - b.at);
  return { durationMs: joinedLength(input.segments), markers };
}

/** Length of the joined recording: the segments and the (capped) gaps between them. */
function joinedLength(segments: readonly SegmentSpan[]): number {
  const last = segments.at(-1);
  return last ? (joinedOffsetMs(last.startedAt + last.durationMs, segments) ?? 0) : 0;
}
