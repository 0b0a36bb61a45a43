/**
 * The simulator's HTTP/WebSocket face: authentication, the Swagger documents, protocol-level
 * errors, going offline, one socket per application, and the small resources.
 */
import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AriSimulator, declaredEventTypes } from '../../src/sim/index.js';
import { PASS, RawAri, USER, startSim } from './support/raw-ari.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function sim(opts: Parameters<typeof startSim>[0] = {}) {
  const s = await startSim(opts);
  cleanup.push(s.close);
  return s;
}

/** Outcome of a WebSocket upgrade: 'open' or the HTTP status it was refused with. */
function upgrade(url: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

/** GET with a chosen Host header (fetch cannot set it). */
function getJson(url: string, host: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const auth = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
    get(url, { headers: { host, authorization: auth } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    }).on('error', reject);
  });
}

describe('server', () => {
  it('authenticates REST and WebSocket with basic auth or api_key', async () => {
    const { url } = await sim();
    const bad = await fetch(`${url}/ari/asterisk/ping`, { headers: { authorization: `Basic ${Buffer.from('dialer:nope').toString('base64')}` } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Basic realm="Asterisk REST Interface"');
    expect(await bad.json()).toEqual({ message: 'Authentication required' });
    const viaKey = await fetch(`${url}/ari/asterisk/ping?api_key=${USER}:${PASS}`);
    expect(await viaKey.json()).toMatchObject({ ping: 'pong', asterisk_id: expect.any(String) });
    const ws = url.replace('http', 'ws');
    expect(await upgrade(`${ws}/ari/events?app=dialer&api_key=${USER}:wrong`)).toBe(401);
    expect(await upgrade(`${ws}/ari/events?api_key=${USER}:${PASS}`)).toBe(400);
    expect(await upgrade(`${ws}/ari/events?app=dialer&api_key=${USER}:${PASS}`)).toBe('open');
  });

  it('serves Swagger 1.1 documents with absolute basePath from the Host header, declaring every event', async () => {
    const { url } = await sim();
    const host = 'asterisk.example:8088';
    const list = await getJson(`${url}/ari/api-docs/resources.json`, host);
    expect(list).toMatchObject({ swaggerVersion: '1.1', basePath: 'http://asterisk.example:8088/ari' });
    const names = list.apis.map((a: any) => a.path);
    expect(names).toEqual(
      ['asterisk', 'endpoints', 'channels', 'bridges', 'recordings', 'sounds', 'playbacks', 'deviceStates', 'mailboxes', 'events', 'applications'].map(
        (n) => `/api-docs/${n}.{format}`,
      ),
    );
    for (const p of names) {
      const doc = await getJson(`${url}/ari${p.replace('{format}', 'json')}`, host);
      expect(doc.basePath, p).toBe('http://asterisk.example:8088/ari');
      for (const api of doc.apis) for (const op of api.operations) for (const param of op.parameters) expect(param.dataType).toBeTypeOf('string');
    }
    const events = await getJson(`${url}/ari/api-docs/events.json`, host);
    for (const t of declaredEventTypes()) expect(events.models[t], t).toBeDefined();
    expect(events.models.Dial.properties.peer.type).toBe('Channel');
  });

  it('answers protocol errors with {message} bodies and 204 with no body', async () => {
    const { url } = await sim();
    const ari = new RawAri(url);
    expect((await ari.rest('GET', '/nothing/here')).status).toBe(404);
    expect((await ari.rest('PUT', '/channels')).status).toBe(405);
    const bad = await fetch(`${url}/ari/bridges`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    // A handler that throws (here: a malformed percent-encoding) is a 500, not a crash.
    expect(await ari.rest('GET', '/channels/%E0%A4%A')).toMatchObject({ status: 500, body: { message: 'URI malformed' } });
    await ari.rest('POST', '/bridges/b1');
    const del = await ari.rest('DELETE', '/bridges/b1');
    expect(del).toMatchObject({ status: 204, body: '' });
    expect(del.headers.get('content-type')).toBeNull();
    expect((await ari.rest('POST', '/bridges/b2', { type: 'conference' })).body).toEqual({ message: 'Unable to create bridge' });
    await ari.rest('POST', '/bridges/b3');
    expect((await ari.rest('POST', '/bridges/b3')).body).toEqual({ message: "Bridge with id 'b3' already exists" });
  });

  it('setOnline(false) refuses connections and forgets calls; true listens again on the same port', async () => {
    const { url, sim: s } = await sim({ scripts: { '1': { kind: 'ring-forever' } } });
    const ari = new RawAri(url);
    await ari.rest('POST', '/channels/c1', { endpoint: 'PJSIP/1', app: 'dialer' });
    s.setOnline(false);
    await expect(fetch(`${url}/ari/asterisk/ping`)).rejects.toThrow();
    s.setOnline(true);
    let ping = 0;
    for (let i = 0; i < 100 && ping !== 200; i++) {
      ping = await ari.rest('GET', '/asterisk/ping').then((r) => r.status, () => 0);
      if (ping !== 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(ping).toBe(200);
    expect((await ari.rest('GET', '/channels')).body).toEqual([]);
  });

  it('one socket per application: a new connection replaces the old one (ApplicationReplaced)', async () => {
    const { url } = await sim({ scripts: { '1': { kind: 'ring-forever' } } });
    const first = new RawAri(url);
    const second = new RawAri(url);
    await first.connect();
    await second.connect();
    cleanup.push(() => first.close(), () => second.close());
    await first.waitFor((e) => e.type === 'ApplicationReplaced', 'ApplicationReplaced');
    await second.rest('POST', '/channels/c1', { endpoint: 'PJSIP/1', app: 'dialer' });
    await second.waitFor((e) => e.type === 'Dial', 'Dial');
    expect(first.events.map((e) => e.type)).toEqual(['ApplicationReplaced']);
    const apps = (await second.rest('GET', '/applications')).body;
    expect(apps).toEqual([expect.objectContaining({ name: 'dialer', channel_ids: ['c1'] })]);
  });

  it('lists channels with their ;2 halves, bridges, endpoints, sounds; asterisk info', async () => {
    const { url } = await sim({ scripts: { '1': { kind: 'ring-forever' } }, soundDurationsMs: { 'sound:hello': 10 } });
    const ari = new RawAri(url);
    await ari.rest('POST', '/channels/c1', { endpoint: 'Local/1@x', app: 'dialer' });
    expect((await ari.rest('GET', '/channels')).body.map((c: any) => c.id)).toEqual(['c1', 'c1;2']);
    expect((await ari.rest('GET', '/channels/c1;2')).body.name).toMatch(/^Local\/1@x-[0-9a-f]{8};2$/);
    expect((await ari.rest('GET', '/endpoints')).body).toEqual([]);
    expect((await ari.rest('GET', '/sounds')).body).toEqual([{ id: 'hello', text: '', formats: [{ language: 'en', format: 'gsm' }] }]);
    expect((await ari.rest('GET', '/asterisk/info')).body.system).toMatchObject({ version: expect.any(String) });
    expect((await ari.rest('POST', '/channels/c1/mute')).status).toBe(409);
  });

  it('keeps at most logLimit log entries, dropping the oldest', async () => {
    const { url, sim: s } = await sim({ logLimit: 10 });
    const ari = new RawAri(url);
    for (let i = 0; i < 25; i++) await ari.rest('GET', '/asterisk/ping', { n: i });
    expect(s.log.length).toBeLessThanOrEqual(10);
    expect(s.log.at(-1)).toMatchObject({ kind: 'rest', method: 'GET', path: '/asterisk/ping', query: { n: '24' }, status: 200 });
  });

  it('rejects bad options and scripts', () => {
    const base = { username: 'u', password: 'p', recordingsDir: '/tmp/x' };
    expect(() => new AriSimulator({ ...base, username: '' })).toThrow('username');
    expect(() => new AriSimulator({ ...base, scripts: { a: { kind: 'answer', ringMs: -1 } } })).toThrow('ringMs');
    expect(() => new AriSimulator({ ...base, scripts: { a: { kind: 'nope' } as never } })).toThrow('unknown kind');
    expect(() => new AriSimulator({ ...base, secondMs: 0 })).toThrow('secondMs');
    const s = new AriSimulator(base);
    expect(() => s.setScript('x', { kind: 'answer', digits: [{ atMs: 0, digits: 'x' }] })).toThrow('DTMF');
  });
});
