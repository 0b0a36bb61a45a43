/**
 * Recording storage trouble stops the floor loudly and resumes by itself (issue 15, item 4):
 * a recording that cannot be stored opens an incident, turns /health degraded, holds
 * dialing; once writes work again the waiting recording is stored and dialing goes on.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../support/harness-http.js';
import { startHarness, waitFor, type Harness } from '../support/harness.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.stop().catch(() => undefined);
});

describe('recordings that cannot be stored', () => {
  it('hold dialing with an incident and a degraded /health until writes work, then resume by themselves', async () => {
    const h = await startHarness({
      scripts: { '8613900139201': { kind: 'answer', ringMs: 20, hangupAfterMs: 900 }, '8613900139202': { kind: 'answer', ringMs: 20, hangupAfterMs: 900 } },
      env: { RECORDING_STORAGE_PROBE_MS: '200' },
    });
    harnesses.push(h);
    const manager = await signIn(h.service, 'mgr', 'manager');
    await h.loginAgent(h.addAgent('Eve', '7105'));
    const dir = h.service.config.RECORDINGS_DIR;
    expect((await h.service.health()).status).toBe('ok');

    // The recordings volume goes away: a file stands where the directory was.
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, 'not a directory');

    const first = h.runCampaign(['13900139201']);
    const [call] = await h.waitCampaignDone(first, 1);
    await waitFor('storage trouble noticed', () => h.service.storage.trouble);
    // Not judged missing: the file waits on Asterisk.
    expect(h.callsOf(first)[0]!.recordingState).toBeNull();
    expect(h.segmentsOf(call!.id).map((s) => s.state)).toEqual(['pending']);
    const health = await h.service.health();
    expect(health.status).toBe('degraded');
    expect(health.checks.recordingStorage).toMatchObject({ ok: false, detail: expect.stringContaining(dir) });
    expect((await h.service.http.inject({ url: '/health' })).json()).toMatchObject({ status: 'degraded', checks: { recordingStorage: { ok: false } } });
    const incidents = (await manager.call('GET', '/api/incidents?open=1')).json().incidents;
    expect(incidents).toEqual([expect.objectContaining({ kind: 'recording-storage', closedAt: null, calls: 1 })]);

    // Dialing is held: a new campaign's number is not dialed.
    const second = h.runCampaign(['13900139202']);
    expect(h.service.dialLoop.pass()).toBe(0);
    expect(h.service.dialLoop.paused).toBe('recordings cannot be stored');
    expect(h.callsOf(second)).toHaveLength(0);

    // Space is back: the incident closes, the waiting recording is stored, dialing resumes.
    rmSync(dir);
    renameSync(`${dir}.away`, dir);
    await waitFor('incident closed', () => h.service.storage.trouble === null, 5_000);
    await waitFor('recording stored', () => h.callsOf(first)[0]!.recordingState === 'verified', 10_000);
    await h.waitCampaignDone(second, 1);
    await h.waitRecordingsSettled(second);
    expect(h.callsOf(second)[0]!.recordingState).toBe('verified');
    expect((await h.service.health()).status).toBe('ok');
    expect((await manager.call('GET', '/api/incidents?open=1')).json().incidents).toEqual([]);
    const all = (await manager.call('GET', '/api/incidents')).json().incidents;
    expect(all).toEqual([expect.objectContaining({ kind: 'recording-storage', closedAt: expect.any(Number) })]);
    expect(call!.id).toBe(h.callsOf(first)[0]!.id);
  });
});
