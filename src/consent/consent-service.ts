/**
 * The agent's consent actions on a live call (identity confirmed, speaker changed, refusal
 * logged, start verification, disposition) and the verifications the system runs. Every
 * action is an append-only `consent_actions` row; the identity state and the refusal count
 * are read back from those rows, so they survive a restart and cannot be edited.
 *
 * Guarantees (requirements §3): verification needs the agent's identity confirmation made
 * after the last speaker change (item 6); it is locked after the campaign's refusal limit
 * (item 4); a "sale" disposition is refused unless the call's verification produced a
 * subscription (items 1, 2, 3, 5 are the verification's).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AgentPool } from '../agents/agent-pool.js';
import type { AuthUser } from '../auth/tokens.js';
import type { CallTracker } from '../calls/call-tracker.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { agents, calls, campaigns, consentActions, subscriptions, type ConsentActionKind } from '../db/schema.js';
import { Errors } from '../errors.js';
import type { Telephony } from '../telephony/telephony.js';
import type { ConsentAudit } from './consent-audit.js';
import { disclosurePlaylist, termsOfCampaign } from './disclosure.js';
import type { SubscriptionStore } from './subscription-store.js';
import { VerificationRunner, type VerificationRunnerDeps } from './verification-runner.js';
import type { VerificationPhase } from './verification-machine.js';
import type { PlayedAudio } from '../campaigns/prompt-store.js';
import type { VoiceLanguage } from '../voice/spoken-numbers.js';
import type { HandlerRef } from '../transfers/handoff-store.js';


export interface ConsentServiceOptions extends Omit<VerificationRunnerDeps, 'logger' | 'clock' | 'telephony'> {
  db: Db;
  clock: Clock;
  logger: Logger;
  telephony: Telephony;
  tracker: CallTracker;
  agents: AgentPool;
  store: SubscriptionStore;
  audit: ConsentAudit;
  /** Hashes of the prompts a disclosure plays (campaigns/prompt-store.ts), kept with its evidence. */
  playedAudio?: (lang: VoiceLanguage, media: readonly string[]) => PlayedAudio;
}

/** What the agent console shows about a call's consent. */
export interface ConsentStatus {
  callId: string;
  identityConfirmed: boolean;
  refusals: number;
  refusalLimit: number;
  locked: boolean;
  verification: 'none' | 'running';
  /** Where a running verification is (identity question, terms, consent keys, closing); null when none runs. */
  phase: VerificationPhase | null;
  /** Why verification cannot be started now, in words for the agent; null when it can. */
  verifyBlockedBy: string | null;
  /** The same reason as a code, for the consoles to word in the agent's language. */
  verifyBlockCode: VerifyBlockCode | null;
  lastOutcome: string | null;
  subscriptionIds: number[];
}

/** Why the system's verification cannot start now (see {@link ConsentStatus.verifyBlockCode}). */
export const VERIFY_BLOCK_CODES = ['running', 'subscribed', 'locked', 'not-live', 'supervisor', 'identity', 'terms-incomplete'] as const;
export type VerifyBlockCode = (typeof VERIFY_BLOCK_CODES)[number];

export class ConsentService {
  private readonly running = new Map<string, VerificationRunner>();
  private readonly listeners = new Set<(callId: string) => void>();
  private readonly log: Logger;
  /** Whether someone other than the agent speaks on the call (a barging supervisor): set by the supervision service. */
  private othersSpeaking: (callId: string) => boolean = () => false;

  constructor(private readonly o: ConsentServiceOptions) {
    this.log = o.logger.child({ module: 'consent' });
    o.agents.on('gone', (_agentId, callId) => {
      if (callId) this.running.get(callId)?.abort('agent softphone gone');
    });
    // Whether verification may start depends on the call being live with its agent: push the
    // status when that begins and ends, not only on consent actions (the console's button).
    o.tracker.onAgentConnected((callId) => this.changed(callId));
    o.tracker.onCallEnded((end) => this.changed(end.callId));
  }

  /** Settles when every running verification has ended (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /**
   * Tells the service who else speaks on a call (issue 13): a verification's recording must be
   * the customer and the system alone, so it cannot start while a supervisor is barged in.
   */
  setOthersSpeaking(fn: (callId: string) => boolean): void {
    this.othersSpeaking = fn;
  }

  /** Pushes the call's status again (something outside consent changed whether verification may start). */
  refresh(callId: string): void {
    this.changed(callId);
  }

  /** Listens to changes of any call's consent status (an action, a verification phase); returns the unsubscribe. */
  onChange(listener: (callId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The status, for a user allowed to see it: an agent only on calls they took. */
  statusFor(callId: string, user: AuthUser): ConsentStatus {
    this.authoriseAgent(callId, user);
    return this.status(callId);
  }

  status(callId: string): ConsentStatus {
    const call = this.callRow(callId);
    const actions = this.actionsOf(callId);
    const refusals = actions.filter((a) => a.kind === 'refusal').length;
    const limit = this.refusalLimit(call.campaignId);
    const ended = actions.filter((a) => a.kind === 'verification-ended');
    const subs = this.o.db.select({ id: subscriptions.id }).from(subscriptions).where(eq(subscriptions.callId, callId)).all();
    const identityConfirmed = this.identityConfirmed(actions);
    return {
      callId,
      identityConfirmed,
      refusals,
      refusalLimit: limit,
      locked: refusals >= limit,
      verification: this.running.has(callId) ? 'running' : 'none',
      phase: this.running.get(callId)?.phase ?? null,
      ...this.verifyBlock(callId, call.campaignId, refusals, limit, identityConfirmed, subs.length),
      lastOutcome: (ended.at(-1)?.detail.outcome as string | undefined) ?? null,
      subscriptionIds: subs.map((s) => s.id),
    };
  }

  /** The first rule that forbids starting verification now (the console shows it on the disabled button). */
  private verifyBlock(callId: string, campaignId: number, refusals: number, limit: number, identity: boolean, sales: number): Pick<ConsentStatus, 'verifyBlockedBy' | 'verifyBlockCode'> {
    const block = (verifyBlockCode: VerifyBlockCode, verifyBlockedBy: string) => ({ verifyBlockCode, verifyBlockedBy });
    if (this.running.has(callId)) return block('running', 'a verification is already running');
    if (sales > 0) return block('subscribed', 'the customer has already subscribed on this call');
    if (refusals >= limit) return block('locked', `the customer refused ${refusals} times (limit ${limit}): the offer is locked on this call`);
    if (!this.o.tracker.get(callId)?.connectedAgent) return block('not-live', 'the call is not live with an agent connected');
    if (this.othersSpeaking(callId)) return block('supervisor', 'a supervisor is in the conversation: the verification waits until they leave it');
    if (!identity) return block('identity', 'confirm the account holder first (again after a speaker change)');
    const campaign = this.o.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get();
    const t = campaign ? termsOfCampaign(campaign) : { ok: false as const, reason: 'campaign not found' };
    return t.ok ? { verifyBlockCode: null, verifyBlockedBy: null } : block('terms-incomplete', `the campaign's product terms are incomplete: ${t.reason}`);
  }

  /** The agent confirmed (by asking) that the person on the line is the account holder. */
  confirmIdentity(callId: string, user: AuthUser): ConsentStatus {
    const live = this.liveCall(callId, user);
    this.act(callId, live.agentId, user, 'identity-confirmed', {});
    return this.status(callId);
  }

  /** Someone else came to the phone: identity is cleared, and a running verification stops. */
  speakerChanged(callId: string, user: AuthUser): ConsentStatus {
    const live = this.liveCall(callId, user);
    this.act(callId, live.agentId, user, 'speaker-changed', {});
    this.running.get(callId)?.abort('speaker changed');
    return this.status(callId);
  }

  /**
   * Someone else now speaks for the company on the call (a supervisor took it over, issue 13):
   * identity is cleared like a speaker change, so the new handler must confirm it again
   * before any verification (fraud kind 6).
   */
  handlerChanged(callId: string, user: AuthUser, detail: Record<string, unknown>): ConsentStatus {
    this.act(callId, this.callRow(callId).agentId, user, 'speaker-changed', { reason: 'handler-changed', ...detail });
    return this.status(callId);
  }

  /** A verification runs on the call now (transfers wait for it to end). */
  verificationRunning(callId: string): boolean {
    return this.running.has(callId);
  }

  /**
   * A transfer gave the customer a new handler: the person on our side changed, so identity
   * must be confirmed again by them before any verification (fraud kind 6). Written as a
   * speaker change by the system, with who handed over to whom.
   */
  handedOver(callId: string, fromAgentId: number, to: HandlerRef): void {
    this.running.get(callId)?.abort(to.kind === 'agent' ? 'the customer was handed to another agent' : 'the customer was handed to a supervisor');
    if (to.kind === 'agent') this.act(callId, to.agentId, null, 'speaker-changed', { cause: 'transfer', fromAgentId, toAgentId: to.agentId });
    else this.act(callId, fromAgentId, null, 'speaker-changed', { cause: 'transfer', fromAgentId, toUserId: to.userId });
  }

  /** The customer refused; at the campaign's limit the offer is locked for this call. */
  logRefusal(callId: string, user: AuthUser, note: string): ConsentStatus {
    const live = this.liveCall(callId, user);
    this.act(callId, live.agentId, user, 'refusal', { note, source: 'agent' });
    return this.status(callId);
  }

  /** Starts the system-run verification (identity question, terms, consent keys). */
  startVerification(callId: string, user: AuthUser): ConsentStatus {
    const live = this.liveCall(callId, user);
    if (this.running.has(callId)) throw new Errors.ConsentBusy(callId);
    const st = this.status(callId);
    if (st.locked) {
      this.act(callId, live.agentId, user, 'refused-attempt', { what: 'start verification', reason: 'refusal lock' });
      throw new Errors.ConsentRefusalLock(callId, st.refusals, st.refusalLimit);
    }
    if (st.verifyBlockCode === 'supervisor') throw new Errors.ConsentNotLive(callId, st.verifyBlockedBy ?? 'a supervisor is in the conversation');
    if (!st.identityConfirmed) {
      this.act(callId, live.agentId, user, 'refused-attempt', { what: 'start verification', reason: 'identity not confirmed' });
      throw new Errors.ConsentIdentityRequired(callId, 'confirm the account holder first (again after a speaker change)');
    }
    const campaign = this.o.db.select().from(campaigns).where(eq(campaigns.id, live.session.spec.campaignId)).get();
    const t = campaign ? termsOfCampaign(campaign) : { ok: false as const, reason: 'campaign not found' };
    if (!t.ok) throw new Errors.ConsentNotLive(callId, t.reason);
    let terms: ReturnType<typeof disclosurePlaylist>;
    try {
      terms = disclosurePlaylist(t.terms, campaign!.language);
      // What is about to be played, fingerprinted: the evidence holds the words and the audio's sha256.
      if (this.o.playedAudio) terms = { ...terms, ...this.o.playedAudio(terms.language, terms.media) };
    } catch (err) {
      // Terms the system cannot speak (a currency without prompts, say) are never offered.
      throw new Errors.ConsentNotLive(callId, `the product terms cannot be disclosed: ${(err as Error).message}`);
    }
    const runner = new VerificationRunner(
      { telephony: this.o.telephony, clock: this.o.clock, logger: this.o.logger, keyTimeoutMs: this.o.keyTimeoutMs, maxAsks: this.o.maxAsks, playbackGuardMs: this.o.playbackGuardMs },
      live.session,
      live.agentChannelId,
      terms,
      () => this.changed(callId),
    );
    this.running.set(callId, runner);
    this.act(callId, live.agentId, user, 'verification-started', { productCode: terms.productCode });
    const spec = live.session.spec;
    void runner.done
      .then((state) => {
        const res = this.o.store.recordVerification({
          callId,
          contactId: spec.contactId,
          campaignId: spec.campaignId,
          agentId: live.agentId,
          customerChannelId: live.session.channelId,
          terms,
          state,
        });
        this.act(callId, live.agentId, null, 'verification-ended', {
          outcome: state.outcome,
          verificationId: res.verificationId,
          subscriptionId: res.subscription?.id ?? null,
          reason: res.reason,
        });
        // The customer's own "2" is a refusal, counted towards the lock.
        if (state.outcome === 'declined') this.act(callId, live.agentId, null, 'refusal', { source: 'verification' });
      })
      .catch((err: unknown) => this.log.error({ err, callId }, 'consent: recording the verification failed'))
      .finally(() => {
        this.running.delete(callId);
        this.changed(callId);
      });
    runner.start();
    return this.status(callId);
  }

  /**
   * May this user give the call a disposition of this category? The agent must be the call's
   * own; "sale" is accepted only when the call's own verification created a subscription
   * (otherwise 403 with the reason, logged). Throws when not; returns the call's agent.
   */
  checkDisposition(callId: string, user: AuthUser, category: string): { agentId: number | null } {
    const call = this.callRow(callId);
    this.authoriseAgent(callId, user);
    if (category === 'sale' && this.status(callId).subscriptionIds.length === 0) {
      this.refuseForgery(user, callId, 'disposition sale', 'a sale exists only from a completed verification by the customer; none on this call');
    }
    return { agentId: call.agentId };
  }

  /**
   * The agent's disposition of the call (checked first with {@link checkDisposition}), logged
   * with the call's other consent actions.
   */
  disposition(callId: string, user: AuthUser, disposition: { code: string; category: string }, note: string, detail: Record<string, unknown> = {}): ConsentStatus {
    const { agentId } = this.checkDisposition(callId, user, disposition.category);
    this.act(callId, agentId, user, 'disposition', { disposition: disposition.code, category: disposition.category, note, ...detail });
    return this.status(callId);
  }

  /** Who read or changed a subscription, newest first. */
  auditOf(subscriptionId: number) {
    return this.o.audit.list({ subscriptionId });
  }

  /** Logs a refused attempt to create or edit a subscription, then throws 403. */
  refuseForgery(user: AuthUser, callId: string | null, what: string, reason: string): never {
    this.o.audit.record(user, 'subscription.forge-refused', { callId }, { what, reason, role: user.role });
    if (callId && this.o.db.select({ id: calls.id }).from(calls).where(eq(calls.id, callId)).get()) {
      const call = this.callRow(callId);
      this.act(callId, call.agentId, user, 'refused-attempt', { what, reason });
    }
    this.log.warn({ userId: user.id, username: user.username, callId, what }, 'consent: refused an attempt to create or edit a subscription');
    throw new Errors.ConsentForbidden(reason);
  }

  private liveCall(callId: string, user: AuthUser) {
    this.authoriseAgent(callId, user);
    const session = this.o.tracker.get(callId);
    const agent = session?.connectedAgent;
    if (!session || !agent) throw new Errors.ConsentNotLive(callId, 'the call is not live with an agent connected');
    return { session, agentId: agent.agentId, agentChannelId: agent.channelId };
  }

  /**
   * An agent user may act only on calls they took — the call row names them — or on the call
   * their session holds now, the one whose card they see: the card appears when the call is
   * offered, which can be a moment before the row names them (seen on Asterisk: a click within
   * milliseconds got 403). Managers (and admins) may act on any call.
   */
  private authoriseAgent(callId: string, user: AuthUser): void {
    if (user.role !== 'agent') return;
    const ids = this.agentIdsOf(user);
    const agentId = this.callRow(callId).agentId;
    if (agentId !== null && ids.includes(agentId)) return;
    if (ids.some((id) => this.o.agents.get(id)?.callId === callId)) return;
    throw new Errors.AuthForbidden(user.role, 'act on a call taken by another agent');
  }

  private agentIdsOf(user: AuthUser): number[] {
    return this.o.db.select({ id: agents.id }).from(agents).where(eq(agents.userId, user.id)).all().map((r) => r.id);
  }

  private callRow(callId: string) {
    const row = this.o.db.select({ id: calls.id, agentId: calls.agentId, campaignId: calls.campaignId }).from(calls).where(eq(calls.id, callId)).get();
    if (!row) throw new Errors.NotFound('call', callId);
    return row;
  }

  private refusalLimit(campaignId: number): number {
    return this.o.db.select({ n: campaigns.refusalLimit }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.n ?? 3;
  }

  private actionsOf(callId: string) {
    return this.o.db.select().from(consentActions).where(and(eq(consentActions.callId, callId))).orderBy(asc(consentActions.id)).all();
  }

  /** Identity holds when the last identity-confirmed action comes after the last speaker change. */
  private identityConfirmed(actions: Array<{ kind: ConsentActionKind }>): boolean {
    for (let i = actions.length - 1; i >= 0; i--) {
      const k = actions[i]!.kind;
      if (k === 'identity-confirmed') return true;
      if (k === 'speaker-changed') return false;
    }
    return false;
  }

  private act(callId: string, agentId: number | null, user: AuthUser | null, kind: ConsentActionKind, detail: Record<string, unknown>): void {
    this.o.db.insert(consentActions).values({ callId, agentId, userId: user?.id ?? null, kind, detail, at: this.o.clock.now() }).run();
    this.changed(callId);
  }

  private changed(callId: string): void {
    for (const l of [...this.listeners]) {
      try {
        l(callId);
      } catch (err) {
        this.log.warn({ err, callId }, 'consent: a status listener failed');
      }
    }
  }
}
