/**
 * How a call reads in the console: its outcome, and its recording state — a missing or broken
 * recording is an incident (requirements §2), shown in red with the problem the service found.
 */
import type { CallOutcome, CallRecord, RecordingState } from '../types.js';

export const OUTCOME_WORDS: Record<CallOutcome, { label: string; kind: string }> = {
  answered: { label: 'answered', kind: 'ok' },
  busy: { label: 'busy', kind: '' },
  'no-answer': { label: 'no answer', kind: '' },
  rejected: { label: 'rejected', kind: '' },
  congestion: { label: 'congestion', kind: 'warn' },
  failed: { label: 'failed', kind: 'warn' },
  unallocated: { label: 'number does not exist', kind: 'warn' },
  abandoned: { label: 'abandoned', kind: 'bad' },
  interrupted: { label: 'interrupted', kind: 'warn' },
};

const RECORDING_WORDS: Record<RecordingState, { label: string; kind: string }> = {
  pending: { label: 'being checked', kind: '' },
  verified: { label: 'verified', kind: 'ok' },
  missing: { label: 'missing', kind: 'bad' },
  broken: { label: 'broken', kind: 'bad' },
};

/** Whether the call's recording is an incident (missing or broken). */
export function isIncident(c: Pick<CallRecord, 'recordingState'>): boolean {
  return c.recordingState === 'missing' || c.recordingState === 'broken';
}

export function OutcomeBadge({ call }: { call: Pick<CallRecord, 'outcome' | 'state'> }) {
  if (!call.outcome) return <span class="badge">{call.state}</span>;
  const w = OUTCOME_WORDS[call.outcome];
  return <span class={`badge ${w.kind}`}>{w.label}</span>;
}

/** The recording state, with the problem when there is one; "none" for a call never answered. */
export function RecordingBadge({ state, problem }: { state: RecordingState | null; problem: string | null }) {
  if (!state) return <span class="muted">none</span>;
  const w = RECORDING_WORDS[state];
  return (
    <span data-testid="recording-state" data-state={state}>
      <span class={`badge ${w.kind}`}>{w.label}</span>
      {problem && <span class="problem"> {problem}</span>}
    </span>
  );
}
