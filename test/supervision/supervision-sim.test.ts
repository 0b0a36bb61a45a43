/**
 * Supervisors on live calls through the simulator (the whole service over real HTTP/WebSocket
 * ARI): listen and whisper are snoops of the agent's channel in the supervisor's private
 * bridge, barge and take over put the supervisor's phone in the call's recorded bridge, the
 * phone stays up across switches, every stretch is stored, and the consent rules hold.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agents, consentActions, monitorSessions } from '../../src/db/schema.js';
import { connectCall, readyAgent, waitAsked } from '../consent/consent-support.js';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { signIn, type Caller } from '../support/harness-http.js';
import { OPENING, startHarness, waitFor, type Harness } from '../support/harness.js';

let h: Harness;
let agentId: number;
let agent: Caller;
let manager: Caller;
let qa: Caller;

beforeAll(async () => {
  h = await startHarness({
    env: { CONSENT_KEY_TIMEOUT_MS: '5000' },
    sim: { defaultPlaybackMs: 30, perDigitPlaybackMs: 10, soundDurationsMs: { [OPENING]: 200 }, defaultScript: { kind: 'answer', ringMs: 50 } },
  });
  ({ agentId, agent } = await readyAgent(h, 'Mei', '7201'));
  manager = await signIn(h.service, 'floor-manager', 'manager');
  qa = await signIn(h.service, 'qa-seat', 'qa');
  expect((await manager.call('PUT', '/api/supervision/phone', { extension: '8001' })).statusCode).toBe(200);
  expect((await qa.call('PUT', '/api/supervision/phone', { extension: '8002' })).statusCode).toBe(200);
});
afterEach(async () => {
  for (const c of h.sim.channels()) if (c.id.startsWith('cust-')) h.sim.hangupFarEnd(c.id);
  await waitFor('no supervision left', () => h.service.supervision.supervision.list().length === 0);
  await waitFor('agent ready again', () => h.service.agents.get(agentId)?.state === 'ready', 20_000).catch(() => undefined);
});
afterAll(async () => {
  await h?.stop();
});

const rest = (path: string) => h.sim.log.filter((e) => e.kind === 'rest' && e.method === 'POST' && e.path.startsWith(path));
const bridge = (id: string) => h.sim.bridges().find((b) => b.id === id);
const channel = (id: string) => h.sim.channels().find((c) => c.id === id);
const rowsOf = (callId: string) => h.service.database.db.select().from(monitorSessions).where(eq(monitorSessions.callId, callId)).all();
const phoneOf = (id: number) => h.sim.channels().find((c) => c.id.startsWith(`sup-${id}-`));

async function start(who: Caller, callId: string, mode: string): Promise<{ id: number }> {
  const res = await who.call('POST', '/api/supervision', { callId, mode });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number };
}
async function switchTo(who: Caller, id: number, mode: string) {
  return who.call('POST', `/api/supervision/${id}/mode`, { mode });
}
const settled = () => h.service.supervision.supervision.idle();

describe('listen, whisper, barge, take over on the simulator', () => {
  it('walks through every mode on one phone call and stores every stretch', async () => {
    const talkOf = () => h.service.agentReports.dayTallies(centreDay(h.service.clock.now()), [agentId]).get(agentId)?.talkMs ?? 0;
    const talkBefore = talkOf();
    const call = await connectCall(h, agentId);
    const live = (await manager.call('GET', '/api/supervision/calls')).json() as { calls: Array<{ callId: string; agentName: string }>; modes: string[]; phone: string };
    expect(live.modes).toEqual(['listen', 'whisper', 'barge', 'takeover']);
    expect(live.phone).toBe('8001');
    expect(live.calls.find((c) => c.callId === call.callId)?.agentName).toBe('Mei');

    // Listen: a snoop of the agent's channel, spying both ways, whispering nothing, in the private bridge with the phone.
    const { id } = await start(manager, call.callId, 'listen');
    const phone = await waitFor('the supervisor phone answered', () => phoneOf(id)?.inStasis && phoneOf(id));
    expect(phone.endpoint).toBe('PJSIP/8001');
    await waitFor('phone and snoop in the monitor bridge', () => bridge(`mon-${id}`)?.channels.length === 2);
    await settled();
    const listenSnoop = rest(`/channels/${call.agentChannel}/snoop/`);
    expect(listenSnoop.map((e) => (e.kind === 'rest' ? [e.query.spy, e.query.whisper] : []))).toEqual([['both', 'none']]);
    // Nobody on the call hears the supervisor: the call's bridge is still the customer and the agent alone.
    expect(bridge(`br-${call.callId}`)?.channels.sort()).toEqual([call.customerChannel, call.agentChannel].sort());

    // Whisper: the snoop is replaced by one that whispers towards the agent; the phone is the same channel.
    expect((await switchTo(manager, id, 'whisper')).statusCode).toBe(200);
    await waitFor('the whisper snoop', () => rest(`/channels/${call.agentChannel}/snoop/`).length === 2 && bridge(`mon-${id}`)?.channels.some((c) => c.endsWith('-2')));
    await settled();
    const whisper = rest(`/channels/${call.agentChannel}/snoop/`)[1]!;
    expect(whisper.kind === 'rest' && [whisper.query.spy, whisper.query.whisper]).toEqual(['both', 'out']);
    expect(channel(`snoop-${id}-1`)).toBeUndefined();
    expect(phoneOf(id)?.id).toBe(phone.id);

    // Barge: the phone joins the call's own (recorded) bridge; no snoop is left.
    expect((await switchTo(manager, id, 'barge')).statusCode).toBe(200);
    await waitFor('the supervisor in the call bridge', () => bridge(`br-${call.callId}`)?.channels.includes(phone.id));
    await settled();
    expect(channel(`snoop-${id}-2`)).toBeUndefined();
    expect(bridge(`br-${call.callId}`)?.recording).toBe(`rec-${call.callId}-1`);

    // Take over: the agent goes back to their holding bridge and wraps up; the call stays up with the supervisor.
    expect((await switchTo(manager, id, 'takeover')).statusCode).toBe(200);
    await waitFor('the agent back in the holding bridge', () => bridge(`hold-${agentId}`)?.channels.includes(call.agentChannel));
    await settled();
    expect(bridge(`br-${call.callId}`)?.channels.sort()).toEqual([call.customerChannel, phone.id].sort());
    // The agent's state moves when the service has the answer to the move, after the simulator
    // shows it (and the supervision queue is idle before the call's agent lane is).
    await waitFor('the agent off the call', () => h.service.agents.get(agentId)?.state !== 'on-call');
    // Identity must be confirmed again by the new handler (fraud kind 6).
    const reset = h.service.database.db.select().from(consentActions).where(and(eq(consentActions.callId, call.callId), eq(consentActions.kind, 'speaker-changed'))).all();
    expect(reset).toHaveLength(1);
    expect(reset[0]!.detail).toMatchObject({ reason: 'handler-changed', supervisorUserId: manager.userId });
    // After a takeover there is nothing to switch to.
    expect((await switchTo(manager, id, 'listen')).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_REFUSED' });

    // Stop after a takeover: the supervisor was the handler, so the call ends.
    expect((await manager.call('DELETE', `/api/supervision/${id}`)).statusCode).toBe(200);
    await waitFor('the call ended', () => h.callsOf(call.campaignId)[0]?.state === 'ended');
    await waitFor('the phone hung up', () => phoneOf(id) === undefined);
    await waitFor('the monitor bridge gone', () => bridge(`mon-${id}`) === undefined);

    const rows = rowsOf(call.callId);
    expect(rows.map((r) => [r.mode, r.endReason, r.groupId])).toEqual([
      ['listen', 'switched', id],
      ['whisper', 'switched', id],
      ['barge', 'switched', id],
      ['takeover', 'stopped', id],
    ]);
    expect(rows.every((r) => r.userId === manager.userId && r.endedAt !== null && r.endedAt >= r.startedAt)).toBe(true);
    // The history API shows the same, and the recording is still one segment.
    const hist = (await manager.call('GET', `/api/calls/${call.callId}/monitoring`)).json() as { sessions: unknown[] };
    expect(hist.sessions).toHaveLength(4);
    // The call's detail has them too, named, for the manager's call page.
    const detail = (await manager.call('GET', `/api/calls/${call.callId}`)).json() as { monitoring: Array<{ name: string; mode: string; startedAt: number; endedAt: number | null }> };
    expect(detail.monitoring.map((m) => [m.name, m.mode])).toEqual([
      ['floor-manager', 'listen'],
      ['floor-manager', 'whisper'],
      ['floor-manager', 'barge'],
      ['floor-manager', 'takeover'],
    ]);
    expect(detail.monitoring.map((m) => [m.startedAt, m.endedAt])).toEqual(rows.map((r) => [r.startedAt, r.endedAt]));
    // Who had the customer: the agent until the takeover, then the manager (no agent, no talk time),
    // so the agent's talk time stops when they left the call.
    const takeoverAt = rows[3]!.startedAt;
    // The handlers are closed when the call's end reaches the transfers module, just after the row says ended.
    await waitFor('the handlers closed', () => h.service.transfers.store.handlersOf(call.callId).every((x) => x.toAt !== null));
    const handlers = (await manager.call('GET', `/api/calls/${call.callId}`)).json() as { handlers: Array<{ agentId: number | null; userId: number | null; via: string; extension: string | null; fromAt: number; toAt: number | null }> };
    expect(handlers.handlers.map((x) => [x.agentId, x.userId, x.via, x.extension])).toEqual([
      [agentId, null, 'dialer', null],
      [null, manager.userId, 'takeover', '8001'],
    ]);
    const [agentPart, managerPart] = handlers.handlers;
    expect(agentPart!.toAt).toBe(managerPart!.fromAt);
    expect(agentPart!.toAt).toBeGreaterThanOrEqual(takeoverAt);
    expect(managerPart!.toAt).toBe(h.callsOf(call.campaignId)[0]!.endedAt);
    expect(talkOf() - talkBefore).toBe(agentPart!.toAt! - agentPart!.fromAt);
    await h.waitRecordingsSettled(call.campaignId);
    expect(h.segmentsOf(call.callId).map((s) => s.state)).toEqual(['verified']);
  }, 60_000);

  it('ends the supervision when the customer hangs up, and puts it on the QA timeline', async () => {
    const call = await connectCall(h, agentId);
    const { id } = await start(manager, call.callId, 'listen');
    await waitFor('listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    h.sim.hangupFarEnd(call.customerChannel);
    await waitFor('phone hung up', () => phoneOf(id) === undefined);
    await waitFor('monitor bridge gone', () => bridge(`mon-${id}`) === undefined);
    expect(rowsOf(call.callId).map((r) => r.endReason)).toEqual(['call-ended']);
    await h.waitRecordingsSettled(call.campaignId);
    const details = (await manager.call('GET', `/api/qa/calls/${call.callId}`)).json() as { timeline: { markers: Array<{ kind: string; label: string }> } };
    const kinds = details.timeline.markers.filter((m) => m.kind.startsWith('monitor-'));
    expect(kinds.map((m) => m.kind)).toEqual(['monitor-start', 'monitor-end']);
    expect(kinds[0]!.label).toContain('floor-manager');
  }, 30_000);

  it('lets QA listen but not barge, and refuses barge and takeover while a verification runs', async () => {
    const call = await connectCall(h, agentId);
    const barge = await qa.call('POST', '/api/supervision', { callId: call.callId, mode: 'barge' });
    expect(barge.statusCode).toBe(403);
    expect(barge.json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_FORBIDDEN' });
    const { id: qaId } = await start(qa, call.callId, 'listen');

    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/verification`)).statusCode).toBe(202);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
    for (const mode of ['barge', 'takeover']) {
      const res = await manager.call('POST', '/api/supervision', { callId: call.callId, mode });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_DURING_VERIFICATION' });
    }
    // Whispering to the agent does not reach the customer, so it is allowed during a verification.
    await start(manager, call.callId, 'whisper');
    expect((await qa.call('DELETE', `/api/supervision/${qaId}`)).statusCode).toBe(200);
    await waitFor('QA phone hung up', () => phoneOf(qaId) === undefined);
    // A stop during listen leaves the call up.
    expect(channel(call.customerChannel)).toBeDefined();
  }, 30_000);

  it('holds the verification back while a supervisor is barged in, and shows the agent nothing of a listen', async () => {
    const call = await connectCall(h, agentId);
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/identity-confirmed`)).statusCode).toBe(200);
    const { id } = await start(manager, call.callId, 'listen');
    await waitFor('listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    // What the agent's console reads is the same as with nobody listening.
    const seen = (await agent.call('GET', `/api/calls/${call.callId}/consent`)).json() as { verifyBlockCode: string | null };
    expect(seen.verifyBlockCode).toBeNull();

    expect((await switchTo(manager, id, 'barge')).statusCode).toBe(200);
    const blocked = (await agent.call('GET', `/api/calls/${call.callId}/consent`)).json() as { verifyBlockCode: string | null };
    expect(blocked.verifyBlockCode).toBe('supervisor');
    const refused = await agent.call('POST', `/api/calls/${call.callId}/consent/verification`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'DIALER_ERR_CONSENT_NOT_LIVE' });

    expect((await manager.call('DELETE', `/api/supervision/${id}`)).statusCode).toBe(200);
    await waitFor('supervisor gone', () => phoneOf(id) === undefined);
    expect((await agent.call('POST', `/api/calls/${call.callId}/consent/verification`)).statusCode).toBe(202);
    await waitAsked(h, call.callId, CONSENT_PROMPTS.identityQuestion);
  }, 30_000);

  it('lets a team lead supervise their own team only, called on their agent softphone', async () => {
    const { db } = h.service.database;
    const lead = await signIn(h.service, 'lead-wu', 'agent');
    db.insert(agents).values({ name: 'Wu', extension: '7301', role: 'team-lead', team: 'A', userId: lead.userId, createdAt: 0 }).run();
    db.update(agents).set({ team: 'B' }).where(eq(agents.id, agentId)).run();
    const call = await connectCall(h, agentId);
    expect((await lead.call('GET', '/api/supervision/calls')).json()).toMatchObject({ calls: [], modes: ['listen', 'whisper', 'barge', 'takeover'], phone: '7301' });
    expect((await lead.call('POST', '/api/supervision', { callId: call.callId, mode: 'listen' })).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_FORBIDDEN', params: [call.callId, 'listen', 'team'] });
    db.update(agents).set({ team: 'A' }).where(eq(agents.id, agentId)).run();
    const { id } = await start(lead, call.callId, 'whisper');
    await waitFor('the lead whispering', () => bridge(`mon-${id}`)?.channels.length === 2);
    expect(phoneOf(id)?.endpoint).toBe('PJSIP/7301');
    db.update(agents).set({ team: '' }).where(eq(agents.id, agentId)).run();
  }, 30_000);

  it('shows a plain agent nothing; refuses a team lead whose agent softphone is logged in, until they set a phone of their own', async () => {
    const call = await connectCall(h, agentId);
    // Mei is a plain agent: no calls, no modes, no phone.
    expect((await agent.call('GET', '/api/supervision/calls')).json()).toEqual({ calls: [], modes: [], phone: null, phoneInUse: false });

    const { db } = h.service.database;
    const { agentId: leadAgentId, agent: lead } = await readyAgent(h, 'Lin', '7302');
    // Paused, the lead's softphone is still held by the service (parked in its holding bridge).
    h.service.agents.pause(leadAgentId, 'break');
    db.update(agents).set({ role: 'team-lead', team: 'C' }).where(eq(agents.id, leadAgentId)).run();
    db.update(agents).set({ team: 'C' }).where(eq(agents.id, agentId)).run();
    const seen = (await lead.call('GET', '/api/supervision/calls')).json() as { calls: Array<{ callId: string }>; phone: string; phoneInUse: boolean };
    expect(seen).toMatchObject({ phone: '7302', phoneInUse: true });
    expect(seen.calls.map((c) => c.callId)).toEqual([call.callId]);
    const refused = await lead.call('POST', '/api/supervision', { callId: call.callId, mode: 'listen' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_PHONE_IN_USE', params: ['7302'] });
    // Nothing was dialled to the softphone.
    expect(h.sim.channels().filter((c) => c.id.startsWith('sup-'))).toEqual([]);

    // Their own agent extension given as a supervisor phone is still the one softphone, in use.
    expect((await lead.call('PUT', '/api/supervision/phone', { extension: '7302' })).statusCode).toBe(200);
    expect((await lead.call('GET', '/api/supervision/calls')).json()).toMatchObject({ phone: '7302', phoneInUse: true });
    // A second softphone of their own (set by themself, as a team lead may): they can listen while logged in.
    expect((await lead.call('PUT', '/api/supervision/phone', { extension: '8003' })).json()).toEqual({ extension: '8003' });
    expect((await lead.call('GET', '/api/supervision/calls')).json()).toMatchObject({ phone: '8003', phoneInUse: false });
    const { id } = await start(lead, call.callId, 'listen');
    await waitFor('the lead listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    expect(phoneOf(id)?.endpoint).toBe('PJSIP/8003');
    db.update(agents).set({ team: '' }).where(eq(agents.id, agentId)).run();
    await h.service.agents.logout(leadAgentId);
  }, 30_000);

  it('cleans up supervision leftovers of an earlier run at reconcile, and keeps the live ones', async () => {
    const call = await connectCall(h, agentId);
    const { id } = await start(manager, call.callId, 'listen');
    await waitFor('listening', () => bridge(`mon-${id}`)?.channels.length === 2);
    await h.service.telephony.createBridge('mon-999', 'mixing');
    await h.service.reconciler.run();
    expect(bridge('mon-999')).toBeUndefined();
    expect(bridge(`mon-${id}`)?.channels).toHaveLength(2);
    expect(phoneOf(id)).toBeDefined();
  }, 30_000);

  it('answers clear errors: no phone, unknown call, someone else’s supervision, bad body', async () => {
    const noPhone = await signIn(h.service, 'new-manager', 'manager');
    const call = await connectCall(h, agentId);
    expect((await noPhone.call('POST', '/api/supervision', { callId: call.callId, mode: 'listen' })).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_NO_PHONE' });
    expect((await noPhone.call('PUT', '/api/supervision/phone', { extension: '7201' })).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_PHONE_TAKEN' });
    expect((await manager.call('POST', '/api/supervision', { callId: 'nope', mode: 'listen' })).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_REFUSED' });
    expect((await manager.call('POST', '/api/supervision', { callId: call.callId, mode: 'shout' })).statusCode).toBe(400);
    const { id } = await start(manager, call.callId, 'listen');
    expect((await noPhone.call('DELETE', `/api/supervision/${id}`)).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_NOT_FOUND' });
    expect((await agent.call('POST', '/api/supervision', { callId: call.callId, mode: 'listen' })).json()).toMatchObject({ error: 'DIALER_ERR_SUPERVISION_FORBIDDEN' });
    // A supervisor phone is for those who supervise: an agent who leads no team may not set one.
    const refused = await agent.call('PUT', '/api/supervision/phone', { extension: '8009' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'DIALER_ERR_AUTH_FORBIDDEN' });
  }, 30_000);
});

function centreDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: h.service.config.CENTRE_TIME_ZONE }).format(new Date(ms));
}
