/**
 * Transfers and conferences on live calls: checks who may do what, runs one pure
 * transfer machine (transfer-machine.ts) per call, and executes its commands against
 * telephony, the agent pool, the call session, the handoff list and consent.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import type { CallSession } from '../calls/call-session.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { TransferMode } from '../db/schema-transfers.js';
import { Errors, ignoreAriNotFound } from '../errors.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import { AriIds } from '../telephony/endpoint.js';
import type { HandlerRef, HandoffStore } from './handoff-store.js';
import {
  initialTransferState,
  transferTransition,
  type TransferCommand,
  type TransferInput,
  type TransferState,
} from './transfer-machine.js';
import { handlerOf, type TransferTargets, type TransferTarget } from './transfer-targets.js';
import { SerialQueue } from '../support/serial-queue.js';

/** What consent has to say about transfers (consent/consent-service.ts implements it). */
export interface TransferConsentGate {
  /** A verification runs on the call: no transfer step may move the agent now. */
  verificationRunning(callId: string): boolean;
  /** The customer has a new handler (an agent, or a supervisor): identity must be confirmed again (fraud kind 6). */
  handedOver(callId: string, fromAgentId: number, to: HandlerRef): void;
}

export interface TransferServiceOptions {
  telephony: Telephony;
  agents: AgentPool;
  tracker: CallTracker;
  store: HandoffStore;
  targets: TransferTargets;
  consent: TransferConsentGate;
  clock: Clock;
  logger: Logger;
  /** A target not up by then returns the customer to the agent. Default 20 s. */
  noAnswerMs?: number;
}

export type TransferAction = 'complete' | 'leave' | 'cancel';

/** What the agent console shows of a call's transfer. */
export interface TransferView {
  id: string;
  mode: TransferMode;
  phase: TransferState['phase'];
  /** The target agent; null for a supervisor (targetUserId). */
  targetAgentId: number | null;
  /** The target supervisor's user; null for an agent. */
  targetUserId: number | null;
  targetUp: boolean;
  held: boolean;
}

const ids = { channel: AriIds.transferLeg, bridge: AriIds.transferBridge };

/** One running transfer: its state, its call, its queue of commands and its timer. */
interface Running {
  state: TransferState;
  session: CallSession;
  queue: SerialQueue<TransferCommand>;
  timer: TimerHandle | null;
  log: Logger;
  unwatch: () => void;
  /** Where a parked target agent's softphone is now (the pool returns them home from there). */
  targetBridge: string | null;
}

export class TransferService {
  private readonly running = new Map<string, Running>();
  /** Phones we called for a transfer, by channel id: the transfer, whose call they are on now, and whose phone it is. */
  private readonly legs = new Map<string, { transferId: string; callId: string; who: HandlerRef }>();
  private readonly listeners = new Set<(callId: string) => void>();
  private readonly log: Logger;
  private readonly noAnswerMs: number;

  constructor(private readonly o: TransferServiceOptions) {
    this.log = o.logger.child({ module: 'transfers' });
    this.noAnswerMs = o.noAnswerMs ?? 20_000;
    o.tracker.addOwner({
      stasisKinds: ['transfer'],
      ownsChannel: (id) => this.legs.has(id),
      // A running transfer's consultation bridge; one left by an earlier run goes at reconcile.
      ownsBridge: (id) => [...this.running.values()].some((r) => ids.bridge(r.state.id) === id),
      handleEvent: (ev) => this.onLegEvent(ev),
    });
    o.tracker.onCallEnded((end) => void this.callEnded(end.callId));
  }

  /** Listens to changes of any call's transfer; returns the unsubscribe. */
  onChange(listener: (callId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The call's running transfer, if any. */
  view(callId: string): TransferView | null {
    const r = this.running.get(callId);
    if (!r) return null;
    const s = r.state;
    const who = handlerOf(s.target);
    const target = { targetAgentId: who.kind === 'agent' ? who.agentId : null, targetUserId: who.kind === 'user' ? who.userId : null };
    return { id: s.id, mode: s.mode, phase: s.phase, ...target, targetUp: s.targetUp, held: s.held };
  }

  /** Whether user `userId`'s phone was called for a transfer and is still up (ringing, consulting, or with the customer). */
  userOnPhone(userId: number): boolean {
    for (const leg of this.legs.values()) if (leg.who.kind === 'user' && leg.who.userId === userId) return true;
    return false;
  }

  /** The agent who started the call's running transfer, if any. */
  transferringAgent(callId: string): number | null {
    return this.running.get(callId)?.state.agent.agentId ?? null;
  }

  /** Starts a transfer of the call by its agent `agentId`. */
  async start(callId: string, agentId: number, mode: TransferMode, target: TransferTarget): Promise<TransferView> {
    const session = this.o.tracker.get(callId);
    const handler = session?.handler;
    if (!session || !handler || handler.agentId !== agentId) throw new Errors.TransferNotOnCall(callId);
    if (this.running.has(callId)) throw new Errors.TransferBusy(callId);
    if (this.o.consent.verificationRunning(callId)) throw new Errors.TransferVerifying(callId);
    const id = randomBytes(5).toString('hex');
    const leg = this.o.targets.reach(target, agentId, callId, ids.channel(id));
    const at = this.o.clock.now();
    const r: Running = {
      state: initialTransferState(id, mode, handler, leg),
      session,
      queue: new SerialQueue<TransferCommand>(
        (cmd) => this.execute(r, cmd),
        (err, cmd) => r.log.error({ err, command: cmd.type }, 'transfers: command failed'),
      ),
      timer: null,
      log: this.log.child({ callId, transferId: id }),
      unwatch: () => undefined,
      targetBridge: null,
    };
    this.running.set(callId, r);
    const who = handlerOf(leg);
    if (leg.kind !== 'parked') this.legs.set(leg.channelId, { transferId: id, callId, who });
    this.o.store.insertTransfer({
      id,
      callId,
      mode,
      fromAgentId: agentId,
      targetKind: who.kind === 'agent' ? 'agent' : 'supervisor',
      targetAgentId: who.kind === 'agent' ? who.agentId : null,
      targetUserId: who.kind === 'user' ? who.userId : null,
      targetExtension: leg.kind === 'parked' ? null : leg.extension,
      startedAt: at,
    });
    session.attachTransfer({
      holding: () => this.running.get(callId)?.state.held ?? false,
      agentGone: (gone) => this.agentGone(callId, gone),
    });
    // The customer hanging up ends the transfer at once (not when the call is closed).
    r.unwatch = session.watch((ev) => {
      if ((ev.type === 'ChannelHangupRequest' || ev.type === 'StasisEnd') && ev.channel.id === session.channelId) {
        this.input(callId, { type: 'customer-gone', at: this.o.clock.now() });
      }
    });
    r.log.info({ mode, target: leg }, 'transfers: started');
    this.input(callId, { type: 'start', at });
    return this.view(callId)!;
  }

  /** The agent's next step: complete (three-way), leave (hand over), cancel. */
  act(callId: string, agentId: number, action: TransferAction): TransferView | null {
    const r = this.running.get(callId);
    if (!r) throw new Errors.TransferNone(callId);
    if (r.state.agent.agentId !== agentId) throw new Errors.TransferNotOnCall(callId);
    const allowed = action === 'complete' ? r.state.phase === 'consulting' : action === 'leave' ? r.state.phase === 'conference' : true;
    if (!allowed) throw new Errors.TransferStep(callId, action, r.state.phase);
    // Moving the agent off the customer would take them out of a verification they run.
    if (action !== 'cancel' && this.o.consent.verificationRunning(callId)) throw new Errors.TransferVerifying(callId);
    this.input(callId, { type: action, at: this.o.clock.now() });
    return this.view(callId);
  }

  private input(callId: string, input: TransferInput): void {
    const r = this.running.get(callId);
    if (!r) return;
    const { state, commands } = transferTransition(r.state, input, { noAnswerMs: this.noAnswerMs });
    r.state = state;
    if (state.phase === 'ended') {
      // Over for the rules at once: a new transfer may start while the last commands run.
      this.running.delete(callId);
      r.unwatch();
      r.session.attachTransfer(null);
    }
    for (const cmd of commands) {
      // Book-keeping is written at once, in order; telephony waits its turn in the queue.
      if (cmd.type === 'persist') this.o.store.patchTransfer(state.id, cmd.patch);
      else r.queue.push(cmd);
    }
    if (commands.length) this.changed(callId);
  }

  private async execute(r: Running, cmd: TransferCommand): Promise<void> {
    const callId = r.session.callId;
    const { telephony, agents, store, clock } = this.o;
    const s = r.state;
    const callBridge = r.session.bridgeId;
    const consultBridge = ids.bridge(s.id);
    const place = (to: 'call' | 'consult') => (to === 'call' ? callBridge : consultBridge);
    switch (cmd.type) {
      case 'persist':
        store.patchTransfer(s.id, cmd.patch);
        return;
      case 'hold-customer':
        await telephony.startBridgeMoh(callBridge);
        return;
      case 'unhold-customer':
        await telephony.stopBridgeMoh(callBridge).catch(ignoreAriNotFound);
        return;
      case 'create-consult-bridge':
        await telephony.createBridge(consultBridge, 'mixing');
        return;
      case 'destroy-consult-bridge':
        await telephony.destroyBridge(consultBridge).catch(ignoreAriNotFound);
        return;
      case 'move-agent':
        await agents.moveDuringCall(s.agent.agentId, cmd.to === 'parked' ? 'parked' : place(cmd.to), callBridge).catch((err: unknown) => {
          // The agent's softphone is gone: the pool reports it and the machine hears agent-gone.
          r.log.warn({ err }, 'transfers: could not move the agent');
        });
        return;
      case 'reach-target':
        await this.reachTarget(r, place(cmd.to));
        return;
      case 'arm-no-answer':
        r.timer?.cancel();
        r.timer = clock.setTimeout(() => this.input(callId, { type: 'no-answer', at: clock.now() }), cmd.ms);
        return;
      case 'cancel-no-answer':
        r.timer?.cancel();
        r.timer = null;
        return;
      case 'move-target':
        if (s.target.kind === 'parked') {
          await agents.moveDuringCall(s.target.agentId, place(cmd.to), callBridge);
          r.targetBridge = place(cmd.to);
        } else await telephony.addToBridge(place(cmd.to), s.target.channelId);
        return;
      case 'drop-target':
        await this.dropTarget(r);
        return;
      case 'target-joined':
        store.ensureFirstHandler(callId, s.agent.agentId);
        store.open(callId, handlerOf(s.target), s.target.kind === 'parked' ? null : s.target.extension, s.mode, s.id, cmd.at);
        return;
      case 'target-left':
        store.close(callId, handlerOf(s.target), cmd.at);
        return;
      case 'hand-over': {
        const to = handlerOf(s.target);
        store.ensureFirstHandler(callId, s.agent.agentId);
        store.open(callId, to, s.target.kind === 'parked' ? null : s.target.extension, cmd.via, s.id, cmd.at);
        store.close(callId, { kind: 'agent', agentId: s.agent.agentId }, cmd.at);
        // A supervisor has the customer on their phone but is no agent: the call has no agent softphone from now on.
        r.session.handOver(to.kind === 'agent' ? to.agentId : null, s.target.channelId);
        this.o.consent.handedOver(callId, s.agent.agentId, to);
        return;
      }
      case 'release-agent':
        // Handed to an agent, the disposition is theirs (the last handler's). A supervisor has no
        // disposition form, so the agent who handed the customer over still owes it.
        await agents.release(s.agent.agentId, callBridge, false, r.session.spec.campaignId, s.target.kind === 'ring-user');
        return;
      case 'finished':
        r.timer?.cancel();
        r.log.info({ outcome: cmd.outcome }, 'transfers: ended');
        this.changed(callId);
        return;
    }
  }

  private async reachTarget(r: Running, bridgeId: string): Promise<void> {
    const s = r.state;
    const callId = r.session.callId;
    if (s.target.kind === 'parked') {
      try {
        await this.o.agents.connectToCall(s.target.agentId, bridgeId);
        r.targetBridge = bridgeId;
        this.input(callId, { type: 'target-up', at: this.o.clock.now() });
      } catch (err) {
        r.log.warn({ err }, 'transfers: the target agent could not be connected');
        this.input(callId, { type: 'target-gone', at: this.o.clock.now(), reason: 'the target agent could not be connected' });
      }
      return;
    }
    try {
      await this.o.telephony.originate({
        channelId: s.target.channelId,
        endpoint: this.o.targets.endpointOf(s.target),
        appArgs: ['transfer', s.id],
        // Asterisk's own limit is only a backstop, well after our no-answer timer decides.
        timeoutSec: Math.ceil(this.noAnswerMs / 1000) + 30,
        callerId: r.session.spec.phone,
      });
    } catch (err) {
      r.log.warn({ err }, 'transfers: the target could not be called');
      this.input(callId, { type: 'target-gone', at: this.o.clock.now(), reason: `the target could not be called: ${(err as Error).message.slice(0, 160)}` });
    }
  }

  private async dropTarget(r: Running): Promise<void> {
    const s = r.state;
    if (s.target.kind === 'parked') {
      // Consulted, not handed the call: back to ready, no wrap-up and no disposition owed.
      await this.o.agents.release(s.target.agentId, r.targetBridge ?? r.session.bridgeId, false, undefined, false);
      return;
    }
    this.legs.delete(s.target.channelId);
    await this.o.telephony.hangup(s.target.channelId, 'normal').catch(ignoreAriNotFound);
  }

  /** Events of a phone we called for a transfer. */
  private onLegEvent(ev: AriEvent): void {
    if (!('channel' in ev)) return;
    const leg = this.legs.get(ev.channel.id);
    if (!leg) return;
    const r = this.running.get(leg.callId);
    const inTransfer = r?.state.id === leg.transferId;
    const at = this.o.clock.now();
    if (ev.type === 'StasisStart') {
      if (!inTransfer || r.state.phase !== 'reaching') {
        // Answered too late (the transfer was cancelled or timed out meanwhile).
        this.legs.delete(ev.channel.id);
        void this.o.telephony.hangup(ev.channel.id, 'normal').catch(ignoreAriNotFound);
        return;
      }
      const bridgeId = r.state.mode === 'warm' ? ids.bridge(r.state.id) : r.session.bridgeId;
      void this.o.telephony
        .addToBridge(bridgeId, ev.channel.id)
        .then(() => this.input(leg.callId, { type: 'target-up', at: this.o.clock.now() }))
        .catch((err: unknown) => {
          r.log.warn({ err }, 'transfers: the answered target could not be bridged');
          this.input(leg.callId, { type: 'target-gone', at: this.o.clock.now(), reason: 'the answered target could not be bridged' });
        });
      return;
    }
    if (ev.type !== 'ChannelDestroyed' && ev.type !== 'StasisEnd') return;
    this.legs.delete(ev.channel.id);
    if (inTransfer) {
      // Rang out on Asterisk's side (cause 19 no answer, 18 no user responding): the same as our timer.
      if (ev.type === 'ChannelDestroyed' && !r.state.targetUp && (ev.cause === 19 || ev.cause === 18)) {
        this.input(leg.callId, { type: 'no-answer', at });
        return;
      }
      this.input(leg.callId, { type: 'target-gone', at, reason: ev.type === 'ChannelDestroyed' ? `the target's phone: ${ev.causeText}` : 'the target hung up' });
      return;
    }
    // Handed over: this phone is the call's handler now; its hangup is the agent's (a supervisor
    // has no agent session, so the call is ended as from the console, as after a takeover).
    const session = this.o.tracker.get(leg.callId);
    if (leg.who.kind === 'agent') session?.agentGone(leg.who.agentId);
    else session?.endByAgent();
  }

  /** A softphone of the call was lost during the transfer; true when the transfer handles it. */
  private agentGone(callId: string, agentId: number | undefined): boolean {
    const r = this.running.get(callId);
    if (!r) return false;
    const at = this.o.clock.now();
    if (r.state.target.kind === 'parked' && agentId === r.state.target.agentId) {
      this.input(callId, { type: 'target-gone', at, reason: 'the target agent hung up' });
      return true;
    }
    if (agentId === undefined || agentId === r.state.agent.agentId) {
      const handedOver = r.state.targetUp;
      this.input(callId, { type: 'agent-gone', at });
      // Nobody kept the customer: the call machine ends the call as for any agent hangup.
      return handedOver;
    }
    return false;
  }

  private async callEnded(callId: string): Promise<void> {
    if (this.running.has(callId)) this.input(callId, { type: 'customer-gone', at: this.o.clock.now() });
    this.o.store.closeAll(callId, this.o.clock.now());
    for (const [channelId, leg] of this.legs) {
      if (leg.callId !== callId) continue;
      this.legs.delete(channelId);
      await this.o.telephony.hangup(channelId, 'normal').catch(ignoreAriNotFound);
    }
  }

  private changed(callId: string): void {
    for (const l of [...this.listeners]) {
      try {
        l(callId);
      } catch (err) {
        this.log.warn({ err, callId }, 'transfers: a listener failed');
      }
    }
  }
}
