/**
 * Daily talk-time targets, pure: which target applies to an agent, how far they are, and
 * where they will probably end the day.
 *
 * Requirements §5: talk time of 3 hours a day by default, set per agent or per team; call
 * counts are shown but are not a target.
 */

/** Where an agent's target comes from. */
export type TargetSource = 'agent' | 'team' | 'default';

/** The target that applies: the agent's own, else their team's, else the service default. */
export function effectiveTarget(
  agentSec: number | null | undefined,
  teamSec: number | null | undefined,
  defaultSec: number,
): { targetSec: number; source: TargetSource } {
  if (agentSec !== null && agentSec !== undefined) return { targetSec: agentSec, source: 'agent' };
  if (teamSec !== null && teamSec !== undefined) return { targetSec: teamSec, source: 'team' };
  return { targetSec: defaultSec, source: 'default' };
}

/** Percentage of the target reached, one decimal; null when the target is 0. */
export function progressPct(talkMs: number, targetSec: number): number | null {
  if (targetSec <= 0) return null;
  return Math.round((talkMs / 10 / targetSec) * 10) / 10;
}

/** What {@link projectTalkMs} needs. */
export interface ProjectionInput {
  /** Talk time so far today. */
  talkMs: number;
  /** Logged-in time so far today (pauses included: they are part of a working day). */
  loggedInMs: number;
  /** Logged-in time a working day is expected to have (AGENT_SHIFT_HOURS). */
  shiftMs: number;
  /** Time left until local midnight: nobody works past the end of the day. */
  untilDayEndMs: number;
}

/**
 * End-of-day talk time if the agent keeps their pace: talk so far plus the talk rate so far
 * (talk ÷ logged-in time) over the rest of the shift (shift − logged in so far, never past
 * midnight). Before any logged-in time there is no pace, so the projection is the talk so far.
 */
export function projectTalkMs(input: ProjectionInput): number {
  const { talkMs, loggedInMs, shiftMs, untilDayEndMs } = input;
  if (loggedInMs <= 0) return talkMs;
  const remaining = Math.max(0, Math.min(shiftMs - loggedInMs, untilDayEndMs));
  return talkMs + (talkMs / loggedInMs) * remaining;
}
