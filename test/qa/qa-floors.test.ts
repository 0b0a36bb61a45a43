/**
 * The per-agent QA floors (manuals: 3 sales + 1 non-sale per agent and cycle, a trainee 3 + 2)
 * are editable per campaign (issue 14 item 6): the plan samples an agent with few calls up to
 * the campaign's floor, stores the floors with the run, and a verify re-run agrees.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaPlanItems } from '../../src/db/schema.js';
import { plan } from './qa-flow.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv;
let withFloors: number;
let withDefaults: number;
let busy: number;
let quiet: number;

beforeAll(async () => {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 20) });
  await env.seedRoles();
  withFloors = env.addCampaign('Floors 0 + 8');
  withDefaults = env.addCampaign('Manual floors');
  busy = env.addAgent({ name: '忙' });
  quiet = env.addAgent({ name: '闲' });
  for (const campaignId of [withFloors, withDefaults]) {
    for (let i = 0; i < 300; i++) env.addCall({ campaignId, agentId: busy, answeredAt: shanghai(2025, 1, 10, 9) + i * 1000 });
    for (let i = 0; i < 10; i++) env.addCall({ campaignId, agentId: quiet, answeredAt: shanghai(2025, 1, 10, 11) + i * 1000 });
  }
});
afterAll(async () => env.close());

const sampledOf = (campaignId: number, agentId: number) =>
  env.db.db.select().from(qaPlanItems).where(eq(qaPlanItems.campaignId, campaignId)).all().filter((i) => i.agentId === agentId).length;

describe('QA floors per campaign', () => {
  it('a manager sets them; the plan fills an agent with few calls up to them; the run stores them and verifies', async () => {
    const put = await env.app.inject({
      method: 'PUT',
      url: `/api/qa/campaigns/${withFloors}/settings`,
      headers: await env.auth('manager'),
      payload: { floors: { agent: { sale: 0, nonSale: 8 } } },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(body(put)).toMatchObject({ floors: { agent: { sale: 0, nonSale: 8 } } });
    const bad = await env.app.inject({ method: 'PUT', url: `/api/qa/campaigns/${withFloors}/settings`, headers: await env.auth('manager'), payload: { floors: { agent: { sale: -1, nonSale: 8 } } } });
    expect(bad.statusCode).toBe(400);
    const got = await env.app.inject({ method: 'GET', url: `/api/qa/campaigns/${withDefaults}/settings`, headers: await env.auth('qa') });
    expect(body(got)).toMatchObject({ floors: null, defaultFloors: { agent: { sale: 3, nonSale: 1 }, trainee: { sale: 3, nonSale: 2 } } });

    const run = await plan(env, withFloors);
    await plan(env, withDefaults);
    expect(sampledOf(withFloors, quiet)).toBe(8);
    expect(sampledOf(withDefaults, quiet)).toBeLessThan(8);
    const stored = body<Record<string, any>>(await env.app.inject({ method: 'GET', url: `/api/qa/plans/${run.runId}`, headers: await env.auth('qa') }));
    expect(stored.run.options.floors).toEqual({ agent: { sale: 0, nonSale: 8 } });
    const verify = await env.app.inject({ method: 'POST', url: `/api/qa/plans/${run.runId}/verify`, headers: await env.auth('qa') });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(body<Record<string, unknown>>(verify)).toMatchObject({ reproduced: true, onlyStored: [], onlyReproduced: [] });
  });
});
