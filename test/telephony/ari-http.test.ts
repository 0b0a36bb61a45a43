import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriHttp, type AriOperation } from '../../src/telephony/ari-http.js';

/** What the server saw of each request. */
interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  type: string | undefined;
  body: string;
}

describe('the ARI transport', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end();
  const dir = mkdtempSync(join(tmpdir(), 'ari-http-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], body });
        answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ari`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const http = (timeoutMs = 2_000) => new AriHttp({ base, authorization: 'Basic ZGlhbGVyOng=', timeoutMs });

  const originate: AriOperation = {
    method: 'POST',
    path: '/channels/{channelId}',
    parameters: [
      { name: 'channelId', paramType: 'path' },
      { name: 'endpoint', paramType: 'query' },
      { name: 'appArgs', paramType: 'query' },
      { name: 'variables', paramType: 'body' },
    ],
  };

  it('places each parameter where the operation says: path, query, or a JSON body wrapped in its name', async () => {
    seen.length = 0;
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c 1","state":"Down"}');
    const client = http();
    const out = await client.send('channels.originateWithId', originate, {
      channelId: 'c 1',
      endpoint: 'PJSIP/+8613900000000@carrier',
      appArgs: ['call', 7],
      variables: { 'CHANNEL(language)': 'zh' },
      ignored: 'not a parameter of this operation',
    });
    client.close();
    expect(out).toEqual({ id: 'c 1', state: 'Down' });
    const [req] = seen;
    expect(req).toMatchObject({ method: 'POST', auth: 'Basic ZGlhbGVyOng=', type: 'application/json' });
    const url = new URL(req!.url, 'http://x');
    expect(url.pathname).toBe('/ari/channels/c%201');
    expect(Object.fromEntries(url.searchParams)).toEqual({ endpoint: 'PJSIP/+8613900000000@carrier', appArgs: 'call,7' });
    expect(JSON.parse(req!.body)).toEqual({ variables: { 'CHANNEL(language)': 'zh' } });
  });

  it('answers a 204 with nothing, and errors with coded errors in Asterisk\'s words', async () => {
    const client = http();
    const destroy: AriOperation = { method: 'DELETE', path: '/bridges/{bridgeId}', parameters: [{ name: 'bridgeId', paramType: 'path' }] };
    answer = (_req, res) => res.writeHead(204).end();
    await expect(client.send('bridges.destroy', destroy, { bridgeId: 'b1' })).resolves.toBeUndefined();
    answer = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Bridge not found"}');
    await expect(client.send('bridges.destroy', destroy, { bridgeId: 'b1' })).rejects.toMatchObject({ code: 'DIALER_ERR_ARI_NOT_FOUND', message: expect.stringContaining('Bridge not found') });
    answer = (_req, res) => res.writeHead(409, { 'content-type': 'application/json' }).end('{"message":"Bridge not in Stasis application"}');
    await expect(client.send('bridges.destroy', destroy, { bridgeId: 'b1' })).rejects.toMatchObject({ code: 'DIALER_ERR_ARI_REQUEST_FAILED', message: expect.stringContaining('409 Bridge not in Stasis application') });
    client.close();
  });

  it('gives up on a request Asterisk does not answer, and reports an unreachable Asterisk as unavailable', async () => {
    const op: AriOperation = { method: 'GET', path: '/channels', parameters: [] };
    answer = () => undefined; // never answers
    const slow = http(100);
    await expect(slow.send('channels.list', op, {})).rejects.toMatchObject({ code: 'DIALER_ERR_ARI_TIMEOUT' });
    slow.close();
    const nowhere = new AriHttp({ base: 'http://127.0.0.1:1/ari', authorization: 'x', timeoutMs: 1_000 });
    await expect(nowhere.send('channels.list', op, {})).rejects.toMatchObject({ code: 'DIALER_ERR_ARI_UNAVAILABLE', message: expect.stringContaining('ECONNREFUSED') });
    nowhere.close();
  });

  it('retries once, on a fresh socket, a request whose kept-alive socket the server reset unread', async () => {
    // This server resets every kept-alive socket at its second request, unanswered, as
    // Asterisk does when a request meets a session it is closing for idleness.
    const served = new WeakSet<object>();
    let resets = 0;
    answer = (req, res) => {
      if (served.has(req.socket)) {
        resets += 1;
        req.socket.resetAndDestroy();
        return;
      }
      served.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    };
    const op: AriOperation = { method: 'GET', path: '/channels', parameters: [] };
    const client = http();
    await expect(client.send('channels.list', op, {})).resolves.toEqual({ ok: true });
    await expect(client.send('channels.list', op, {})).resolves.toEqual({ ok: true });
    expect(resets).toBe(1);
    client.close();
  });

  it('streams a file to disk through a .part file, with its size, SHA-256 and head; a 404 leaves nothing', async () => {
    const data = Buffer.alloc(100_000, 7);
    data.write('RIFF', 0);
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'audio/wav' });
      // In two pieces, as a socket delivers a large body.
      res.write(data.subarray(0, 1000));
      res.end(data.subarray(1000));
    };
    const client = http();
    const dest = join(dir, 'rec.wav');
    const got = await client.download('GET rec', '/recordings/stored/rec/file', dest, 2_000);
    expect(got.bytes).toBe(data.length);
    expect(got.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(got.head).toEqual(data.subarray(0, 4096));
    expect(readFileSync(dest)).toEqual(data);
    expect(existsSync(`${dest}.part`)).toBe(false);

    answer = (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Recording not found"}');
    const missing = join(dir, 'missing.wav');
    await expect(client.download('GET missing', '/recordings/stored/missing/file', missing, 2_000)).rejects.toMatchObject({ code: 'DIALER_ERR_ARI_NOT_FOUND' });
    expect(existsSync(missing) || existsSync(`${missing}.part`)).toBe(false);
    client.close();
  });
});
