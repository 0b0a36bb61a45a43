/**
 * Call history (GET /api/calls): a campaign's calls newest first, paged by `nextCursor`, filtered
 * by recording state (`incident` = missing or broken); full numbers for managers, masked for QA.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignStore } from '../../src/campaigns/campaign-store.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { calls, contacts, type RecordingState } from '../../src/db/schema.js';
import { callRoutes } from '../../src/http/routes/call-routes.js';
import { DispositionStore } from '../../src/campaigns/disposition-store.js';
import { bearer, makeTestApp, type TestApp } from './support.js';

let t: TestApp;
/** The calls' own database (the app's holds the users). */
let data: OpenDatabaseResult;
let as: Record<'manager' | 'qa' | 'agent', Record<string, string>>;

/** Calls 1..5 of one campaign, a second apart, with these recording states; call 6 is another campaign's. */
const STATES: Array<RecordingState | null> = ['verified', 'missing', null, 'broken', 'verified'];
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
let campaignId: number;

beforeEach(async () => {
  data = openDatabase(':memory:');
  t = await makeTestApp({ routes: [callRoutes({ db: data.db, timeZone: 'Asia/Shanghai' })] });
  await t.seedRoles();
  as = { manager: bearer(await t.login('manager')), qa: bearer(await t.login('qa')), agent: bearer(await t.login('agent')) };
  const store = new CampaignStore(data.db, t.clock);
  campaignId = store.create({ name: 'calls' }).id;
  const other = store.create({ name: 'other' }).id;
  store.addContacts(campaignId, [{ phone: '13800138000' }]);
  store.addContacts(other, [{ phone: '13800138001' }]);
  const contactOf = (c: number) => data.db.select().from(contacts).all().find((x) => x.campaignId === c)!.id;
  const row = (n: number, campaign: number, recordingState: RecordingState | null) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    campaignId: campaign,
    contactId: contactOf(campaign),
    phone: '+8613800138000',
    endpoint: 'PJSIP/8613800138000@carrier',
    channelId: `cust-${n}`,
    state: 'ended' as const,
    originatedAt: T0 + n * 1000,
    recordingState,
    recordingProblem: recordingState === 'missing' || recordingState === 'broken' ? `no audio (${n})` : null,
  });
  data.db.insert(calls).values([...STATES.map((s, i) => row(i + 1, campaignId, s)), row(6, other, 'missing')]).run();
});
afterEach(async () => {
  await t.close();
  data.close();
});

const list = async (query: string, headers = as.manager) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/calls${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().calls as Array<{ channelId: string; phone: string; originatedAt: number; recordingProblem: string | null }>;
};
const channels = (rows: Array<{ channelId: string }>) => rows.map((r) => r.channelId);

describe('GET /api/calls', () => {
  it("lists a campaign's calls newest first, a page at a time before the last one shown", async () => {
    const first = await list(`?campaignId=${campaignId}&limit=2`);
    expect(channels(first)).toEqual(['cust-5', 'cust-4']);
    const second = await list(`?campaignId=${campaignId}&limit=2&before=${first[1]!.originatedAt}`);
    expect(channels(second)).toEqual(['cust-3', 'cust-2']);
  });

  it('pages by nextCursor without skipping or repeating calls that share a millisecond (predictive dialing)', async () => {
    // Calls 3, 4 and 5 originated in the same millisecond.
    data.db.update(calls).set({ originatedAt: T0 + 3000 }).where(inArray(calls.channelId, ['cust-4', 'cust-5'])).run();
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null && pages < 10) {
      const res = await t.app.inject({ method: 'GET', url: `/api/calls?campaignId=${campaignId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: as.manager });
      const body = res.json() as { calls: Array<{ channelId: string }>; nextCursor: string | null };
      seen.push(...channels(body.calls));
      cursor = body.nextCursor;
      pages++;
    }
    // Newest first; same instant by id (descending); every call once. (A page cut by `before` would lose 3 and 4.)
    expect(seen).toEqual(['cust-5', 'cust-4', 'cust-3', 'cust-2', 'cust-1']);
    expect(pages).toBe(3);
    const bad = await t.app.inject({ method: 'GET', url: '/api/calls?cursor=yesterday', headers: as.manager });
    expect(bad.statusCode).toBe(400);
  });

  it('gives each call its talk and flags zero-length calls (connected, under a second of talk); lists them on their own', async () => {
    const connect = (channel: string, talkMs: number) =>
      data.db.update(calls).set({ agentConnectedAt: T0 + 10_000, endedAt: T0 + 10_000 + talkMs }).where(eq(calls.channelId, channel)).run();
    connect('cust-1', 45_000);
    connect('cust-2', 999);
    connect('cust-3', 0);
    connect('cust-4', 1000);
    const rows = (await t.app.inject({ method: 'GET', url: `/api/calls?campaignId=${campaignId}`, headers: as.manager })).json().calls as Array<{ channelId: string; talkMs: number | null; zeroLength: boolean }>;
    expect(rows.map((r) => [r.channelId, r.talkMs, r.zeroLength])).toEqual([
      ['cust-5', null, false],
      ['cust-4', 1000, false],
      ['cust-3', 0, true],
      ['cust-2', 999, true],
      ['cust-1', 45_000, false],
    ]);
    expect(channels(await list(`?campaignId=${campaignId}&fault=zero-length`))).toEqual(['cust-3', 'cust-2']);
    expect((await t.app.inject({ method: 'GET', url: '/api/calls?fault=short', headers: as.manager })).statusCode).toBe(400);
  });

  it('gives each call its disposition: code, category, when, and the label in the campaign\'s words; none for calls without', async () => {
    const store = new DispositionStore(data.db, t.clock);
    store.update(campaignId, 'not-interested', { label: '暂不需要 Not now' });
    store.recordOnCall('00000000-0000-4000-8000-000000000002', { code: 'not-interested', category: 'no-interest' });
    const rows = (await list(`?campaignId=${campaignId}`)) as unknown as Array<{ channelId: string; disposition: string | null; dispositionCategory: string | null; dispositionLabel: string | null }>;
    expect(rows.find((r) => r.channelId === 'cust-2')).toMatchObject({ disposition: 'not-interested', dispositionCategory: 'no-interest', dispositionLabel: '暂不需要 Not now' });
    expect(rows.find((r) => r.channelId === 'cust-3')).toMatchObject({ disposition: null, dispositionLabel: null });
    const detail = await t.app.inject({ method: 'GET', url: '/api/calls/00000000-0000-4000-8000-000000000002', headers: as.manager });
    expect(detail.json()).toMatchObject({ disposition: 'not-interested', dispositionLabel: '暂不需要 Not now' });
  });

  it('filters by recording state: an incident is a missing or broken recording', async () => {
    const incidents = await list(`?campaignId=${campaignId}&recording=incident`);
    expect(channels(incidents)).toEqual(['cust-4', 'cust-2']);
    expect(incidents.map((c) => c.recordingProblem)).toEqual(['no audio (4)', 'no audio (2)']);
    expect(channels(await list(`?campaignId=${campaignId}&recording=verified`))).toEqual(['cust-5', 'cust-1']);
    expect(channels(await list('?recording=missing'))).toEqual(['cust-6', 'cust-2']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/calls?recording=lost', headers: as.manager });
    expect(bad.statusCode).toBe(400);
  });

  it('gives managers the full number and QA a masked one; agents may not list calls', async () => {
    expect((await list(`?campaignId=${campaignId}&limit=1`))[0]!.phone).toBe('+8613800138000');
    expect((await list(`?campaignId=${campaignId}&limit=1`, as.qa))[0]!.phone).not.toContain('13800138000');
    expect((await t.app.inject({ method: 'GET', url: '/api/calls', headers: as.agent })).statusCode).toBe(403);
  });
});
