/** The dial loop's options and what it answers (dial-loop.ts), apart so that file stays small. */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallSessionDeps } from '../calls/call-session.js';
import type { CallStore } from '../calls/call-store.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { CallbackStore } from '../campaigns/callback-store.js';
import type { Telephony } from '../telephony/telephony.js';
import type { PacingDecision } from './pacing/types.js';

/** The do-not-call list as the dial loop asks it (DoNotCallStore implements this). */
export interface DoNotCallCheck {
  isBlocked(campaignId: number, e164: string): boolean;
}

export interface DialLoopOptions {
  db: Db;
  telephony: Telephony;
  agents: AgentPool;
  tracker: CallTracker;
  store: CallStore;
  callbacks: CallbackStore;
  sessionDeps: CallSessionDeps;
  clock: Clock;
  logger: Logger;
  /** Service-wide customer dial string, e.g. PJSIP/{number}@carrier. */
  customerEndpointTemplate: string;
  /** A customer may wait this long after the opening for an agent (AGENT_WAIT_MS); pacing plans for it. */
  agentWaitMs: number;
  /** The service's wrap-up time (WRAP_UP_MS), pacing's prior for it. */
  wrapUpMs?: number;
  /** Clock ms per second of the pacing model: 1000, less when a test or demo compresses time. */
  pacingSecondMs?: number;
  /** Re-evaluate at least this often (events also trigger a pass). */
  tickMs?: number;
  /**
   * Events that ask for a pass within this many (real) ms of the last one share the next pass
   * (default 50). At full pace every call's end and every agent ready asked for a pass of its
   * own, each reading every running campaign's queue: a third of the dialer's CPU, for
   * decisions a few ms apart. Pacing loses nothing (bench/pacing.ts consults it once a
   * second): a call placed 50 ms later rings the same. Not longer: the calls of one pass go
   * out together and, on the calls bench, are answered together, and a burst of answers
   * waits on itself (with 100 ms the bench's p50 rose from about 25 to 35 ms).
   */
  passGapMs?: number;
  /**
   * A pass places at most this many calls (default 2) and asks at once for another for the
   * rest, which pacing then decides again with those calls in flight. Placing a call is about
   * a millisecond of work; a campaign's start placed dozens in one go, and every answer that
   * arrived meanwhile waited for the whole batch before its opening could start. With 4, a
   * pass at full pace blocked the loop up to ~5 ms and the calls bench's opening p99 was
   * 26–40 ms over 8 runs; with 2, 18–27 ms over 6 (1: about the same tail, more CPU, as each
   * pass also reads the queues and floors again).
   */
  maxCallsPerPass?: number;
  /** The do-not-call lists, consulted by `preDialCheck` immediately before each dial. */
  doNotCall: DoNotCallCheck;
  /** Why no call may be placed now (recordings cannot be stored…), or null. */
  hold?: () => string | null;
}

/** The last pacing decision for a campaign (live figures, logs). */
export interface CampaignPacingView {
  at: number;
  /** `window-closed` when contacts are due but none of their callees is inside the calling window. */
  reason: PacingDecision['reason'] | 'window-closed';
  calls: number;
  diagnostics: PacingDecision['diagnostics'] | null;
}

/** A call placed, or why not. */
export type PlaceResult = { ok: true; callId: string } | { ok: false; reason: string };

/** How a call is placed: with an agent set aside for it (preview, callback) or for the pool. */
export interface PlaceOptions {
  reservedAgentId?: number;
  /** The agent is already reserved (holding a preview card) rather than ready. */
  agentAlreadyHeld?: boolean;
  callbackId?: number;
}
