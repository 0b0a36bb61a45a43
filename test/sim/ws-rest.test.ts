/**
 * REST over the event WebSocket (Asterisk 22.4 on): RESTRequests run one after another in the
 * order sent, through the same handlers as HTTP, each answered by a RESTResponse among the
 * events; Asterisk's own words for malformed requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawAri, startSim, type Json } from './support/raw-ari.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function connected() {
  const s = await startSim({ scripts: { '1001': { kind: 'answer' } } });
  const ari = new RawAri(s.url);
  await ari.connect();
  cleanup.push(s.close, () => ari.close());
  return { ...s, ari };
}

const answerTo = (ari: RawAri, requestId: string): Promise<Json> =>
  ari.waitFor((e) => e.type === 'RESTResponse' && e.request_id === requestId, `RESTResponse ${requestId}`);

function request(ari: RawAri, id: string, method: string, uri: string, query: Record<string, string> = {}): void {
  const query_strings = Object.entries(query).map(([name, value]) => ({ name, value }));
  ari.sendText(JSON.stringify({ type: 'RESTRequest', transaction_id: `t-${id}`, request_id: id, method, uri, query_strings }));
}

describe('REST over the event WebSocket', () => {
  it('answers a request with its ids, its status and its JSON body', async () => {
    const { ari, sim } = await connected();
    request(ari, 'p1', 'GET', 'asterisk/ping?unused=1');
    const res = await answerTo(ari, 'p1');
    expect(res).toMatchObject({ type: 'RESTResponse', transaction_id: 't-p1', request_id: 'p1', status_code: 200, reason_phrase: 'OK', uri: 'asterisk/ping', content_type: 'application/json' });
    expect(JSON.parse(res.message_body as string)).toMatchObject({ ping: 'pong' });
    expect(sim.log.filter((e) => e.kind === 'rest').at(-1)).toMatchObject({ method: 'GET', path: '/asterisk/ping', status: 200, transport: 'ws' });
  });

  it('runs add, record and play sent back to back in that order, for one call', async () => {
    const { ari, sim } = await connected();
    await ari.rest('POST', '/bridges/br', { type: 'mixing' });
    await ari.rest('POST', '/channels/cust', { endpoint: 'Local/1001@customers', app: 'dialer' });
    await ari.waitChannel('StasisStart', 'cust');
    request(ari, 'a', 'POST', 'bridges/br/addChannel', { channel: 'cust' });
    request(ari, 'r', 'POST', 'bridges/br/record', { name: 'calls/c-1', format: 'wav', ifExists: 'fail' });
    request(ari, 'p', 'POST', 'bridges/br/play/pb-1', { media: 'sound:hello-world' });
    const [added, recorded, played] = await Promise.all([answerTo(ari, 'a'), answerTo(ari, 'r'), answerTo(ari, 'p')]);
    expect([added.status_code, recorded.status_code, played.status_code]).toEqual([204, 201, 201]);
    expect(added.message_body).toBeUndefined();
    // Answered in the order sent, and run in that order.
    const order = ari.events.filter((e) => e.type === 'RESTResponse').map((e) => e.request_id);
    expect(order).toEqual(['a', 'r', 'p']);
    const ran = sim.log.filter((e) => e.kind === 'rest' && e.transport === 'ws').map((e) => (e.kind === 'rest' ? e.path : ''));
    expect(ran).toEqual(['/bridges/br/addChannel', '/bridges/br/record', '/bridges/br/play/pb-1']);
    await ari.waitFor((e) => e.type === 'PlaybackStarted' && e.playback.id === 'pb-1', 'PlaybackStarted');
    expect(sim.bridges()[0]).toMatchObject({ id: 'br', channels: ['cust'], recording: 'calls/c-1' });
  });

  it('answers errors as HTTP would, and malformed requests in Asterisk’s words', async () => {
    const { ari } = await connected();
    request(ari, 'nf', 'POST', 'bridges/nope/addChannel', { channel: 'x' });
    const notFound = await answerTo(ari, 'nf');
    expect(notFound).toMatchObject({ status_code: 404, reason_phrase: 'Not found' });
    expect(JSON.parse(notFound.message_body as string)).toEqual({ message: 'Bridge not found' });
    ari.sendText(JSON.stringify({ request_id: 'no-type', method: 'GET', uri: 'asterisk/ping' }));
    expect(JSON.parse((await answerTo(ari, 'no-type')).message_body as string)).toEqual({ message: "No 'type' property." });
    ari.sendText(JSON.stringify({ type: 'RESTRequest', request_id: 'no-method', uri: 'asterisk/ping' }));
    expect(JSON.parse((await answerTo(ari, 'no-method')).message_body as string)).toEqual({ message: "Unknown or missing 'method' property." });
    ari.sendText(JSON.stringify({ type: 'RESTRequest', request_id: 'no-uri', method: 'GET' }));
    expect(await answerTo(ari, 'no-uri')).toMatchObject({ status_code: 400, reason_phrase: 'Bad request' });
    ari.sendText('{not json');
    expect(await ari.waitFor((e) => e.type === 'RESTResponse' && e.reason_phrase === 'Failed to parse request message JSON', 'parse error')).toMatchObject({
      status_code: 400,
      request_id: '',
    });
  });

  it('refuses a file over the socket (406): files go over HTTP', async () => {
    const { ari } = await connected();
    await ari.rest('POST', '/bridges/br', { type: 'mixing' });
    await ari.rest('POST', '/channels/cust', { endpoint: 'Local/1001@customers', app: 'dialer' });
    await ari.waitChannel('StasisStart', 'cust');
    await ari.rest('POST', '/bridges/br/addChannel', { channel: 'cust' });
    await ari.rest('POST', '/bridges/br/record', { name: 'r1', format: 'wav' });
    await ari.rest('DELETE', '/bridges/br');
    await ari.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished');
    request(ari, 'f', 'GET', 'recordings/stored/r1/file');
    expect(await answerTo(ari, 'f')).toMatchObject({ status_code: 406, reason_phrase: 'Not Acceptable.  Use HTTP GET' });
  });
});
