/**
 * The dial loop: for each running campaign, decides how many calls to place now and
 * places them. Progressive mode dials one customer per free agent: free agents less the
 * calls already dialing or waiting for an agent. Dialing pauses while ARI is disconnected.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../db/database.js';
import { campaigns, contacts } from '../db/schema.js';
import type { AgentPool } from '../agents/agent-pool.js';
import { CallSession, type CallSessionDeps } from '../calls/call-session.js';
import type { CallStore } from '../calls/call-store.js';
import type { CallTracker } from '../calls/call-tracker.js';
import { customerEndpoint } from '../telephony/endpoint.js';
import type { Telephony } from '../telephony/telephony.js';

export interface DialLoopOptions {
  db: Db;
  telephony: Telephony;
  agents: AgentPool;
  tracker: CallTracker;
  store: CallStore;
  sessionDeps: CallSessionDeps;
  clock: Clock;
  logger: Logger;
  /** Service-wide customer dial string, e.g. PJSIP/{number}@carrier. */
  customerEndpointTemplate: string;
  /** Re-evaluate at least this often (events also trigger a pass). */
  tickMs?: number;
}

type CampaignRow = typeof campaigns.$inferSelect;

export class DialLoop {
  private readonly log: Logger;
  private timer: TimerHandle | null = null;
  private scheduled = false;
  private running = false;
  private pausedReason: string | null = null;
  private wasConnected = false;

  constructor(private readonly opts: DialLoopOptions) {
    this.log = opts.logger.child({ module: 'dialer' });
    opts.agents.on('ready', () => this.kick());
    opts.tracker.onCallEnded(() => this.kick());
    opts.telephony.on('connected', () => this.kick());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop();
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Why dialing is paused right now, or null when it is not. */
  get paused(): string | null {
    return this.pausedReason;
  }

  /** Asks for a pass soon (coalesced). */
  kick(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pass();
    });
  }

  private loop(): void {
    if (!this.running) return;
    this.pass();
    this.timer = this.opts.clock.setTimeout(() => this.loop(), this.opts.tickMs ?? 1000);
  }

  /** One pacing pass over every running campaign. Returns the number of calls placed. */
  pass(): number {
    if (!this.opts.telephony.isConnected) {
      if (this.pausedReason === null && this.wasConnected) this.log.warn('dialer: ARI disconnected; dialing paused');
      this.pausedReason = 'ARI disconnected';
      return 0;
    }
    if (this.pausedReason && this.wasConnected) this.log.info('dialer: ARI back; dialing resumed');
    this.pausedReason = null;
    this.wasConnected = true;
    const running = this.opts.db.select().from(campaigns).where(eq(campaigns.status, 'running')).orderBy(asc(campaigns.id)).all();
    let placed = 0;
    // Free agents are shared by the running campaigns, handed out round-robin.
    let budget = this.opts.agents.availableCount() - this.opts.tracker.awaitingAgentCount();
    const wanting = running.filter((c) => c.dialMode === 'progressive');
    while (budget > 0 && wanting.length > 0) {
      for (let i = 0; i < wanting.length && budget > 0; ) {
        const campaign = wanting[i];
        if (!campaign) break;
        if (this.placeCall(campaign)) {
          placed += 1;
          budget -= 1;
          i += 1;
        } else {
          wanting.splice(i, 1);
        }
      }
    }
    return placed;
  }

  /** Claims the next due contact of the campaign and dials it; false when none is due. */
  private placeCall(campaign: CampaignRow): boolean {
    const now = this.opts.clock.now();
    const contact = this.claimNextContact(campaign.id, now);
    if (!contact) return false;
    const callId = randomUUID();
    const endpoint = customerEndpoint(campaign.dialEndpointTemplate ?? this.opts.customerEndpointTemplate, contact.phone);
    const session = new CallSession(this.opts.sessionDeps, {
      callId,
      campaignId: campaign.id,
      contactId: contact.id,
      phone: contact.phone,
      endpoint,
      ringTimeoutSec: Math.max(15, campaign.ringTimeoutSec),
      callerId: campaign.callerId,
      openingMedia: campaign.openingMedia,
    });
    this.opts.store.create({
      id: callId,
      campaignId: campaign.id,
      contactId: contact.id,
      phone: contact.phone,
      endpoint,
      channelId: session.channelId,
      bridgeId: session.bridgeId,
      state: 'dialing',
      originatedAt: now,
    });
    this.opts.tracker.add(session);
    void session.dial();
    return true;
  }

  private claimNextContact(campaignId: number, now: number): { id: number; phone: string } | null {
    const { db } = this.opts;
    return db.transaction((tx) => {
      const next = tx
        .select({ id: contacts.id, phone: contacts.phone })
        .from(contacts)
        .where(
          and(
            eq(contacts.campaignId, campaignId),
            eq(contacts.status, 'pending'),
            or(isNull(contacts.nextAttemptAt), lte(contacts.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(contacts.id))
        .limit(1)
        .get();
      if (!next) return null;
      tx.update(contacts)
        .set({ status: 'dialing', attempts: sql`${contacts.attempts} + 1` })
        .where(eq(contacts.id, next.id))
        .run();
      return next;
    });
  }
}
