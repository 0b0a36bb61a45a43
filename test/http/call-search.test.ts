/**
 * Finding any call (issue 14 item 4): GET /api/calls?phone= (full number any way written, or
 * its last 4 digits), agent, campaign, centre days, outcome, disposition, recording; the
 * readable title and list columns; GET /api/calls/export as CSV with numbers masked for QA.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignStore } from '../../src/campaigns/campaign-store.js';
import { DispositionStore } from '../../src/campaigns/disposition-store.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { agents, calls, contacts, type CallOutcome } from '../../src/db/schema.js';
import { callRoutes } from '../../src/http/routes/call-routes.js';
import { bearer, makeTestApp, type TestApp } from './support.js';

let t: TestApp;
let data: OpenDatabaseResult;
let as: Record<'manager' | 'qa' | 'agent', Record<string, string>>;
let vp15: number;
let other: number;
let alice: number;
let bob: number;

/** 2025-01-06 23:30 Beijing = 15:30 UTC: a call late on the 6th (centre day), the 7th in UTC it is not. */
const LATE_ON_6TH = Date.UTC(2025, 0, 6, 15, 30);
/** 2025-01-07 00:30 Beijing = 2025-01-06 16:30 UTC: the 7th in the centre, the 6th in UTC. */
const EARLY_ON_7TH = Date.UTC(2025, 0, 6, 16, 30);

beforeEach(async () => {
  data = openDatabase(':memory:');
  t = await makeTestApp({ routes: [callRoutes({ db: data.db, timeZone: 'Asia/Shanghai' })] });
  await t.seedRoles();
  as = { manager: bearer(await t.login('manager')), qa: bearer(await t.login('qa')), agent: bearer(await t.login('agent')) };
  const store = new CampaignStore(data.db, t.clock);
  vp15 = store.create({ name: 'VP15 video' }).id;
  other = store.create({ name: 'Music' }).id;
  store.addContacts(vp15, [{ phone: '13800138001' }, { phone: '13912348001' }, { phone: '13700001234' }]);
  store.addContacts(other, [{ phone: '13800138001' }]);
  alice = data.db.insert(agents).values({ name: 'Alice', extension: '1001', createdAt: 0 }).returning().get().id;
  bob = data.db.insert(agents).values({ name: 'Bob', extension: '1002', createdAt: 0 }).returning().get().id;
  const contact = (campaignId: number, phone: string) => data.db.select().from(contacts).all().find((c) => c.campaignId === campaignId && c.phone === phone)!.id;
  const call = (n: number, campaignId: number, phone: string, agentId: number | null, at: number, outcome: CallOutcome, talkMs: number | null) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    campaignId,
    contactId: contact(campaignId, phone),
    agentId,
    phone,
    endpoint: `PJSIP/${phone.slice(1)}@carrier`,
    channelId: `cust-${n}`,
    state: 'ended' as const,
    originatedAt: at,
    agentConnectedAt: talkMs === null ? null : at + 5000,
    endedAt: at + 5000 + (talkMs ?? 0),
    outcome,
    recordingState: outcome === 'answered' ? ('verified' as const) : null,
  });
  data.db
    .insert(calls)
    .values([
      call(1, vp15, '+8613800138001', alice, LATE_ON_6TH, 'answered', 60_000),
      call(2, vp15, '+8613912348001', bob, EARLY_ON_7TH, 'answered', 30_000),
      call(3, vp15, '+8613700001234', null, EARLY_ON_7TH + 60_000, 'no-answer', null),
      call(4, other, '+8613800138001', alice, EARLY_ON_7TH + 120_000, 'answered', 20_000),
    ])
    .run();
  // As the agent console gives them: the campaign's code, written onto the call.
  const dispositions = new DispositionStore(data.db, t.clock);
  const dispose = (n: number, campaignId: number, code: string) => dispositions.recordOnCall(`00000000-0000-4000-8000-00000000000${n}`, dispositions.active(campaignId, code));
  dispose(1, vp15, 'callback');
  dispose(1, vp15, 'not-interested'); // the agent changed it: the latest counts
  dispose(2, vp15, 'sale');
  dispositions.update(other, 'not-interested', { label: '没兴趣 No interest' }); // worded differently in this campaign
  dispose(4, other, 'not-interested');
});
afterEach(async () => {
  await t.close();
  data.close();
});

type Row = { channelId: string; phone: string; title: string; disposition: string | null; dispositionLabel: string | null; campaignName: string; agentName: string | null; talkMs: number | null };
const find = async (query: string, headers = as.manager) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/calls?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().calls as Row[];
};
const ids = (rows: Row[]) => rows.map((r) => r.channelId);

describe('call search', () => {
  it('finds calls by the last 4 digits of the number, across campaigns, and shows the disposition', async () => {
    expect(ids(await find('phone=8001'))).toEqual(['cust-4', 'cust-2', 'cust-1']);
    const [row] = await find('phone=1234');
    expect(row!.channelId).toBe('cust-3');
    const one = (await find('phone=8001&campaignId=' + vp15)).find((r) => r.channelId === 'cust-1')!;
    expect(one).toMatchObject({ disposition: 'not-interested', dispositionLabel: '不感兴趣 Not interested' });
    const four = (await find('phone=8001&campaignId=' + other))[0]!;
    expect(four).toMatchObject({ disposition: 'not-interested', dispositionLabel: '没兴趣 No interest' });
    expect(one.agentName).toBe('Alice');
    expect(one.campaignName).toBe('VP15 video');
    expect(one.talkMs).toBe(60_000);
  });

  it('finds a full number however it is written, and refuses what is neither a number nor 4 digits', async () => {
    for (const written of ['13800138001', '+86 138 0013 8001', '0086-138-0013-8001']) {
      expect(ids(await find(`phone=${encodeURIComponent(written)}`))).toEqual(['cust-4', 'cust-1']);
    }
    for (const bad of ['800', 'abc', '12345']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/calls?phone=${bad}`, headers: as.manager });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toBe('DIALER_ERR_REQUEST_INVALID');
      expect(res.json().message).toContain('last 4 digits');
    }
  });

  it('filters by agent, campaign, outcome, disposition and recording state', async () => {
    expect(ids(await find(`agentId=${alice}`))).toEqual(['cust-4', 'cust-1']);
    expect(ids(await find(`agentId=${bob}`))).toEqual(['cust-2']);
    expect(ids(await find(`campaignId=${other}`))).toEqual(['cust-4']);
    expect(ids(await find('outcome=no-answer'))).toEqual(['cust-3']);
    expect(ids(await find('disposition=not-interested'))).toEqual(['cust-4', 'cust-1']);
    expect(ids(await find('disposition=callback'))).toEqual([]); // replaced by a later disposition
    expect(ids(await find('dispositionCategory=no-interest'))).toEqual(['cust-4', 'cust-1']);
    expect(ids(await find('dispositionCategory=sale'))).toEqual(['cust-2']);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?dispositionCategory=maybe', headers: as.manager })).statusCode).toBe(400);
    expect(ids(await find(`disposition=sale&agentId=${bob}&recording=verified`))).toEqual(['cust-2']);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?outcome=maybe', headers: as.manager })).statusCode).toBe(400);
  });

  it('reads a date range as centre days (Asia/Shanghai), not UTC days', async () => {
    expect(ids(await find('from=2025-01-06&to=2025-01-06'))).toEqual(['cust-1']);
    expect(ids(await find('from=2025-01-07'))).toEqual(['cust-4', 'cust-3', 'cust-2']);
    expect(ids(await find('to=2025-01-06'))).toEqual(['cust-1']);
    const backwards = await t.app.inject({ method: 'GET', url: '/api/calls?from=2025-01-07&to=2025-01-06', headers: as.manager });
    expect(backwards.statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?from=2025-02-30', headers: as.manager })).statusCode).toBe(400);
  });

  it('pages a search by nextCursor', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calls?phone=8001&limit=2', headers: as.manager });
    const body = res.json() as { calls: Row[]; nextCursor: string };
    expect(ids(body.calls)).toEqual(['cust-4', 'cust-2']);
    expect(ids(await find(`phone=8001&limit=2&cursor=${body.nextCursor}`))).toEqual(['cust-1']);
  });

  it('titles a call by its masked customer, campaign and local time instead of its id; QA sees masked numbers', async () => {
    const [row] = await find(`phone=1234`);
    expect(row!.title).toBe('+86137****1234 · VP15 video · 2025-01-07 00:31');
    const detail = (await t.app.inject({ method: 'GET', url: '/api/calls/00000000-0000-4000-8000-000000000001', headers: as.manager })).json();
    expect(detail.title).toBe('+86138****8001 · VP15 video · 2025-01-06 23:30');
    expect(detail.disposition).toBe('not-interested');
    expect(detail.phone).toBe('+8613800138001');
    const forQa = await find('phone=8001', as.qa);
    expect(forQa.every((r) => r.phone.includes('****'))).toBe(true);
  });

  it('exports the whole result as CSV: full numbers for managers, masked for QA; agents may not', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/calls/export?phone=8001', headers: as.manager });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('call_id,title,originated_at,direction,campaign,agent,phone,outcome,disposition,disposition_label,disposition_category,talk_sec,recording,recording_problem');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(",outbound,VP15 video,Alice,'+8613800138001,answered,not-interested,不感兴趣 Not interested,no-interest,60,verified,");
    const qa = await t.app.inject({ method: 'GET', url: '/api/calls/export?phone=8001', headers: as.qa });
    expect(qa.body).not.toContain('13800138001');
    expect(qa.body).toContain('+86138****8001');
    expect((await t.app.inject({ method: 'GET', url: '/api/calls/export', headers: as.agent })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls/export?phone=12', headers: as.manager })).statusCode).toBe(400);
  });

  it('exports more calls than one page reads', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => ({
      id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      campaignId: other,
      contactId: data.db.select().from(contacts).all().find((c) => c.campaignId === other)!.id,
      phone: '+8613800138001',
      endpoint: 'x',
      channelId: `bulk-${i}`,
      state: 'ended' as const,
      originatedAt: LATE_ON_6TH - 1000 - i,
    }));
    for (let i = 0; i < many.length; i += 500) data.db.insert(calls).values(many.slice(i, i + 500)).run();
    const res = await t.app.inject({ method: 'GET', url: `/api/calls/export?campaignId=${other}`, headers: as.manager });
    expect(res.body.trim().split('\r\n')).toHaveLength(1 + 2501);
  });
});
