/**
 * What the QA console reads besides the QA API proper: the evidence timeline in a call's
 * details (offsets into the joined WAV the same request's recording URL serves, gaps
 * included), and the service's QA calendar. Both for QA and managers, never for agents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT_PROMPTS } from '../../src/consent/disclosure.js';
import { consentActions, verifications } from '../../src/db/schema.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';

let env: QaEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

interface Marker {
  kind: string;
  at: number;
  offsetMs: number | null;
  digit?: string;
  answers?: string;
}

describe('the evidence timeline of a call', () => {
  it('puts the agent actions and the verification steps at their offsets in the joined recording', async () => {
    const e = (env = await makeQaEnv({ startAt: shanghai(2025, 1, 7, 12) }));
    await e.seedRoles();
    const campaignId = e.addCampaign();
    const agentId = e.addAgent();
    const answeredAt = shanghai(2025, 1, 7, 10);
    // Two segments: 0–2 s, then (after 1.5 s without audio) 3.5–6.5 s.
    const callId = e.addCall({ campaignId, agentId, answeredAt, talkMs: 5000, segments: [{ durationMs: 2000 }, { durationMs: 3000, gapBeforeMs: 1500 }] });
    const { db } = e.db;
    db.insert(consentActions).values({ callId, agentId, kind: 'refusal', detail: { note: 'busy', source: 'agent' }, at: answeredAt + 1200 }).run();
    db.insert(consentActions).values({ callId, agentId, kind: 'identity-confirmed', detail: {}, at: answeredAt + 1800 }).run();
    const step = (s: string, ms: number, extra: Record<string, string> = {}) => ({ step: s, at: answeredAt + ms, ...extra });
    db.insert(verifications)
      .values({
        callId,
        agentId,
        outcome: 'declined',
        terms: { media: ['sound:dialer/consent/product'] },
        steps: [
          step('start', 1900),
          step('play', 1900, { media: CONSENT_PROMPTS.identityQuestion }),
          step('key', 2600, { digit: '1', channelId: 'c' }),
          step('play', 3600, { media: 'sound:dialer/consent/product' }),
          step('played', 4500, { media: 'sound:dialer/consent/product' }),
          step('play', 4500, { media: CONSENT_PROMPTS.confirmQuestion }),
          step('key', 5200, { digit: '2', channelId: 'c' }),
          step('outcome:declined', 5200),
        ],
        startedAt: answeredAt + 1900,
        endedAt: answeredAt + 5400,
      })
      .run();
    await e.qa.planner.runCampaign(campaignId, 'manual');

    for (const who of ['qa', 'manager']) {
      const res = await e.app.inject({ url: `/api/qa/calls/${callId}`, headers: await e.auth(who) });
      expect(res.statusCode, res.body).toBe(200);
      const { timeline, recording } = body<{ timeline: { durationMs: number; markers: Marker[] }; recording: { url: string } }>(res);
      expect(timeline.durationMs).toBe(6500);
      const offsets = timeline.markers.map((m) => [m.kind, m.offsetMs, m.digit ?? null]);
      expect(offsets).toEqual([
        // The call's own moments: agent connected at answer + 1 s.
        ['agent-connected', 1000, null],
        ['refusal', 1200, null],
        ['identity-confirmed', 1800, null],
        ['verification-start', 1900, null],
        ['identity-question', 1900, null],
        // In the gap between the segments: silence in the joined file, same position.
        ['keypress', 2600, '1'],
        ['disclosure-start', 3600, null],
        ['disclosure-end', 4500, null],
        ['confirm-question', 4500, null],
        ['keypress', 5200, '2'],
        ['verification-outcome', 5200, null],
      ]);
      // The WAV served at the recording URL lasts what the timeline says.
      const head = await e.app.inject({ url: recording.url, headers: { ...(await e.auth(who)), range: 'bytes=0-43' } });
      expect(head.statusCode).toBe(206);
      const size = Number(String(head.headers['content-range']).split('/')[1]);
      expect(parseWavHeader(head.rawPayload, size).durationMs).toBe(timeline.durationMs);
    }
    expect((await e.app.inject({ url: `/api/qa/calls/${callId}`, headers: await e.auth('agent') })).statusCode).toBe(403);
  });
});

describe('GET /api/qa/calendar', () => {
  it("gives the service's now, today and cycle in the QA time zone (the 21st starts a cycle)", async () => {
    const now = shanghai(2025, 1, 21, 0, 30);
    const e = (env = await makeQaEnv({ startAt: now }));
    await e.seedRoles();
    for (const who of ['qa', 'manager']) {
      const res = await e.app.inject({ url: '/api/qa/calendar', headers: await e.auth(who) });
      expect(res.statusCode).toBe(200);
      expect(body(res)).toEqual({
        now,
        timeZone: 'Asia/Shanghai',
        cycleStartDay: 21,
        // 00:30 in Shanghai is still the 20th in UTC: the day and cycle are local.
        today: '2025-01-21',
        cycle: { label: '2025-02', start: shanghai(2025, 1, 21, 0, 0), end: shanghai(2025, 2, 21, 0, 0) - 1 },
      });
    }
    const agent = await e.app.inject({ url: '/api/qa/calendar', headers: await e.auth('agent') });
    expect(agent.statusCode).toBe(403);
  });
});
