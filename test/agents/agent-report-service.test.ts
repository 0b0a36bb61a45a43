/**
 * AgentReportService over a real migrated SQLite database: it loads the state log, the call
 * rows (with the campaign's dial mode) and whole months of sales, so the commission tier and
 * the campaign of a wrap-up that began the day before come out right.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import pino from 'pino';
import { AgentRegistry } from '../../src/agents/agent-registry.js';
import { AgentReportService } from '../../src/agents/agent-report-service.js';
import { AgentSessionsStore } from '../../src/agents/agent-sessions-store.js';
import { noSalesLedger, staticSalesLedger, type SaleFact } from '../../src/agents/sales-ledger.js';
import { CampaignStore } from '../../src/campaigns/campaign-store.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { eq } from 'drizzle-orm';
import { agentStateLog, calls, campaigns, contacts } from '../../src/db/schema.js';
import { FAST_SCRYPT, ManualClock } from '../http/support.js';

const TZ = 'Asia/Shanghai';
const t = (iso: string): number => DateTime.fromISO(iso, { zone: TZ }).toMillis();

let db: OpenDatabaseResult | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

async function setup(sales: SaleFact[] | null) {
  db = openDatabase(':memory:');
  const clock = new ManualClock(t('2025-04-02T20:00:00'));
  const registry = new AgentRegistry({ db: db.db, clock, defaultTargetSec: 10_800, pinParams: FAST_SCRYPT });
  const sessions = new AgentSessionsStore({ db: db.db, clock, logger: pino({ level: 'silent' }) });
  const reports = new AgentReportService({ db: db.db, clock, registry, sessions, sales: sales ? staticSalesLedger(sales) : noSalesLedger, timeZone: TZ, longPauseMs: 300_000 });
  const campaigns = new CampaignStore(db.db, clock);
  const preview = campaigns.create({ name: 'preview', openingMedia: 'sound:x', dialMode: 'preview' });
  const ann = await registry.create({ name: 'Ann', extension: '7001', team: 'A' });
  return { db: db.db, clock, registry, sessions, reports, preview, ann };
}

describe('AgentReportService', () => {
  it('reads the day from the database: preview calls, a wrap-up begun the day before, the month’s commission tier', async () => {
    const sales: SaleFact[] = [
      ...Array.from({ length: 500 }, (_, i) => ({ agentId: 1, callId: null, campaignId: null, at: t('2025-04-01T10:00:00') + i, priceYuan: 8, reversedAt: null })),
      { agentId: 1, callId: 'k2', campaignId: 1, at: t('2025-04-02T10:30:00'), priceYuan: 30, reversedAt: null },
    ];
    const { db, sessions, reports, preview, ann } = await setup(sales);
    expect(ann.id).toBe(1);
    const contact = db.insert(contacts).values({ campaignId: preview.id, phone: '+8613800000001', createdAt: 0 }).returning().get();
    const row = (id: string, connected: string | null, ended: string, originated: string) => ({
      id,
      campaignId: preview.id,
      contactId: contact.id,
      agentId: ann.id,
      phone: contact.phone,
      endpoint: 'PJSIP/x',
      channelId: `cust-${id}`,
      state: 'ended' as const,
      originatedAt: t(originated),
      agentConnectedAt: connected ? t(connected) : null,
      endedAt: t(ended),
      // What the agent did, stored on the call: dialed from the preview card.
      dialedByAgentId: ann.id,
    });
    db.insert(calls).values([
      row('k1', '2025-04-01T23:59:00', '2025-04-01T23:59:50', '2025-04-01T23:58:50'),
      row('k2', '2025-04-02T10:00:00', '2025-04-02T10:05:00', '2025-04-02T09:59:50'),
      // Not answered: no agent was ever connected, yet Ann dialed it.
      { ...row('k3', null, '2025-04-02T11:00:30', '2025-04-02T11:00:00'), agentId: null },
    ]).run();
    // Logged in 23:50 on the 1st to 12:00 on the 2nd; k1's wrap-up runs over midnight.
    sessions.sessionStarted({ agentId: ann.id, channelId: 'a', via: 'api', at: t('2025-04-01T23:50:00') });
    const sessionId = sessions.openSessionId(ann.id)!;
    const log = (state: 'ready' | 'reserved' | 'on-call' | 'wrap-up', at: string, callId: string | null = null) => db.insert(agentStateLog).values({ sessionId, agentId: ann.id, state, at: t(at), callId }).run();
    log('ready', '2025-04-01T23:50:00');
    log('on-call', '2025-04-01T23:59:00', 'k1');
    log('wrap-up', '2025-04-01T23:59:50', 'k1');
    log('ready', '2025-04-02T00:00:30');
    log('on-call', '2025-04-02T10:00:00', 'k2');
    log('wrap-up', '2025-04-02T10:05:00', 'k2');
    log('ready', '2025-04-02T10:05:10');
    sessions.sessionEnded({ agentId: ann.id, at: t('2025-04-02T12:00:00'), reason: 'logout' });

    const report = reports.report('2025-04-02', '2025-04-02');
    expect(report.notes).toEqual([]);
    // 00:00 → 12:00 logged in; k2 300 s of talk; wrap 30 s (k1, after midnight) + 10 s (k2)
    // preview dialed k2 and k3 today (k1 was placed yesterday); k2's 30-yuan sale: April has 501 → 3.0 yuan
    expect(report.days).toEqual([
      expect.objectContaining({ day: '2025-04-02', dialed: 2, connected: 1, talkSec: 300, wrapSec: 40, loggedInSec: 43_200, sales: 1, commissionYuan: 3, avgHandleSec: 340 }),
    ]);
    expect(report.campaigns).toEqual([expect.objectContaining({ campaignId: preview.id, dialed: 2, connected: 1, talkSec: 300, wrapSec: 40, sales: 1 })]);
    // "dialed" is a fact of each call: switching the campaign to progressive rewrites nothing.
    db.update(campaigns).set({ dialMode: 'progressive' }).where(eq(campaigns.id, preview.id)).run();
    expect(reports.report('2025-04-02', '2025-04-02').days[0]).toMatchObject({ dialed: 2 });
    const yesterday = reports.report('2025-04-01', '2025-04-01');
    expect(yesterday.days[0]).toMatchObject({ dialed: 1, connected: 1, talkSec: 50, wrapSec: 10, loggedInSec: 600, sales: 500, commissionYuan: 350 });
  });

  it('says plainly when there is no sales ledger yet', async () => {
    const { reports } = await setup(null);
    const report = reports.report('2025-04-02', '2025-04-02');
    expect(report.notes[0]).toMatch(/Sales, refusals and commission are 0.*issue 4/);
    expect(report.agents[0]).toMatchObject({ name: 'Ann', sales: 0, refusals: 0, refusalRate: null, commissionYuan: 0, daysWorked: 0 });
  });
});
