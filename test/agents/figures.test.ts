/**
 * The agent figures of a working day, from a hand-written state log, call rows and sales,
 * against values worked out by hand (the arithmetic is in the comments).
 *
 * Centre time zone Asia/Shanghai (UTC+8). The day is Monday 2025-03-10; "now" is 18:00.
 *   Ann (team A, 3 h default target): API login 09:00, three calls (one zero-length, one
 *     preview), a 4-min BREAK, a 40-min MEAL (long), an unanswered preview call, logout 17:00.
 *   Bo (team A, own target 2 h): dial-in 10:00, two calls (one zero-length), BREAK→TECH for
 *     6.5 min (one long pause over a change of reason), BREAK from 15:00 still going at 18:00.
 *   Cy (team B, trainee, team target 1.5 h): a session from 23:30 the day before to 00:20
 *     (its call crossed midnight), and 14:00–14:30.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { AgentReportBuilder, buildAgentReport, type ReportAgent } from '../../src/agents/figures-report.js';
import { longPauses, stateIntervals, tallyAgentDays, type CallFact, type FigureOptions, type StateLogEntry } from '../../src/agents/figures.js';
import { reportCsv } from '../../src/agents/figures-csv.js';
import type { RefusalFact, SaleFact } from '../../src/agents/sales-ledger.js';
import type { AgentLogState } from '../../src/db/schema.js';
import { DayCalendar } from '../../src/agents/centre-days.js';

const TZ = 'Asia/Shanghai';
/** Local time on 2025-03-10 ('09:00:10' or '09:00:10.400'), or on another day with `day`. */
const t = (hms: string, day = '2025-03-10'): number => DateTime.fromISO(`${day}T${hms}`, { zone: TZ }).toMillis();
const PREV = '2025-03-09';

const ANN = 1;
const BO = 2;
const CY = 3;

function log(sessionId: number, agentId: number, rows: Array<[string, AgentLogState, string?, string?]>, day?: string): StateLogEntry[] {
  return rows.map(([hms, state, reason, callId]) => {
    const [d, time] = hms.includes(' ') ? (hms.split(' ') as [string, string]) : [day ?? '2025-03-10', hms];
    return { sessionId, agentId, state, reason: state === 'paused' || state === 'logged-out' ? (reason ?? null) : null, callId: callId ?? (state !== 'paused' && state !== 'logged-out' ? (reason ?? null) : null), at: t(time, d) };
  });
}

const states: StateLogEntry[] = [
  ...log(101, ANN, [
    ['09:00:00', 'connecting'],
    ['09:00:20', 'ready'],
    ['09:01:00', 'reserved', 'c1'],
    ['09:01:02', 'on-call', 'c1'],
    ['09:05:02', 'wrap-up', 'c1'],
    ['09:05:32', 'ready'],
    ['09:10:00', 'reserved', 'c2'],
    ['09:10:01', 'on-call', 'c2'],
    ['09:20:01', 'wrap-up', 'c2'],
    ['09:21:01', 'paused', 'BREAK'],
    ['09:25:01', 'ready'],
    ['12:00:00', 'paused', 'MEAL'],
    ['12:40:00', 'ready'],
    ['13:00:00', 'reserved', 'c3'],
    ['13:00:00', 'on-call', 'c3'],
    ['13:00:00.400', 'wrap-up', 'c3'],
    ['13:00:30.400', 'ready'],
    ['16:00:00', 'reserved', 'c4'],
    ['16:00:30', 'ready'],
    ['17:00:00', 'logged-out', 'logout'],
  ]),
  ...log(102, BO, [
    ['10:00:00', 'connecting'],
    ['10:00:00', 'ready'],
    ['10:30:00', 'reserved', 'c5'],
    ['10:30:00', 'on-call', 'c5'],
    ['10:45:00', 'wrap-up', 'c5'],
    ['10:45:20', 'ready'],
    ['11:00:00', 'paused', 'BREAK'],
    ['11:03:00', 'paused', 'TECH'],
    ['11:06:30', 'ready'],
    ['11:10:00', 'reserved', 'c6'],
    ['11:10:00', 'on-call', 'c6'],
    ['11:10:00', 'wrap-up', 'c6'],
    ['11:10:15', 'ready'],
    ['15:00:00', 'paused', 'BREAK'],
  ]),
  ...log(103, CY, [
    [`${PREV} 23:30:00`, 'connecting'],
    [`${PREV} 23:30:05`, 'ready'],
    [`${PREV} 23:49:58`, 'reserved', 'c7'],
    [`${PREV} 23:50:00`, 'on-call', 'c7'],
    ['00:10:00', 'wrap-up', 'c7'],
    ['00:10:30', 'ready'],
    ['00:20:00', 'logged-out', 'softphone gone (StasisEnd)'],
  ]),
  ...log(104, CY, [
    ['14:00:00', 'connecting'],
    ['14:00:30', 'ready'],
    ['14:05:00', 'reserved', 'c8'],
    ['14:05:00', 'on-call', 'c8'],
    ['14:08:00', 'wrap-up', 'c8'],
    ['14:08:40', 'ready'],
    ['14:30:00', 'logged-out', 'logout'],
  ]),
];

const call = (id: string, agentId: number, campaignId: number, originated: string, connected: string | null, ended: string, preview = false, dispositionCategory: string | null = null): CallFact => {
  const at = (s: string): number => (s.includes(' ') ? t(s.split(' ')[1]!, s.split(' ')[0]) : t(s));
  return { id, agentId, campaignId, dialedByAgentId: preview ? agentId : null, dispositionCategory, originatedAt: at(originated), agentConnectedAt: connected === null ? null : at(connected), endedAt: at(ended) };
};

const calls: CallFact[] = [
  call('c1', ANN, 7, '09:00:55', '09:01:02', '09:05:02', false, 'sale'),
  call('c2', ANN, 7, '09:09:58', '09:10:01', '09:20:01', false, 'refusal'),
  call('c3', ANN, 8, '12:59:50', '13:00:00', '13:00:00.400', true),
  call('c4', ANN, 8, '16:00:00', null, '16:00:30', true),
  call('c5', BO, 7, '10:29:55', '10:30:00', '10:45:00'),
  call('c6', BO, 7, '11:09:57', '11:10:00', '11:10:00'),
  call('c7', CY, 7, `${PREV} 23:49:50`, `${PREV} 23:50:00`, '00:10:00'),
  call('c8', CY, 7, '14:04:55', '14:05:00', '14:08:00'),
  // Not answered, not for an agent: no agent figure.
  { id: 'c9', agentId: null, campaignId: 7, dialedByAgentId: null, dispositionCategory: null, originatedAt: t('12:00:00'), agentConnectedAt: null, endedAt: t('12:00:25') },
];

const sale = (agentId: number, at: number, priceYuan: number, reversedAt: number | null = null, callId: string | null = null): SaleFact => ({ agentId, callId, campaignId: 7, at, priceYuan, reversedAt });
const sales: SaleFact[] = [
  sale(ANN, t('10:00:00'), 8, null, 'c1'),
  sale(ANN, t('11:00:00'), 15, null, 'c2'),
  sale(ANN, t('09:30:00'), 30, t('17:30:00'), 'c2'),
  // Bo sold 499 packs earlier in March: his month reaches the higher tier with today's sales.
  ...Array.from({ length: 499 }, (_, i) => sale(BO, t('12:00:00', '2025-03-03') + i * 1000, 8)),
  sale(BO, t('10:44:00'), 15, null, 'c5'),
  sale(BO, t('16:00:00'), 99),
];
const refusals: RefusalFact[] = [{ agentId: ANN, callId: 'c2', campaignId: 7, at: t('09:19:00') }];

const agents: ReportAgent[] = [
  { id: ANN, name: 'Ann', team: 'A', role: 'agent', targetSec: 10_800 },
  { id: BO, name: 'Bo', team: 'A', role: 'agent', targetSec: 7_200 },
  { id: CY, name: 'Cy', team: 'B', role: 'trainee', targetSec: 5_400 },
];

const opts = (from = '2025-03-10', to = from): FigureOptions => ({ timeZone: TZ, from, to, now: t('18:00:00'), longPauseMs: 300_000 });

describe('agent figures of a working day (hand-computed)', () => {
  const report = buildAgentReport({ states, calls, sales, refusals, agents }, opts());
  const row = (agentId: number) => report.days.find((d) => d.agentId === agentId)!;

  it('Ann: every figure', () => {
    // logged in 09:00:20 → 17:00:00 = 7 h 59 min 40 s = 28 780 s (the 20 s ringing excluded)
    // talk c1 240 s + c2 600 s + c3 0.4 s = 840.4 s; wrap 30 + 60 + 30 = 120 s
    // pause BREAK 240 s + MEAL 2 400 s = 2 640 s; MEAL is long (40 min > 5 min)
    // AHT (840.4 + 120) / 3 = 320.13 s; occupancy 960.4 / (28 780 − 2 640) = 0.03674
    // preview dialed: c3 and c4; zero-length: c3 (0.4 s)
    // sales 8 + 15 + 30 (reversed at 17:30): commission 0.5 + 1.0 + 2.0 = 3.5 gross, 2.0 reversed
    // (month net 2 < 500: lower tier); refusals 1 / 3 connected
    expect(row(ANN)).toEqual({
      agentId: ANN,
      name: 'Ann',
      team: 'A',
      day: '2025-03-10',
      dialed: 2,
      connected: 3,
      talkSec: 840,
      wrapSec: 120,
      avgHandleSec: 320.1,
      pauseSec: 2640,
      pauseByReasonSec: { BREAK: 240, MEAL: 2400 },
      longPauses: 1,
      longPauseList: [{ at: t('12:00:00'), reasons: ['MEAL'], durationSec: 2400, open: false }],
      loggedInSec: 28_780,
      occupancy: 0.0367,
      sales: 3,
      salesReversed: 1,
      refusals: 1,
      refusalRate: 0.3333,
      zeroLengthCalls: 1,
      targetSec: 10_800,
      attainment: 0.0778, // 840.4 / 10 800
      commissionGrossYuan: 3.5,
      commissionReversedYuan: 2,
      commissionYuan: 1.5,
      unpricedSales: 0,
      // c1 sale, c2 refusal; c3 (0.4 s) without a disposition
      dispositions: { sale: 1, refusal: 1 },
      undisposed: 1,
    });
  });

  it('Bo: a long pause over a change of reason, an open pause, the higher commission tier', () => {
    // logged in 10:00 → now 18:00 = 28 800 s (still logged in)
    // pause BREAK 180 + TECH 210 + BREAK 10 800 (15:00 → 18:00, open) = 11 190 s
    // long pauses: 11:00–11:06:30 (390 s, BREAK→TECH) and 15:00– (10 800 s, still going)
    // talk 900 + 0; wrap 20 + 15 = 35; AHT 935 / 2 = 467.5; occupancy 935 / (28 800 − 11 190) = 0.05309
    // sales: 15 yuan and 99 yuan (no tier); March net = 499 + 2 = 501 ≥ 500 → 1.2 yuan
    expect(row(BO)).toMatchObject({
      dialed: 0,
      connected: 2,
      talkSec: 900,
      wrapSec: 35,
      avgHandleSec: 467.5,
      pauseSec: 11_190,
      pauseByReasonSec: { BREAK: 10_980, TECH: 210 },
      longPauses: 2,
      longPauseList: [
        { at: t('11:00:00'), reasons: ['BREAK', 'TECH'], durationSec: 390, open: false },
        { at: t('15:00:00'), reasons: ['BREAK'], durationSec: 10_800, open: true },
      ],
      loggedInSec: 28_800,
      occupancy: 0.0531,
      sales: 2,
      salesReversed: 0,
      refusals: 0,
      refusalRate: 0,
      zeroLengthCalls: 1,
      targetSec: 7_200,
      attainment: 0.125,
      commissionGrossYuan: 1.2,
      commissionReversedYuan: 0,
      commissionYuan: 1.2,
      unpricedSales: 1,
    });
  });

  it('Cy: a session across midnight is split at local midnight; its call counts on the day it was connected', () => {
    // 00:00 → 00:20 = 1 200 s, plus 14:00:30 → 14:30 = 1 770 s: 2 970 s logged in
    // c7 (connected the day before) is not today's; c8 180 s; wrap 30 (c7, after midnight) + 40
    // AHT (180 + 70) / 1 = 250; occupancy 250 / 2 970 = 0.08418
    expect(row(CY)).toMatchObject({ connected: 1, talkSec: 180, wrapSec: 70, avgHandleSec: 250, loggedInSec: 2970, pauseSec: 0, occupancy: 0.0842, targetSec: 5400, attainment: 0.0333, longPauses: 0, refusalRate: 0 });
    const two = buildAgentReport({ states, calls, sales, refusals, agents: agents.filter((a) => a.id === CY) }, opts(PREV, '2025-03-10'));
    // 2025-03-09: 23:30:05 → 24:00 = 1 795 s logged in, c7 1 200 s of talk
    expect(two.days.map((d) => [d.day, d.loggedInSec, d.talkSec, d.connected, d.wrapSec])).toEqual([
      [PREV, 1795, 1200, 1, 0],
      ['2025-03-10', 2970, 180, 1, 70],
    ]);
    // two days worked: target 2 × 5 400; attainment 1 380 / 10 800
    expect(two.agents[0]).toMatchObject({ daysWorked: 2, loggedInSec: 4765, talkSec: 1380, targetSec: 10_800, attainment: 0.1278, avgHandleSec: 725 });
  });

  it('team and period roll-ups add the agents up and recompute the ratios', () => {
    // Team A = Ann + Bo: talk 1 740.4 s, wrap 155, logged in 57 580, pause 13 830, connected 5
    // AHT 1 895.4 / 5 = 379.08; occupancy 1 895.4 / 43 750 = 0.04332; target 18 000
    expect(report.teams.find((x) => x.team === 'A')).toMatchObject({
      agents: 2,
      daysWorked: 2,
      dialed: 2,
      connected: 5,
      talkSec: 1740,
      wrapSec: 155,
      avgHandleSec: 379.1,
      pauseSec: 13_830,
      pauseByReasonSec: { BREAK: 11_220, MEAL: 2400, TECH: 210 },
      longPauses: 3,
      loggedInSec: 57_580,
      occupancy: 0.0433,
      sales: 5,
      salesReversed: 1,
      refusals: 1,
      refusalRate: 0.2,
      zeroLengthCalls: 2,
      targetSec: 18_000,
      attainment: 0.0967,
      commissionGrossYuan: 4.7,
      commissionReversedYuan: 2,
      commissionYuan: 2.7,
    });
    expect(report.teams.map((x) => x.team)).toEqual(['A', 'B']);
    expect(report.agents.map((a) => [a.name, a.daysWorked, a.targetSec])).toEqual([
      ['Ann', 1, 10_800],
      ['Bo', 1, 7_200],
      ['Cy', 1, 5_400],
    ]);
    // Everyone: talk 1 920.4, wrap 225, connected 6
    expect(report.totals).toMatchObject({ connected: 6, talkSec: 1920, wrapSec: 225, loggedInSec: 60_550, targetSec: 23_400, zeroLengthCalls: 2 });
  });

  it('campaign roll-up: calls, talk and the wrap-up after them, sales and refusals', () => {
    // Campaign 7: c1 c2 c5 c6 c8 connected today; talk 240 + 600 + 900 + 0 + 180 = 1 920
    // wrap after its calls: 30 + 60 + 20 + 15 + 40 + 30 (c7's, after midnight) = 195
    // AHT (1 920 + 195) / 5 = 423; sales 5 (1 reversed); refusals 1 / 5
    expect(report.campaigns).toEqual([
      { campaignId: 7, dialed: 0, connected: 5, talkSec: 1920, wrapSec: 195, avgHandleSec: 423, zeroLengthCalls: 1, sales: 5, salesReversed: 1, refusals: 1, refusalRate: 0.2, agents: 3, dispositions: { sale: 1, refusal: 1 }, undisposed: 3 },
      // Campaign 8 (preview): c3 and c4 dialed, c3 connected for 0.4 s then 30 s of wrap
      { campaignId: 8, dialed: 2, connected: 1, talkSec: 0, wrapSec: 30, avgHandleSec: 30.4, zeroLengthCalls: 1, sales: 0, salesReversed: 0, refusals: 0, refusalRate: 0, agents: 1, dispositions: {}, undisposed: 1 },
    ]);
  });

  it('nothing after now counts, and a day before any activity has no rows', () => {
    const early = tallyAgentDays({ states, calls, sales, refusals }, { ...opts(), now: t('09:05:00') });
    // Ann at 09:05: logged in 09:00:20 → 09:05 = 280 s; c1 still going (no talk yet)
    expect(early.get(ANN)?.get('2025-03-10')).toMatchObject({ loggedInMs: 280_000, talkMs: 0, connected: 0 });
    expect(early.get(BO)).toBeUndefined();
    const none = buildAgentReport({ states, calls, sales, refusals, agents }, opts('2025-03-12'));
    expect(none.days).toEqual([]);
    expect(none.agents.every((a) => a.daysWorked === 0 && a.targetSec === 0 && a.attainment === null && a.avgHandleSec === null && a.occupancy === null)).toBe(true);
  });

  it('intervals: each state lasts until the next row of its session; an open session until now', () => {
    const iv = stateIntervals(states.filter((s) => s.sessionId === 102), t('18:00:00'));
    expect(iv[0]).toMatchObject({ state: 'connecting', start: t('10:00:00'), end: t('10:00:00') });
    expect(iv[iv.length - 1]).toMatchObject({ state: 'paused', reason: 'BREAK', start: t('15:00:00'), end: t('18:00:00'), open: true });
    // exactly at the limit is not long
    const atLimit = longPauses([{ agentId: 9, state: 'paused', reason: 'X', callId: null, start: 0, end: 300_000, open: false }], 300_000, new DayCalendar(TZ, '1970-01-01', '1970-01-01'));
    expect(atLimit).toEqual([]);
  });

  it('exports CSV: one row per agent-day, a column per pause reason, names made safe for spreadsheets', () => {
    const odd = buildAgentReport({ states, calls, sales, refusals, agents: [{ ...agents[0]!, name: '=HYPERLINK("x"), Ann' }] }, opts());
    const csv = reportCsv(odd, 'days');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, line, end] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'day,agent_id,agent,team,dialed,connected,talk_sec,wrap_sec,avg_handle_sec,pause_sec,long_pauses,logged_in_sec,occupancy,sales,sales_reversed,refusals,refusal_rate,zero_length_calls,target_sec,attainment,commission_gross_yuan,commission_reversed_yuan,commission_yuan,disp_sale,disp_refusal,disp_callback,disp_do_not_call,disp_wrong_person,disp_no_interest,disp_other,undisposed,pause_BREAK_sec,pause_MEAL_sec',
    );
    expect(line).toBe(`2025-03-10,1,"'=HYPERLINK(""x""), Ann",A,2,3,840,120,320.1,2640,1,28780,0.0367,3,1,1,0.3333,1,10800,0.0778,3.5,2,1.5,1,1,0,0,0,0,0,1,240,2400`);
    expect(end).toBe('');
    expect(reportCsv(report, 'teams').split('\r\n')[1]).toMatch(/^2025-03-10,2025-03-10,A,2,2,2,5,1740,155,379\.1,13830,3,57580,0\.0433,/);
    expect(reportCsv(report, 'campaigns').split('\r\n')[2]).toBe('2025-03-10,2025-03-10,8,2,1,0,30,30.4,1,0,0,0,0,1,0,0,0,0,0,0,0,1');
    expect(reportCsv(report, 'agents').split('\r\n')).toHaveLength(5);
  });
});

describe('the report built a group of agents at a time (how the service keeps a month in bounded memory)', () => {
  it.each([
    ['one agent at a time', [[ANN], [BO], [CY]]],
    ['two groups, out of order', [[CY], [BO, ANN]]],
  ])('%s gives the same report as everyone at once', (_name, groups) => {
    for (const [from, to] of [['2025-03-10', '2025-03-10'], [PREV, '2025-03-10']] as const) {
      const whole = buildAgentReport({ states, calls, sales, refusals, agents }, opts(from, to));
      const builder = new AgentReportBuilder(opts(from, to));
      for (const ids of groups) builder.add({ states, calls, sales, refusals, agents: agents.filter((a) => ids.includes(a.id)) });
      expect(builder.result()).toEqual(whole);
    }
  });
});
