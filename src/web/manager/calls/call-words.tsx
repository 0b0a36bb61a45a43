/**
 * How a call reads in the console: its outcome, and its recording state — a missing or broken
 * recording is an incident (requirements §2), shown in red with the problem the service found.
 */
import type { CallOutcome, CallRecord, RecordingState } from '../types.js';
import { t } from '../../i18n/i18n.js';
import { dispositionLabel, listWord } from '../../shared/words.js';

/** The badge colour of each outcome (its words: `outcome.<value>`). */
const OUTCOME_BADGE: Record<CallOutcome, string> = {
  answered: 'ok',
  busy: '',
  'no-answer': '',
  rejected: '',
  congestion: 'warn',
  failed: 'warn',
  unallocated: 'warn',
  abandoned: 'bad',
  interrupted: 'warn',
};

/** Every outcome a call can end with, in the badge table's order. */
export const CALL_OUTCOMES = Object.keys(OUTCOME_BADGE) as CallOutcome[];

/** The badge colour of each recording state (its words: `recordingState.<value>`). */
const RECORDING_BADGE: Record<RecordingState, string> = { pending: '', verified: 'ok', missing: 'bad', broken: 'bad' };

/** Whether the call's recording is an incident (missing or broken). */
export function isIncident(c: Pick<CallRecord, 'recordingState'>): boolean {
  return c.recordingState === 'missing' || c.recordingState === 'broken';
}

export function OutcomeBadge({ call }: { call: Pick<CallRecord, 'outcome' | 'state'> }) {
  if (!call.outcome) return <span class="badge">{listWord('callState', call.state)}</span>;
  return <span class={`badge ${OUTCOME_BADGE[call.outcome]}`}>{t(`outcome.${call.outcome}`)}</span>;
}

/** The recording state, with the problem when there is one; "none" for a call never answered. */
export function RecordingBadge({ state, problem }: { state: RecordingState | null; problem: string | null }) {
  if (!state) return <span class="muted">{t('common.none')}</span>;
  return (
    <span data-testid="recording-state" data-state={state}>
      <span class={`badge ${RECORDING_BADGE[state]}`}>{t(`recordingState.${state}`)}</span>
      {problem && <span class="problem"> {problem}</span>}
    </span>
  );
}

/** The agent's disposition, flagged when a call an agent talked has none. */
export function DispositionCell({ call }: { call: Pick<CallRecord, 'disposition' | 'dispositionLabel' | 'agentConnectedAt' | 'state'> }) {
  if (call.disposition !== null) return <span title={call.disposition}>{dispositionLabel(call.disposition, call.dispositionLabel)}</span>;
  if (call.agentConnectedAt !== null && call.state === 'ended') return <span class="badge warn">{t('calls.noDispositionYet')}</span>;
  return <span class="muted">–</span>;
}
