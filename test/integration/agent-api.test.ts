/**
 * The agent API through the real service: the registry (create, edit, list, targets), team
 * targets, the pause-code list, who may see which figures, bad input, and the live view as
 * a server-sent event stream over a real socket (auth, scope, pushes on change, heartbeats,
 * closed cleanly when the service stops).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const ADMIN = { username: 'admin', password: 'admin-password-1' };

let h: Harness;
let admin: Record<string, string>;
let agentUser: { id: number; headers: Record<string, string> };
let leadUser: { id: number; headers: Record<string, string> };

async function signIn(username: string, password: string): Promise<Record<string, string>> {
  const res = await h.service.http.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return { authorization: `Bearer ${(res.json() as { token: string }).token}` };
}

async function call(headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  const res = await h.service.http.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: String(res.headers['content-type'] ?? '').includes('json') ? res.json() : res.body, headers: res.headers };
}

beforeAll(async () => {
  h = await startHarness({ env: { ADMIN_PASSWORD: ADMIN.password, LIVE_HEARTBEAT_MS: '1000', LIVE_REFRESH_MS: '60000' } });
  admin = await signIn(ADMIN.username, ADMIN.password);
  const u1 = await h.service.users.create({ username: 'ann', password: 'ann-password-1', role: 'agent' });
  const u2 = await h.service.users.create({ username: 'lead', password: 'lead-password-1', role: 'agent' });
  agentUser = { id: u1.id, headers: await signIn('ann', 'ann-password-1') };
  leadUser = { id: u2.id, headers: await signIn('lead', 'lead-password-1') };
});

afterAll(async () => {
  await h?.stop();
});

describe('agent registry API', () => {
  it('creates, edits and lists agents with the target that applies; refuses bad input with the field named', async () => {
    const created = await call(admin, 'POST', '/api/agents', { name: 'Ann', extension: '7101', team: 'North', userId: agentUser.id, pin: '4321' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Ann', extension: '7101', team: 'North', role: 'agent', hasPin: true, endpoint: null, dailyTargetSec: null, targetSec: 10_800, targetSource: 'default' });
    expect(created.body).not.toHaveProperty('pinHash');
    const ann = created.body.id as number;

    expect((await call(admin, 'POST', '/api/agents', { name: 'Dup', extension: '7101' })).status).toBe(409);
    const bad = await call(admin, 'POST', '/api/agents', { name: 'X', extension: '7 1', role: 'boss', pin: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/body\.extension/);
    expect(bad.body.message).toMatch(/body\.pin/);
    expect(bad.body.message).toMatch(/body\.role/);
    expect((await call(admin, 'POST', '/api/agents', { name: 'X', extension: '7199', userId: 9999 })).body.message).toMatch(/userId: no user 9999/);

    const edited = await call(admin, 'PATCH', `/api/agents/${ann}`, { name: 'Ann Li', dailyTargetSec: 9000, endpoint: 'PJSIP/webrtc-7101', pin: null });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Ann Li', dailyTargetSec: 9000, targetSec: 9000, targetSource: 'agent', endpoint: 'PJSIP/webrtc-7101', hasPin: false, session: null });
    expect((await call(admin, 'PATCH', `/api/agents/${ann}`, { nickname: 'A' })).status).toBe(400);
    expect((await call(admin, 'PATCH', `/api/agents/${ann}`, { endpoint: 'no-tech' })).body.message).toMatch(/body\.endpoint/);
    expect((await call(admin, 'PATCH', '/api/agents/99999', { name: 'Z' })).status).toBe(404);
    // Back to the template endpoint, so the softphone can be dialed in the stream test below.
    expect((await call(admin, 'PATCH', `/api/agents/${ann}`, { endpoint: null, dailyTargetSec: null })).body).toMatchObject({ endpoint: null, targetSource: 'default' });

    const list = await call(admin, 'GET', '/api/agents');
    expect(list.body.agents.find((a: { id: number }) => a.id === ann)).toMatchObject({ name: 'Ann Li', targetSec: 10_800, session: null });
    // Agents may read their own record, not others', and may not edit.
    expect((await call(agentUser.headers, 'GET', `/api/agents/${ann}`)).status).toBe(200);
    expect((await call(agentUser.headers, 'PATCH', `/api/agents/${ann}`, { name: 'Me' })).status).toBe(403);
    expect((await call(agentUser.headers, 'GET', '/api/agents')).status).toBe(403);
  });

  it('team targets apply to agents without their own, and can be cleared', async () => {
    const bo = (await call(admin, 'POST', '/api/agents', { name: 'Bo', extension: '7102', team: 'North' })).body.id as number;
    const lead = (await call(admin, 'POST', '/api/agents', { name: 'Lee', extension: '7103', team: 'North', role: 'team-lead', userId: leadUser.id })).body.id as number;
    expect((await call(admin, 'PUT', '/api/teams/North', { dailyTargetSec: 7200 })).body).toEqual({ name: 'North', dailyTargetSec: 7200, targetSec: 7200, targetSource: 'team', agents: 3 });
    expect((await call(admin, 'GET', `/api/agents/${bo}`)).body).toMatchObject({ targetSec: 7200, targetSource: 'team' });
    expect((await call(admin, 'GET', '/api/teams')).body.teams).toContainEqual({ name: 'North', dailyTargetSec: 7200, targetSec: 7200, targetSource: 'team', agents: 3 });
    expect((await call(admin, 'PUT', '/api/teams/North', { dailyTargetSec: 100_000 })).status).toBe(400);
    expect((await call(admin, 'PUT', '/api/teams/North', { dailyTargetSec: null })).body).toMatchObject({ targetSec: 10_800, targetSource: 'default' });
    expect((await call(agentUser.headers, 'PUT', '/api/teams/North', { dailyTargetSec: 1 })).status).toBe(403);
    expect(lead).toBeGreaterThan(bo);
  });
});

describe('pause codes', () => {
  it('ships defaults; managers add, relabel and deactivate; agents pause only with an active code', async () => {
    const codes = (await call(agentUser.headers, 'GET', '/api/pause-codes')).body.pauseCodes as Array<{ code: string }>;
    expect(codes.map((c) => c.code)).toEqual(['BREAK', 'COACHING', 'DISPO', 'IDLE', 'MEAL', 'MEETING', 'TECH', 'TRAINING']);
    expect((await call(admin, 'POST', '/api/pause-codes', { code: 'toilet', label: '如厕 Restroom' })).body).toMatchObject({ code: 'TOILET', active: true });
    expect((await call(admin, 'POST', '/api/pause-codes', { code: 'TOILET', label: 'again' })).body.error).toBe('DIALER_ERR_AGENT_PAUSE_CODE_EXISTS');
    expect((await call(admin, 'POST', '/api/pause-codes', { code: 'no spaces', label: 'x' })).status).toBe(400);
    expect((await call(agentUser.headers, 'POST', '/api/pause-codes', { code: 'NAP', label: 'x' })).status).toBe(403);
    expect((await call(admin, 'PATCH', '/api/pause-codes/MEETING', { active: false })).body).toMatchObject({ code: 'MEETING', active: false });
    expect((await call(admin, 'PATCH', '/api/pause-codes/NOPE', { active: false })).status).toBe(404);
    expect((await call(admin, 'PATCH', '/api/pause-codes/TECH', {})).status).toBe(400);
    expect(((await call(agentUser.headers, 'GET', '/api/pause-codes?all=1')).body.pauseCodes as unknown[]).length).toBe(8);
    expect(((await call(admin, 'GET', '/api/pause-codes?all=1')).body.pauseCodes as unknown[]).length).toBe(9);

    const ann = (await call(admin, 'GET', '/api/agents')).body.agents.find((a: { name: string }) => a.name === 'Ann Li').id as number;
    await call(admin, 'POST', `/api/agents/${ann}/login`);
    await waitFor('Ann ready', () => h.service.agents.get(ann)?.state === 'ready');
    expect((await call(agentUser.headers, 'POST', `/api/agents/${ann}/pause`, { reason: 'MEETING' })).body.error).toBe('DIALER_ERR_AGENT_PAUSE_CODE_UNKNOWN');
    expect((await call(agentUser.headers, 'POST', `/api/agents/${ann}/pause`, {})).status).toBe(400);
    expect((await call(agentUser.headers, 'POST', `/api/agents/${ann}/pause`, { reason: 'toilet' })).body.session).toMatchObject({ state: 'paused', reason: 'TOILET' });
    // The pause lasts at least a millisecond (the report below counts it): a pause and a ready
    // stamped in the same millisecond are no time at all, and the report leaves them out.
    const pausedAt = h.service.clock.now();
    await waitFor('a millisecond of pause', () => h.service.clock.now() > pausedAt);
    expect((await call(agentUser.headers, 'POST', `/api/agents/${ann}/ready`)).body.session).toMatchObject({ state: 'ready', reason: null });
    await call(agentUser.headers, 'POST', `/api/agents/${ann}/logout`);
    await waitFor('Ann logged out', () => h.service.agents.get(ann) === null);
  });
});

describe('dial-in login', () => {
  it('five wrong PINs lock the extension’s dial-in login, even for the right PIN', async () => {
    const agentId = (await call(admin, 'POST', '/api/agents', { name: 'Pin', extension: '7150', pin: '2468' })).body.id as number;
    const dial = (pin: string) => h.sim.placeInboundCall({ endpoint: 'PJSIP/7150', app: 'dialer', args: ['login', '7150', pin] });
    for (let i = 0; i < 5; i += 1) {
      const id = dial('0000');
      await waitFor('wrong PIN hung up', () => !h.sim.channels().some((c) => c.id === id));
    }
    const right = dial('2468');
    await waitFor('locked out', () => !h.sim.channels().some((c) => c.id === right));
    expect(h.service.agents.get(agentId)).toBeNull();
    // The API login is not affected; it dials the agent's own softphone endpoint when one is set.
    await call(admin, 'PATCH', `/api/agents/${agentId}`, { endpoint: 'PJSIP/desk-12' });
    await call(admin, 'POST', `/api/agents/${agentId}/login`);
    await waitFor('logged in from the API', () => h.service.agents.get(agentId)?.state === 'ready');
    expect(h.sim.channels().find((c) => c.id === h.service.agents.get(agentId)?.channelId)?.endpoint).toBe('PJSIP/desk-12');
    await h.service.agents.logout(agentId);
  });
});

describe('agent figures API', () => {
  it('managers see everyone, an agent themself, a team lead their team; bad periods are refused', async () => {
    const all = await call(admin, 'GET', '/api/reports/agents');
    expect(all.status).toBe(200);
    const names = (all.body.agents as Array<{ name: string }>).map((a) => a.name);
    expect(names).toEqual(['Ann Li', 'Bo', 'Lee', 'Pin']);
    // Ann logged in and paused (TOILET) in the test above: her day has a row.
    const annDay = (all.body.days as Array<{ name: string; pauseByReasonSec: Record<string, number> }>).find((d) => d.name === 'Ann Li');
    expect(annDay?.pauseByReasonSec).toHaveProperty('TOILET');

    const own = await call(agentUser.headers, 'GET', '/api/reports/agents');
    expect((own.body.agents as Array<{ name: string }>).map((a) => a.name)).toEqual(['Ann Li']);
    const bo = (all.body.agents as Array<{ name: string; agentId: number }>).find((a) => a.name === 'Bo')!.agentId;
    expect((await call(agentUser.headers, 'GET', `/api/reports/agents?agentId=${bo}`)).status).toBe(403);
    const team = await call(leadUser.headers, 'GET', '/api/reports/agents');
    expect((team.body.agents as Array<{ name: string }>).map((a) => a.name)).toEqual(['Ann Li', 'Bo', 'Lee']);
    expect((await call(admin, 'GET', '/api/reports/agents?team=Nobody')).body.agents).toEqual([]);

    expect((await call(admin, 'GET', '/api/reports/agents?from=2025-02-30')).body.error).toBe('DIALER_ERR_REPORT_PERIOD_INVALID');
    expect((await call(admin, 'GET', '/api/reports/agents?from=2025-03-02&to=2025-03-01')).body.error).toBe('DIALER_ERR_REPORT_PERIOD_INVALID');
    expect((await call(admin, 'GET', '/api/reports/agents?from=2024-01-01&to=2025-03-01')).body.message).toMatch(/366 days/);
    expect((await call(admin, 'GET', '/api/reports/agents?from=yesterday')).status).toBe(400);
    expect((await call(admin, 'GET', '/api/reports/agents?view=pies&format=csv')).status).toBe(400);

    const csv = await call(admin, 'GET', '/api/reports/agents?format=csv&view=teams');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="agent-figures-teams-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = String(csv.body).split('\r\n');
    // The team-less agent (Pin) first, then North with its 3 agents, one of whom worked today.
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},,1,1,/);
    expect(lines[2]).toMatch(/^\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},North,3,1,/);
  });
});

/** Reads server-sent events from a fetch response body. */
class EventReader {
  private buffer = '';
  readonly events: Array<{ event: string; data: any }> = [];
  readonly comments: string[] = [];
  private readonly decoder = new TextDecoder();

  constructor(private readonly body: ReadableStream<Uint8Array>) {
    void this.pump();
  }

  private async pump(): Promise<void> {
    const reader = this.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.buffer += this.decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
          const block = this.buffer.slice(0, cut);
          this.buffer = this.buffer.slice(cut + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) this.comments.push(line);
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) this.events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  }
}

describe('live view over server-sent events', () => {
  it('needs sign-in, pushes a snapshot at once and on every change, scoped to the viewer, with heartbeats', async () => {
    await h.service.http.listen({ host: '127.0.0.1', port: 0 });
    const address = h.service.http.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const url = `${base}/api/live/agents/stream`;

    expect((await fetch(url)).status).toBe(401);

    const abort = new AbortController();
    const managerRes = await fetch(url, { headers: admin, signal: abort.signal });
    expect(managerRes.status).toBe(200);
    expect(managerRes.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const manager = new EventReader(managerRes.body!);
    const agentRes = await fetch(url, { headers: agentUser.headers, signal: abort.signal });
    const agent = new EventReader(agentRes.body!);

    await waitFor('first snapshots', () => manager.events.length > 0 && agent.events.length > 0);
    expect(manager.events[0]!.event).toBe('snapshot');
    expect((manager.events[0]!.data.agents as Array<{ name: string }>).map((a) => a.name)).toEqual(['Ann Li', 'Bo', 'Lee', 'Pin']);
    expect(agent.events[0]!.data).toMatchObject({ timeZone: 'Asia/Shanghai', longPauseLimitSec: 300, shiftHours: 8 });
    expect((agent.events[0]!.data.agents as Array<{ name: string }>).map((a) => a.name)).toEqual(['Ann Li']);

    // A change is pushed at once: Bo logs in.
    const bo = (manager.events[0]!.data.agents as Array<{ name: string; agentId: number }>).find((a) => a.name === 'Bo')!.agentId;
    const before = agent.events.length;
    await call(admin, 'POST', `/api/agents/${bo}/login`);
    await waitFor('Bo ready pushed', () => manager.events.some((e) => e.data.agents?.find((a: { agentId: number; state: string }) => a.agentId === bo)?.state === 'ready'));
    const boRow = manager.events.at(-1)!.data.agents.find((a: { agentId: number }) => a.agentId === bo);
    expect(boRow).toMatchObject({ state: 'ready', timeInStateSec: 0, talkTodaySec: 0, targetSec: 10_800, progressPct: 0 });
    // The agent's stream got the snapshot too, without Bo in it.
    await waitFor('agent snapshot after the change', () => agent.events.length > before);
    expect(agent.events.every((e) => e.data.agents.every((a: { name: string }) => a.name === 'Ann Li'))).toBe(true);

    // Heartbeats keep the idle stream open (LIVE_HEARTBEAT_MS = 1 s here).
    await waitFor('a heartbeat', () => manager.comments.some((c) => c.startsWith(': heartbeat')), 5000);
    const json = await call(agentUser.headers, 'GET', '/api/live/agents');
    expect((json.body.agents as Array<{ name: string }>).map((a) => a.name)).toEqual(['Ann Li']);
    expect((await call(admin, 'GET', '/api/live/agents')).body.projection).toMatch(/shift/);
    expect(h.service.liveView.subscribers).toBe(2);

    // A closed client is forgotten.
    abort.abort();
    await waitFor('subscribers gone', () => h.service.liveView.subscribers === 0);

    // A stream still open when the service stops does not keep it from stopping (afterAll).
    const lingering = await fetch(url, { headers: admin });
    expect(lingering.status).toBe(200);
    await waitFor('lingering subscribed', () => h.service.liveView.subscribers === 1);
    await h.service.agents.logout(bo);
  });
});
