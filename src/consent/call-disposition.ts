/**
 * Giving a call its disposition: the campaign's own list decides what is accepted, and the
 * category what happens (src/campaigns/dispositions.ts). Checks come first (the agent's own
 * call; a sale only with a verified subscription; a callback only with a usable time), then
 * the effects (callback scheduled, number on the do-not-call list), then the record: the
 * consent log (every disposition, for QA's timeline) and the call row (the latest, for call
 * history, reports and the next-call gate).
 */
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/tokens.js';
import type { DispositionRow, DispositionStore } from '../campaigns/disposition-store.js';
import { effectsOf } from '../campaigns/dispositions.js';
import type { DoNotCallStore } from '../campaigns/do-not-call.js';
import type { Db } from '../db/database.js';
import { calls } from '../db/schema.js';
import { scheduleCallbackFromCall, type CallbackRequest, type CallbackRequestDeps } from '../dialer/callback-requests.js';
import { Errors } from '../errors.js';
import type { ConsentService, ConsentStatus } from './consent-service.js';

export interface GiveDisposition {
  code: string;
  note: string;
  /** Required for a callback disposition: when the customer asked to be called back. */
  callback?: CallbackRequest;
}

export interface DispositionGiven {
  disposition: Pick<DispositionRow, 'code' | 'label' | 'category'>;
  callbackId: number | null;
  /** The number was put on the do-not-call list (false: it already was, or not this category). */
  doNotCallAdded: boolean;
  consent: ConsentStatus;
}

export interface CallDispositionsDeps {
  db: Db;
  consent: ConsentService;
  dispositions: DispositionStore;
  dnc: DoNotCallStore;
  callbackDeps: CallbackRequestDeps;
  logger: Logger;
}

export class CallDispositions {
  constructor(private readonly deps: CallDispositionsDeps) {}

  give(callId: string, user: AuthUser, input: GiveDisposition): DispositionGiven {
    const { db, consent, dispositions, dnc } = this.deps;
    const call = db.select().from(calls).where(eq(calls.id, callId)).get();
    if (!call) throw new Errors.NotFound('call', callId);
    const row = dispositions.active(call.campaignId, input.code);
    const effects = effectsOf(row.category);
    const { agentId } = consent.checkDisposition(callId, user, row.category);
    if (effects.needsCallbackTime && !input.callback) throw new Errors.DispositionNeedsTime();
    let callbackId: number | null = null;
    if (effects.needsCallbackTime && input.callback) {
      if (agentId === null) throw new Errors.Conflict(`call ${callId} reached no agent; a callback needs the agent who spoke with the customer`);
      callbackId = scheduleCallbackFromCall(this.deps.callbackDeps, call, agentId, input.callback, user.id).id;
    }
    let doNotCallAdded = false;
    if (effects.listsDoNotCall) doNotCallAdded = dnc.addFromCall(call, user.id, input.note).added;
    const status = consent.disposition(callId, user, row, input.note, { label: row.label, ...(callbackId !== null ? { callbackId } : {}) });
    dispositions.recordOnCall(callId, row);
    this.deps.logger.info({ callId, campaignId: call.campaignId, disposition: row.code, category: row.category, callbackId, doNotCallAdded }, 'disposition: given');
    return { disposition: { code: row.code, label: row.label, category: row.category }, callbackId, doNotCallAdded, consent: status };
  }
}
