/**
 * Who takes which campaign (issue 14, item 1), over the whole service and the simulator: two
 * campaigns run side by side without mixing their agents; a campaign needing a qualification
 * takes only qualified agents, from the grant's date until its expiry; an agent shared by two
 * campaigns is counted once by pacing; managers edit assignments and grants through the API,
 * agents read their own campaigns.
 */
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewCampaign } from '../../src/campaigns/campaign-store.js';
import { agents } from '../../src/db/schema.js';
import { OPENING, startHarness, TEST_PRODUCT, waitFor, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

const talk = (ms: number) => ({ kind: 'answer' as const, ringMs: 20, hangupAfterMs: ms });
const ringLong = { kind: 'answer' as const, ringMs: 60_000 };

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A campaign with contacts, not started (assign first). */
function draftCampaign(h: Harness, name: string, numbers: string[], settings: Partial<NewCampaign> = {}): number {
  const c = h.service.campaigns.create({ name, openingMedia: OPENING, ringTimeoutSec: 15, ...TEST_PRODUCT, ...settings });
  h.service.campaigns.addContacts(c.id, numbers.map((phone) => ({ phone })));
  return c.id;
}

async function agentUser(h: Harness, name: string, ext: string, team = ''): Promise<{ id: number; api: Caller }> {
  const id = h.addAgent(name, ext);
  const api = await signIn(h.service, name.toLowerCase(), 'agent');
  h.service.database.db.update(agents).set({ userId: api.userId, team }).where(eq(agents.id, id)).run();
  return { id, api };
}

describe('assignments and qualifications', () => {
  it("two campaigns side by side: each campaign's calls go only to its own agents; a qualification gates the trained product", { timeout: 90_000 }, async () => {
    const numbers = (prefix: string) => [1, 2, 3].map((i) => `1350013${prefix}0${i}`);
    // Each customer talks past the 300 ms opening, so every answered call reaches an agent.
    const scripts = Object.fromEntries([...numbers('50'), ...numbers('60')].map((n) => [`86${n}`, talk(1500)]));
    h = await startHarness({ scripts });
    const manager = await signIn(h.service, 'boss', 'manager');
    const ada = await agentUser(h, 'Ada', '7601', 'red');
    const bo = await agentUser(h, 'Bo', '7602', 'blue');
    const vp15 = draftCampaign(h, 'VP15', numbers('50'), { requiredQualification: 'VP15-trained' });
    const music = draftCampaign(h, 'Music', numbers('60'));

    // Ada is on VP15 (by name) but not yet trained; team blue is on Music.
    expect((await manager.call('PUT', `/api/campaigns/${vp15}/assignments`, { assignments: [{ agentId: ada.id, priority: 6 }] })).statusCode).toBe(200);
    const put = await manager.call('PUT', `/api/campaigns/${music}/assignments`, { assignments: [{ team: 'blue', priority: 5 }] });
    expect(put.json()).toMatchObject({ open: false, assignments: [{ team: 'blue', priority: 5, agentId: null }] });
    const view = (await manager.call('GET', `/api/campaigns/${vp15}/assignments`)).json();
    expect(view).toMatchObject({ requiredQualification: 'VP15-trained', open: false });
    expect(view.agents.find((a: { agentId: number }) => a.agentId === ada.id)).toMatchObject({ priority: null, refusal: 'lacks the qualification VP15-trained' });
    expect(view.agents.find((a: { agentId: number }) => a.agentId === bo.id)).toMatchObject({ priority: null, refusal: 'not assigned to the campaign' });

    // Granted (dated, expiring): now she may take it.
    const grant = await manager.call('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15-trained', grantedOn: '2025-01-06', expiresAfter: '2025-12-31', note: 'passed the VP15 exam' });
    expect(grant.statusCode, grant.body).toBe(201);
    expect(grant.json()).toMatchObject({ agentId: ada.id, code: 'VP15-trained', grantedBy: manager.userId, revokedAt: null, expiresAt: expect.any(Number) });
    expect((await manager.call('GET', `/api/campaigns/${vp15}/assignments`)).json().agents.find((a: { agentId: number }) => a.agentId === ada.id)).toMatchObject({ priority: 6, refusal: null });

    // The agents see their campaigns (only their own).
    h.service.campaigns.setStatus(vp15, 'running');
    h.service.campaigns.setStatus(music, 'running');
    expect((await ada.api.call('GET', `/api/agents/${ada.id}/campaigns`)).json().campaigns).toEqual([expect.objectContaining({ campaignId: vp15, name: 'VP15', priority: 6, open: false })]);
    expect((await bo.api.call('GET', `/api/agents/${bo.id}/campaigns`)).json().campaigns).toEqual([expect.objectContaining({ campaignId: music, priority: 5 })]);
    expect((await bo.api.call('GET', `/api/agents/${ada.id}/campaigns`)).statusCode).toBe(403);

    await h.loginAgent(ada.id);
    await h.loginAgent(bo.id);
    h.service.dialLoop.kick();
    const vpCalls = await h.waitCampaignDone(vp15, 3, 20_000);
    const musicCalls = await h.waitCampaignDone(music, 3, 20_000);
    expect(vpCalls.map((c) => c.agentId)).toEqual([ada.id, ada.id, ada.id]);
    expect(musicCalls.map((c) => c.agentId)).toEqual([bo.id, bo.id, bo.id]);
  });

  it('a campaign no ready agent may take dials nothing; revoking a grant stops it again', async () => {
    h = await startHarness({ scripts: { '8613500137001': ringLong, '8613500137002': ringLong } });
    const manager = await signIn(h.service, 'boss', 'manager');
    const ada = await agentUser(h, 'Ada', '7611');
    const id = draftCampaign(h, 'VP15', ['13500137001', '13500137002'], { requiredQualification: 'VP15-trained' });
    h.service.campaigns.setStatus(id, 'running');
    await h.loginAgent(ada.id);
    h.service.dialLoop.pass();
    expect(h.callsOf(id)).toHaveLength(0);

    const grant = (await manager.call('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15-trained' })).json();
    const revoked = await manager.call('DELETE', `/api/agents/${ada.id}/qualifications/${grant.id}`);
    expect(revoked.json()).toMatchObject({ id: grant.id, revokedBy: manager.userId, revokedAt: expect.any(Number) });
    expect((await manager.call('DELETE', `/api/agents/${ada.id}/qualifications/${grant.id}`)).statusCode).toBe(404);
    h.service.dialLoop.pass();
    expect(h.callsOf(id)).toHaveLength(0);

    // A grant from a day still to come does not count yet.
    await manager.call('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15-trained', grantedOn: '2025-02-01' });
    h.service.dialLoop.pass();
    expect(h.callsOf(id)).toHaveLength(0);
    await manager.call('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15-trained', grantedOn: '2025-01-01' });
    expect((await manager.call('GET', `/api/agents/${ada.id}/qualifications`)).json().qualifications).toHaveLength(1);
    h.service.dialLoop.pass();
    expect(h.callsOf(id)).toHaveLength(1);
  });

  it('an agent shared by two progressive campaigns is counted once: one call in flight for one agent, not one per campaign', async () => {
    const nums = ['13500138001', '13500138002', '13500138003', '13500138004'];
    h = await startHarness({ scripts: Object.fromEntries(nums.map((n) => [`86${n}`, ringLong])) });
    const manager = await signIn(h.service, 'boss', 'manager');
    const ada = await agentUser(h, 'Ada', '7621');
    const a = draftCampaign(h, 'A', nums.slice(0, 2));
    const b = draftCampaign(h, 'B', nums.slice(2));
    for (const c of [a, b]) await manager.call('PUT', `/api/campaigns/${c}/assignments`, { assignments: [{ agentId: ada.id, priority: 5 }] });
    await h.loginAgent(ada.id);
    h.service.campaigns.setStatus(a, 'running');
    h.service.campaigns.setStatus(b, 'running');
    for (let i = 0; i < 5; i++) h.service.dialLoop.pass();
    expect(h.callsOf(a).length + h.callsOf(b).length).toBe(1);
  });

  it('refuses bad assignments and grants with a reason', async () => {
    h = await startHarness();
    const manager = await signIn(h.service, 'boss', 'manager');
    const ada = await agentUser(h, 'Ada', '7631');
    const id = draftCampaign(h, 'X', ['13500139001']);
    const bad = async (method: 'PUT' | 'POST', url: string, body: unknown, code: string) => {
      const res = await manager.call(method, url, body);
      expect(res.statusCode, res.body).toBe(code === 'DIALER_ERR_NOT_FOUND' ? 404 : 400);
      expect(res.json().error).toBe(code);
      return res.json().message as string;
    };
    expect(await bad('PUT', `/api/campaigns/${id}/assignments`, { assignments: [{ agentId: ada.id, priority: 10 }] }, 'DIALER_ERR_REQUEST_INVALID')).toMatch(/priority/);
    expect(await bad('PUT', `/api/campaigns/${id}/assignments`, { assignments: [{ agentId: 999, priority: 3 }] }, 'DIALER_ERR_ASSIGNMENT_INVALID')).toMatch(/agent 999 does not exist/);
    expect(await bad('PUT', `/api/campaigns/${id}/assignments`, { assignments: [{ team: 'nobody', priority: 3 }] }, 'DIALER_ERR_ASSIGNMENT_INVALID')).toMatch(/team nobody has no agents/);
    expect(await bad('PUT', `/api/campaigns/${id}/assignments`, { assignments: [{ agentId: ada.id, priority: 3 }, { agentId: ada.id, priority: 4 }] }, 'DIALER_ERR_ASSIGNMENT_INVALID')).toMatch(/twice/);
    expect(await bad('PUT', `/api/campaigns/999/assignments`, { assignments: [] }, 'DIALER_ERR_NOT_FOUND')).toMatch(/campaign 999/);
    expect(await bad('POST', `/api/agents/${ada.id}/qualifications`, { code: 'has space' }, 'DIALER_ERR_REQUEST_INVALID')).toMatch(/code/);
    expect(await bad('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15', grantedOn: '2025-03-01', expiresAfter: '2025-02-01' }, 'DIALER_ERR_QUALIFICATION_INVALID')).toMatch(/expire after/);
    expect(await bad('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15', grantedOn: '2025-02-30' }, 'DIALER_ERR_REQUEST_INVALID')).toMatch(/grantedOn/);
    const agent = await signIn(h.service, 'someone', 'agent');
    expect((await agent.call('PUT', `/api/campaigns/${id}/assignments`, { assignments: [] })).statusCode).toBe(403);
    expect((await agent.call('POST', `/api/agents/${ada.id}/qualifications`, { code: 'VP15' })).statusCode).toBe(403);
  });
});
