import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agents, calls, contacts } from '../../src/db/schema.js';
import { makeListApp, type ListApp } from './list-support.js';
import { errorOf } from './support.js';

let t: ListApp;
beforeEach(async () => {
  t = await makeListApp();
});
afterEach(async () => t.close());

describe('do-not-call API', () => {
  it('adds a number (normalised) to the global list or a campaign’s; once', async () => {
    const add = (payload: object) => t.app.inject({ method: 'POST', url: '/api/do-not-call', payload, headers: t.as.manager });
    const first = await add({ phone: '138 1234 5678', reason: 'complained' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ added: true, entry: { scope: 'global', phone: '+8613812345678', source: 'api', reason: 'complained', addedBy: t.userIds.manager } });
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(true);

    const again = await add({ phone: '+86 138-1234-5678' });
    expect([again.statusCode, again.json().added]).toEqual([200, false]);

    const own = await add({ phone: '010 6512 3456', campaignId: t.campaignId });
    expect(own.json()).toMatchObject({ added: true, entry: { scope: 'campaign', campaignId: t.campaignId, phone: '+861065123456' } });

    const bad = await add({ phone: '12345' });
    expect([bad.statusCode, errorOf(bad)]).toEqual([400, { error: 'DIALER_ERR_PHONE_INVALID', message: 'phone number "12345" not accepted: too short (region CN)' }]);
    const noCampaign = await add({ phone: '13812345678', campaignId: 999 });
    expect(noCampaign.statusCode).toBe(404);
    const agent = await t.app.inject({ method: 'POST', url: '/api/do-not-call', payload: { phone: '13812345678' }, headers: t.as.agent });
    expect(agent.statusCode).toBe(403);
  });

  it('looks numbers up and lists a list page by page', async () => {
    for (const n of ['13812345671', '13812345672', '13812345673']) t.dnc.add({ phone: `+86${n}`, source: 'api' });
    t.dnc.add({ phone: '+8613912345678', campaignId: t.campaignId, source: 'api' });
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.as.manager }).then((r) => r.json());
    expect(await get(`/api/do-not-call?phone=139%201234%205678&campaignId=${t.campaignId}`)).toMatchObject({
      phone: '+8613912345678',
      blocked: true,
      entries: [{ scope: 'campaign', campaignId: t.campaignId }],
    });
    expect(await get('/api/do-not-call?phone=13912345678')).toMatchObject({ blocked: false });
    const page1 = await get('/api/do-not-call?limit=2');
    expect(page1.entries.map((e: { phone: string }) => e.phone)).toEqual(['+8613812345671', '+8613812345672']);
    const page2 = await get(`/api/do-not-call?limit=2&after=${page1.next}`);
    expect([page2.entries.map((e: { phone: string }) => e.phone), page2.next]).toEqual([['+8613812345673'], null]);
    expect((await get(`/api/do-not-call?campaignId=${t.campaignId}`)).entries).toHaveLength(1);
  });

  it('lets only an admin take a number off', async () => {
    const { entry } = t.dnc.add({ phone: '+8613812345678', source: 'api' });
    const url = `/api/do-not-call/global/${entry.id}`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.as.manager })).statusCode).toBe(403);
    const removed = await t.app.inject({ method: 'DELETE', url, headers: t.as.admin });
    expect(removed.json()).toMatchObject({ removed: { phone: '+8613812345678' } });
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(false);
    expect((await t.app.inject({ method: 'DELETE', url, headers: t.as.admin })).statusCode).toBe(404);
  });
});

describe('POST /api/calls/:callId/do-not-call', () => {
  function callFor(agentUserId: number): { callId: string; contactId: number } {
    const { db } = t.db;
    const agentId = db.insert(agents).values({ name: 'A', extension: `ext-${agentUserId}`, userId: agentUserId, createdAt: 1 }).returning().get().id;
    const contactId = db.insert(contacts).values({ campaignId: t.campaignId, phone: '+8613812345678', createdAt: 1 }).returning().get().id;
    const callId = randomUUID();
    db.insert(calls)
      .values({ id: callId, campaignId: t.campaignId, contactId, agentId, phone: '+8613812345678', endpoint: 'PJSIP/x', channelId: 'ch', state: 'connected', originatedAt: 1 })
      .run();
    return { callId, contactId };
  }

  it('the agent on the call puts the number on the global list at once and the contact is marked', async () => {
    const { callId, contactId } = callFor(t.userIds.agent);
    const res = await t.app.inject({ method: 'POST', url: `/api/calls/${callId}/do-not-call`, payload: { reason: '客户要求不再来电' }, headers: t.as.agent });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: true, scope: 'global', contactId });
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(true);
    expect(t.dnc.find('+8613812345678')[0]).toMatchObject({ source: 'disposition', callId, reason: '客户要求不再来电', addedBy: t.userIds.agent });
    expect(t.db.db.select().from(contacts).where(eq(contacts.id, contactId)).get()?.doNotCallAt).toBe(t.clock.now());

    // A manager may record it too (idempotent); without a body as well.
    const manager = await t.app.inject({ method: 'POST', url: `/api/calls/${callId}/do-not-call`, headers: t.as.manager });
    expect(manager.json()).toMatchObject({ added: false });
  });

  it('refuses another agent, QA, an unknown call and a malformed id', async () => {
    const { callId } = callFor(t.userIds.agent);
    const other = await t.signIn('agent-two', 'agent');
    const url = `/api/calls/${callId}/do-not-call`;
    const refused = await t.app.inject({ method: 'POST', url, headers: other.headers });
    expect([refused.statusCode, errorOf(refused).error]).toEqual([403, 'DIALER_ERR_AUTH_FORBIDDEN']);
    expect((await t.app.inject({ method: 'POST', url, headers: t.as.qa })).statusCode).toBe(403);
    expect(t.dnc.isBlocked(t.campaignId, '+8613812345678')).toBe(false);
    const unknown = await t.app.inject({ method: 'POST', url: `/api/calls/${randomUUID()}/do-not-call`, headers: t.as.manager });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/calls/nope/do-not-call', headers: t.as.manager });
    expect(malformed.statusCode).toBe(400);
  });
});
