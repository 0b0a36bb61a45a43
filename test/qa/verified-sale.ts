/**
 * A verified sale made on the simulator, recorded and ready for QA: the agent (through the
 * API, as the agent console does) logs a refusal, reports a speaker change, confirms the new
 * person's identity and starts the verification; the customer presses 1 to the identity
 * question and 1 to subscribe after the full terms; the customer hangs up and the call's
 * recording is verified. Shared by the QA timeline test and the QA console's browser test.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { calls, subscriptions } from '../../src/db/schema.js';
import { connectCall, waitVerificationEnded, type LiveCall, waitAsked } from '../consent/consent-support.js';
import type { Caller } from '../support/harness-http.js';
import type { Harness } from '../support/harness.js';

/** Simulator timings that give a recording of a few seconds with the evidence spread out. */
export const AUDIBLE_SIM = { defaultPlaybackMs: 200, perDigitPlaybackMs: 50 } as const;

export interface VerifiedSale extends LiveCall {
  agentId: number;
  subscription: typeof subscriptions.$inferSelect;
}

/** Makes one verified sale on a new campaign and waits until its recording is verified. */
export async function recordVerifiedSale(h: Harness, agentId: number, agent: Caller): Promise<VerifiedSale> {
  const call = await connectCall(h, agentId);
  const act = async (path: string, body?: unknown) => {
    const res = await agent.call('POST', `/api/calls/${call.callId}/consent/${path}`, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBeLessThan(300);
  };
  await act('refusals', { note: 'not interested at first' });
  await act('speaker-changed');
  await act('identity-confirmed');
  await act('verification');
  await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  await waitAsked(h, call.callId, CONSENT_PROMPTS.confirmQuestion);
  h.sim.pressDigits(call.customerChannel, '1', 0);
  const ended = await waitVerificationEnded(h, call.callId, agent);
  expect(ended.lastOutcome).toBe('confirmed');
  h.sim.hangupFarEnd(call.customerChannel);
  await h.waitCampaignDone(call.campaignId, 1);
  await h.waitRecordingsSettled(call.campaignId);
  const { db } = h.service.database;
  expect(db.select({ state: calls.recordingState }).from(calls).where(eq(calls.id, call.callId)).get()?.state).toBe('verified');
  const subscription = db.select().from(subscriptions).where(eq(subscriptions.callId, call.callId)).get();
  if (!subscription) throw new Error(`no subscription on call ${call.callId}`);
  return { ...call, agentId, subscription };
}
