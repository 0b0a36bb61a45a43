/** A local HTTP receiver for webhook tests: it can be down for a while, and records what it accepts. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { version: number; id: string; type: string; data: Record<string, unknown> };
}

/** A receiver that answers 503 to the next `refuseNext` requests (it is down), then recovers; it records what it accepts. */
export function receiver() {
  const state = { refuseNext: 0, refused: 0, received: [] as Received[] };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1;
        state.refused += 1;
        res.writeHead(503).end();
        return;
      }
      state.received.push({ path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] });
      res.writeHead(204).end();
    });
  });
  return { state, server };
}

