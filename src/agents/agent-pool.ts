/**
 * Logged-in agents and their softphone channels.
 *
 * An agent's softphone is called once at login (or dials the login extension) and parked
 * in the agent's own holding bridge. A customer who answers is offered the agent who has
 * been ready longest; the agent's channel is moved into the customer's mixing bridge, and
 * back to the holding bridge when the call ends. No ringing the agent per call.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents } from '../db/schema.js';
import { Errors, ignoreAriNotFound } from '../errors.js';
import { verifyPassword } from '../auth/password.js';
import { agentEndpoint, AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';

export type AgentState = 'connecting' | 'ready' | 'reserved' | 'on-call' | 'wrap-up' | 'paused';

export interface AgentSessionView {
  agentId: number;
  name: string;
  extension: string;
  state: AgentState;
  stateSince: number;
  callId: string | null;
  channelId: string;
  via: 'api' | 'dial-in';
}

interface AgentSession extends AgentSessionView {
  holdingBridgeId: string;
  /** The call bridge the softphone was moved into, while it is there. */
  callBridgeId: string | null;
  logoutRequested: boolean;
  wrapTimer: { cancel(): void } | null;
}

export interface AgentOffer {
  agentId: number;
  channelId: string;
}

type Waiter = { callId: string; offer: (o: AgentOffer) => void };

export interface AgentPoolListener {
  /** An agent became available for a call. */
  ready: (agentId: number) => void;
  /** The agent's softphone channel is gone; `callId` is the call it was on, if any. */
  gone: (agentId: number, callId: string | null) => void;
  changed: (view: AgentSessionView) => void;
}

export interface AgentPoolOptions {
  telephony: Telephony;
  db: Db;
  clock: Clock;
  logger: Logger;
  endpointTemplate: string;
  /** Time in wrap-up after a call before the agent is offered again. */
  wrapUpMs?: number;
  /** How long the softphone may ring at login. */
  loginRingSec?: number;
  /** Played to a softphone that dialed in with a wrong PIN before hanging up. */
  badPinMedia?: string;
}

export class AgentPool {
  private readonly sessions = new Map<number, AgentSession>();
  private readonly byChannel = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private readonly emitter = new EventEmitter();
  private readonly log: Logger;
  private readonly wrapUpMs: number;

  constructor(private readonly opts: AgentPoolOptions) {
    this.log = opts.logger.child({ module: 'agents' });
    this.wrapUpMs = opts.wrapUpMs ?? 0;
  }

  on<K extends keyof AgentPoolListener>(event: K, listener: AgentPoolListener[K]): this {
    this.emitter.on(event, listener);
    return this;
  }

  list(): AgentSessionView[] {
    return [...this.sessions.values()].map(view);
  }

  get(agentId: number): AgentSessionView | null {
    const s = this.sessions.get(agentId);
    return s ? view(s) : null;
  }

  ownsChannel(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  /** Agents free to take a call now, less the calls already waiting for one. */
  availableCount(): number {
    let ready = 0;
    for (const s of this.sessions.values()) if (s.state === 'ready') ready += 1;
    return Math.max(0, ready - this.waiters.length);
  }

  /** Logs the agent in from the API: calls the softphone and parks it when answered. */
  async login(agentId: number): Promise<AgentSessionView> {
    if (this.sessions.has(agentId)) throw new Errors.AgentAlreadyLoggedIn(agentId);
    const agent = this.opts.db.select().from(agents).where(eq(agents.id, agentId)).get();
    if (!agent) throw new Errors.NotFound('agent', agentId);
    const channelId = AriIds.agentChannel(agentId, randomBytes(4).toString('hex'));
    const session = this.addSession(agent, channelId, 'api');
    try {
      await this.ensureHoldingBridge(session);
      await this.opts.telephony.originate({
        channelId,
        endpoint: agentEndpoint(this.opts.endpointTemplate, agent.extension),
        appArgs: ['agent', String(agentId)],
        timeoutSec: this.opts.loginRingSec ?? 30,
      });
    } catch (err) {
      this.removeSession(session, 'login failed');
      await this.opts.telephony.destroyBridge(session.holdingBridgeId).catch(() => undefined);
      throw err;
    }
    return view(session);
  }

  /** Logs out: hangs up the softphone now, or after the current call. */
  async logout(agentId: number): Promise<void> {
    const s = this.sessions.get(agentId);
    if (!s) throw new Errors.AgentNotLoggedIn(agentId);
    if (s.callId) {
      s.logoutRequested = true;
      return;
    }
    await this.endSession(s, 'logout');
  }

  pause(agentId: number): AgentSessionView {
    const s = this.mustGet(agentId);
    if (s.state === 'ready' || s.state === 'wrap-up') this.setState(s, 'paused');
    return view(s);
  }

  resume(agentId: number): AgentSessionView {
    const s = this.mustGet(agentId);
    if (s.state === 'paused' || s.state === 'wrap-up') this.becomeReady(s);
    return view(s);
  }

  /**
   * Sets a ready agent aside for one call before it is placed (preview, callbacks): the agent
   * is `reserved` and the call's request for an agent is answered with them. `callId` null
   * holds the agent while they look at a preview card. False when the agent is not ready.
   */
  reserve(agentId: number, callId: string | null): boolean {
    const s = this.sessions.get(agentId);
    if (!s || s.state !== 'ready') return false;
    s.callId = callId;
    this.setState(s, 'reserved');
    return true;
  }

  /** Ends a reservation that no call took up (unanswered, skipped, failed to dial): the agent is ready again. */
  unreserve(agentId: number, callId: string | null): void {
    const s = this.sessions.get(agentId);
    if (!s || s.state !== 'reserved' || s.callId !== callId || s.callBridgeId !== null) return;
    s.callId = null;
    if (s.logoutRequested) {
      void this.endSession(s, 'logout after reservation').catch((err: unknown) => this.log.error({ err, agentId }, 'agents: logout failed'));
      return;
    }
    this.becomeReady(s);
  }

  /** Hands a reserved agent's reservation over to a call (a previewed contact being dialed). */
  assignReservation(agentId: number, callId: string): boolean {
    const s = this.sessions.get(agentId);
    if (!s || s.state !== 'reserved' || s.callId !== null) return false;
    s.callId = callId;
    this.emitter.emit('changed', view(s));
    return true;
  }

  /** A call needs an agent: its reserved agent, else one ready now, else the next to become ready. */
  requestAgent(callId: string, offer: (o: AgentOffer) => void): void {
    const reserved = this.reservedFor(callId);
    if (reserved) {
      offer({ agentId: reserved.agentId, channelId: reserved.channelId });
      return;
    }
    const s = this.longestReady();
    if (s) {
      this.reserveSession(s, callId);
      offer({ agentId: s.agentId, channelId: s.channelId });
      return;
    }
    this.waiters.push({ callId, offer });
  }

  cancelRequest(callId: string): void {
    const i = this.waiters.findIndex((w) => w.callId === callId);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  /** Moves the reserved agent from its holding bridge into the call's mixing bridge. */
  async connectToCall(agentId: number, bridgeId: string): Promise<void> {
    const s = this.mustGet(agentId);
    await this.opts.telephony.removeFromBridge(s.holdingBridgeId, s.channelId).catch(ignoreAriNotFound);
    s.callBridgeId = bridgeId;
    await this.opts.telephony.addToBridge(bridgeId, s.channelId);
    this.setState(s, 'on-call');
  }

  /** After a call: back to the holding bridge, wrap-up, then ready (or logged out). */
  async release(agentId: number, fromBridgeId: string, agentGone: boolean): Promise<void> {
    const s = this.sessions.get(agentId);
    if (!s || agentGone) return;
    s.callId = null;
    if (s.logoutRequested) {
      await this.endSession(s, 'logout after call');
      return;
    }
    // Reserved but never moved (the customer left first): it is still parked.
    if (s.callBridgeId === fromBridgeId) {
      s.callBridgeId = null;
      await this.opts.telephony.removeFromBridge(fromBridgeId, s.channelId).catch(ignoreAriNotFound);
      try {
        await this.opts.telephony.addToBridge(s.holdingBridgeId, s.channelId);
      } catch (err) {
        this.log.error({ err, agentId }, 'agents: could not return the agent to the holding bridge');
        await this.endSession(s, 'holding bridge lost');
        return;
      }
    }
    if (this.wrapUpMs > 0) {
      this.setState(s, 'wrap-up');
      s.wrapTimer = this.opts.clock.setTimeout(() => {
        s.wrapTimer = null;
        if (s.state === 'wrap-up') this.becomeReady(s);
      }, this.wrapUpMs);
    } else {
      this.becomeReady(s);
    }
  }

  /** ARI events about agent channels (the router sends only those). */
  async handleEvent(ev: AriEvent): Promise<void> {
    if (ev.type === 'StasisStart') {
      const agentId = this.byChannel.get(ev.channel.id);
      const s = agentId === undefined ? undefined : this.sessions.get(agentId);
      if (!s) return;
      try {
        await this.opts.telephony.addToBridge(s.holdingBridgeId, s.channelId);
        this.becomeReady(s);
      } catch (err) {
        this.log.error({ err, agentId }, 'agents: could not park the softphone');
        await this.endSession(s, 'parking failed');
      }
      return;
    }
    if (ev.type === 'ChannelDestroyed' || ev.type === 'StasisEnd') {
      this.channelGone(ev.channel.id, ev.type);
    }
  }

  /** The softphone channel disappeared (hangup, or found missing at reconcile). */
  channelGone(channelId: string, why: string): void {
    const agentId = this.byChannel.get(channelId);
    const s = agentId === undefined ? undefined : this.sessions.get(agentId);
    if (!s) return;
    const callId = s.callId;
    this.removeSession(s, `softphone gone (${why})`);
    void this.opts.telephony.destroyBridge(s.holdingBridgeId).catch(ignoreAriNotFound);
    this.emitter.emit('gone', s.agentId, callId);
  }

  /**
   * A softphone dialed the login extension: Stasis args are ['login', callerNumber, pin].
   * The agent is found by extension and PIN; a wrong PIN hears a message and is hung up.
   */
  async handleDialInLogin(channelId: string, args: string[]): Promise<void> {
    const [, extension = '', pin = ''] = args;
    const agent = this.opts.db.select().from(agents).where(eq(agents.extension, extension)).get();
    const pinOk = agent?.pinHash ? await verifyPassword(pin, agent.pinHash) : false;
    if (!agent || !pinOk || this.sessions.has(agent.id)) {
      this.log.warn({ extension, reason: !agent ? 'unknown extension' : !pinOk ? 'bad pin' : 'already logged in' }, 'agents: dial-in login refused');
      if (this.opts.badPinMedia) {
        await this.opts.telephony.playOnChannel(channelId, `pb-${channelId}-refused`, this.opts.badPinMedia).catch(() => undefined);
      }
      await this.opts.telephony.hangup(channelId, 'normal').catch(ignoreAriNotFound);
      return;
    }
    const s = this.addSession(agent, channelId, 'dial-in');
    try {
      await this.opts.telephony.answer(channelId).catch(() => undefined);
      await this.ensureHoldingBridge(s);
      await this.opts.telephony.addToBridge(s.holdingBridgeId, channelId);
      this.becomeReady(s);
    } catch (err) {
      this.log.error({ err, agentId: agent.id }, 'agents: dial-in login failed');
      await this.endSession(s, 'dial-in parking failed');
    }
  }

  /** Hangs up every softphone (service shutdown). */
  async logoutAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.endSession(s, 'shutdown')));
  }

  // ---- internals --------------------------------------------------------------------

  private addSession(agent: typeof agents.$inferSelect, channelId: string, via: 'api' | 'dial-in'): AgentSession {
    const s: AgentSession = {
      agentId: agent.id,
      name: agent.name,
      extension: agent.extension,
      state: 'connecting',
      stateSince: this.opts.clock.now(),
      callId: null,
      channelId,
      via,
      holdingBridgeId: AriIds.holdingBridge(agent.id),
      callBridgeId: null,
      logoutRequested: false,
      wrapTimer: null,
    };
    this.sessions.set(agent.id, s);
    this.byChannel.set(channelId, agent.id);
    this.log.info({ agentId: agent.id, via }, 'agents: logging in');
    return s;
  }

  private removeSession(s: AgentSession, why: string): void {
    s.wrapTimer?.cancel();
    this.sessions.delete(s.agentId);
    this.byChannel.delete(s.channelId);
    this.log.info({ agentId: s.agentId, why }, 'agents: session ended');
  }

  private async endSession(s: AgentSession, why: string): Promise<void> {
    this.removeSession(s, why);
    await this.opts.telephony.hangup(s.channelId, 'normal').catch(ignoreAriNotFound);
    await this.opts.telephony.destroyBridge(s.holdingBridgeId).catch(ignoreAriNotFound);
    this.emitter.emit('gone', s.agentId, s.callId);
  }

  private async ensureHoldingBridge(s: AgentSession): Promise<void> {
    // A bridge left over from a crashed run is reused rather than refused.
    await this.opts.telephony.createBridge(s.holdingBridgeId, 'holding').catch(async (err: unknown) => {
      await this.opts.telephony.destroyBridge(s.holdingBridgeId).catch(() => undefined);
      await this.opts.telephony.createBridge(s.holdingBridgeId, 'holding').catch(() => {
        throw err;
      });
    });
  }

  private mustGet(agentId: number): AgentSession {
    const s = this.sessions.get(agentId);
    if (!s) throw new Errors.AgentNotLoggedIn(agentId);
    return s;
  }

  private reservedFor(callId: string): AgentSession | null {
    for (const s of this.sessions.values()) if (s.state === 'reserved' && s.callId === callId) return s;
    return null;
  }

  private longestReady(): AgentSession | null {
    let best: AgentSession | null = null;
    for (const s of this.sessions.values()) {
      if (s.state === 'ready' && (!best || s.stateSince < best.stateSince)) best = s;
    }
    return best;
  }

  private reserveSession(s: AgentSession, callId: string): void {
    s.callId = callId;
    this.setState(s, 'reserved');
  }

  private becomeReady(s: AgentSession): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.reserveSession(s, waiter.callId);
      waiter.offer({ agentId: s.agentId, channelId: s.channelId });
      return;
    }
    this.setState(s, 'ready');
    this.emitter.emit('ready', s.agentId);
  }

  private setState(s: AgentSession, state: AgentState): void {
    if (s.state === state) return;
    s.state = state;
    s.stateSince = this.opts.clock.now();
    this.emitter.emit('changed', view(s));
  }
}

function view(s: AgentSession): AgentSessionView {
  return {
    agentId: s.agentId,
    name: s.name,
    extension: s.extension,
    state: s.state,
    stateSince: s.stateSince,
    callId: s.callId,
    channelId: s.channelId,
    via: s.via,
  };
}

