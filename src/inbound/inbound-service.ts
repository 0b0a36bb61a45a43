/**
 * Inbound calls, the I/O part: a customer calls the number a campaign showed; the dialplan
 * hands the call to the app as `Stasis(app,inbound,<caller>,<dialled>)`. The facts are read
 * (InboundLookup), the pure rules decide (routing.ts), and the decision is carried out:
 *
 * - to an agent: the agent is reserved, and the call becomes a call row (direction inbound)
 *   driven by a CallSession like an outbound call — bridged, recorded from the first moment,
 *   a short welcome played while the agent is moved in, recordings verified after hangup;
 * - nobody ready: an agentless CallSession plays (and records) the "we will call you back"
 *   message and hangs up, and a callback is scheduled for the customer's last agent;
 * - unknown callers: the message of the dialplan's reject branch, then hang up (not recorded:
 *   no campaign to keep it under), unless INBOUND_UNKNOWN_POLICY puts them through.
 *
 * Every inbound call is logged in inbound_calls with the decision.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import { pickAgentFor } from '../agents/agent-offers.js';
import type { Clock, TimerHandle } from '../clock.js';
import { CallSession, type CallSessionDeps } from '../calls/call-session.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { CallbackStore } from '../campaigns/callback-store.js';
import type { Db } from '../db/database.js';
import { calls, contacts, inboundCalls } from '../db/schema.js';
import { ignoreAriNotFound } from '../errors.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import { InboundLookup, type InboundCandidate } from './inbound-lookup.js';
import { routeInbound, type InboundDecision, type InboundUnknownPolicy } from './routing.js';

type StasisStart = Extract<AriEvent, { type: 'StasisStart' }>;

/** The pack's prompts an inbound call plays (src/voice/prompt-pack.ts). */
export const INBOUND_MEDIA = {
  /** While the agent is put through. */
  welcome: 'sound:dialer/inbound-welcome',
  /** Nobody free: we will call you back. */
  callback: 'sound:dialer/inbound-callback',
  /** Unknown callers (the dialplan's reject branch says the same). */
  nobody: 'sound:dialer/nobody-available',
} as const;

/** An unknown caller's message is cut off after this long if Asterisk never reports its end. */
const MESSAGE_TIMEOUT_MS = 30_000;

export interface InboundServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  telephony: Telephony;
  agents: AgentPool;
  tracker: CallTracker;
  callbacks: CallbackStore;
  sessionDeps: CallSessionDeps;
  /** INBOUND_UNKNOWN_POLICY. */
  unknownPolicy: InboundUnknownPolicy;
  /** INBOUND_CALLBACK_DELAY_MS: when the callback of a customer nobody could take is due. */
  callbackDelayMs: number;
}

/** What became of one inbound call (tests read it). */
export interface InboundHandled {
  channelId: string;
  decision: InboundDecision;
  callId: string | null;
  callbackId: number | null;
}

export class InboundService {
  private readonly lookup: InboundLookup;
  private readonly log: Logger;
  /** Unknown callers hearing the message: playback id → channel and its time-out. */
  private readonly messages = new Map<string, { channelId: string; timer: TimerHandle }>();
  private readonly listeners: Array<(h: InboundHandled) => void> = [];

  constructor(private readonly o: InboundServiceOptions) {
    this.lookup = new InboundLookup(o.db);
    this.log = o.logger.child({ module: 'inbound' });
    o.tracker.onInbound((ev) => this.handle(ev));
    o.telephony.on('event', (ev) => this.onEvent(ev));
  }

  /** Called with each inbound call once it is routed. */
  onHandled(listener: (h: InboundHandled) => void): void {
    this.listeners.push(listener);
  }

  /** An inbound call entered the app (`args` = inbound, caller, dialled). Never throws. */
  handle(ev: StasisStart): void {
    const channelId = ev.channel.id;
    try {
      const handled = this.route(ev);
      for (const l of this.listeners) l(handled);
    } catch (err) {
      this.log.error({ err, channelId }, 'inbound: the call could not be routed; hanging up');
      void this.o.telephony.hangup(channelId, 'normal').catch(ignoreAriNotFound);
    }
  }

  private route(ev: StasisStart): InboundHandled {
    const { agents } = this.o;
    const channelId = ev.channel.id;
    const callerRaw = ev.args[1] || ev.channel.callerNumber || '';
    const dialled = ev.args[2] ?? '';
    const now = this.o.clock.now();
    const candidates = this.lookup.candidates(callerRaw, dialled);
    const callId = randomUUID();
    const unavailable = new Set<number>();
    let decision: InboundDecision;
    // Each agent who stopped being ready between the look and the reservation is left out, so this ends.
    for (;;) {
      decision = routeInbound({
        candidates,
        policy: this.o.unknownPolicy,
        isReady: (a) => !unavailable.has(a) && agents.get(a)?.state === 'ready',
        readyAgentOf: (campaignId) => {
          const ready = agents
            .list()
            .filter((a) => a.state === 'ready' && !unavailable.has(a.agentId))
            .map((a) => ({ agentId: a.agentId, since: a.stateSince }));
          return pickAgentFor(ready, campaignId, (a, c) => agents.priorityOn(a, c))?.agentId ?? null;
        },
      });
      if (!('agentId' in decision) || decision.route === 'callback' || decision.agentId === null) break;
      // Set aside now, so the dial loop cannot give the agent an outbound call meanwhile.
      if (agents.reserve(decision.agentId, callId)) break;
      unavailable.add(decision.agentId);
    }
    const candidate = candidates.find((c) => c.campaignId === decision.campaignId);
    const caller = candidate?.callerE164 ?? null;
    this.log.info({ channelId, caller: callerRaw, dialled, decision, callId }, 'inbound: call routed');

    const result: InboundHandled = { channelId, decision, callId: null, callbackId: null };
    switch (decision.route) {
      case 'last-agent':
      case 'campaign-agent':
        result.callId = this.startCall(ev, callId, candidate!, decision.contactId, decision.agentId, false);
        break;
      case 'unknown-agent': {
        const contactId = this.addCaller(decision.campaignId, caller ?? callerRaw, now);
        result.callId = this.startCall(ev, callId, candidate!, contactId, decision.agentId, false);
        break;
      }
      case 'callback': {
        result.callId = this.startCall(ev, callId, candidate!, decision.contactId, null, true);
        const cb = this.o.callbacks.schedule({
          campaignId: decision.campaignId,
          contactId: decision.contactId,
          agentId: decision.agentId,
          dueAt: now + this.o.callbackDelayMs,
          note: 'the customer called back while no agent was free',
          fromCallId: callId,
        });
        result.callbackId = cb.id;
        break;
      }
      case 'unknown-message':
        this.playMessage(channelId, candidate?.language ?? 'zh');
        break;
    }
    this.o.db
      .insert(inboundCalls)
      .values({
        channelId,
        callerRaw,
        caller,
        dialled,
        campaignId: decision.campaignId,
        contactId: 'contactId' in decision ? decision.contactId : null,
        route: decision.route,
        agentId: 'agentId' in decision ? decision.agentId : null,
        callId: result.callId,
        callbackId: result.callbackId,
        arrivedAt: now,
      })
      .run();
    return result;
  }

  /** The call row and its session; the StasisStart that brought the call in is its answer. */
  private startCall(ev: StasisStart, callId: string, c: InboundCandidate, contactId: number, agentId: number | null, agentless: boolean): string {
    const phone = c.callerE164 ?? (ev.args[1] || ev.channel.callerNumber);
    const session = new CallSession(this.o.sessionDeps, {
      callId,
      campaignId: c.campaignId,
      contactId,
      phone,
      endpoint: ev.channel.name,
      ringTimeoutSec: 0,
      callerId: ev.args[2] ?? '',
      openingMedia: agentless ? INBOUND_MEDIA.callback : INBOUND_MEDIA.welcome,
      language: c.language,
      ...(agentId !== null ? { reservedAgentId: agentId } : {}),
      inbound: { channelId: ev.channel.id, agentless },
    });
    this.o.db
      .insert(calls)
      .values({
        id: callId,
        campaignId: c.campaignId,
        contactId,
        phone,
        endpoint: ev.channel.name,
        channelId: ev.channel.id,
        bridgeId: session.bridgeId,
        state: 'ringing',
        originatedAt: this.o.clock.now(),
        direction: 'inbound',
      })
      .run();
    this.o.tracker.add(session);
    if (agentId !== null) void session.ended.then(() => this.o.agents.unreserve(agentId, callId));
    session.handleEvent(ev);
    return callId;
  }

  /** An unknown caller the policy puts through becomes a contact of the campaign, never dialled. */
  private addCaller(campaignId: number, phone: string, now: number): number {
    const existing = this.o.db.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.campaignId, campaignId), eq(contacts.phone, phone))).get();
    if (existing) return existing.id;
    return this.o.db
      .insert(contacts)
      .values({ campaignId, phone, status: 'done', fields: {}, createdAt: now, finishedAt: now, lastOutcome: 'inbound' })
      .returning({ id: contacts.id })
      .get().id;
  }

  private playMessage(channelId: string, lang: string): void {
    const playbackId = `pb-inbound-${randomUUID()}`;
    const timer = this.o.clock.setTimeout(() => this.endMessage(playbackId), MESSAGE_TIMEOUT_MS);
    this.messages.set(playbackId, { channelId, timer });
    this.o.telephony.playOnChannel(channelId, playbackId, INBOUND_MEDIA.nobody, lang).catch((err: unknown) => {
      this.log.warn({ err, channelId }, 'inbound: the message could not be played');
      this.endMessage(playbackId);
    });
  }

  private onEvent(ev: AriEvent): void {
    if (ev.type === 'PlaybackFinished' && this.messages.has(ev.playbackId)) this.endMessage(ev.playbackId);
    if (ev.type === 'ChannelDestroyed') {
      for (const [id, m] of this.messages) if (m.channelId === ev.channel.id) this.endMessage(id, false);
    }
  }

  private endMessage(playbackId: string, hangup = true): void {
    const m = this.messages.get(playbackId);
    if (!m) return;
    this.messages.delete(playbackId);
    m.timer.cancel();
    if (hangup) void this.o.telephony.hangup(m.channelId, 'normal').catch(ignoreAriNotFound);
  }
}
