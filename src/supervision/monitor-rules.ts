/**
 * Who may supervise a live call, and how: pure rules over plain facts, no I/O.
 *
 * - Managers (and admins) may listen, whisper, barge and take over on any call; a team lead
 *   (an agent record with role team-lead) may do all four on calls of their own team's agents;
 *   QA may only listen (manual 001 gives the QA seat listening; the intercepting modes change
 *   the call, which is a floor decision).
 * - A barge or takeover is refused while the system's consent verification runs: the
 *   verification's evidence must be a conversation of the customer and the system alone, with
 *   the agent who started it (issue 13 item 4). Listening and whispering do not reach the
 *   customer and are allowed.
 * - After a takeover the supervisor is the call's handler: there is no agent to whisper to or
 *   to leave, so only barge (stay) remains; identity must be re-confirmed (fraud kind 6 —
 *   the person speaking for the company changed), which the service records.
 * - A team lead without a supervisor phone of their own is called on their agent softphone;
 *   while that softphone is logged in the service already holds it (parked, or on their own
 *   customer call), so they must log out of calls, or be given a supervisor phone, first.
 */
import type { MonitorMode } from '../db/schema-supervision.js';

/** The supervisor as the rules see them. */
export type SupervisorKind = 'manager' | 'team-lead' | 'qa' | 'none';

export interface MonitorFacts {
  supervisor: SupervisorKind;
  /** For a team lead: whether the call's agent is on their team. */
  sameTeam: boolean;
  /** The call is answered and not ending. */
  callLive: boolean;
  /** An agent is connected to the call now. */
  agentOnCall: boolean;
  /** The system's consent verification is running on the call. */
  verificationRunning: boolean;
  /** The mode this supervisor is in on this call now, if they already supervise it. */
  currentMode: MonitorMode | null;
  /** Another supervisor already took the call over (the handler is someone else). */
  takenOverByOther: boolean;
  /** The user has a phone the service can call. */
  hasPhone: boolean;
  /**
   * That phone is the user's own agent softphone and it is logged in: the service already
   * holds it (parked or on a customer call), so it cannot be called a second time to listen.
   */
  phoneInUse: boolean;
}

/** Why a mode is refused, as a code the API and the consoles word. */
export type MonitorRefusal =
  | 'role'
  | 'team'
  | 'not-live'
  | 'no-agent'
  | 'verification-running'
  | 'taken-over'
  | 'same-mode'
  | 'no-phone'
  | 'phone-in-use';

export type MonitorDecision = { ok: true } | { ok: false; refusal: MonitorRefusal };

const MODES_BY_KIND: Record<SupervisorKind, readonly MonitorMode[]> = {
  manager: ['listen', 'whisper', 'barge', 'takeover'],
  'team-lead': ['listen', 'whisper', 'barge', 'takeover'],
  qa: ['listen'],
  none: [],
};

/** The modes a kind of supervisor may use at all (the console shows only these buttons). */
export function modesFor(kind: SupervisorKind): readonly MonitorMode[] {
  return MODES_BY_KIND[kind];
}

/** Whether the supervisor may enter `mode` on the call now (starting, or switching to it). */
export function mayEnter(mode: MonitorMode, f: MonitorFacts): MonitorDecision {
  const no = (refusal: MonitorRefusal): MonitorDecision => ({ ok: false, refusal });
  if (!MODES_BY_KIND[f.supervisor].includes(mode)) return no('role');
  if (f.supervisor === 'team-lead' && !f.sameTeam) return no('team');
  if (!f.callLive) return no('not-live');
  if (f.currentMode === null && !f.hasPhone) return no('no-phone');
  if (f.currentMode === null && f.phoneInUse) return no('phone-in-use');
  if (f.currentMode === mode) return no('same-mode');
  if (f.takenOverByOther) return no('taken-over');
  // After this supervisor's own takeover they are the handler: nothing else to switch to.
  if (f.currentMode === 'takeover') return no('taken-over');
  if ((mode === 'barge' || mode === 'takeover') && f.verificationRunning) return no('verification-running');
  // Whispering needs an agent to whisper to; a takeover needs one to replace.
  if ((mode === 'whisper' || mode === 'takeover') && !f.agentOnCall) return no('no-agent');
  return { ok: true };
}

/** What the service must do with the phone and the audio to go from one mode to another. */
export type MonitorStep =
  | { type: 'snoop'; whisper: boolean }
  | { type: 'drop-snoop' }
  | { type: 'into-call-bridge' }
  | { type: 'into-monitor-bridge' }
  | { type: 'agent-leaves' }
  | { type: 'identity-reset' };

/**
 * The steps from `from` (null = the phone has just answered, in the private monitor bridge)
 * to `to`, in order. A snoop is replaced rather than changed (ARI cannot change a snoop's
 * directions), and the phone stays up throughout: switching never drops the call.
 */
export function stepsBetween(from: MonitorMode | null, to: MonitorMode): MonitorStep[] {
  const snooping = (m: MonitorMode | null) => m === 'listen' || m === 'whisper';
  const inCall = (m: MonitorMode | null) => m === 'barge' || m === 'takeover';
  const out: MonitorStep[] = [];
  if (snooping(from)) out.push({ type: 'drop-snoop' });
  if (snooping(to)) {
    if (inCall(from)) out.push({ type: 'into-monitor-bridge' });
    out.push({ type: 'snoop', whisper: to === 'whisper' });
  } else {
    if (!inCall(from)) out.push({ type: 'into-call-bridge' });
    if (to === 'takeover') out.push({ type: 'agent-leaves' }, { type: 'identity-reset' });
  }
  return out;
}
