/**
 * What goes wrong on a real floor, on a real Asterisk: an agent logs in from the softphone
 * (*55 and a PIN), an agent's softphone hangs up mid-call, Asterisk stops and comes back
 * mid-campaign, and the service is SIGKILLed mid-call and started again.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.js';
import { shiftedClock } from '../../src/clock.js';
import { agents, calls } from '../../src/db/schema.js';
import { HARNESS_START, waitFor } from '../support/harness.js';
import { REPO_ROOT } from './support/asterisk-dist.js';
import { ARI_PASSWORD, ARI_USER } from './support/asterisk-instance.js';
import { DIST, startRealTier, type RealTier } from './support/real-tier.js';
import type { ChildJob } from './support/service-child.js';
import { customerNumber as num } from './support/sipp-scenario.js';

let tier: RealTier;
const PIN = '2468';

describe.skipIf(!DIST)('a real floor going wrong, on a real Asterisk', () => {
  beforeAll(async () => {
    tier = await startRealTier({
      agents: ['8301', '8302'],
      customers: {
        // Talks and stays on until the dialer hangs up.
        '50': { kind: 'answer', ringMs: 500, talk: true },
        // Talks 6 s, then hangs up.
        '51': { kind: 'answer', ringMs: 500, talk: true, hangupAfterMs: 6000 },
      },
    });
  }, 60_000);
  afterAll(async () => tier?.stop(), 30_000);
  // A failed case must leave Asterisk up and no call live for the next one.
  afterEach(async () => {
    if (!tier) return;
    if (!tier.asterisk.running) {
      await tier.asterisk.start();
      await tier.h.service.telephony.waitConnected(20_000);
    }
    for (const a of tier.h.service.agents.list()) await tier.h.service.agents.logout(a.agentId).catch(() => undefined);
    await waitFor('no live call', () => tier.h.service.tracker.size === 0, 20_000);
  }, 60_000);

  const agentOf = (ext: string) => tier.agentIds.get(ext)!;
  /** Whether any process on the machine runs the child service (a SIGKILL must leave none). */
  const childServiceAlive = () =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .some((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('service-child.ts');
        } catch {
          return false; // gone meanwhile
        }
      });

  it('*55 from the softphone with the PIN logs the agent in, parked and ready', async () => {
    const { h } = tier;
    const id = agentOf('8302');
    h.service.database.db.update(agents).set({ pinHash: await hashPassword(PIN) }).where(eq(agents.id, id)).run();
    const phone = tier.phones.get('8302')!;
    await phone.dial('*55');
    await phone.waitEstablished();
    // The dialplan asks for the PIN (Read) after half a second of answer.
    await tier.events.waitFor('*55 in the login context', (e) => e.type === 'ChannelDialplan' && (e.raw.dialplan_app as string) === 'Read', 10_000).catch(() => undefined);
    await phone.pressKeys(`${PIN}#`);
    await waitFor('agent 8302 ready by dial-in', () => h.service.agents.get(id)?.state === 'ready', 20_000).catch((err: Error) => {
      throw new Error(`${err.message}\nbaresip:\n${phone.log().slice(-3000)}\nasterisk:\n${tier.asterisk.tail(60)}`);
    });
    await phone.hangup();
    await waitFor('dial-in session ended by the phone', () => h.service.agents.get(id) === null, 10_000);
  }, 60_000);

  it("an agent's softphone hanging up mid-call ends the call and the session; the recording is whole", async () => {
    const { h } = tier;
    const id = agentOf('8301');
    await h.loginAgent(id, 15_000);
    const campaignId = h.runCampaign([num('50', 1)]);
    const live = await waitFor('agent on the call', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 20_000);
    await tier.phones.get('8301')!.hangup();
    const [row] = await h.waitCampaignDone(campaignId, 1, 20_000);
    await h.waitRecordingsSettled(campaignId, 20_000);
    expect(row!.id).toBe(live.id);
    expect(h.callsOf(campaignId)[0]).toMatchObject({ outcome: 'answered', hangupBy: 'agent', recordingState: 'verified' });
    await waitFor('agent session ended', () => h.service.agents.get(id) === null, 10_000);
  }, 60_000);

  it('Asterisk stopping mid-call: the call is not "hung up by the customer", its recording is kept; after the restart the floor dials again', async () => {
    const { h, asterisk } = tier;
    const id = agentOf('8301');
    await h.loginAgent(id, 15_000);
    const campaignId = h.runCampaign([num('50', 2)]);
    const live = await waitFor('agent on the call', () => h.callsOf(campaignId).find((c) => c.agentConnectedAt !== null), 20_000);
    await new Promise((r) => setTimeout(r, 1500)); // a stretch of recorded conversation
    await asterisk.stop();
    const cut = await waitFor('call closed', () => h.callsOf(campaignId).find((c) => c.id === live.id && c.state === 'ended'), 20_000);
    expect(cut.hangupBy).not.toBe('customer');
    // Agents: their softphone channels died with Asterisk; they are logged out, with the reason.
    await waitFor('agent logged out', () => h.service.agents.get(id) === null, 20_000);

    await asterisk.start();
    await h.service.telephony.waitConnected(20_000);
    await waitFor('recording judged', () => {
      const r = h.callsOf(campaignId).find((c) => c.id === live.id);
      return r?.recordingState && r.recordingState !== 'pending' ? r : null;
    }, 30_000);
    expect(h.callsOf(campaignId).find((c) => c.id === live.id)!.recordingState).toBe('verified');

    // The floor goes on: log in again, a new call is answered, connected and recorded.
    await h.loginAgent(id, 20_000);
    const next = h.runCampaign([num('51', 3)]);
    await h.waitCampaignDone(next, 1, 30_000);
    await h.waitRecordingsSettled(next, 20_000);
    expect(h.callsOf(next)[0]).toMatchObject({ outcome: 'answered', agentId: id, recordingState: 'verified' });
    await h.service.agents.logout(id);
  }, 120_000);

  it('the service SIGKILLed mid-call and started again: the call is closed as interrupted, Asterisk is cleaned up, the recording is verified', async () => {
    const id = agentOf('8301');
    const dir = tier.h.dir;
    const redisPrefix = `tier-kill-${process.pid}`;
    const clockOffsetMs = HARNESS_START - Date.now();
    await tier.h.stop({ keepDir: true });
    const job: ChildJob = {
      ari: { url: tier.asterisk.ariUrl, username: ARI_USER, password: ARI_PASSWORD },
      dir,
      env: { PROMPTS_DIR: tier.asterisk.soundsDir, REDIS_PREFIX: redisPrefix },
      clockOffsetMs,
      agentIds: [id],
      numbers: [num('50', 4)],
    };
    // Node itself, with tsx as a loader: the tsx command runs the script in a child of its own,
    // which a SIGKILL of the command leaves running (it was the old service, still connected).
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/asterisk/support/service-child.ts')], {
      env: { ...process.env, DIALER_CHILD_JOB: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor('child service dialing', () => /ready (\d+)/.test(out), 60_000);
    const campaignId = Number(/ready (\d+)/.exec(out)![1]);
    // Read the child's database from outside: wait until the agent talks to the customer.
    const sqlite = new Database(join(dir, 'dialer.db'), { readonly: true });
    const db = drizzle(sqlite);
    const live = await waitFor('child call connected', () => db.select().from(calls).where(eq(calls.campaignId, campaignId)).all().find((c) => c.agentConnectedAt !== null), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGKILL');
    await exited;
    expect(childServiceAlive()).toBe(false);
    sqlite.close();
    expect(Number((await tier.asterisk.cli('core show channels count')).match(/(\d+) active channel/)?.[1] ?? 0)).toBeGreaterThan(0);

    const h = await tier.restartService({ env: { REDIS_PREFIX: redisPrefix }, clock: shiftedClock(Date.now() + clockOffsetMs) });
    const row = await waitFor('call closed as interrupted', () => h.callsOf(campaignId).find((c) => c.id === live.id && c.state === 'ended'), 30_000);
    expect(row.outcome).toBe('interrupted');
    // The reconciler hangs up what nobody owns any more: the customer and the agent's softphone.
    for (let i = 0; i < 100 && !/^0 active channels/m.test(await tier.asterisk.cli('core show channels count')); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await tier.asterisk.cli('core show channels count')).toMatch(/^0 active channels/m);
    await waitFor('recording judged', () => {
      const r = h.callsOf(campaignId).find((c) => c.id === live.id);
      return r?.recordingState && r.recordingState !== 'pending' ? r : null;
    }, 30_000);
    expect(h.callsOf(campaignId).find((c) => c.id === live.id)!.recordingState).toBe('verified');
  }, 150_000);
});
