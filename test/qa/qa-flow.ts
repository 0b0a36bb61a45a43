/** Test steps shared by the QA HTTP suites: plan a campaign, claim and score calls. */
import { expect } from 'vitest';
import type { ScoreSubmission } from '../../src/qa/score-service.js';
import { body, type QaEnv } from './support.js';

/** Scores that give known totals with the default rubric. */
export const SCORES = {
  100: { deductions: [], fatal: [] },
  95: { deductions: [{ itemCode: 'product', severity: 'general', points: 5 }], fatal: [] },
  85: {
    deductions: [
      { itemCode: 'product', severity: 'serious', points: 10 },
      { itemCode: 'needs', severity: 'general', points: 5 },
    ],
    fatal: [],
  },
  75: {
    deductions: [
      { itemCode: 'product', severity: 'serious', points: 10 },
      { itemCode: 'charges', severity: 'serious', points: 10 },
      { itemCode: 'needs', severity: 'general', points: 5 },
    ],
    fatal: [],
  },
  fatal: { deductions: [{ itemCode: 'opening', severity: 'minor', points: 1 }], fatal: [{ kind: 'no-final-consent', note: '客户未确认即办理' }] },
} satisfies Record<string, ScoreSubmission>;

/** Runs the plan of a campaign through the API. */
export async function plan(e: QaEnv, campaignId: number) {
  const res = await e.app.inject({ method: 'POST', url: '/api/qa/plans/run', headers: await e.auth('qa'), payload: { campaignId } });
  expect(res.statusCode).toBe(200);
  return body<{ runs: Array<{ newlySampled: number; runId: number }> }>(res).runs[0]!;
}

/** Reviewers qa2…qaN (qa comes from seedRoles), so several claims can be held at once. */
export async function addReviewers(e: QaEnv, n: number): Promise<string[]> {
  const names = ['qa'];
  for (let i = 2; i <= n; i++) {
    await e.users.create({ username: `qa${i}`, password: `qa${i}-password-1`, role: 'qa' });
    names.push(`qa${i}`);
  }
  return names;
}

/**
 * Scores the next queued call of `agentId`: reviewers in turn claim until one gets a call of
 * that agent (the others hold theirs, so the queue moves on), that reviewer scores it, and
 * the held calls are released (back to the front of the queue).
 */
export async function scoreOneOf(e: QaEnv, reviewers: string[], agentId: number, submission: ScoreSubmission) {
  const holding: Array<{ who: string; callId: string }> = [];
  try {
    for (const who of reviewers) {
      const headers = await e.auth(who);
      const res = await e.app.inject({ method: 'POST', url: '/api/qa/claims', headers });
      if (res.statusCode === 204) break;
      expect(res.statusCode, res.body).toBe(200);
      const view = body<{ call: { id: string }; agent: { id: number } }>(res);
      if (view.agent.id !== agentId) {
        holding.push({ who, callId: view.call.id });
        continue;
      }
      const scored = await e.app.inject({ method: 'POST', url: `/api/qa/calls/${view.call.id}/score`, headers, payload: submission });
      expect(scored.statusCode, scored.body).toBe(201);
      return { callId: view.call.id, reviewer: who, score: body<Record<string, any>>(scored) };
    }
    throw new Error(`no call of agent ${agentId} within reach of ${reviewers.length} reviewers`);
  } finally {
    for (const h of holding.reverse()) {
      await e.app.inject({ method: 'POST', url: `/api/qa/claims/${h.callId}/release`, headers: await e.auth(h.who) });
    }
  }
}
