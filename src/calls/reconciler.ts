/**
 * Restart safety. Every time the ARI event stream (re)connects, and periodically while it
 * is up, the service compares what it believes with what Asterisk has:
 * - calls left "in progress" in the database by a crash are closed as `interrupted`;
 * - channels and bridges of ours that no live call or agent owns are hung up / destroyed;
 * - live calls whose customer channel vanished unseen are closed;
 * - agents whose softphone channel vanished are logged out;
 * - channels in the app that this process never saw enter (an inbound caller or a softphone
 *   that dialled in, before a restart) are routed again: none is left in silence;
 * - recordings left on Asterisk for known segments are fetched.
 * So nothing stays "in progress" forever.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { AgentPool } from '../agents/agent-pool.js';
import type { RecordingService } from '../recordings/recording-service.js';
import { AriIds } from '../telephony/endpoint.js';
import { isLocalSecondHalf } from '../telephony/events.js';
import type { LiveChannel, Telephony } from '../telephony/telephony.js';
import { ignoreAriNotFound } from '../errors.js';
import type { CallStore } from './call-store.js';
import type { CallTracker } from './call-tracker.js';

export interface ReconcilerOptions {
  telephony: Telephony;
  tracker: CallTracker;
  agents: AgentPool;
  store: CallStore;
  recordings: RecordingService;
  clock: Clock;
  logger: Logger;
}

export interface ReconcileReport {
  interruptedCalls: number;
  orphanChannels: number;
  lostCalls: number;
  lostAgents: number;
  recoveredRecordingCalls: number;
  /** Channels in the app that this process never saw enter, routed again. */
  reenteredChannels: number;
}

export class Reconciler {
  private readonly log: Logger;
  private running: Promise<ReconcileReport> | null = null;
  /** When the event stream was last lost: calls whose channel vanished meanwhile ended then. */
  private streamLostAt: number | null = null;

  constructor(private readonly opts: ReconcilerOptions) {
    this.log = opts.logger.child({ module: 'reconcile' });
  }

  /** The event stream was lost at `at` (calls found gone at the next run are dated from it). */
  noteStreamLost(at: number): void {
    this.streamLostAt ??= at;
  }

  /** Runs one reconciliation (concurrent requests share the run in progress). */
  run(): Promise<ReconcileReport> {
    this.running ??= this.reconcile().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Closes calls the database says are in progress but no session of this process owns
   * (a crash). Needs no Asterisk, so it runs at start even while ARI is unreachable.
   */
  closeStaleCalls(): number {
    const { tracker, store, clock } = this.opts;
    let closed = 0;
    for (const row of store.notEnded()) {
      if (tracker.get(row.id)) continue;
      store.closeInterrupted(row.id, clock.now(), 'service restarted during the call');
      closed += 1;
    }
    return closed;
  }

  private async reconcile(): Promise<ReconcileReport> {
    const { telephony, tracker, recordings } = this.opts;
    const report: ReconcileReport = { interruptedCalls: 0, orphanChannels: 0, lostCalls: 0, lostAgents: 0, recoveredRecordingCalls: 0, reenteredChannels: 0 };

    // 1. Calls left in progress by an earlier run.
    report.interruptedCalls = this.closeStaleCalls();

    // 2. Channels: ours but unowned → hang up; owned but gone → close / log out.
    const channels = await telephony.listChannels();
    const live = new Set(channels.map((c) => c.id));
    tracker.reconcileStarted(live);
    try {
      await this.repairChannels(channels, live, report);
    } finally {
      tracker.reconcileEnded();
    }
    this.streamLostAt = null;

    // 4. Recordings of ended calls still pending (crash, or Asterisk was unreachable).
    report.recoveredRecordingCalls = await recordings.recoverPending();

    if (Object.values(report).some((n) => n > 0)) {
      this.log.warn({ ...report }, 'reconcile: repaired state after a restart or disconnect');
    }
    return report;
  }

  private async repairChannels(channels: LiveChannel[], live: ReadonlySet<string>, report: ReconcileReport): Promise<void> {
    const { telephony, tracker, agents } = this.opts;
    for (const c of channels) {
      if (!AriIds.isOurs(c.id) && !AriIds.isModuleOwned(c.id)) continue;
      // A Local channel is a pair, `id` and `id;2`, both ours: the `;2` half belongs to whoever
      // owns its first half, and goes when that one is hung up.
      const firstHalf = isLocalSecondHalf(c.id) ? c.id.slice(0, -2) : c.id;
      if (firstHalf !== c.id && live.has(firstHalf)) continue;
      const callId = /^cust-(.+)$/.exec(firstHalf)?.[1];
      const owned = (callId && tracker.get(callId)) || agents.ownsChannel(firstHalf) || tracker.ownedByOther(firstHalf);
      if (owned) continue;
      report.orphanChannels += 1;
      await telephony.hangup(c.id, 'normal').catch(ignoreAriNotFound);
    }
    for (const session of tracker.list()) {
      // A call still dialing may not be listed yet if the originate is in flight.
      if (session.phase === 'dialing' || session.phase === 'ended') continue;
      if (!live.has(session.channelId)) {
        report.lostCalls += 1;
        session.channelLost(this.streamLostAt ?? undefined);
      }
    }
    for (const a of agents.list()) {
      if (a.state !== 'connecting' && !live.has(a.channelId)) {
        report.lostAgents += 1;
        agents.channelGone(a.channelId, 'missing at reconcile');
      }
    }

    // Bridges of ours that no call or agent owns (their recordings end with them).
    const ownedBridges = new Set([...tracker.list().map((t) => t.bridgeId), ...agents.list().map((a) => AriIds.holdingBridge(a.agentId))]);
    for (const b of await telephony.listBridges()) {
      const orphan = AriIds.isOurs(b.id) ? !ownedBridges.has(b.id) : AriIds.isModuleOwned(b.id) && !tracker.ownedByOther(b.id);
      if (orphan) await telephony.destroyBridge(b.id).catch(ignoreAriNotFound);
    }

    // 3. Channels in the app nobody here saw enter, once the bridges they were in are gone;
    // listed again (only when the first listing had any in the app), so one that left
    // meanwhile is not routed.
    if (!channels.some(inAppNotOurs)) return;
    for (const c of await telephony.listChannels()) {
      if (inAppNotOurs(c) && tracker.enterAgain(c)) report.reenteredChannels += 1;
    }
  }
}

/** A channel in our Stasis app that Asterisk named (an inbound caller, a softphone that dialled in). */
function inAppNotOurs(c: LiveChannel): c is LiveChannel & { stasisArgs: string[] } {
  return c.stasisArgs !== null && !AriIds.isOurs(c.id) && !AriIds.isModuleOwned(c.id) && !isLocalSecondHalf(c.id);
}

