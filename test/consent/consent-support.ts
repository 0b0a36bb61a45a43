/** Helpers for consent tests: a live call with an agent signed in through the API, and what the simulator played. */
import { eq } from 'drizzle-orm';
import type { NewCampaign } from '../../src/campaigns/campaign-store.js';
import { agents } from '../../src/db/schema.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { waitFor, type Harness, type ServiceHarness } from '../support/harness.js';

export interface LiveCall {
  callId: string;
  campaignId: number;
  customerChannel: string;
  agentChannel: string;
}

let numbers = 0;

/** An agent row linked to a signed-in agent user, logged in and ready. */
export async function readyAgent(h: ServiceHarness, name: string, extension: string): Promise<{ agentId: number; agent: Caller }> {
  const agentId = h.addAgent(name, extension);
  const agent = await signIn(h.service, `${name.toLowerCase()}-agent`, 'agent');
  h.service.database.db.update(agents).set({ userId: agent.userId }).where(eq(agents.id, agentId)).run();
  await h.loginAgent(agentId);
  return { agentId, agent };
}

/** Places one call (customer answers and stays on) and waits until the agent is connected. */
export async function connectCall(h: Harness, agentId: number, settings: Partial<NewCampaign> = {}): Promise<LiveCall> {
  await waitFor('agent ready', () => h.service.agents.get(agentId)?.state === 'ready');
  numbers += 1;
  const national = `13900${String(process.pid % 1000).padStart(3, '0')}${String(numbers).padStart(3, '0')}`;
  const campaignId = h.runCampaign([national], { settings });
  const row = await waitFor('agent connected', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null));
  const session = h.service.agents.get(agentId)!;
  return { callId: row.id, campaignId, customerChannel: `cust-${row.id}`, agentChannel: session.channelId };
}

/** Media the service played on the call's bridge for the verification, in order. */
export function consentMedia(h: Harness, callId: string): string[] {
  return h.sim.log.flatMap((e) =>
    e.kind === 'rest' && e.method === 'POST' && e.path.startsWith(`/bridges/br-${callId}/play/pb-${callId}-consent-`) ? [e.query.media ?? ''] : [],
  );
}

/** Waits until `media` has been requested on the call's bridge `times` times. */
export async function waitPlayed(h: Harness, callId: string, media: string, times = 1): Promise<void> {
  await waitFor(`${media} played ${times}×`, () => consentMedia(h, callId).filter((m) => m === media).length >= times);
}

/** Waits for the end of the call's verification (a verification-ended action). */
export async function waitVerificationEnded(h: Harness, callId: string, caller: Caller): Promise<{ lastOutcome: string | null; subscriptionIds: number[]; refusals: number }> {
  await waitFor('verification ended', () => !h.service.consent.service.status(callId).verification.startsWith('run') && h.service.consent.service.status(callId).lastOutcome !== null, 10_000);
  const res = await caller.call('GET', `/api/calls/${callId}/consent`);
  return res.json();
}
