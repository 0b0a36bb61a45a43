/**
 * The manager's campaign API over the whole service: settings with their limits, the
 * lifecycle with reasons for every refusal, clone, and live figures after real calls.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, TEST_PRODUCT, OPENING, type Harness } from '../support/harness.js';
import { signIn, type Caller } from '../support/harness-http.js';

let h: Harness;
let manager: Caller;
beforeEach(async () => {
  h = await startHarness({ scripts: { '8613700137001': { kind: 'answer', ringMs: 20, hangupAfterMs: 200 }, '8613700137002': { kind: 'busy', ringMs: 20 } } });
  manager = await signIn(h.service, 'mgr', 'manager');
});
afterEach(async () => {
  await h.stop();
});

const errorOf = (res: { json(): unknown }) => {
  const { error, message } = res.json() as { error: string; message: string };
  return { error, message };
};

describe('campaign settings', () => {
  it('a draft needs only a name; defaults are the compliance-minded ones', async () => {
    const res = await manager.call('POST', '/api/campaigns', { name: 'Spring' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      dialMode: 'progressive',
      ringTimeoutSec: 25,
      maxAttempts: 3,
      abandonCap: 0.03,
      windowDays: [1, 2, 3, 4, 5, 6, 7],
      windowStart: '09:00',
      windowEnd: '20:00',
      timeZone: 'Asia/Shanghai',
      productCurrency: 'CNY',
      retryDelaysSec: { busy: 900, 'no-answer': 3600, rejected: 86400, congestion: 900, failed: 1800, abandoned: 3600 },
    });
  });

  it.each([
    [{ name: 'x', ringTimeoutSec: 14 }, 'body.ringTimeoutSec: at least 15 s (compliance)'],
    [{ name: 'x', abandonCap: 0.05 }, 'body.abandonCap: at most 0.03 (3%, the compliance norm)'],
    [{ name: 'x', timeZone: 'Beijing' }, 'body.timeZone: an IANA time zone such as Asia/Shanghai'],
    [{ name: 'x', windowStart: '9am' }, 'body.windowStart: a local time HH:MM, e.g. 09:00'],
    [{ name: 'x', windowDays: [1, 1] }, 'body.windowDays: each day once'],
    [{ name: 'x', productPriceMinor: 15.5 }, 'body.productPriceMinor'],
    [{ name: 'x', retryDelaysSec: { ringing: 5 } }, 'body.retryDelaysSec'],
    [{ name: 'x', colour: 'red' }, 'colour'],
  ])('%j is refused: %s', async (body, message) => {
    const res = await manager.call('POST', '/api/campaigns', body);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toBe('DIALER_ERR_REQUEST_INVALID');
    expect(errorOf(res).message).toContain(message);
  });

  it('a window across midnight is refused with what it would mean', async () => {
    const res = await manager.call('POST', '/api/campaigns', { name: 'x', windowStart: '20:00', windowEnd: '02:00' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ error: 'DIALER_ERR_CAMPAIGN_INVALID', message: expect.stringContaining('do not cross midnight') });
  });

  it('a window reaching past the legal 08:00–21:00 is refused with a message, not silently cut', async () => {
    const late = await manager.call('POST', '/api/campaigns', { name: 'x', windowEnd: '22:00' });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late)).toMatchObject({ error: 'DIALER_ERR_CAMPAIGN_INVALID', message: expect.stringContaining('window 09:00–22:00 reaches outside the legal calling hours 08:00–21:00') });
    const { id } = (await manager.call('POST', '/api/campaigns', { name: 'Edit me' })).json() as { id: number };
    const early = await manager.call('PATCH', `/api/campaigns/${id}`, { windowIntervals: [{ start: '07:00', end: '12:00' }] });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).message).toContain('window 07:00–12:00 reaches outside');
  });

  it('takes several intervals a day and dates off; the day\'s span follows the intervals; a plain start–end is one interval again', async () => {
    const { id } = (await manager.call('POST', '/api/campaigns', { name: 'Manual 000' })).json() as { id: number };
    const intervals = [
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ];
    const res = await manager.call('PATCH', `/api/campaigns/${id}`, { windowDays: [1, 2, 3, 4, 5, 6], windowIntervals: intervals, windowDatesOff: ['2025-10-02', '2025-10-01', '2025-10-01'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ windowIntervals: intervals, windowDatesOff: ['2025-10-01', '2025-10-02'], windowStart: '09:00', windowEnd: '18:00' });
    const overlap = await manager.call('PATCH', `/api/campaigns/${id}`, { windowIntervals: [{ start: '09:00', end: '14:00' }, { start: '13:30', end: '18:00' }] });
    expect(overlap.statusCode).toBe(400);
    expect(errorOf(overlap).message).toContain('overlap');
    const badDate = await manager.call('PATCH', `/api/campaigns/${id}`, { windowDatesOff: ['National Day'] });
    expect(badDate.statusCode).toBe(400);
    expect(errorOf(badDate).message).toContain('body.windowDatesOff.0: a date YYYY-MM-DD');
    const plain = await manager.call('PATCH', `/api/campaigns/${id}`, { windowStart: '10:00', windowEnd: '19:00' });
    expect(plain.json()).toMatchObject({ windowIntervals: null, windowStart: '10:00', windowEnd: '19:00' });
  });

  it('edits merge (retry delays per outcome too); a running campaign must be paused first', async () => {
    const { id } = (await manager.call('POST', '/api/campaigns', { name: 'Edit me', openingMedia: OPENING, ...TEST_PRODUCT })).json() as { id: number };
    const edited = await manager.call('PATCH', `/api/campaigns/${id}`, { retryDelaysSec: { busy: 120, rejected: null }, windowEnd: '19:00' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ windowEnd: '19:00', retryDelaysSec: { busy: 120, rejected: null, 'no-answer': 3600 } });
    const crossing = await manager.call('PATCH', `/api/campaigns/${id}`, { windowStart: '19:30' });
    expect(crossing.statusCode).toBe(400);

    await manager.call('POST', `/api/campaigns/${id}/contacts`, { contacts: [{ phone: '13700137001' }] });
    expect((await manager.call('POST', `/api/campaigns/${id}/start`)).statusCode).toBe(200);
    const refused = await manager.call('PATCH', `/api/campaigns/${id}`, { name: 'Renamed' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toEqual({ error: 'DIALER_ERR_CAMPAIGN_NOT_EDITABLE', message: `campaign ${id} cannot be edited: it is running; pause it first` });
  });

  it('clone copies every setting into a new draft without contacts', async () => {
    const src = (await manager.call('POST', '/api/campaigns', { name: 'Original', openingMedia: OPENING, dialMode: 'predictive', safeHarbourMedia: 'sound:dialer/sorry', ...TEST_PRODUCT })).json() as Record<string, unknown> & { id: number };
    await manager.call('POST', `/api/campaigns/${src.id}/contacts`, { contacts: [{ phone: '13700137001' }] });
    const res = await manager.call('POST', `/api/campaigns/${src.id}/clone`, { name: 'Copy' });
    expect(res.statusCode).toBe(201);
    const copy = res.json() as Record<string, unknown> & { id: number };
    const { id: _a, name: _b, createdAt: _c, updatedAt: _d, ...settings } = src;
    expect(copy).toMatchObject({ ...settings, name: 'Copy', status: 'draft' });
    expect(copy.id).not.toBe(src.id);
    expect((await manager.call('GET', `/api/campaigns/${copy.id}`)).json()).toMatchObject({ contactsLeft: 0 });
  });
});

describe('the lifecycle', () => {
  it('starting an empty draft is refused with every reason at once', async () => {
    const { id } = (await manager.call('POST', '/api/campaigns', { name: 'Empty', dialMode: 'predictive', windowDays: [] })).json() as { id: number };
    const res = await manager.call('POST', `/api/campaigns/${id}/start`);
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).error).toBe('DIALER_ERR_CAMPAIGN_NOT_RUNNABLE');
    expect(errorOf(res).message).toBe(
      `campaign ${id} cannot start: its opening says {公司} but the campaign has no company name; its product terms are incomplete (missing code, name, price, billing period, how to cancel); ` +
        'predictive dialing can abandon calls and needs a safe-harbour message (campaign or SAFE_HARBOUR_MEDIA); its calling window is unusable: no calling days are set; it has no contacts left to dial',
    );
  });

  it('draft → running ⇄ paused → completed → archived, and illegal steps say why', async () => {
    const { id } = (await manager.call('POST', '/api/campaigns', { name: 'Life', openingMedia: OPENING, ...TEST_PRODUCT })).json() as { id: number };
    await manager.call('POST', `/api/campaigns/${id}/contacts`, { contacts: [{ phone: '13700137002' }] });
    const step = async (action: string) => manager.call('POST', `/api/campaigns/${id}/${action}`);
    const refused = async (action: string, message: string) => {
      const res = await step(action);
      expect(res.statusCode).toBe(409);
      expect(errorOf(res)).toEqual({ error: 'DIALER_ERR_CAMPAIGN_BAD_TRANSITION', message: `campaign ${id} cannot ${action}: ${message}` });
    };
    await refused('pause', 'it is draft; pause applies to a running campaign');
    expect((await step('start')).json()).toMatchObject({ status: 'running' });
    await refused('start', 'it is already running');
    await refused('archive', 'it is running; pause or complete it first');
    expect((await step('pause')).json()).toMatchObject({ status: 'paused' });
    expect((await step('start')).json()).toMatchObject({ status: 'running' });
    expect((await step('complete')).json()).toMatchObject({ status: 'completed' });
    await refused('start', 'it is completed; start applies to a draft or paused campaign');
    expect((await step('archive')).json()).toMatchObject({ status: 'archived' });
    await refused('complete', 'it is archived');
  });

  it('only managers (and admins) may run campaigns', async () => {
    const agent = await signIn(h.service, 'ann', 'agent');
    expect((await agent.call('POST', '/api/campaigns', { name: 'Nope' })).statusCode).toBe(403);
    expect((await agent.call('GET', '/api/campaigns/1/live')).statusCode).toBe(403);
  });
});

describe('live figures', () => {
  it('after real calls: dialed, answered, abandoned and rate against the cap, agents, contacts left', async () => {
    await h.loginAgent(h.addAgent('Lu', '7301'));
    const id = h.runCampaign(['13700137001', '13700137002'], { settings: { maxAttempts: 1 } });
    await h.waitCampaignDone(id, 2);
    const res = await manager.call('GET', `/api/campaigns/${id}/live`);
    expect(res.statusCode).toBe(200);
    const live = res.json();
    expect(live).toMatchObject({
      campaignId: id,
      status: 'running',
      window: { open: true, timeZone: 'Asia/Shanghai' },
      now: { dialing: 0, ringing: 0, waitingForAgent: 0, withAgent: 0 },
      today: { dialed: 2, answered: 1, abandoned: 0, abandonRate: 0 },
      last30Days: { dialed: 2, answered: 1, abandoned: 0, abandonRate: 0 },
      lifetime: { dialed: 2, answered: 1, abandoned: 0 },
      abandonCap: 0.03,
      overCap: false,
      agents: { loggedIn: 1, ready: 1, paused: 0 },
      contacts: { total: 2, left: 0, done: 1, failed: 1 },
      pacing: { reason: 'no-contacts', calls: 0 },
      pacingExplained: { answerRate: null, riskLimit: null, why: 'Placed no calls: no contact is due to be dialed.' },
      projection: { finishAt: expect.any(Number), note: 'no contacts left' },
    });
  });

  it('projects the finish from the last hour\'s rate, over open window time', async () => {
    h.sim.setScript('8613700137003', { kind: 'busy', ringMs: 20 });
    await h.loginAgent(h.addAgent('Mo', '7302'));
    const id = h.runCampaign(['13700137001', '13700137003'], { settings: { maxAttempts: 2, retryDelaysSec: { busy: 7200 } } });
    await h.waitCampaignDone(id, 2);
    const live = (await manager.call('GET', `/api/campaigns/${id}/live`)).json();
    // One contact finished in the last hour (all of it inside 09:00–20:00), one waits for its retry:
    // at one contact per open hour, it is done an hour from now.
    expect(live.contacts).toMatchObject({ left: 1, done: 1, pending: 1 });
    expect(live.projection.finishedLastHour).toBe(1);
    expect(live.projection.perOpenHour).toBeCloseTo(1, 9);
    expect(live.projection.finishAt - live.at).toBeCloseTo(3_600_000, -1);
  });
});
