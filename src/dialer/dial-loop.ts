/**
 * The dial loop: on every tick and every floor event (an agent ready, a call ended, ARI back)
 * it runs one pass over the running campaigns:
 *
 *  1. Due callbacks first (campaigns in progressive or predictive mode): an owned callback is
 *     dialed only when its agent is ready, an open one when any agent is; the agent is
 *     reserved for the call before it is placed, so the customer who asked for the call is
 *     never abandoned. (Preview campaigns hand callbacks to the agent's preview instead.)
 *  2. Then each progressive or predictive campaign in turn (the first one rotates from pass to
 *     pass) asks the pure pacing core how many calls to place (`callsToPlace`), from its share
 *     of the floor as it is now: only the agents who may take its calls, an agent shared with
 *     another campaign counted for one of them only (agent-allocation.ts, pacing-inputs.ts).
 *
 * Only contacts inside their calling window are claimed (window-gate.ts). Every call, from
 * whichever path, goes through `placeCall`, and every number through `preDialCheck`
 * immediately before it is dialed. Dialing pauses while ARI is disconnected.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { TimerHandle } from '../clock.js';
import { campaigns } from '../db/schema.js';
import type { AgentSessionView } from '../agents/agent-pool.js';
import { CallSession, type CallEnd } from '../calls/call-session.js';
import type { CampaignRow } from '../campaigns/campaign-settings.js';
import { MIN_RING_TIMEOUT_SEC } from '../campaigns/campaign-settings.js';
import { customerEndpoint } from '../telephony/endpoint.js';
import { ContactQueue, type ClaimedContact } from './contact-queue.js';
import { PacingBook } from './pacing-book.js';
import { campaignFloors, pacingInput } from './pacing-inputs.js';
import { allocateAgents } from './agent-allocation.js';
import { pickAgentFor } from '../agents/agent-offers.js';
import { callsToPlace } from './pacing/pacing.js';
import { OpeningBuilder } from './opening-builder.js';
import { WindowGate } from './window-gate.js';
import { oneCommit } from '../db/one-commit.js';
import { once } from '../db/prepared.js';

export type { CampaignPacingView, DialLoopOptions, DoNotCallCheck, PlaceOptions, PlaceResult } from './dial-loop-types.js';
import type { CampaignPacingView, DialLoopOptions, PlaceOptions, PlaceResult } from './dial-loop-types.js';

export class DialLoop {
  readonly queue: ContactQueue;
  readonly windows = new WindowGate();
  readonly book: PacingBook;
  private readonly log: Logger;
  private readonly openings: OpeningBuilder;
  private readonly decisions = new Map<number, CampaignPacingView>();
  private readonly agentCampaign = new Map<number, number>();
  private readonly agentState = new Map<number, { state: string; since: number }>();
  private timer: TimerHandle | null = null;
  private scheduled = false;
  private lastPassAt = -Infinity;
  private readonly runningCampaigns = once(() => this.opts.db.select().from(campaigns).where(eq(campaigns.status, 'running')).orderBy(asc(campaigns.id)).prepare());
  private running = false;
  private pausedReason: string | null = null;
  private wasConnected = false;
  private rotation = 0;

  constructor(private readonly opts: DialLoopOptions) {
    this.openings = new OpeningBuilder(opts.db);
    this.log = opts.logger.child({ module: 'dialer' });
    this.queue = new ContactQueue(opts.db);
    this.book = new PacingBook({ db: opts.db, clock: opts.clock, secondMs: opts.pacingSecondMs, wrapUpMs: opts.wrapUpMs });
    opts.agents.on('ready', () => this.kick());
    opts.agents.on('changed', (v) => this.agentChanged(v));
    opts.tracker.onCallEnded((end) => {
      this.callEnded(end);
      this.kick();
    });
    opts.telephony.on('connected', () => this.kick());
  }

  start(): void {
    if (this.running) return;
    // No agent session survives a restart, so neither does a preview hold.
    const released = this.queue.releaseAllHolds();
    if (released) this.log.info({ released }, 'dialer: preview holds from before the start released');
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

  /** The last pacing decision taken for a campaign, if any. */
  lastDecision(campaignId: number): CampaignPacingView | null {
    return this.decisions.get(campaignId) ?? null;
  }

  /** Asks for a pass soon (coalesced). */
  kick(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      if (this.running) this.pass();
    };
    const wait = this.lastPassAt + (this.opts.passGapMs ?? 50) - performance.now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }

  /** Another pass right after this one (not held back by passGapMs): the calls this one had no budget for. */
  private continueSoon(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.running) this.pass();
    });
  }

  private loop(): void {
    if (!this.running) return;
    this.pass();
    this.timer = this.opts.clock.setTimeout(() => this.loop(), this.opts.tickMs ?? 1000);
  }

  /** One pass over every running campaign (see the module comment). Returns the number of calls placed. */
  pass(): number {
    this.lastPassAt = performance.now();
    // Its claims and call rows in one commit, not one each (db/one-commit.ts).
    return oneCommit(this.opts.db.$client, () => this.passOnce());
  }

  private passOnce(): number {
    if (!this.opts.telephony.isConnected) {
      if (this.pausedReason === null && this.wasConnected) this.log.warn('dialer: ARI disconnected; dialing paused');
      this.pausedReason = 'ARI disconnected';
      return 0;
    }
    // Every call is recorded: while recordings cannot be stored, no new call is placed.
    const hold = this.opts.hold?.() ?? null;
    if (hold) {
      if (this.pausedReason !== hold) this.log.warn({ reason: hold }, 'dialer: dialing paused');
      this.pausedReason = hold;
      this.wasConnected = true;
      return 0;
    }
    if (this.pausedReason && this.wasConnected) this.log.info({ was: this.pausedReason }, 'dialer: dialing resumed');
    this.pausedReason = null;
    this.wasConnected = true;
    const now = this.opts.clock.now();
    const running = this.runningCampaigns().all();
    const paced = running.filter((c) => c.dialMode !== 'preview');
    let placed = this.dialCallbacks(paced, now);
    let budget = this.opts.maxCallsPerPass ?? 2;
    let more = false;
    if (paced.length === 0) return placed;
    const start = this.rotation++ % paced.length;
    // First what each campaign has to dial now, then the agents shared out among those that have.
    const wanting: Array<{ c: CampaignRow; open: ReturnType<WindowGate['openRegions']>; contactsLeft: number }> = [];
    for (let k = 0; k < paced.length; k++) {
      const c = paced[(start + k) % paced.length]!;
      this.queue.fillRegions(c.id);
      const open = this.windows.openRegions(c, now, this.queue.regionsPresent(c.id));
      const contactsLeft = this.queue.dueCount(c.id, open, now);
      if (contactsLeft === 0 && this.queue.dueCount(c.id, null, now, 1) > 0) {
        // Contacts are due, but none of their callees is inside the calling window now.
        this.decisions.set(c.id, { at: now, reason: 'window-closed', calls: 0, diagnostics: null });
        continue;
      }
      wanting.push({ c, open, contactsLeft });
    }
    const { agents } = this.opts;
    const allocation = allocateAgents(
      agents.list().map((a) => ({ agentId: a.agentId, campaignOfCall: this.campaignOfAgent(a) })),
      // Only campaigns with contacts to dial now share the agents out.
      wanting.filter((w) => w.contactsLeft > 0).map((w) => w.c.id),
      (agentId, campaignId) => agents.priorityOn(agentId, campaignId),
    );
    const floors = campaignFloors(agents, this.opts.tracker, now, this.book.secondMs, allocation);
    for (const { c, open, contactsLeft } of wanting) {
      const floor = floors.get(c.id) ?? { agents: [], callsInFlight: [], ongoingTalkSec: [], linesInUse: this.opts.tracker.list().length };
      const decision = callsToPlace(pacingInput(c, floor, this.book, contactsLeft, this.opts.agentWaitMs / this.book.secondMs));
      this.decisions.set(c.id, { at: now, reason: decision.reason, calls: decision.calls, diagnostics: decision.diagnostics });
      let done = 0;
      while (done < decision.calls) {
        if (budget <= 0) {
          more = true;
          break;
        }
        const contact = this.queue.claimForCall(c.id, open, now);
        if (!contact) break;
        if (!this.placeCall(c, contact).ok) continue;
        done += 1;
        budget -= 1;
        floor.callsInFlight.push({ stage: 'dialing', ageSec: 0 });
        for (const f of floors.values()) f.linesInUse += 1;
      }
      if (done > 0) this.log.debug({ campaignId: c.id, calls: done, reason: decision.reason, ...decision.diagnostics }, 'dialer: calls placed');
      placed += done;
    }
    if (more) this.continueSoon();
    return placed;
  }

  /**
   * The pre-dial check — the one place every number passes immediately before it is dialed
   * (and before a preview card shows it). Returns why it must not be dialed, or null.
   * The do-not-call list is consulted here.
   */
  preDialCheck(campaignId: number, e164: string): string | null {
    if (this.opts.doNotCall.isBlocked(campaignId, e164)) return 'do-not-call';
    return null;
  }

  /**
   * Places one call to a contact already claimed (status dialing). Not placed when the number
   * fails the pre-dial check (the contact is then finished with the reason) or the reserved
   * agent is no longer available (the contact is returned to the queue).
   */
  placeCall(campaign: CampaignRow, contact: ClaimedContact, options: PlaceOptions = {}): PlaceResult {
    const now = this.opts.clock.now();
    const hold = this.opts.hold?.() ?? null;
    if (hold) {
      this.queue.unclaim(contact.id);
      return { ok: false, reason: `dialing is paused: ${hold}` };
    }
    const refusal = this.preDialCheck(campaign.id, contact.phone);
    if (refusal) {
      this.log.info({ campaignId: campaign.id, contactId: contact.id, reason: refusal }, 'dialer: number not dialed');
      this.queue.finishUndialable(contact.id, refusal, now);
      if (options.callbackId !== undefined) this.opts.callbacks.drop(options.callbackId);
      return { ok: false, reason: `the pre-dial check refused it (${refusal})` };
    }
    const callId = randomUUID();
    const agentId = options.reservedAgentId;
    if (agentId !== undefined) {
      const ok = options.agentAlreadyHeld ? this.opts.agents.assignReservation(agentId, callId) : this.opts.agents.reserve(agentId, callId);
      if (!ok) {
        this.queue.unclaim(contact.id);
        return { ok: false, reason: `agent ${agentId} is no longer available for it` };
      }
    }
    const endpoint = customerEndpoint(campaign.dialEndpointTemplate ?? this.opts.customerEndpointTemplate, contact.phone);
    // Built now, before dialling, so the answer only has to play it.
    let opening;
    try {
      opening = this.openings.build(campaign, contact, agentId);
    } catch (err) {
      this.log.error({ err, campaignId: campaign.id, contactId: contact.id }, 'dialer: the opening cannot be built; contact returned');
      this.queue.unclaim(contact.id);
      if (agentId !== undefined) this.opts.agents.unreserve(agentId, callId);
      return { ok: false, reason: `the opening cannot be built: ${(err as Error).message}` };
    }
    const session = new CallSession(this.opts.sessionDeps, {
      callId,
      campaignId: campaign.id,
      contactId: contact.id,
      phone: contact.phone,
      endpoint,
      ringTimeoutSec: Math.max(MIN_RING_TIMEOUT_SEC, campaign.ringTimeoutSec),
      callerId: campaign.callerId,
      openingMedia: opening.media,
      language: campaign.language,
      safeHarbourMedia: campaign.safeHarbourMedia,
      ...(agentId !== undefined ? { reservedAgentId: agentId } : {}),
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
      // A fact of the call: the agent dialed it from their preview card (not the dialer on its own).
      dialedByAgentId: options.agentAlreadyHeld && agentId !== undefined ? agentId : null,
    });
    if (options.callbackId !== undefined) this.opts.callbacks.markDialing(options.callbackId, callId);
    this.opts.tracker.add(session);
    // A reservation the call never used (no answer, busy…) is handed back when it closes.
    if (agentId !== undefined) void session.ended.then(() => this.opts.agents.unreserve(agentId, callId));
    void session.dial();
    return { ok: true, callId };
  }

  private dialCallbacks(paced: CampaignRow[], now: number): number {
    const byId = new Map(paced.map((c) => [c.id, c]));
    let placed = 0;
    for (const cb of this.opts.callbacks.due([...byId.keys()], now)) {
      const campaign = byId.get(cb.campaignId);
      if (!campaign) continue;
      // An owned callback waits for its agent until it expires; then (or an open one) it goes to a ready agent of the campaign.
      const agentId = this.opts.callbacks.ownerNow(cb) ?? this.readyAgentFor(campaign.id);
      if (agentId === null || this.opts.agents.get(agentId)?.state !== 'ready') continue;
      const contact = this.queue.get(cb.contactId);
      if (!contact || !this.windows.statusForNumber(campaign, contact.phone, now).open) continue;
      const claimed = this.queue.dialForCallback(cb.contactId);
      if (!claimed) continue;
      if (this.placeCall(campaign, claimed, { reservedAgentId: agentId, callbackId: cb.id }).ok) placed += 1;
    }
    return placed;
  }

  private readyAgentFor(campaignId: number): number | null {
    const ready = this.opts.agents
      .list()
      .filter((a) => a.state === 'ready')
      .map((a) => ({ agentId: a.agentId, since: a.stateSince }));
    return pickAgentFor(ready, campaignId, (a, c) => this.opts.agents.priorityOn(a, c))?.agentId ?? null;
  }

  /** The campaign of the call the agent is on or has just finished, if known. */
  private campaignOfAgent(a: AgentSessionView): number | null {
    const callId = a.callId ?? a.wrapUpCallId;
    const live = callId ? this.opts.tracker.get(callId)?.spec.campaignId : undefined;
    return live ?? (a.wrapUpCallId ? (this.agentCampaign.get(a.agentId) ?? null) : null);
  }

  private callEnded(end: CallEnd): void {
    const row = this.opts.store.get(end.callId);
    // Inbound calls (src/inbound) were not dialled: they teach pacing nothing.
    if (row && row.direction === 'outbound') this.book.callEnded(row.campaignId, row);
  }

  /** Measures wrap-up (from the end of a call to the agent's next state) per campaign. */
  private agentChanged(v: AgentSessionView): void {
    const prev = this.agentState.get(v.agentId);
    this.agentState.set(v.agentId, { state: v.state, since: v.stateSince });
    if (v.state === 'on-call' && v.callId) {
      const campaignId = this.opts.tracker.get(v.callId)?.spec.campaignId;
      if (campaignId !== undefined) this.agentCampaign.set(v.agentId, campaignId);
      return;
    }
    const campaignId = this.agentCampaign.get(v.agentId);
    if (campaignId === undefined || !prev) return;
    if (prev.state === 'wrap-up') this.book.wrapEnded(campaignId, v.stateSince - prev.since);
    else if (prev.state === 'on-call' && v.state !== 'wrap-up') this.book.wrapEnded(campaignId, 0);
  }
}
