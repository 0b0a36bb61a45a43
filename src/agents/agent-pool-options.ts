/** The agent pool's options and the events it emits (agent-pool.ts). */
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Telephony } from '../telephony/telephony.js';
import type { AgentSessionView } from './agent-session.js';
import type { CampaignAccess } from './campaign-access.js';

export interface AgentPoolListener {
  /** An agent became available for a call. */
  ready: (agentId: number) => void;
  /** The agent's softphone channel is gone; `callId` is the call it was on, if any. */
  gone: (agentId: number, callId: string | null) => void;
  changed: (view: AgentSessionView) => void;
  /** A login began (the softphone is being called, or dialed in). */
  'session-started': (info: { agentId: number; channelId: string; via: 'api' | 'dial-in'; at: number }) => void;
  /** A login ended, for whatever reason (logout, softphone hangup, failed login). */
  'session-ended': (info: { agentId: number; at: number; reason: string }) => void;
}

export interface AgentPoolOptions {
  telephony: Telephony;
  db: Db;
  clock: Clock;
  logger: Logger;
  endpointTemplate: string;
  /** Who may take which campaign, wrap-up per campaign, dispositions owed; default: open to all, no wrap-up. */
  access?: CampaignAccess;
  /** How long the softphone may ring at login. */
  loginRingSec?: number;
  /** Played to a softphone that dialed in with a wrong PIN before hanging up. */
  badPinMedia?: string;
  /** Wrong PINs per extension; an extension over the limit is refused without a PIN check. */
  pinThrottle?: LoginThrottle;
}
