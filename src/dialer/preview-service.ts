/**
 * Preview dialing: the agent asks for the next contact, sees its card (the number is shown to
 * that agent only), and starts the call or skips it.
 *
 *  - next: the agent must be ready; they are reserved (no other call is offered to them) and
 *    the next contact is held for them: a due callback of theirs first, then an open callback,
 *    then the next due contact of a running preview campaign inside its calling window. Asking
 *    again while holding a card returns the same card.
 *  - dial: the call is placed with the agent reserved for it, so an answer goes straight to
 *    them and cannot be abandoned; the calling window and the pre-dial check are applied
 *    again at this moment.
 *  - skip: the contact goes back to the queue, due again after `skipDelayMs` (no attempt is
 *    counted); a callback stays scheduled. The agent is ready again.
 *  - A card held longer than `holdMs` is released the same way and the agent is paused: an
 *    agent who has not looked at their screen for that long should not be sent automatic calls.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallbackRow, CallbackStore } from '../campaigns/callback-store.js';
import type { CampaignStore } from '../campaigns/campaign-store.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../db/database.js';
import { campaigns } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { ClaimedContact } from './contact-queue.js';
import type { DialLoop } from './dial-loop.js';
import { IDLE_PAUSE_CODE } from '../agents/pause-codes.js';

/** What the agent sees before dialing. */
export interface PreviewCard {
  contactId: number;
  campaignId: number;
  campaignName: string;
  /** E.164; shown to this agent only. */
  phone: string;
  /** The list's other columns. */
  fields: Record<string, string>;
  attempts: number;
  lastOutcome: string | null;
  callback: { id: number; dueAt: number; note: string; owned: boolean } | null;
  /** The card is released if not dialed or skipped by then. */
  heldUntil: number;
}

export interface PreviewServiceOptions {
  db: Db;
  agents: AgentPool;
  dialLoop: DialLoop;
  callbacks: CallbackStore;
  campaigns: CampaignStore;
  clock: Clock;
  logger: Logger;
  /** How long a card stays held without a decision. Default 5 min. */
  holdMs?: number;
  /** A skipped contact comes back after this long. Default 10 min. */
  skipDelayMs?: number;
}

interface Hold {
  card: PreviewCard;
  timer: TimerHandle;
}

export class PreviewService {
  private readonly holds = new Map<number, Hold>();
  private readonly log: Logger;
  private readonly holdMs: number;
  private readonly skipDelayMs: number;
  private rotation = 0;

  constructor(private readonly opts: PreviewServiceOptions) {
    this.log = opts.logger.child({ module: 'preview' });
    this.holdMs = opts.holdMs ?? 5 * 60_000;
    this.skipDelayMs = opts.skipDelayMs ?? 10 * 60_000;
    opts.agents.on('gone', (agentId) => this.drop(agentId, 'agent logged out'));
  }

  /** The card the agent holds now, if any. */
  current(agentId: number): PreviewCard | null {
    return this.holds.get(agentId)?.card ?? null;
  }

  /** Holds the next contact for the agent and returns its card; null when nothing is due. */
  next(agentId: number): PreviewCard | null {
    const held = this.holds.get(agentId);
    if (held) return held.card;
    const session = this.opts.agents.get(agentId);
    if (!session) throw new Errors.AgentNotLoggedIn(agentId);
    if (!this.opts.agents.reserve(agentId, null)) throw new Errors.AgentNotReady(agentId, session.state);
    const now = this.opts.clock.now();
    let card: PreviewCard | null;
    try {
      card = this.findCard(agentId, now);
    } catch (err) {
      this.opts.agents.unreserve(agentId, null);
      throw err;
    }
    if (!card) {
      this.opts.agents.unreserve(agentId, null);
      return null;
    }
    const timer = this.opts.clock.setTimeout(() => this.expire(agentId, card.contactId), this.holdMs);
    this.holds.set(agentId, { card, timer });
    this.log.info({ agentId, contactId: card.contactId, campaignId: card.campaignId, callbackId: card.callback?.id }, 'preview: card held');
    return card;
  }

  /** Dials the held contact with the agent reserved for the call. */
  dial(agentId: number, contactId: number): { callId: string; contactId: number } {
    const hold = this.mustHold(agentId, contactId);
    const { card } = hold;
    const campaign = this.opts.campaigns.get(card.campaignId);
    const now = this.opts.clock.now();
    if (campaign.status !== 'running') {
      this.finish(agentId, hold, now);
      throw new Errors.Conflict(`campaign ${campaign.id} is ${campaign.status}; the card was released`);
    }
    const window = this.opts.dialLoop.windows.statusForNumber(campaign, card.phone, now);
    if (!window.open) {
      this.finish(agentId, hold, window.changesAt);
      throw new Errors.WindowClosed(window.changesAt === null ? 'it never opens for this number' : `it opens at ${new Date(window.changesAt).toISOString()}`);
    }
    const claimed = this.opts.dialLoop.queue.dialHeld(contactId, agentId);
    hold.timer.cancel();
    this.holds.delete(agentId);
    if (!claimed) {
      this.opts.agents.unreserve(agentId, null);
      throw new Errors.ContactNotHeld(contactId, agentId);
    }
    const placed = this.opts.dialLoop.placeCall(campaign, claimed, {
      reservedAgentId: agentId,
      agentAlreadyHeld: true,
      ...(card.callback ? { callbackId: card.callback.id } : {}),
    });
    if (!placed.ok) {
      this.opts.agents.unreserve(agentId, null);
      throw new Errors.ContactNotDialable(contactId, placed.reason);
    }
    this.log.info({ agentId, contactId, callId: placed.callId }, 'preview: dialed');
    return { callId: placed.callId, contactId };
  }

  /** Puts the held contact back (due again after skipDelayMs); the agent is ready again. */
  skip(agentId: number, contactId: number): void {
    const hold = this.mustHold(agentId, contactId);
    this.finish(agentId, hold, this.opts.clock.now() + this.skipDelayMs);
    this.log.info({ agentId, contactId }, 'preview: skipped');
  }

  private mustHold(agentId: number, contactId: number): Hold {
    const hold = this.holds.get(agentId);
    if (!hold || hold.card.contactId !== contactId) throw new Errors.ContactNotHeld(contactId, agentId);
    return hold;
  }

  /** Releases the hold: the contact back to the queue (or its callback), the agent ready. */
  private finish(agentId: number, hold: Hold, dueAt: number | null): void {
    hold.timer.cancel();
    this.holds.delete(agentId);
    if (hold.card.callback) this.opts.dialLoop.queue.releaseToCallback(hold.card.contactId);
    else this.opts.dialLoop.queue.release(hold.card.contactId, dueAt);
    this.opts.agents.unreserve(agentId, null);
  }

  private expire(agentId: number, contactId: number): void {
    const hold = this.holds.get(agentId);
    if (!hold || hold.card.contactId !== contactId) return;
    this.log.warn({ agentId, contactId }, 'preview: card not acted on in time; released, agent paused');
    this.finish(agentId, hold, null);
    if (this.opts.agents.get(agentId)?.state === 'ready') this.opts.agents.pause(agentId, IDLE_PAUSE_CODE);
  }

  private drop(agentId: number, why: string): void {
    const hold = this.holds.get(agentId);
    if (!hold) return;
    hold.timer.cancel();
    this.holds.delete(agentId);
    if (hold.card.callback) this.opts.dialLoop.queue.releaseToCallback(hold.card.contactId);
    else this.opts.dialLoop.queue.release(hold.card.contactId, null);
    this.log.info({ agentId, contactId: hold.card.contactId, why }, 'preview: card released');
  }

  private findCard(agentId: number, now: number): PreviewCard | null {
    const { db, dialLoop } = this.opts;
    const running = db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.status, 'running'), eq(campaigns.dialMode, 'preview')))
      .orderBy(asc(campaigns.id))
      .all();
    const eligible = running
      // Only the campaigns this agent may take.
      .map((c) => ({ c, priority: this.opts.agents.priorityOn(agentId, c.id) }))
      .filter((x): x is { c: typeof x.c; priority: number } => x.priority !== null);
    if (running.length === 0) return null;
    const byId = new Map(eligible.map(({ c }) => [c.id, c]));
    const heldUntil = now + this.holdMs;
    // Callbacks: this agent's own first (whatever campaign they are on now: the customer spoke with
    // them; owned until it expires), then open ones of campaigns they may take, soonest first.
    const due = this.opts.callbacks.due(running.map((c) => c.id), now).filter((cb) => {
      const owner = this.opts.callbacks.ownerNow(cb);
      return owner === agentId || (owner === null && byId.has(cb.campaignId));
    });
    due.sort((a, b) => Number(this.opts.callbacks.ownerNow(b) === agentId) - Number(this.opts.callbacks.ownerNow(a) === agentId));
    const runningById = new Map(running.map((c) => [c.id, c]));
    for (const cb of due) {
      const campaign = runningById.get(cb.campaignId)!;
      const contact = dialLoop.queue.get(cb.contactId);
      if (!contact || !dialLoop.windows.statusForNumber(campaign, contact.phone, now).open) continue;
      if (dialLoop.preDialCheck(campaign.id, contact.phone)) continue; // refused again at dial, with the reason
      if (!dialLoop.queue.holdCallbackContact(cb.contactId, agentId, now)) continue;
      return toCard(campaign, contact, cb, agentId, heldUntil);
    }
    if (eligible.length === 0) return null;
    // Highest priority first; among equal priorities the first one rotates from card to card.
    const start = this.rotation++ % eligible.length;
    const order = eligible.map((x, i) => ({ ...x, turn: (i - start + eligible.length) % eligible.length })).sort((a, b) => b.priority - a.priority || a.turn - b.turn);
    for (const { c: campaign } of order) {
      dialLoop.queue.fillRegions(campaign.id);
      const open = dialLoop.windows.openRegions(campaign, now, dialLoop.queue.regionsPresent(campaign.id));
      for (;;) {
        const contact = dialLoop.queue.claimForPreview(campaign.id, open, now, agentId);
        if (!contact) break;
        const refusal = dialLoop.preDialCheck(campaign.id, contact.phone);
        if (refusal) {
          dialLoop.queue.finishUndialable(contact.id, refusal, now);
          continue;
        }
        return toCard(campaign, contact, null, agentId, heldUntil);
      }
    }
    return null;
  }
}

function toCard(
  campaign: { id: number; name: string },
  contact: ClaimedContact,
  cb: CallbackRow | null,
  agentId: number,
  heldUntil: number,
): PreviewCard {
  return {
    contactId: contact.id,
    campaignId: campaign.id,
    campaignName: campaign.name,
    phone: contact.phone,
    fields: contact.fields,
    attempts: contact.attempts,
    lastOutcome: contact.lastOutcome,
    callback: cb ? { id: cb.id, dueAt: cb.dueAt, note: cb.note, owned: cb.agentId === agentId } : null,
    heldUntil,
  };
}
