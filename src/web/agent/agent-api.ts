/**
 * The agent console's calls to the service, typed with the server's own types (type-only
 * imports: nothing of the server is bundled).
 */
import type { AgentCallCard, AgentCallSummary } from '../../agents/agent-call-cards.js';
import type { CustomerHistoryView } from '../../inbound/customer-history.js';
import type { AgentSessionView } from '../../agents/agent-pool.js';
import type { AgentRecord } from '../../agents/agent-registry.js';
import type { LiveAgentRow, LiveSnapshot } from '../../agents/live-view.js';
import type { PauseCode } from '../../agents/pause-codes.js';
import type { CallbackRow } from '../../campaigns/callback-store.js';
import type { ConsentStatus } from '../../consent/consent-service.js';
import type { AgentCampaignView } from '../../campaigns/campaign-roster.js';
import type { DispositionRow } from '../../campaigns/disposition-store.js';
import type { DispositionGiven, GiveDisposition } from '../../consent/call-disposition.js';
import type { PreviewCard } from '../../dialer/preview-service.js';
import type { AgentScoreView, AgentScores, PendingScoreView } from '../../qa/agent-scores.js';
import type { DisputeChance, DisputeRow } from '../../qa/disputes.js';
import { del, get, post } from '../shared/api.js';

export type { AgentCallCard, AgentCallSummary, AgentRecord, AgentScoreView, AgentScores, AgentSessionView, ConsentStatus, AgentCampaignView, DisputeChance, DisputeRow, DispositionRow, LiveAgentRow, LiveSnapshot, PauseCode, PendingScoreView, PreviewCard };

/** Who the signed-in agent is (GET /api/me/agent). */
export interface MyAgent {
  agent: AgentRecord;
  session: AgentSessionView | null;
  /** Running campaigns in preview mode: the agent asks for each next customer. */
  previewCampaigns: Array<{ id: number; name: string }>;
}

/** A callback in the agent's list: the number masked. */
export type MyCallback = CallbackRow & { phoneMasked: string };

const a = (agentId: number) => `/api/agents/${agentId}`;
const c = (callId: string) => `/api/calls/${encodeURIComponent(callId)}/consent`;

export const agentApi = {
  me: () => get<MyAgent>('/api/me/agent'),
  pauseCodes: () => get<{ pauseCodes: PauseCode[] }>('/api/pause-codes').then((r) => r.pauseCodes),

  login: (agentId: number) => post(`${a(agentId)}/login`),
  logout: (agentId: number) => post(`${a(agentId)}/logout`),
  ready: (agentId: number) => post(`${a(agentId)}/ready`),
  pause: (agentId: number, reason: string) => post(`${a(agentId)}/pause`, { reason }),
  hangup: (agentId: number) => post(`${a(agentId)}/hangup`),

  currentCall: (agentId: number) => get<{ call: AgentCallCard | null }>(`${a(agentId)}/current-call`).then((r) => r.call),
  call: (agentId: number, callId: string) => get<AgentCallCard>(`${a(agentId)}/calls/${encodeURIComponent(callId)}`),
  /** The customer's history, while the agent is on the call (shown on inbound calls). */
  history: (agentId: number, callId: string) => get<CustomerHistoryView>(`${a(agentId)}/calls/${encodeURIComponent(callId)}/history`),
  todayCalls: (agentId: number) => get<{ day: string; calls: AgentCallSummary[] }>(`${a(agentId)}/calls`),

  preview: (agentId: number) => get<{ card: PreviewCard | null }>(`${a(agentId)}/preview`).then((r) => r.card),
  previewNext: (agentId: number) => post<{ card: PreviewCard | null }>(`${a(agentId)}/preview/next`).then((r) => r.card),
  previewDial: (agentId: number, contactId: number) => post<{ callId: string }>(`${a(agentId)}/preview/${contactId}/dial`),
  previewSkip: (agentId: number, contactId: number) => post(`${a(agentId)}/preview/${contactId}/skip`),

  callbacks: (agentId: number) => get<{ callbacks: MyCallback[] }>(`${a(agentId)}/callbacks`).then((r) => r.callbacks),
  scheduleCallback: (agentId: number, body: { callId: string; at: number; note: string; anyAgent: boolean }) => post<CallbackRow>(`${a(agentId)}/callbacks`, body),
  cancelCallback: (agentId: number, callbackId: number) => del(`${a(agentId)}/callbacks/${callbackId}`),

  consent: (callId: string) => get<ConsentStatus>(c(callId)),
  consentStreamUrl: (callId: string) => `${c(callId)}/stream`,
  refusal: (callId: string, note = '') => post<ConsentStatus>(`${c(callId)}/refusals`, { note }),
  identityConfirmed: (callId: string) => post<ConsentStatus>(`${c(callId)}/identity-confirmed`),
  speakerChanged: (callId: string) => post<ConsentStatus>(`${c(callId)}/speaker-changed`),
  startVerification: (callId: string) => post<ConsentStatus>(`${c(callId)}/verification`),
  /** The campaign's active dispositions. */
  dispositions: (campaignId: number) => get<{ dispositions: DispositionRow[] }>(`/api/campaigns/${campaignId}/dispositions`).then((r) => r.dispositions),
  giveDisposition: (callId: string, body: GiveDisposition) => post<DispositionGiven>(`/api/calls/${encodeURIComponent(callId)}/disposition`, body as unknown as Record<string, unknown>),
  /** The customer asked not to be called again: the number goes on the do-not-call list now. */
  doNotCall: (callId: string, reason: string) => post<{ added: boolean; entryId: number }>(`/api/calls/${encodeURIComponent(callId)}/do-not-call`, { reason }),
  /** The campaigns the agent takes calls from. */
  myCampaigns: (agentId: number) => get<{ campaigns: AgentCampaignView[] }>(`${a(agentId)}/campaigns`).then((r) => r.campaigns),

  /** The agent's own QA scores (published, and pending their daily report). */
  myScores: () => get<AgentScores>('/api/qa/my/scores'),
  /** The agent's own disputes (the API gives an agent theirs only). */
  myDisputes: () => get<{ disputes: DisputeRow[] }>('/api/qa/disputes').then((r) => r.disputes),
  dispute: (callId: string, reason: string) => post<DisputeRow>(`/api/qa/calls/${encodeURIComponent(callId)}/disputes`, { reason }),
};
