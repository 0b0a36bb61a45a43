/**
 * Recordings to QA over HTTP (fastify inject): the whole call as one WAV (segments joined,
 * the gap between them as silence) and each segment, with byte ranges (206, Content-Range,
 * 416), HEAD, roles (qa and manager only), and every access in the audit trail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordings } from '../../src/db/schema.js';
import { parseWavHeader } from '../../src/recordings/wav.js';
import { body, makeQaEnv, shanghai, type QaEnv } from './support.js';
import { eq } from 'drizzle-orm';

let env: QaEnv;
let callId: string;
let url: string;
let seg0: Buffer;
let seg1: Buffer;

beforeAll(async () => {
  env = await makeQaEnv({ startAt: shanghai(2025, 1, 10, 22) });
  await env.seedRoles();
  const campaignId = env.addCampaign();
  const agentId = env.addAgent();
  // 1000 ms, a 300 ms gap (Asterisk stopped the recording on silence), then 500 ms.
  callId = env.addCall({ campaignId, agentId, answeredAt: shanghai(2025, 1, 10, 9), segments: [{ durationMs: 1000 }, { durationMs: 500, gapBeforeMs: 300 }] });
  url = `/api/qa/calls/${callId}/recording`;
  const files = env.db.db.select().from(recordings).where(eq(recordings.callId, callId)).orderBy(recordings.segment).all();
  seg0 = readFileSync(join(env.recordingsDir, files[0]!.path!));
  seg1 = readFileSync(join(env.recordingsDir, files[1]!.path!));
});
afterAll(async () => env.close());

// 8 kHz, 16-bit mono: 16 bytes per ms.
const SEG0 = 16_000;
const GAP = 4_800;
const SEG1 = 8_000;
const SIZE = 44 + SEG0 + GAP + SEG1;

async function get(range?: string, who = 'qa', method: 'GET' | 'HEAD' = 'GET', path = url) {
  return env.app.inject({ method, url: path, headers: { ...(await env.auth(who)), ...(range === undefined ? {} : { range }) } });
}

describe('QA recording streaming', () => {
  it('serves the whole call as one valid WAV with the segments joined and the gap silent', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    const wav = res.rawPayload;
    expect(wav.length).toBe(SIZE);
    expect(parseWavHeader(wav, wav.length)).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16, dataOffset: 44, dataBytes: SEG0 + GAP + SEG1, durationMs: 1800 });
    expect(wav.subarray(44, 44 + SEG0).equals(seg0.subarray(44))).toBe(true);
    expect(wav.subarray(44 + SEG0, 44 + SEG0 + GAP).every((b) => b === 0)).toBe(true);
    expect(wav.subarray(44 + SEG0 + GAP).equals(seg1.subarray(44))).toBe(true);
  });

  it('answers byte ranges with 206 and Content-Range, the bytes of the whole file', async () => {
    const full = (await get()).rawPayload;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=16000-17000', 16000, 17000], // across the end of segment 0 into the silence
      ['bytes=20800-20900', 20800, 20900], // across the silence into segment 1
      ['bytes=-500', SIZE - 500, SIZE - 1],
      ['bytes=28000-', 28000, SIZE - 1],
      ['bytes=28800-99999999', 28800, SIZE - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get(range);
      expect(res.statusCode, range).toBe(206);
      expect(res.headers['content-range'], range).toBe(`bytes ${start}-${end}/${SIZE}`);
      expect(res.headers['content-length'], range).toBe(String(end - start + 1));
      expect(res.rawPayload.equals(full.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('any single range gives exactly those bytes (property)', async () => {
    const full = (await get()).rawPayload;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SIZE - 1 }), fc.integer({ min: 0, max: SIZE + 100 }), async (a, len) => {
        const end = a + len;
        const res = await get(`bytes=${a}-${end}`);
        expect(res.statusCode).toBe(206);
        expect(res.rawPayload.equals(full.subarray(a, Math.min(end, SIZE - 1) + 1))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses unsatisfiable or malformed ranges with 416 and Content-Range bytes */size', async () => {
    for (const range of [`bytes=${SIZE}-`, 'bytes=99999999-100000000', 'bytes=abc', 'bytes=5-2', 'bytes=-0', 'bytes=-']) {
      const res = await get(range);
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range'], range).toBe(`bytes */${SIZE}`);
      expect(body(res).error, range).toBe('DIALER_ERR_QA_RANGE_NOT_SATISFIABLE');
    }
    // Several ranges, or another unit: the whole file (RFC 9110 lets a server ignore them).
    for (const range of ['bytes=0-1,5-6', 'items=0-5']) {
      const res = await get(range);
      expect(res.statusCode, range).toBe(200);
      expect(res.rawPayload.length).toBe(SIZE);
    }
  });

  it('HEAD gives the headers without a body', async () => {
    const res = await get(undefined, 'qa', 'HEAD');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect(res.rawPayload.length).toBe(0);
  });

  it('serves each segment as stored, with ranges too', async () => {
    const one = await get(undefined, 'manager', 'GET', `${url}/segments/1`);
    expect(one.statusCode).toBe(200);
    expect(one.rawPayload.equals(seg1)).toBe(true);
    const part = await get('bytes=40-59', 'qa', 'GET', `${url}/segments/0`);
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 40-59/${seg0.length}`);
    expect(part.rawPayload.equals(seg0.subarray(40, 60))).toBe(true);
    expect((await get(undefined, 'qa', 'GET', `${url}/segments/7`)).statusCode).toBe(404);
  });

  it('streams over a real socket too (as to an audio element in a browser)', async () => {
    const address = await env.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const headers = { ...(await env.auth('qa')), range: 'bytes=16040-' };
      const res = await fetch(`${address}${url}`, { headers });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes 16040-${SIZE - 1}/${SIZE}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(SIZE - 16040);
      expect(bytes.subarray(0, 4).equals(seg0.subarray(16040, 16044))).toBe(true);
      expect(bytes.subarray(4, 4 + GAP).every((b) => b === 0)).toBe(true);
    } finally {
      await env.app.server.close();
    }
  });

  it('recordings are for QA and managers only; a call without a verified recording is 404', async () => {
    expect((await get(undefined, 'agent')).statusCode).toBe(403);
    expect((await get(undefined, 'manager')).statusCode).toBe(200);
    const res = await get(undefined, 'qa', 'GET', '/api/qa/calls/no-such-call/recording');
    expect(res.statusCode).toBe(404);
    expect(body(res).error).toBe('DIALER_ERR_QA_RECORDING_UNAVAILABLE');
  });

  it('logs every access: who, what, when, which range', async () => {
    const before = env.qa.audit.list({ callId }).length;
    env.manual!.advance(1000);
    await get('bytes=0-9', 'manager');
    await get('bytes=abc', 'qa');
    const entries = env.qa.audit.list({ callId });
    expect(entries.length).toBe(before + 2);
    expect(entries[0]).toMatchObject({ username: 'qa', action: 'recording.stream', callId, at: env.clock.now(), detail: { range: 'bytes=abc', status: 416, method: 'GET' } });
    expect(entries[1]).toMatchObject({ username: 'manager', action: 'recording.stream', detail: { range: 'bytes=0-9', status: 206 } });
    const viaApi = await env.app.inject({ method: 'GET', url: `/api/qa/audit?callId=${callId}`, headers: await env.auth('manager') });
    expect(body<{ entries: unknown[] }>(viaApi).entries.length).toBe(entries.length);
    expect((await env.app.inject({ method: 'GET', url: '/api/qa/audit', headers: await env.auth('qa') })).statusCode).toBe(403);
  });
});
