/**
 * The pacing decision: given the floor as plain data, how many calls to place now.
 * Pure — no clock, no I/O; the dial loop calls it (every second or on every event) and
 * places the calls it asks for.
 *
 *  - preview:     0 — the agent sees the contact and starts the call.
 *  - progressive: ready agents − calls in flight, never negative: one line per ready agent,
 *                 so a live answer always has an agent and nothing is abandoned.
 *  - predictive:  see predictive.ts.
 *
 * Every mode is bounded by free lines (maxLines − lines in use) and contacts left.
 */
import { predictiveCalls } from './predictive.js';
import type { DialMode, PacingDecision, PacingDiagnostics, PacingInput, PacingReason } from './types.js';

export type { DialMode } from './types.js';

const nonNegativeInt = (n: number): number => (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : n > 0 ? n : 0);

/** Decides how many new calls to place now. Always returns a non-negative integer count. */
export function callsToPlace(input: PacingInput): PacingDecision {
  let ready = 0;
  let available = 0;
  let connected = 0;
  for (const a of input.agents) {
    if (a.state === 'ready') ready++;
    if (a.state !== 'paused') available++;
    if (a.state === 'onCall' || a.state === 'reserved') connected++;
  }
  const inFlight = input.callsInFlight.length;
  const progressiveCalls = Math.max(0, ready - inFlight);
  const linesInUse = input.limits.linesInUse ?? inFlight + connected;
  const capacity = nonNegativeInt(
    Math.min(input.limits.maxLines - linesInUse, input.limits.contactsLeft),
  );
  const diagnostics: PacingDiagnostics = { readyAgents: ready, callsInFlight: inFlight, capacity, progressiveCalls };
  const decide = (calls: number, reason: PacingReason, extra?: Partial<PacingDiagnostics>): PacingDecision => ({
    calls: nonNegativeInt(Math.min(calls, capacity)),
    reason,
    diagnostics: { ...diagnostics, ...extra },
  });

  const mode: DialMode = input.mode;
  if (mode === 'preview') return decide(0, 'preview');
  // Nothing to dial says more than no agent: the dial loop allocates no agents to a campaign with
  // nothing due, so "no agents" would be reported for a campaign that has simply run out.
  if (!(input.limits.contactsLeft >= 1)) return decide(0, 'no-contacts');
  if (available === 0) return decide(0, 'no-agents');
  if (capacity === 0) return decide(0, 'no-lines');
  if (mode === 'progressive') return decide(progressiveCalls, 'progressive');

  const result = predictiveCalls(input, { readyAgents: ready, availableAgents: available, progressiveCalls, capacity });
  return decide(result.calls, result.reason, result.diagnostics);
}
