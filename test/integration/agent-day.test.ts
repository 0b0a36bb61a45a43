/**
 * A working morning of three agents through the whole service and the ARI simulator, on one
 * fake clock (Asia/Shanghai, Monday 2025-03-10). Every figure of the day's report is checked
 * against values worked out by hand below; the live view's target progress moves as each call
 * ends; a long pause is flagged live and in the report; softphone hangups end sessions
 * cleanly (one of them mid-call) and the agent is no longer dialed for; dial-in login with a
 * wrong and a right PIN.
 *
 * Timeline (customers' scripts give ring and talk times; wrap-up is 20 s):
 *   09:00:00  Ann logs in (API); her softphone answers at once → ready
 *   09:00:30  Bo dials *55 with a wrong PIN (refused), then the right one → ready
 *   09:00:45  Cy logs in (API) → ready → pauses TRAINING
 *   09:01:00  campaign of 4 numbers starts: n1 and n2 dialed (Ann and Bo are free)
 *   09:01:05  n1 answers → Ann (ready longest) ........ talks 120 s → 09:03:05, wrap → 09:03:25
 *   09:01:10  n2 answers → Bo ......................... talks 200 s → 09:04:30, wrap → 09:04:50
 *   09:03:25  n3 dialed, answers 09:03:30 → Ann ...... talks 0.4 s (zero-length) → wrap
 *   09:03:40  Ann says ready (wrap 9.6 s); n4 dialed, answers 09:03:45 → Ann, talks 60 s
 *   09:04:00  Ann presses pause MEAL mid-call: taken after n4's wrap-up, 09:05:05 → 09:35:05
 *   09:05:45  Cy's TRAINING pause passes 5 min: flagged live
 *   09:07:00  Cy's softphone hangs up: session over (paused 375 s)
 *   09:40:00  n5 added, answers 09:40:05 → Bo (ready longest); 09:41:05 Bo's softphone hangs up
 *   09:42:00  n6 added: only Ann is dialed for; answers 09:42:05, talks 30 s, wrap → 09:42:55
 *   10:00:00  Ann logs out
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { LiveEvent } from '../../src/agents/live-view.js';
import { agentSessions, calls } from '../../src/db/schema.js';
import { FakeClock } from '../support/fake-clock.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const at = (hms: string): number => DateTime.fromISO(`2025-03-10T${hms}`, { zone: 'Asia/Shanghai' }).toMillis();
const ADMIN = { username: 'admin', password: 'admin-password-1' };
const n = (k: number): string => `1380000000${k}`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('a simulated working day through the simulator (fake clock)', () => {
  it('logs every session and state, pushes progress live, and reports every figure as computed by hand', async () => {
    const clock = new FakeClock(at('09:00:00'));
    const script = (ringMs: number, hangupAfterMs?: number) => ({ kind: 'answer' as const, ringMs, ...(hangupAfterMs !== undefined ? { hangupAfterMs } : {}) });
    h = await startHarness({
      clock,
      tickMs: 3_600_000,
      // Events lost to a falsely dropped stream on a loaded machine would shift exact times.
      ariPingMs: 10_000,
      sim: { timers: clock, secondMs: 1000 },
      env: { ADMIN_PASSWORD: ADMIN.password, WRAP_UP_MS: '20000', CENTRE_TIME_ZONE: 'Asia/Shanghai' },
      scripts: {
        [`86${n(1)}`]: script(5000, 120_000),
        [`86${n(2)}`]: script(10_000, 200_000),
        [`86${n(3)}`]: script(5000, 400),
        [`86${n(4)}`]: script(5000, 60_000),
        [`86${n(5)}`]: script(5000),
        [`86${n(6)}`]: script(5000, 30_000),
      },
    });
    const { service, sim } = h;
    const pool = service.agents;
    const step = (hms: string): void => clock.advanceTo(at(hms));
    const token = ((await service.http.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })).json() as { token: string }).token;
    const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) => {
      const res = await service.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
      if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    /** waitFor, and on a timeout the whole picture (calls, agents, fake time) in the message. */
    let picture = (): unknown => null;
    const until = async <T,>(what: string, probe: () => T | null | undefined | false): Promise<T> => {
      try {
        return await waitFor(what, probe);
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${JSON.stringify(picture(), null, 1)}`);
      }
    };
    const live = (agentId: number) => service.liveView.snapshot().agents.find((a) => a.agentId === agentId)!;
    const events: LiveEvent[] = [];
    service.liveView.subscribe((ev) => events.push(ev));

    // The registry: Bo has his own 2 h target, team B 1.5 h, Ann the default 3 h.
    const ANN = (await api('POST', '/api/agents', { name: 'Ann', extension: '7001', team: 'A' })).id as number;
    const BO = (await api('POST', '/api/agents', { name: 'Bo', extension: '7002', team: 'A', pin: '1234' })).id as number;
    const CY = (await api('POST', '/api/agents', { name: 'Cy', extension: '7003', team: 'B', role: 'trainee' })).id as number;
    expect(await api('PATCH', `/api/agents/${BO}`, { dailyTargetSec: 7200 })).toMatchObject({ targetSec: 7200, targetSource: 'agent' });
    expect(await api('PUT', '/api/teams/B', { dailyTargetSec: 5400 })).toMatchObject({ name: 'B', targetSec: 5400, agents: 1 });
    expect(live(ANN)).toMatchObject({ state: 'logged-out', talkTodaySec: 0, progressPct: 0, targetSec: 10_800, targetSource: 'default' });

    // 09:00:00 Ann logs in from the API.
    await api('POST', `/api/agents/${ANN}/login`);
    await until('Ann ready', () => pool.get(ANN)?.state === 'ready');

    // 09:00:30 Bo dials the login extension: a wrong PIN, then the right one.
    step('09:00:30');
    const login = (pin: string) => sim.placeInboundCall({ endpoint: 'PJSIP/7002', app: 'dialer', args: ['login', '7002', pin], dialplan: { context: 'agent-phones', exten: '*55', priority: 7 } });
    const wrong = login('9999');
    await until('wrong-PIN phone hung up', () => !sim.channels().some((c) => c.id === wrong));
    expect(pool.get(BO)).toBeNull();
    expect(service.database.db.select().from(agentSessions).where(eq(agentSessions.agentId, BO)).all()).toEqual([]);
    const boPhone = login('1234');
    await until('Bo ready', () => pool.get(BO)?.state === 'ready');
    expect(pool.get(BO)).toMatchObject({ via: 'dial-in', channelId: boPhone });
    expect(sim.bridges().find((b) => b.id === `hold-${BO}`)?.channels).toEqual([boPhone]);

    // 09:00:45 Cy logs in and pauses for training.
    step('09:00:45');
    await api('POST', `/api/agents/${CY}/login`);
    await until('Cy ready', () => pool.get(CY)?.state === 'ready');
    const bad = await service.http.inject({ method: 'POST', url: `/api/agents/${CY}/pause`, headers: { authorization: `Bearer ${token}` }, payload: { reason: 'NAP' } });
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'DIALER_ERR_AGENT_PAUSE_CODE_UNKNOWN']);
    expect((await api('POST', `/api/agents/${CY}/pause`, { reason: 'training' })).session).toMatchObject({ state: 'paused', reason: 'TRAINING' });

    // 09:01:00 the campaign: two free agents, two calls.
    step('09:01:00');
    const campaignId = h.runCampaign([n(1), n(2), n(3), n(4)]);
    const callOf = (k: number) => h!.callsOf(campaignId).find((c) => c.phone === `+86${n(k)}`);
    picture = () => ({ now: clock.now(), calls: h!.callsOf(campaignId), agents: pool.list(), sim: sim.channels() });
    // Dialed = the simulator has the channel: only then may time move (its ring timer starts there).
    const dialed = (k: number): boolean => {
      const row = callOf(k);
      return !!row && sim.channels().some((c) => c.id === row.channelId);
    };
    await until('n1 and n2 dialed', () => dialed(1) && dialed(2));
    expect(callOf(3)).toBeUndefined();

    step('09:01:05');
    await until('n1 connected to Ann', () => callOf(1)?.agentConnectedAt === at('09:01:05') && callOf(1)?.agentId === ANN);
    step('09:01:10');
    await until('n2 connected to Bo', () => callOf(2)?.agentConnectedAt === at('09:01:10') && callOf(2)?.agentId === BO);
    expect(pool.get(BO)?.state).toBe('on-call');

    // 09:03:05 n1 ends: Ann's progress moves; the projection keeps her pace for the rest of the shift.
    step('09:03:05');
    await until('n1 ended, Ann in wrap-up', () => callOf(1)?.endedAt === at('09:03:05') && pool.get(ANN)?.state === 'wrap-up');
    // logged in 185 s, talked 120 s: 120 + 120/185 × (8 h − 185 s) = 18 681.08 s = 173.0 % of 3 h
    expect(live(ANN)).toMatchObject({ state: 'wrap-up', talkTodaySec: 120, connectedToday: 1, loggedInTodaySec: 185, progressPct: 1.1, projectedTalkSec: 18_681, projectedAttainmentPct: 173 });

    step('09:03:25');
    await until('n3 dialed after Ann’s wrap-up', () => dialed(3));
    expect(callOf(3)?.originatedAt).toBe(at('09:03:25'));
    step('09:03:30');
    await until('n3 connected to Ann', () => callOf(3)?.agentConnectedAt === at('09:03:30'));
    step('09:03:30.400');
    await until('n3 ended', () => callOf(3)?.endedAt === at('09:03:30.400') && pool.get(ANN)?.state === 'wrap-up');
    expect(live(ANN)).toMatchObject({ talkTodaySec: 120, connectedToday: 2, progressPct: 1.1 });

    // 09:03:40 Ann ends her wrap-up herself.
    step('09:03:40');
    expect((await api('POST', `/api/agents/${ANN}/ready`)).session.state).toMatch(/ready|reserved/);
    await until('n4 dialed', () => dialed(4));
    step('09:03:45');
    await until('n4 connected to Ann', () => callOf(4)?.agentConnectedAt === at('09:03:45') && callOf(4)?.agentId === ANN);

    // 09:04:00 Ann asks for a meal break mid-call: taken when the call and its wrap-up are over.
    step('09:04:00');
    expect((await api('POST', `/api/agents/${ANN}/pause`, { reason: 'MEAL' })).session).toMatchObject({ state: 'on-call', pendingPause: 'MEAL' });

    step('09:04:30');
    await until('n2 ended', () => callOf(2)?.endedAt === at('09:04:30') && pool.get(BO)?.state === 'wrap-up');
    expect(live(BO)).toMatchObject({ talkTodaySec: 200, progressPct: 2.8, targetSec: 7200 });
    step('09:04:45');
    await until('n4 ended', () => callOf(4)?.endedAt === at('09:04:45') && pool.get(ANN)?.state === 'wrap-up');
    expect(live(ANN)).toMatchObject({ talkTodaySec: 180, connectedToday: 3, progressPct: 1.7 });
    step('09:04:50');
    await until('Bo ready', () => pool.get(BO)?.state === 'ready');
    step('09:05:05');
    await until('Ann paused after wrap-up', () => pool.get(ANN)?.state === 'paused');
    expect(pool.get(ANN)).toMatchObject({ reason: 'MEAL', stateSince: at('09:05:05'), pendingPause: null });

    // 09:05:45.001 Cy's pause passes 5 minutes: flagged live.
    step('09:05:45');
    expect(live(CY).longPause).toBe(false);
    expect(events.some((e) => e.type === 'long-pause')).toBe(false);
    step('09:06:00');
    expect(events.filter((e) => e.type === 'long-pause')).toEqual([
      { type: 'long-pause', agentId: CY, name: 'Cy', reason: 'TRAINING', pausedSince: at('09:00:45'), at: at('09:05:45.001') },
    ]);
    expect(live(CY)).toMatchObject({ state: 'paused', reason: 'TRAINING', longPause: true, pauseSec: 315 });

    // 09:07:00 Cy's softphone hangs up: the session ends cleanly.
    step('09:07:00');
    const cyPhone = pool.get(CY)!.channelId;
    sim.hangupFarEnd(cyPhone, 16);
    await until('Cy logged out', () => pool.get(CY) === null);
    await until('Cy’s holding bridge gone', () => !sim.bridges().some((b) => b.id === `hold-${CY}`));
    expect(live(CY)).toMatchObject({ state: 'logged-out', longPause: false });

    step('09:35:05');
    await api('POST', `/api/agents/${ANN}/ready`);
    expect(pool.get(ANN)?.state).toBe('ready');

    // 09:40:00 one more number: Bo (ready since 09:04:50) gets it; his softphone hangs up mid-call.
    step('09:40:00');
    const addNumber = (k: number): void => {
      service.campaigns.addContacts(campaignId, [{ phone: n(k) }]);
      service.dialLoop.kick();
    };
    addNumber(5);
    await until('n5 dialed', () => dialed(5));
    step('09:40:05');
    await until('n5 connected to Bo', () => callOf(5)?.agentConnectedAt === at('09:40:05') && callOf(5)?.agentId === BO);
    step('09:41:05');
    sim.hangupFarEnd(boPhone, 16);
    await until('Bo logged out, n5 closed', () => pool.get(BO) === null && callOf(5)?.state === 'ended');
    expect(callOf(5)).toMatchObject({ endedAt: at('09:41:05'), hangupBy: 'agent', outcome: 'answered' });
    expect(pool.availableCount()).toBe(1);
    expect(live(BO)).toMatchObject({ state: 'logged-out', talkTodaySec: 260, progressPct: 3.6 });

    // 09:42:00 Bo is no longer dialed for: the next call goes to Ann.
    step('09:42:00');
    addNumber(6);
    await until('n6 dialed', () => dialed(6));
    step('09:42:05');
    await until('n6 connected to Ann', () => callOf(6)?.agentId === ANN && callOf(6)?.agentConnectedAt === at('09:42:05'));
    step('09:42:35');
    await until('n6 ended', () => callOf(6)?.endedAt === at('09:42:35') && pool.get(ANN)?.state === 'wrap-up');
    expect(live(ANN)).toMatchObject({ talkTodaySec: 210, connectedToday: 4, progressPct: 1.9 });
    step('09:42:55');
    await until('Ann ready', () => pool.get(ANN)?.state === 'ready');

    step('10:00:00');
    await api('POST', `/api/agents/${ANN}/logout`);
    await until('Ann logged out', () => pool.get(ANN) === null);
    expect(service.database.db.select().from(calls).all().every((c) => c.state === 'ended')).toBe(true);

    // Sessions, as persisted.
    const sessions = service.database.db.select().from(agentSessions).all();
    expect(sessions.map((s) => [s.agentId, s.via, s.startedAt, s.endedAt, s.endReason])).toEqual([
      [ANN, 'api', at('09:00:00'), at('10:00:00'), 'logout'],
      [BO, 'dial-in', at('09:00:30'), at('09:41:05'), expect.stringMatching(/^softphone gone/)],
      [CY, 'api', at('09:00:45'), at('09:07:00'), expect.stringMatching(/^softphone gone/)],
    ]);

    // The day's figures, by hand:
    // Ann  logged in 09:00–10:00 = 3 600 s; talk 120 + 0.4 + 60 + 30 = 210.4 s over 4 calls (n3 zero-length);
    //      wrap 20 + 9.6 + 20 + 20 = 69.6 s; MEAL 1 800 s (long); AHT 280 / 4 = 70; occupancy 280 / 1 800;
    //      attainment 210.4 / 10 800
    // Bo   logged in 09:00:30–09:41:05 = 2 435 s; talk 200 + 60; wrap 20 (none after n5: his phone was gone);
    //      AHT 280 / 2 = 140; occupancy 280 / 2 435 = 0.11499; attainment 260 / 7 200
    // Cy   logged in 375 s, all TRAINING (long); no calls; target from team B
    const report = await api('GET', '/api/reports/agents?from=2025-03-10&to=2025-03-10');
    const none = { dialed: 0, sales: 0, salesReversed: 0, refusals: 0, commissionYuan: 0, commissionGrossYuan: 0, commissionReversedYuan: 0 };
    expect(report.days.map((d: { name: string }) => d.name)).toEqual(['Ann', 'Bo', 'Cy']);
    expect(report.days[0]).toMatchObject({
      ...none,
      connected: 4,
      talkSec: 210,
      wrapSec: 70,
      avgHandleSec: 70,
      pauseSec: 1800,
      pauseByReasonSec: { MEAL: 1800 },
      longPauses: 1,
      longPauseList: [{ at: at('09:05:05'), reasons: ['MEAL'], durationSec: 1800, open: false }],
      loggedInSec: 3600,
      occupancy: 0.1556,
      refusalRate: 0,
      zeroLengthCalls: 1,
      targetSec: 10_800,
      attainment: 0.0195,
    });
    expect(report.days[1]).toMatchObject({ ...none, connected: 2, talkSec: 260, wrapSec: 20, avgHandleSec: 140, pauseSec: 0, longPauses: 0, loggedInSec: 2435, occupancy: 0.115, zeroLengthCalls: 0, targetSec: 7200, attainment: 0.0361 });
    expect(report.days[2]).toMatchObject({
      ...none,
      connected: 0,
      talkSec: 0,
      avgHandleSec: null,
      pauseSec: 375,
      pauseByReasonSec: { TRAINING: 375 },
      longPauses: 1,
      longPauseList: [{ at: at('09:00:45'), reasons: ['TRAINING'], durationSec: 375, open: false }],
      loggedInSec: 375,
      occupancy: null,
      refusalRate: null,
      targetSec: 5400,
      attainment: 0,
    });
    // Team A = Ann + Bo: talk 470.4, wrap 89.6, 6 calls → AHT 93.3; occupancy 560 / (6 035 − 1 800); target 18 000
    expect(report.teams.find((t: { team: string }) => t.team === 'A')).toMatchObject({ agents: 2, connected: 6, talkSec: 470, wrapSec: 90, avgHandleSec: 93.3, loggedInSec: 6035, pauseSec: 1800, occupancy: 0.1322, targetSec: 18_000, attainment: 0.0261, zeroLengthCalls: 1 });
    expect(report.campaigns).toEqual([{ campaignId, dialed: 0, connected: 6, talkSec: 470, wrapSec: 90, avgHandleSec: 93.3, zeroLengthCalls: 1, sales: 0, salesReversed: 0, refusals: 0, refusalRate: 0, agents: 2, dispositions: {}, undisposed: 6 }]);
    // Sales come from the consent records (issue 4): the ledger is wired, and this day had none.
    expect(report.notes.join(' ')).not.toMatch(/issue 4/);

    const csv = await service.http.inject({ method: 'GET', url: '/api/reports/agents?from=2025-03-10&to=2025-03-10&format=csv&view=agents', headers: { authorization: `Bearer ${token}` } });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[1]).toMatch(/^2025-03-10,2025-03-10,\d+,Ann,A,agent,1,0,4,210,70,70,1800,1,3600,0\.1556,/);
  }, 60_000);
});
