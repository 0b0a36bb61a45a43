/**
 * Logged-in agents and their softphone channels.
 *
 * An agent's softphone is called once at login (or dials the login extension) and parked
 * in the agent's own holding bridge. A customer who answers is offered an agent who may take
 * the call's campaign (agent-offers.ts); the agent's channel is moved into the customer's
 * mixing bridge, and back to the holding bridge when the call ends. No ringing the agent per
 * call. The states are the pure machine of agent-states.ts; the softphone checks are in
 * agent-softphone.ts; what an agent may take comes from a CampaignAccess.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { agents } from '../db/schema.js';
import { oneCommit } from '../db/one-commit.js';
import { Errors, hasCode, ignoreAriNotFound } from '../errors.js';
import { agentEndpoint, AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import { pickAgentFor, WaitingCalls, type AgentOffer } from './agent-offers.js';
import { applyStatus, newSession, SessionTable, statusOf, view, type AgentSession, type AgentSessionView } from './agent-session.js';
import { checkDialInLogin, ensureHoldingBridge, refuseDialIn, type AgentRow } from './agent-softphone.js';
import { agentTransition, type AgentInput } from './agent-states.js';
import { OPEN_ACCESS, type CampaignAccess } from './campaign-access.js';
import type { AgentPoolListener, AgentPoolOptions } from './agent-pool-options.js';

export type { AgentState } from './agent-states.js';
export type { AgentSessionView } from './agent-session.js';
export type { AgentOffer } from './agent-offers.js';
export type { AgentPoolListener, AgentPoolOptions } from './agent-pool-options.js';

export class AgentPool {
  private readonly sessions = new SessionTable();
  private readonly waiting = new WaitingCalls();
  /** Agents a transfer moved off their call's bridge: the call's bridge id. */
  private readonly awayFrom = new Map<number, string>();
  private readonly emitter = new EventEmitter();
  private readonly log: Logger;
  private access: CampaignAccess;

  constructor(private readonly opts: AgentPoolOptions) {
    this.log = opts.logger.child({ module: 'agents' });
    this.access = opts.access ?? OPEN_ACCESS;
  }

  /** Sets the campaign rules (the roster is built after the pool at start-up). */
  setAccess(access: CampaignAccess): void {
    this.access = access;
  }

  /** The agent's priority on a campaign, null when they may not take it. */
  priorityOn(agentId: number, campaignId: number): number | null {
    return this.access.priority(agentId, campaignId);
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
    return this.sessions.ownsChannel(channelId);
  }

  /** Agents free to take a call now, less the calls already waiting for one. */
  availableCount(): number {
    let ready = 0;
    for (const s of this.sessions.values()) if (s.state === 'ready') ready += 1;
    return Math.max(0, ready - this.waiting.length);
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
    const pending = this.dispositionPending(s);
    if (pending && (s.state === 'wrap-up' || s.state === 'paused')) throw new Errors.AgentDispositionPending(pending);
    this.apply(s, { type: 'ready', at: this.opts.clock.now() });
    return view(s);
  }

  /** The call whose disposition the agent still owes, if any. */
  pendingDisposition(agentId: number): string | null {
    const s = this.sessions.get(agentId);
    return s ? this.dispositionPending(s) : null;
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

  /**
   * A call of `campaignId` needs an agent: its reserved agent, else the ready agent of the
   * campaign with the highest priority (then ready longest), else the next of its agents to
   * become free.
   */
  requestAgent(callId: string, campaignId: number, offer: (o: AgentOffer) => void): void {
    const reserved = this.sessions.reservedFor(callId);
    if (reserved) {
      offer({ agentId: reserved.agentId, channelId: reserved.channelId });
      return;
    }
    const s = pickAgentFor(this.sessions.ready(), campaignId, (a, c) => this.access.priority(a, c))?.session;
    if (s) {
      this.reserveSession(s, callId);
      offer({ agentId: s.agentId, channelId: s.channelId });
      return;
    }
    this.waiting.add({ callId, campaignId, offer });
  }

  cancelRequest(callId: string): void {
    this.waiting.cancel(callId);
  }

  /**
   * Moves the reserved agent from its holding bridge into the call's mixing bridge; with
   * `joinAfter`, the softphone leaves the holding bridge at once and joins the call once it settles.
   */
  async connectToCall(agentId: number, bridgeId: string, joinAfter?: Promise<void>): Promise<void> {
    const s = this.mustGet(agentId);
    await Promise.all([this.opts.telephony.removeFromBridge(s.holdingBridgeId, s.channelId).catch(ignoreAriNotFound), joinAfter]);
    s.callBridgeId = bridgeId;
    await this.opts.telephony.addToBridge(bridgeId, s.channelId);
    this.apply(s, { type: 'connected', at: this.opts.clock.now() });
  }

  /**
   * Moves an agent on a call to another bridge of that call (a transfer's consultation bridge,
   * back to the call's bridge, or `parked` = their own holding bridge while a blind transfer
   * reaches its target). A later {@link release} from the call's bridge still brings them home.
   */
  async moveDuringCall(agentId: number, to: string | 'parked', callBridgeId: string): Promise<void> {
    const s = this.mustGet(agentId);
    const target = to === 'parked' ? s.holdingBridgeId : to;
    if (s.callBridgeId === target) return;
    if (s.callBridgeId) await this.opts.telephony.removeFromBridge(s.callBridgeId, s.channelId).catch(ignoreAriNotFound);
    s.callBridgeId = target;
    this.awayFrom.set(agentId, callBridgeId);
    await this.opts.telephony.addToBridge(target, s.channelId);
  }

  /**
   * After a call: back to the holding bridge, wrap-up (the campaign's), then ready (or logged
   * out). `owesDisposition` false: the agent handed the call on (a transfer) and its disposition
   * is the last handler's.
   */
  async release(agentId: number, fromBridgeId: string, agentGone: boolean, campaignId?: number, owesDisposition = true): Promise<void> {
    const s = this.sessions.get(agentId);
    const away = this.awayFrom.get(agentId);
    this.awayFrom.delete(agentId);
    if (!s || agentGone) return;
    if (s.state === 'on-call' && s.callId !== null && owesDisposition) s.lastTalkedCallId = s.callId;
    // Moved off the call's bridge by a transfer: home from wherever they are now.
    if (away === fromBridgeId && s.callBridgeId !== null) fromBridgeId = s.callBridgeId;
    if (s.logoutRequested) {
      await this.endSession(s, 'logout after call');
      return;
    }
    // Reserved but never moved (the customer left first): it is still parked.
    if (s.callBridgeId === s.holdingBridgeId) s.callBridgeId = null;
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
    const wrapUpMs = campaignId === undefined ? 0 : this.access.wrapUpMs(campaignId);
    this.apply(s, { type: 'call-over', at: this.opts.clock.now(), wrapUpMs, dispositionPending: this.dispositionPending(s) !== null });
  }

  /** ARI events about agent channels (the router sends only those). */
  async handleEvent(ev: AriEvent): Promise<void> {
    if (ev.type === 'StasisStart') {
      const s = this.sessions.byChannelId(ev.channel.id);
      if (!s) return;
      const { agentId } = s;
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
    const s = this.sessions.byChannelId(channelId);
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
    const check = await checkDialInLogin(this.opts.db, this.opts.pinThrottle, extension, pin, (id) => this.sessions.has(id));
    if (!check.ok) {
      this.log.warn({ extension, reason: check.reason }, 'agents: dial-in login refused');
      await refuseDialIn(this.opts.telephony, channelId, this.opts.badPinMedia);
      return;
    }
    const { agent } = check;
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

  private addSession(agent: AgentRow, channelId: string, via: 'api' | 'dial-in'): AgentSession {
    const at = this.opts.clock.now();
    const s = newSession(agent, channelId, via, at, AriIds.holdingBridge(agent.id));
    this.sessions.add(s);
    this.log.info({ agentId: agent.id, via }, 'agents: logging in');
    this.emitter.emit('session-started', { agentId: agent.id, channelId, via, at });
    return s;
  }

  private removeSession(s: AgentSession, why: string): void {
    if (!this.sessions.remove(s)) return;
    s.wrapTimer?.cancel();
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
    await ensureHoldingBridge(this.opts.telephony, s.holdingBridgeId);
  }

  private mustGet(agentId: number): AgentSession {
    const s = this.sessions.get(agentId);
    if (!s) throw new Errors.AgentNotLoggedIn(agentId);
    return s;
  }

  private dispositionPending(s: AgentSession): string | null {
    const callId = s.lastTalkedCallId;
    if (callId === null) return null;
    if (this.access.dispositionPending(callId)) return callId;
    s.lastTalkedCallId = null;
    return null;
  }

  private reserveSession(s: AgentSession, callId: string): void {
    this.apply(s, { type: 'reserve', at: this.opts.clock.now(), callId });
  }

  /** The agent is free: the call waiting longest gets them, else they are announced ready. */
  private becomeAvailable(s: AgentSession): void {
    const waiter = this.waiting.takeFor(s.agentId, (a, c) => this.access.priority(a, c));
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
    applyStatus(s, step.status);
    // What the listeners write (the state log, live figures) in one commit (db/one-commit.ts).
    if (step.changed) oneCommit(this.opts.db.$client, () => this.emitter.emit('changed', view(s)));
    for (const effect of step.effects) {
      switch (effect.type) {
        case 'arm-wrap':
          s.wrapTimer?.cancel();
          s.wrapTimer = this.opts.clock.setTimeout(() => {
            s.wrapTimer = null;
            if (this.sessions.get(s.agentId) === s) this.apply(s, { type: 'wrap-over', at: this.opts.clock.now(), dispositionPending: this.dispositionPending(s) !== null });
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

