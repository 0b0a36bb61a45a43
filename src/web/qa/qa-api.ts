/**
 * The QA API as the console uses it: the answers' types (the server's own, imported as
 * types only) and one function per call, so the components never spell a URL.
 */
import type { QaCalendarView } from '../../http/routes/qa-calendar-routes.js';
import type { CallTimeline, TimelineMarker } from '../../qa/call-timeline.js';
import type { ClaimRow, ClaimView } from '../../qa/claims.js';
import type { QaCallDetails } from '../../qa/call-details.js';
import type { DisputeListRow, DisputeRow, DisputeStatus } from '../../qa/disputes.js';
import type { QaQueueCounts } from '../../qa/qa-queue.js';
import type { CycleReport, DailyReport, Publication, TrendReport } from '../../qa/reports/report-types.js';
import type { RubricRow } from '../../qa/rubric-store.js';
import type { ScoreRow, ScoreSubmission } from '../../qa/score-service.js';
import type { FatalKind } from '../../qa/scoring/fatal.js';
import type { Severity } from '../../qa/scoring/score.js';
import { get, post, query } from '../shared/api.js';

export type { CallTimeline, ClaimView, QaCallDetails, CycleReport, DailyReport, DisputeListRow, DisputeRow, DisputeStatus, FatalKind, QaCalendarView, RubricRow, ScoreRow, ScoreSubmission, Severity, TimelineMarker, TrendReport };

/** GET /api/qa/calls/:callId: the details with the call's score history and disputes. */
export type CallView = QaCallDetails & { scores: ScoreRow[]; disputes: DisputeListRow[] };

/** A claim as GET /api/qa/claims/current lists it (without its lock token). */
export type OpenClaim = Omit<ClaimRow, 'token'>;

export interface QueueView {
  queue: string;
  /** Sampled calls by status (pending = not scored yet, claimed or not). */
  sqlite: Record<string, number>;
  redis: QaQueueCounts | { error: string };
  nextPlanRunAt: number | null;
}

export interface FatalKindsView {
  fatalKinds: FatalKind[];
  severities: Record<Severity, readonly [number, number]>;
}

const call = (callId: string) => `/api/qa/calls/${encodeURIComponent(callId)}`;

export const qaApi = {
  calendar: () => get<QaCalendarView>('/api/qa/calendar'),
  queue: () => get<QueueView>('/api/qa/queue'),
  /** The next call, or null when the queue is empty (204). */
  claimNext: () => post<ClaimView | null>('/api/qa/claims'),
  currentClaims: () => get<{ claims: OpenClaim[] }>('/api/qa/claims/current'),
  extend: (callId: string) => post<{ callId: string; expiresAt: number }>(`/api/qa/claims/${encodeURIComponent(callId)}/extend`),
  release: (callId: string) => post<null>(`/api/qa/claims/${encodeURIComponent(callId)}/release`),
  callDetails: (callId: string) => get<CallView>(call(callId)),
  score: (callId: string, body: ScoreSubmission) => post<ScoreRow>(`${call(callId)}/score`, { ...body }),
  rubric: () => get<RubricRow>('/api/qa/rubrics/current'),
  fatalKinds: () => get<FatalKindsView>('/api/qa/fatal-kinds'),
  disputes: (status?: DisputeStatus) => get<{ disputes: DisputeListRow[] }>(`/api/qa/disputes${query({ status })}`),
  resolve: (id: number, body: { decision: 'upheld'; comment: string } | { decision: 'amended'; comment: string; score: ScoreSubmission }) =>
    post<{ dispute: DisputeRow; score: ScoreRow | null }>(`/api/qa/disputes/${id}/resolve`, { ...body }),
  daily: (date: string) => get<DailyReport>(`/api/qa/reports/daily/${date}`),
  publishDaily: (date: string) => post<Publication & { alreadyPublished: boolean }>(`/api/qa/reports/daily/${date}/publish`),
  cycle: (label: string) => get<CycleReport>(`/api/qa/reports/cycle/${label}`),
  trend: (label: string) => get<TrendReport>(`/api/qa/reports/trend/${label}`),
};

/** How many calls wait in the queue (Redis), or the database's count of unscored ones when Redis cannot say. */
export function queueSize(q: QueueView): { waiting: number; source: 'queue' | 'database'; problem: string | null } {
  if ('error' in q.redis) return { waiting: q.sqlite.pending ?? 0, source: 'database', problem: q.redis.error };
  return { waiting: q.redis.waiting + q.redis.prioritized, source: 'queue', problem: null };
}
