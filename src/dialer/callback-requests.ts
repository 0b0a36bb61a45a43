/**
 * A callback the customer asked for during a call (the agent's callback form, or a
 * "callback" disposition): in the future, at most 90 days ahead, at a time inside the
 * callee's calling window; owned by the agent unless any agent may take it.
 */
import { eq } from 'drizzle-orm';
import type { CallbackRow, CallbackStore } from '../campaigns/callback-store.js';
import type { CampaignStore } from '../campaigns/campaign-store.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { contacts } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { WindowGate } from './window-gate.js';

export const MAX_CALLBACK_AHEAD_MS = 90 * 86_400_000;

export interface CallbackRequestDeps {
  db: Db;
  clock: Clock;
  callbacks: CallbackStore;
  campaigns: CampaignStore;
  windows: WindowGate;
}

export interface CallbackRequest {
  at: number;
  note?: string;
  /** true: any agent may take it; default: only this agent. */
  anyAgent?: boolean;
}

/** Schedules the callback of a call the agent was on; 400/409 with the reason when the time will not do. */
export function scheduleCallbackFromCall(
  deps: CallbackRequestDeps,
  call: { id: string; campaignId: number; contactId: number },
  agentId: number,
  request: CallbackRequest,
  userId: number | null,
): CallbackRow {
  const now = deps.clock.now();
  if (!Number.isFinite(request.at) || request.at <= now) throw new Errors.BadRequest('body.at: the callback must be in the future');
  if (request.at > now + MAX_CALLBACK_AHEAD_MS) throw new Errors.BadRequest('body.at: at most 90 days ahead');
  const campaign = deps.campaigns.get(call.campaignId);
  const contact = deps.db.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, call.contactId)).get();
  if (!contact) throw new Errors.NotFound('contact', call.contactId);
  const window = deps.windows.statusForNumber(campaign, contact.phone, request.at);
  if (!window.open) {
    throw new Errors.WindowClosed(window.changesAt === null ? 'it never opens for this number' : `the next opening after that time is ${new Date(window.changesAt).toISOString()}`);
  }
  return deps.callbacks.schedule({
    campaignId: call.campaignId,
    contactId: call.contactId,
    agentId: request.anyAgent ? null : agentId,
    dueAt: request.at,
    note: request.note ?? '',
    fromCallId: call.id,
    createdByUserId: userId,
  });
}
