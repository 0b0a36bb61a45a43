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
import { Errors, hasCode, ignoreAriNotFound } from '../errors.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/password.js';
import { agentEndpoint, AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import { agentTransition, connectingStatus, type AgentInput, type AgentState, type AgentStatus } from './agent-states.js';

export type { AgentState } from './agent-states.js';

export interface AgentSessionView {
  agentId: number;
  name: string;
  extension: string;
  state: AgentState;
  stateSince: number;
  callId: string | null;
  channelId: string;
  via: 'api' | 'dial-in';
  /** The pause code while paused. */
  reason: string | null;
  /** When the current pause began (a change of reason does not restart it). */
  pausedSince: number | null;
  /** A pause asked for during the login or a call, taken when it is over. */
  pendingPause: string | null;
  /** The call being wrapped up, during wrap-up. */
  wrapUpCallId: string | null;
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
  /** Time in wrap-up after a call before the agent is offered again. */
  wrapUpMs?: number;
  /** How long the softphone may ring at login. */
  loginRingSec?: number;
  /** Played to a softphone that dialed in with a wrong PIN before hanging up. */
  badPinMedia?: string;
  /** Wrong PINs per extension; an extension over the limit is refused without a PIN check. */
  pinThrottle?: LoginThrottle;
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

  off<K extends keyof AgentPoolListener>(event: K, listener: AgentPoolListener[K]): this {
    this.emitter.off(event, listener);
    return this;
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
        endpoint: agent.endpoint ?? agentEndpoint(this.opts.endpointTemplate, agent.extension),
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
    if (s.state === 'reserved' || s.state === 'on-call') {
      s.logoutRequested = true;
      return;
    }
    await this.endSession(s, 'logout');
  }

  /**
   * Pauses with a reason code: at once when ready or in wrap-up; asked during the login or a
   * call, the pause is taken when that is over (see agent-states.ts).
   */
  pause(agentId: number, reason: string): AgentSessionView {
    const s = this.mustGet(agentId);
    this.apply(s, { type: 'pause', at: this.opts.clock.now(), reason });
    return view(s);
  }

  /** The agent says ready: ends a pause or wrap-up, or cancels a pending pause. */
  resume(agentId: number): AgentSessionView {
    const s = this.mustGet(agentId);
    this.apply(s, { type: 'ready', at: this.opts.clock.now() });
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
    this.apply(s, { type: 'reserve', at: this.opts.clock.now(), callId });
    return view(s).state === 'reserved';
  }

  /** Ends a reservation that no call took up (unanswered, skipped, failed to dial): the agent is ready again. */
  unreserve(agentId: number, callId: string | null): void {
    const s = this.sessions.get(agentId);
    if (!s || s.state !== 'reserved' || s.callId !== callId || s.callBridgeId !== null) return;
    if (s.logoutRequested) {
      s.callId = null;
      void this.endSession(s, 'logout after reservation').catch((err: unknown) => this.log.error({ err, agentId }, 'agents: logout failed'));
      return;
    }
    // A reservation no call took up: free again at once, no wrap-up.
    this.apply(s, { type: 'call-over', at: this.opts.clock.now(), wrapUpMs: 0 });
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
    this.apply(s, { type: 'connected', at: this.opts.clock.now() });
  }

  /** After a call: back to the holding bridge, wrap-up, then ready (or logged out). */
  async release(agentId: number, fromBridgeId: string, agentGone: boolean): Promise<void> {
    const s = this.sessions.get(agentId);
    if (!s || agentGone) return;
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
    if (this.sessions.get(agentId) !== s) return;
    // A logout asked for while the agent was being moved back.
    if (s.logoutRequested) {
      await this.endSession(s, 'logout after call');
      return;
    }
    this.apply(s, { type: 'call-over', at: this.opts.clock.now(), wrapUpMs: this.wrapUpMs });
  }

  /** ARI events about agent channels (the router sends only those). */
  async handleEvent(ev: AriEvent): Promise<void> {
    if (ev.type === 'StasisStart') {
      const agentId = this.byChannel.get(ev.channel.id);
      const s = agentId === undefined ? undefined : this.sessions.get(agentId);
      if (!s) return;
      try {
        await this.opts.telephony.addToBridge(s.holdingBridgeId, s.channelId);
        this.apply(s, { type: 'parked', at: this.opts.clock.now() });
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
    // Fire and forget, but never unhandled: when Asterisk itself went away this fails or times out.
    void this.opts.telephony.destroyBridge(s.holdingBridgeId).catch((err: unknown) => {
      if (!hasCode(err, 'DIALER_ERR_ARI_NOT_FOUND')) this.log.warn({ err, agentId: s.agentId }, 'agents: holding bridge not destroyed');
    });
    this.emitter.emit('gone', s.agentId, callId);
  }

  /**
   * A softphone dialed the login extension: Stasis args are ['login', callerNumber, pin].
   * The agent is found by extension and PIN; a wrong PIN hears a message and is hung up.
   */
  async handleDialInLogin(channelId: string, args: string[]): Promise<void> {
    const [, extension = '', pin = ''] = args;
    const throttleKey = `pin:${extension}`;
    const throttled = this.opts.pinThrottle?.check(throttleKey).allowed === false;
    const agent = this.opts.db.select().from(agents).where(eq(agents.extension, extension)).get();
    const pinOk = !throttled && agent?.pinHash ? await verifyPassword(pin, agent.pinHash) : false;
    if (pinOk) this.opts.pinThrottle?.reset(throttleKey);
    else if (!throttled) this.opts.pinThrottle?.recordFailure(throttleKey);
    if (!agent || !pinOk || this.sessions.has(agent.id)) {
      const reason = throttled ? 'too many wrong PINs' : !agent ? 'unknown extension' : !pinOk ? 'bad pin' : 'already logged in';
      this.log.warn({ extension, reason }, 'agents: dial-in login refused');
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
      this.apply(s, { type: 'parked', at: this.opts.clock.now() });
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
    const at = this.opts.clock.now();
    const status = connectingStatus(at);
    const s: AgentSession = {
      agentId: agent.id,
      name: agent.name,
      extension: agent.extension,
      state: status.state,
      stateSince: status.since,
      callId: null,
      channelId,
      via,
      reason: null,
      pausedSince: null,
      pendingPause: null,
      wrapUpCallId: null,
      holdingBridgeId: AriIds.holdingBridge(agent.id),
      callBridgeId: null,
      logoutRequested: false,
      wrapTimer: null,
    };
    this.sessions.set(agent.id, s);
    this.byChannel.set(channelId, agent.id);
    this.log.info({ agentId: agent.id, via }, 'agents: logging in');
    this.emitter.emit('session-started', { agentId: agent.id, channelId, via, at });
    return s;
  }

  private removeSession(s: AgentSession, why: string): void {
    if (this.sessions.get(s.agentId) !== s) return;
    s.wrapTimer?.cancel();
    this.sessions.delete(s.agentId);
    this.byChannel.delete(s.channelId);
    this.log.info({ agentId: s.agentId, why }, 'agents: session ended');
    this.emitter.emit('session-ended', { agentId: s.agentId, at: this.opts.clock.now(), reason: why });
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
    this.apply(s, { type: 'reserve', at: this.opts.clock.now(), callId });
  }

  /** The agent is free: the call waiting longest gets them, else they are announced ready. */
  private becomeAvailable(s: AgentSession): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.reserveSession(s, waiter.callId);
      waiter.offer({ agentId: s.agentId, channelId: s.channelId });
      return;
    }
    this.emitter.emit('ready', s.agentId);
  }

  /** Runs the pure state machine and executes its effects. */
  private apply(s: AgentSession, input: AgentInput): void {
    const step = agentTransition(statusOf(s), input);
    if (step.ignored) {
      this.log.debug({ agentId: s.agentId, ignored: step.ignored }, 'agents: input ignored');
      return;
    }
    const next = step.status;
    s.state = next.state;
    s.stateSince = next.since;
    s.reason = next.reason;
    s.pausedSince = next.pausedSince;
    s.callId = next.callId;
    s.wrapUpCallId = next.wrapUpCallId;
    s.pendingPause = next.pendingPause;
    if (step.changed) this.emitter.emit('changed', view(s));
    for (const effect of step.effects) {
      switch (effect.type) {
        case 'arm-wrap':
          s.wrapTimer?.cancel();
          s.wrapTimer = this.opts.clock.setTimeout(() => {
            s.wrapTimer = null;
            if (this.sessions.get(s.agentId) === s) this.apply(s, { type: 'wrap-over', at: this.opts.clock.now() });
          }, effect.ms);
          break;
        case 'cancel-wrap':
          s.wrapTimer?.cancel();
          s.wrapTimer = null;
          break;
        case 'available':
          this.becomeAvailable(s);
          break;
      }
    }
  }
}

function statusOf(s: AgentSession): AgentStatus {
  return {
    state: s.state,
    since: s.stateSince,
    reason: s.reason,
    pausedSince: s.pausedSince,
    callId: s.callId,
    wrapUpCallId: s.wrapUpCallId,
    pendingPause: s.pendingPause,
  };
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
    reason: s.reason,
    pausedSince: s.pausedSince,
    pendingPause: s.pendingPause,
    wrapUpCallId: s.wrapUpCallId,
  };
}

