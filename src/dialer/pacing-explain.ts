/**
 * The last pacing pass of a campaign in the manager's words: the answer-rate estimates pacing
 * works from (fast and slow), the risk limit it allowed, and why the pass placed what it
 * placed. Pure: from the dial loop's last decision to plain data and one plain sentence.
 */
import type { CampaignPacingView } from './dial-loop.js';

/** What the live dashboard shows of a campaign's pacing. */
export interface PacingExplanation {
  /** Predictive only: the answer-rate estimates (fast follows changes, slow is the one in use). */
  answerRate: { fast: number | null; slow: number | null; changesDetected: number } | null;
  /** Predictive only: the largest chance of abandon allowed for the next call. */
  riskLimit: number | null;
  /** Predictive only: the abandon rate pacing aims at. */
  target: number | null;
  /** Why the last pass placed what it placed, in plain (English) words, for the API and logs. */
  why: string;
  /** The same facts as data, so the consoles word them in the user's language. */
  facts: PacingFacts;
}

/** What the pass decided and what stopped it, as numbers (null where the reason has none). */
export interface PacingFacts {
  reason: CampaignPacingView['reason'];
  /** Predictive only: what stopped it placing more (risk, budget, per-agent, capacity; null: one per ready agent). */
  stoppedBy: string | null;
  calls: number;
  readyAgents: number | null;
  callsInFlight: number | null;
  expectedFreeAgents: number | null;
  marginalRisk: number | null;
  riskLimit: number | null;
  measuredAbandonRate: number | null;
  abandonCap: number;
}

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
const calls = (n: number): string => (n === 1 ? '1 call' : `${n} calls`);

function predictiveWhy(view: CampaignPacingView, cap: number): string {
  const d = view.diagnostics;
  const placed = `Placed ${calls(view.calls)}`;
  if (!d) return `${placed}.`;
  const free = d.expectedFreeAgents !== undefined ? `, expecting ${d.expectedFreeAgents.toFixed(1)} agents free in time` : '';
  const ready = `${d.readyAgents} ready, ${calls(d.callsInFlight)} already in flight`;
  switch (d.stoppedBy) {
    case 'risk':
      return (
        `${placed} (${ready}${free}): one more would have had a ${pct(d.marginalRisk ?? 0)} chance of finding no agent, ` +
        `above the ${pct(d.riskLimit ?? 0)} allowed now.`
      );
    case 'budget':
      return (
        `${placed} (${ready}${free}): in a run of bad luck the calls in flight could be abandoned often enough to ` +
        `take the abandon rate (${pct(d.measuredAbandonRate ?? 0, 2)} so far) over the ${pct(cap)} cap, so it holds back.`
      );
    case 'young-record':
      return `${placed} (${ready}${free}): the campaign has too few live answers yet to know its list, so it adds at most a few calls beyond one per ready agent at a time.`;
    case 'per-agent':
      return `${placed} (${ready}): calls in flight are at their ceiling per agent.`;
    case 'capacity':
      return `${placed} (${ready}): every free line or dialable contact is in use.`;
    default:
      return `${placed}: one per ready agent not already covered (${ready}).`;
  }
}

const FIXED_REASONS: Record<Exclude<CampaignPacingView['reason'], 'predictive'>, (v: CampaignPacingView) => string> = {
  preview: () => 'Preview campaign: agents start each call themselves.',
  progressive: (v) => `Placed ${calls(v.calls)}: progressive pacing dials one call per ready agent, so no answer waits.`,
  'predictive-at-cap': (v) =>
    `Placed ${calls(v.calls)}: the abandon rate has reached the cap, so predictive pacing dials only for ready agents until it falls.`,
  'no-agents': () => 'Placed no calls: no agent is logged in and available.',
  'no-contacts': () => 'Placed no calls: no contact is due to be dialed.',
  'no-lines': () => 'Placed no calls: every line is busy.',
  'window-closed': () => 'Placed no calls: contacts are due, but none of them is inside the calling window now.',
};

/** Explains a campaign's last pacing pass (null when it has not had one). */
export function explainPacing(view: CampaignPacingView | null, cap: number): PacingExplanation | null {
  if (!view) return null;
  const d = view.diagnostics;
  const predictive = view.reason === 'predictive' && d !== null;
  return {
    answerRate:
      predictive && d.answerRateSlow !== undefined
        ? { fast: d.answerRateFast ?? null, slow: d.answerRateSlow, changesDetected: d.answerRateChanges ?? 0 }
        : null,
    riskLimit: predictive ? (d.riskLimit ?? null) : null,
    target: predictive ? (d.targetAbandonRate ?? null) : null,
    why: view.reason === 'predictive' ? predictiveWhy(view, cap) : FIXED_REASONS[view.reason](view),
    facts: {
      reason: view.reason,
      stoppedBy: view.reason === 'predictive' && d ? (d.stoppedBy ?? null) : null,
      calls: view.calls,
      readyAgents: d?.readyAgents ?? null,
      callsInFlight: d?.callsInFlight ?? null,
      expectedFreeAgents: d?.expectedFreeAgents ?? null,
      marginalRisk: d?.marginalRisk ?? null,
      riskLimit: d?.riskLimit ?? null,
      measuredAbandonRate: d?.measuredAbandonRate ?? null,
      abandonCap: cap,
    },
  };
}
