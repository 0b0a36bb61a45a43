/**
 * The server's answers as the manager console reads them (types only, from the route and
 * domain modules, so a change there fails the web typecheck), and the server's enumerations
 * in the order shown (their words are in the catalogue).
 */
import type { AgentRecord } from '../../agents/agent-registry.js';
import type { AgentSessionView } from '../../agents/agent-pool.js';
import type { LiveAgentRow } from '../../agents/live-view.js';
import type { FoundCall } from '../../calls/call-search.js';
import type { CallHandling } from '../../calls/call-handling.js';
import type { ConsentAudit } from '../../consent/consent-audit.js';
import type { SubscriptionStore } from '../../consent/subscription-store.js';
import type { calls, qaReversalRequests, recordings, UserRole } from '../../db/schema.js';
import type { CampaignView } from '../../http/routes/campaign-routes.js';

export type { AgentAccount } from '../../http/routes/agent-account-routes.js';
export type { AgentRecord, TeamRecord } from '../../agents/agent-registry.js';
export type { AgentPeriodRow, AgentReport } from '../../agents/figures-report.js';
export type { LiveAgentRow, LiveSnapshot } from '../../agents/live-view.js';
export type { PauseCode } from '../../agents/pause-codes.js';
export type { PublicUser } from '../../auth/users.js';
export type { ImportView } from '../../campaigns/import/import-view.js';
export type { DncEntry } from '../../campaigns/do-not-call.js';
export type { PromptInfo } from '../../campaigns/prompt-store.js';
export type { LiveFigures } from '../../dialer/live-figures.js';
export type { CampaignRefusals, CampaignView } from '../../http/routes/campaign-routes.js';
export type { CallbackListRow } from '../../campaigns/callback-list.js';
export type { RejectsPage } from '../../http/routes/import-rejects-routes.js';
export type { UserRole };

// --- subscriptions and calls -------------------------------------------------------
export type { SubscriptionListRow, QaReversalView } from '../../consent/subscription-store.js';
export type { FollowUpState, SubscriptionSummary } from '../../consent/subscription-summary.js';
export type { TermsSnapshot } from '../../consent/disclosure.js';
export type { ConsentAuditAction } from '../../consent/consent-audit.js';
export type { VerificationStep } from '../../consent/verification-machine.js';
export type { CallOutcome, RecordingOffset, RecordingState } from '../../db/schema.js';

/** GET /api/subscriptions/:id: the row and its state, with its events and commission ledger. */
export type SubscriptionDetail = ReturnType<SubscriptionStore['read']>;
/** POST /api/subscriptions/:id/cancel. */
export type CancelResult = ReturnType<SubscriptionStore['cancel']>;
/** GET /api/reports/cancellations: one row per agent. */
export type CancellationsRow = ReturnType<SubscriptionStore['cancellationsReport']>[number];
/** GET /api/subscriptions/:id/audit: who read or changed it. */
export type SubscriptionAuditEntry = ReturnType<ConsentAudit['list']>[number];
/** GET /api/qa/reversal-requests. */
export type QaReversalRequest = typeof qaReversalRequests.$inferSelect;
/** GET /api/calls (managers get the full number). */
export type CallRecord = typeof calls.$inferSelect & { dispositionLabel: string | null };
/** GET /api/calls rows: with the talk (agent connected → end) and the zero-length fault (零时长). */
export type CallListRow = FoundCall;
/** GET /api/calls/:id: the call as a search finds it, with its recording segments, handoffs and supervision. */
export type CallDetail = FoundCall & { recordings: Array<typeof recordings.$inferSelect> } & CallHandling;

/** GET /api/agents: each agent with its session when logged in. */
export type AgentWithSession = AgentRecord & { session: AgentSessionView | undefined };

export type CampaignStatus = CampaignView['status'];
export type DialMode = CampaignView['dialMode'];
export type BillingPeriod = NonNullable<CampaignView['productBillingPeriod']>;
export type AfterTrial = NonNullable<CampaignView['productAfterTrial']>;
export type AgentRole = AgentRecord['role'];

/** The server's enumerations, in the order the console lists them (each worded from the catalogue, e.g. `dialModeLong.<value>`). */
export const DIAL_MODES: readonly DialMode[] = ['preview', 'progressive', 'predictive'];
export const BILLING_PERIODS: readonly BillingPeriod[] = ['one-off', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'];
export const AFTER_TRIALS: readonly AfterTrial[] = ['converts-to-paid', 'ends'];
export const AGENT_ROLES: readonly AgentRole[] = ['agent', 'trainee', 'team-lead'];
export const USER_ROLES: readonly UserRole[] = ['agent', 'manager', 'qa', 'admin'];

export const STATUS_BADGE: Record<CampaignStatus, string> = {
  draft: '',
  running: 'ok',
  paused: 'warn',
  completed: '',
  archived: '',
};

/** The badge colour of an agent's state (its words: `agentState.<state>`). */
export const AGENT_STATE_BADGE: Record<LiveAgentRow['state'], string> = {
  connecting: '',
  ready: 'ok',
  reserved: 'ok',
  'on-call': 'ok',
  'wrap-up': '',
  paused: 'warn',
  'logged-out': '',
};
