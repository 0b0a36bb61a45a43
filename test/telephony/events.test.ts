import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventChannelId, isLocalSecondHalf, normaliseEvent, type AriEvent } from '../../src/telephony/events.js';
import { ariError } from '../../src/telephony/ari-http.js';
import { isFromAriClient } from '../../src/telephony/uncaught-guard.js';

type Trace = { events: Array<Record<string, unknown>> };
const trace = (name: string): Trace => JSON.parse(readFileSync(new URL(`../fixtures/ari/${name}.json`, import.meta.url), 'utf8')) as Trace;

/** What the adapter would deliver for a trace: normalised, `;2` halves dropped. */
function delivered(name: string): AriEvent[] {
  return trace(name)
    .events.map(normaliseEvent)
    .filter((e): e is AriEvent => e !== null)
    .filter((e) => {
      const id = eventChannelId(e);
      return !(id && isLocalSecondHalf(id));
    });
}

describe('normaliseEvent on real Asterisk traces', () => {
  it('busy: Dial BUSY then ChannelDestroyed cause 0 on the originated leg', () => {
    const evs = delivered('busy');
    expect(evs.map((e) => e.type)).toEqual(['Dial', 'Dial', 'ChannelDestroyed']);
    expect(evs[1]).toMatchObject({ type: 'Dial', dialstatus: 'BUSY', peer: { id: 'cust-2' } });
    expect(evs[2]).toMatchObject({ type: 'ChannelDestroyed', cause: 0, causeText: 'Unknown' });
  });

  it('answered flow: StasisStart args, DTMF, recording duration', () => {
    const evs = delivered('answered-record-play-dtmf');
    const start = evs.find((e) => e.type === 'StasisStart');
    expect(start).toMatchObject({ args: ['customer', expect.any(String)] });
    expect(evs.find((e) => e.type === 'ChannelDtmfReceived')).toMatchObject({ digit: '1' });
    const fin = evs.find((e) => e.type === 'RecordingFinished');
    expect(fin).toMatchObject({ durationSec: expect.any(Number), state: 'done' });
  });

  it('hangup order in agent-connect: HangupRequest (soft, 32) → LeftBridge → StasisEnd → Destroyed (16)', () => {
    const evs = delivered('agent-connect').filter((e) => eventChannelId(e) === 'cust-4');
    const tail = evs.slice(-4);
    expect(tail.map((e) => e.type)).toEqual(['ChannelHangupRequest', 'ChannelLeftBridge', 'StasisEnd', 'ChannelDestroyed']);
    expect(tail[0]).toMatchObject({ cause: 32, soft: true });
    expect(tail[3]).toMatchObject({ cause: 16 });
  });

  it('drops event types the dialer does not act on', () => {
    expect(normaliseEvent({ type: 'ChannelVarset', variable: 'X' })).toBeNull();
    expect(normaliseEvent({ type: 'SomethingNew' })).toBeNull();
    expect(normaliseEvent(null)).toBeNull();
  });
});

describe('ariError', () => {
  it('classifies Asterisk error answers by status and message', () => {
    expect(ariError('x', 404, '{"message":"Bridge not found"}')).toMatchObject({ code: 'DIALER_ERR_ARI_NOT_FOUND', message: expect.stringContaining('Bridge not found') });
    // Asterisk answers some missing channels with a 400 worded "not found".
    expect(ariError('x', 400, '{"message":"Channel not found"}')).toMatchObject({ code: 'DIALER_ERR_ARI_NOT_FOUND' });
    expect(ariError('x', 500, '{"error":"Allocation failed"}')).toMatchObject({ code: 'DIALER_ERR_ARI_REQUEST_FAILED', message: expect.stringContaining('500 Allocation failed') });
    expect(ariError('x', 409, 'Bridge not in Stasis application')).toMatchObject({ code: 'DIALER_ERR_ARI_REQUEST_FAILED', message: expect.stringContaining('not in Stasis') });
    expect(ariError('x', 502, '')).toMatchObject({ code: 'DIALER_ERR_ARI_REQUEST_FAILED', message: expect.stringContaining('HTTP 502') });
  });
});

describe('isFromAriClient', () => {
  it('recognises ari-client frames and bare strings', () => {
    const e = new Error('boom');
    e.stack = 'Error: boom\n    at processMessage (/app/node_modules/ari-client/lib/client.js:405:9)';
    expect(isFromAriClient(e)).toBe(true);
    expect(isFromAriClient('401 Unauthorized')).toBe(true);
    expect(isFromAriClient(new Error('ours'))).toBe(false);
  });
});
