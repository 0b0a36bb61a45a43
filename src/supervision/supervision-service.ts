/**
 * Supervisors on live calls (issue 13): the I/O shell around monitor-rules.ts.
 *
 * The supervisor's own phone is called once per supervision and answered into a private
 * mixing bridge (`mon-<id>`). Listen puts an ARI snoop of the agent's channel (spy both: what
 * the agent hears and says) into that bridge, so the supervisor hears the call and nobody
 * hears them; whisper replaces it with a snoop that also whispers `out` on the agent's
 * channel (towards the agent's phone only); barge moves the phone into the call's own mixing
 * bridge, which is the recorded one, so the recording holds the supervisor too; take over
 * does the same and sends the agent back to their holding bridge and wrap-up. The phone stays
 * up across switches; every stretch of a mode is a monitor_sessions row. Nothing is sent to
 * the agent's console: a silent listen leaves no trace there.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthUser } from '../auth/tokens.js';
import type { CallSession } from '../calls/call-session.js';
import type { CallTracker, ChannelOwner } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { MonitorMode } from '../db/schema-supervision.js';
import { Errors, ignoreAriNotFound } from '../errors.js';
import { AriIds } from '../telephony/endpoint.js';
import type { AriEvent } from '../telephony/events.js';
import type { Telephony } from '../telephony/telephony.js';
import { mayEnter, stepsBetween, type MonitorFacts, type MonitorStep } from './monitor-rules.js';
import type { MonitorEndReason, MonitorStore } from './monitor-store.js';
import type { SupervisorPhones } from './supervisor-phones.js';

export interface SupervisionServiceOptions {
  telephony: Telephony;
  tracker: CallTracker;
  consent: Pick<ConsentService, 'status' | 'handlerChanged' | 'setOthersSpeaking' | 'refresh'>;
  store: MonitorStore;
  phones: SupervisorPhones;
  clock: Clock;
  logger: Logger;
  /** How long the supervisor's phone may ring (seconds). */
  ringSec?: number;
}

/** A supervision as the API shows it. */
export interface SupervisionView {
  id: number;
  callId: string;
  userId: number;
  mode: MonitorMode;
  /** ringing: the supervisor's phone is being called; joined: they are on the call. */
  state: 'ringing' | 'joined';
  since: number;
}

interface Live {
  id: number;
  rowId: number;
  callId: string;
  user: AuthUser;
  mode: MonitorMode;
  since: number;
  phoneId: string;
  bridgeId: string;
  snoopId: string | null;
  snoopSeq: number;
  answered: boolean;
  ended: boolean;
  /** Applies mode changes one at a time, in order. */
  chain: Promise<void>;
}

const SNOOP = /^snoop-(\d+)-\d+$/;
const PHONE = /^sup-(\d+)-[0-9a-f]+$/;

export class SupervisionService implements ChannelOwner {
  readonly stasisKinds = ['supervisor', 'snoop'] as const;
  private readonly live = new Map<number, Live>();
  private readonly log: Logger;

  constructor(private readonly o: SupervisionServiceOptions) {
    this.log = o.logger.child({ module: 'supervision' });
    o.tracker.addOwner(this);
    // A supervisor in the conversation (barge, takeover) holds the system's verification back; listening and whispering do not.
    o.consent.setOthersSpeaking((callId) => this.ofCall(callId).some((l) => l.mode === 'barge' || l.mode === 'takeover'));
    o.tracker.onCallEnded((end) => {
      for (const l of this.ofCall(end.callId)) void this.finish(l, 'call-ended');
    });
    // Nothing of a supervision survives a restart: its phone and snoops are gone with the process's calls.
    o.store.closeAllOpen(o.clock.now());
  }

  /** The live supervisions of a call (the dashboard), or every one. */
  list(callId?: string): SupervisionView[] {
    return [...this.live.values()].filter((l) => callId === undefined || l.callId === callId).map((l) => this.view(l));
  }

  /** Starts supervising `callId` in `mode`: the user's phone is called and joined when it answers. */
  start(user: AuthUser, callId: string, mode: MonitorMode): SupervisionView {
    const existing = this.ofCall(callId).find((l) => l.user.id === user.id);
    if (existing) return this.switchMode(user, existing.id, mode);
    const session = this.o.tracker.get(callId);
    this.check(user, callId, mode, session, null);
    const endpoint = this.o.phones.endpointOf(user.id);
    if (!endpoint) throw new Errors.SupervisionNoPhone(user.id);
    const at = this.o.clock.now();
    const row = this.o.store.open({ callId, userId: user.id, mode, agentId: session!.connectedAgent?.agentId ?? null, at, groupId: null });
    const l: Live = {
      id: row.id,
      rowId: row.id,
      callId,
      user,
      mode,
      since: at,
      phoneId: `sup-${row.id}-${randomBytes(4).toString('hex')}`,
      bridgeId: `mon-${row.id}`,
      snoopId: null,
      snoopSeq: 0,
      answered: false,
      ended: false,
      chain: Promise.resolve(),
    };
    this.live.set(l.id, l);
    this.log.info({ callId, userId: user.id, mode, supervisionId: l.id }, 'supervision: calling the supervisor');
    if (mode === 'barge') this.o.consent.refresh(callId);
    l.chain = this.callPhone(l, endpoint);
    return this.view(l);
  }

  /** Switches a live supervision to another mode; the phone and the call stay up. */
  switchMode(user: AuthUser, id: number, mode: MonitorMode): SupervisionView {
    const l = this.mine(user, id);
    this.check(user, l.callId, mode, this.o.tracker.get(l.callId), l.mode);
    const from = l.mode;
    const at = this.o.clock.now();
    this.o.store.close(l.rowId, at, 'switched');
    const agentId = this.o.tracker.get(l.callId)?.connectedAgent?.agentId ?? null;
    l.rowId = this.o.store.open({ callId: l.callId, userId: user.id, mode, agentId, at, groupId: l.id }).id;
    l.mode = mode;
    l.since = at;
    if (from === 'barge' || mode === 'barge') this.o.consent.refresh(l.callId);
    // Before the phone answers there is nothing to move: the new mode is applied on answer.
    if (l.answered) this.enqueue(l, () => this.apply(l, from, mode));
    return this.view(l);
  }

  /** Ends a supervision: the phone is hung up. After a takeover the supervisor was the handler, so the call ends too. */
  stop(user: AuthUser, id: number): SupervisionView {
    const l = this.mine(user, id);
    const v = this.view(l);
    void this.finish(l, 'stopped');
    return v;
  }

  // ---- ChannelOwner ---------------------------------------------------------------------

  ownsChannel(channelId: string): boolean {
    return this.byChannel(channelId) !== undefined;
  }

  ownsBridge(bridgeId: string): boolean {
    return [...this.live.values()].some((l) => l.bridgeId === bridgeId);
  }

  handleEvent(ev: AriEvent): void {
    if (!('channel' in ev)) return;
    const channelId = ev.channel.id;
    const l = this.byChannel(channelId);
    if (!l) return;
    const isPhone = channelId === l.phoneId;
    switch (ev.type) {
      case 'StasisStart':
        if (isPhone) this.enqueue(l, () => this.phoneAnswered(l));
        else if (channelId === l.snoopId) this.enqueue(l, () => this.o.telephony.addToBridge(l.bridgeId, channelId));
        else void this.o.telephony.hangup(channelId).catch(ignoreAriNotFound);
        return;
      case 'ChannelDestroyed':
      case 'StasisEnd':
        if (isPhone) void this.finish(l, l.answered ? 'phone-hung-up' : 'phone-not-answered');
        return;
      default:
        return;
    }
  }

  // ---- steps ----------------------------------------------------------------------------

  private check(user: AuthUser, callId: string, mode: MonitorMode, session: CallSession | undefined, currentMode: MonitorMode | null): void {
    const { kind, team } = this.o.phones.kindOf(user);
    const agent = session?.connectedAgent ?? null;
    const others = this.ofCall(callId).filter((l) => l.user.id !== user.id);
    const facts: MonitorFacts = {
      supervisor: kind,
      sameTeam: team !== null && agent !== null && this.o.phones.teamOf(agent.agentId) === team,
      callLive: session !== undefined && (session.phase === 'answered' || session.phase === 'connected'),
      agentOnCall: agent !== null,
      verificationRunning: session !== undefined && this.o.consent.status(callId).verification === 'running',
      currentMode,
      takenOverByOther: others.some((l) => l.mode === 'takeover'),
      hasPhone: currentMode !== null || this.o.phones.endpointOf(user.id) !== null,
      phoneInUse: currentMode === null && this.o.phones.phoneInUse(user.id),
    };
    const d = mayEnter(mode, facts);
    if (d.ok) return;
    if (d.refusal === 'role' || d.refusal === 'team') throw new Errors.SupervisionForbidden(callId, mode, d.refusal);
    if (d.refusal === 'no-phone') throw new Errors.SupervisionNoPhone(user.id);
    if (d.refusal === 'phone-in-use') throw new Errors.SupervisionPhoneInUse(this.o.phones.phoneOf(user.id)?.extension ?? '');
    if (d.refusal === 'verification-running') throw new Errors.SupervisionDuringVerification(callId, mode);
    throw new Errors.SupervisionRefused(callId, mode, d.refusal);
  }

  private async callPhone(l: Live, endpoint: string): Promise<void> {
    try {
      await this.o.telephony.createBridge(l.bridgeId, 'mixing');
      await this.o.telephony.originate({ channelId: l.phoneId, endpoint, appArgs: ['supervisor', String(l.id)], timeoutSec: this.o.ringSec ?? 30 });
    } catch (err) {
      this.log.warn({ err, callId: l.callId, supervisionId: l.id }, 'supervision: the supervisor could not be called');
      await this.finish(l, 'failed');
    }
  }

  private async phoneAnswered(l: Live): Promise<void> {
    if (l.ended) return;
    l.answered = true;
    await this.o.telephony.addToBridge(l.bridgeId, l.phoneId);
    await this.apply(l, null, l.mode);
  }

  private async apply(l: Live, from: MonitorMode | null, to: MonitorMode): Promise<void> {
    for (const step of stepsBetween(from, to)) {
      if (l.ended) return;
      await this.step(l, step);
    }
    this.log.info({ callId: l.callId, supervisionId: l.id, from, to }, 'supervision: mode applied');
  }

  private async step(l: Live, step: MonitorStep): Promise<void> {
    const t = this.o.telephony;
    const session = this.o.tracker.get(l.callId);
    const callBridge = AriIds.callBridge(l.callId);
    switch (step.type) {
      case 'snoop': {
        if (!session) return;
        // The agent's channel hears both sides and is where a whisper must go; without an agent, the customer's.
        const spied = session.connectedAgent?.channelId ?? session.channelId;
        l.snoopId = `snoop-${l.id}-${++l.snoopSeq}`;
        // Whisper `out` = towards the agent's phone. Checked on Asterisk 22 (test/asterisk/monitor.test.ts):
        // with `in` the supervisor is mixed into the call and the customer hears them.
        await t.snoopChannel({ channelId: spied, snoopId: l.snoopId, spy: 'both', whisper: step.whisper ? 'out' : 'none', appArgs: ['snoop', String(l.id)] });
        return;
      }
      case 'drop-snoop': {
        const id = l.snoopId;
        l.snoopId = null;
        if (id) await t.hangup(id).catch(ignoreAriNotFound);
        return;
      }
      case 'into-call-bridge':
        await t.removeFromBridge(l.bridgeId, l.phoneId).catch(ignoreAriNotFound);
        await t.addToBridge(callBridge, l.phoneId);
        return;
      case 'into-monitor-bridge':
        await t.removeFromBridge(callBridge, l.phoneId).catch(ignoreAriNotFound);
        await t.addToBridge(l.bridgeId, l.phoneId);
        return;
      case 'agent-leaves':
        session?.agentLeft();
        return;
      case 'identity-reset':
        this.o.consent.handlerChanged(l.callId, l.user, { supervisionId: l.id, supervisorUserId: l.user.id });
        return;
    }
  }

  /** Ends the supervision once: closes its row, hangs up the phone and the snoop, takes the private bridge down. */
  private async finish(l: Live, reason: MonitorEndReason): Promise<void> {
    if (l.ended) return;
    l.ended = true;
    this.o.store.close(l.rowId, this.o.clock.now(), reason);
    this.live.delete(l.id);
    if (l.mode === 'barge') this.o.consent.refresh(l.callId);
    this.log.info({ callId: l.callId, supervisionId: l.id, mode: l.mode, reason }, 'supervision: ended');
    // The supervisor who took the call over was its handler: hanging up ends the call, as an agent's would.
    if (l.mode === 'takeover' && l.answered && reason !== 'call-ended') this.o.tracker.get(l.callId)?.endByAgent();
    const t = this.o.telephony;
    const quiet = (err: unknown) => {
      try {
        ignoreAriNotFound(err);
      } catch (e) {
        this.log.warn({ err: e, callId: l.callId, supervisionId: l.id }, 'supervision: clean-up failed');
      }
    };
    if (l.snoopId) await t.hangup(l.snoopId).catch(quiet);
    await t.hangup(l.phoneId).catch(quiet);
    await t.destroyBridge(l.bridgeId).catch(quiet);
  }

  private enqueue(l: Live, fn: () => Promise<void>): void {
    l.chain = l.chain.then(fn).catch((err: unknown) => {
      this.log.error({ err, callId: l.callId, supervisionId: l.id }, 'supervision: a step failed; ending the supervision');
      return this.finish(l, 'failed');
    });
  }

  /** Settles when every queued step of every live supervision has run (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.live.values()].map((l) => l.chain));
  }

  private mine(user: AuthUser, id: number): Live {
    const l = this.live.get(id);
    if (!l || (l.user.id !== user.id && user.role !== 'admin')) throw new Errors.SupervisionNotFound(id);
    return l;
  }

  private ofCall(callId: string): Live[] {
    return [...this.live.values()].filter((l) => l.callId === callId);
  }

  private byChannel(channelId: string): Live | undefined {
    const m = PHONE.exec(channelId) ?? SNOOP.exec(channelId);
    return m ? this.live.get(Number(m[1])) : undefined;
  }

  private view(l: Live): SupervisionView {
    return { id: l.id, callId: l.callId, userId: l.user.id, mode: l.mode, state: l.answered ? 'joined' : 'ringing', since: l.since };
  }
}
