/**
 * What a QA reviewer sees of a call: its moments, the agent, why it was sampled, the
 * subscription evidence, where to listen, and the verification evidence placed on the
 * recording's timeline (call-timeline.ts).
 * The customer's number is masked: QA needs the conversation, not the number (§6).
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { agents, calls, campaigns, consentActions, monitorSessions, qaPlanItems, recordings, users, verifications } from '../db/schema.js';
import { Errors } from '../errors.js';
import { buildCallTimeline, type CallTimeline } from './call-timeline.js';
import { maskPhone } from '../support/mask-phone.js';
import type { SaleFacts, SubscriptionEvidence } from './sale-facts.js';

export interface QaCallDetails {
  call: {
    id: string;
    campaignId: number;
    campaignName: string;
    /** e.g. +86138****5678. */
    phoneMasked: string;
    answeredAt: number | null;
    agentConnectedAt: number | null;
    openingStartedAt: number | null;
    endedAt: number | null;
    talkSec: number | null;
    outcome: string | null;
    hangupBy: string | null;
    recordingState: string | null;
  };
  agent: { id: number; name: string; team: string; role: string; extension: string } | null;
  sampling: { cycle: string; planRunId: number; reasons: string[]; weight: number; isSale: boolean; status: string } | null;
  /** Confirmed-subscription evidence; empty until subscriptions exist (issue 4). */
  subscriptionEvidence: SubscriptionEvidence[];
  recording: {
    /** The whole call as one seekable WAV (segments joined, gaps as silence). */
    url: string;
    durationMs: number;
    segments: Array<{ segment: number; url: string; durationMs: number | null; bytes: number | null; startedAt: number }>;
  };
  /** The verification evidence at its offsets into `recording.url`. */
  timeline: CallTimeline;
}

/** The recording URL of a call (served by the QA routes). */
export function recordingUrl(callId: string): string {
  return `/api/qa/calls/${encodeURIComponent(callId)}/recording`;
}

/** @throws Errors.NotFound when the call does not exist. */
export function qaCallDetails(db: Db, saleFacts: SaleFacts, callId: string): QaCallDetails {
  const row = db
    .select({ call: calls, campaignName: campaigns.name })
    .from(calls)
    .innerJoin(campaigns, eq(campaigns.id, calls.campaignId))
    .where(eq(calls.id, callId))
    .get();
  if (!row) throw new Errors.NotFound('call', callId);
  const { call } = row;
  const agent = call.agentId === null ? undefined : db.select().from(agents).where(eq(agents.id, call.agentId)).get();
  const item = db.select().from(qaPlanItems).where(eq(qaPlanItems.callId, callId)).get();
  const segments = db
    .select()
    .from(recordings)
    .where(eq(recordings.callId, callId))
    .orderBy(asc(recordings.segment))
    .all()
    .filter((s) => s.state === 'verified');
  const start = call.agentConnectedAt ?? call.answeredAt;
  const evidence = saleFacts.evidenceFor(callId);
  const timeline = buildCallTimeline({
    call,
    segments: segments.map((s) => ({ startedAt: s.startedAt, durationMs: s.durationMs ?? 0 })),
    actions: db.select().from(consentActions).where(eq(consentActions.callId, callId)).orderBy(asc(consentActions.id)).all(),
    verifications: db.select().from(verifications).where(eq(verifications.callId, callId)).orderBy(asc(verifications.id)).all(),
    evidence,
    monitoring: db
      .select({ mode: monitorSessions.mode, supervisor: users.username, startedAt: monitorSessions.startedAt, endedAt: monitorSessions.endedAt, endReason: monitorSessions.endReason })
      .from(monitorSessions)
      .innerJoin(users, eq(users.id, monitorSessions.userId))
      .where(eq(monitorSessions.callId, callId))
      .orderBy(asc(monitorSessions.id))
      .all(),
  });
  return {
    call: {
      id: call.id,
      campaignId: call.campaignId,
      campaignName: row.campaignName,
      phoneMasked: maskPhone(call.phone),
      answeredAt: call.answeredAt,
      agentConnectedAt: call.agentConnectedAt,
      openingStartedAt: call.openingStartedAt,
      endedAt: call.endedAt,
      talkSec: start !== null && call.endedAt !== null ? Math.max(0, Math.round((call.endedAt - start) / 1000)) : null,
      outcome: call.outcome,
      hangupBy: call.hangupBy,
      recordingState: call.recordingState,
    },
    agent: agent ? { id: agent.id, name: agent.name, team: agent.team, role: agent.role, extension: agent.extension } : null,
    sampling: item
      ? { cycle: item.cycleLabel, planRunId: item.runId, reasons: item.reasons, weight: item.weight, isSale: item.isSale, status: item.status }
      : null,
    subscriptionEvidence: evidence,
    recording: {
      url: recordingUrl(callId),
      durationMs: segments.reduce((s, x) => s + (x.durationMs ?? 0), 0),
      segments: segments.map((s) => ({
        segment: s.segment,
        url: `${recordingUrl(callId)}/segments/${s.segment}`,
        durationMs: s.durationMs,
        bytes: s.bytes,
        startedAt: s.startedAt,
      })),
    },
    timeline,
  };
}
