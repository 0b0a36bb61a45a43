/**
 * Free loopback ports for the real-Asterisk tier. SIP needs a port free for both UDP and
 * TCP; RTP a block of ports. Bound and released at once, so another process could still
 * take one in between: the tier runs at most two Asterisks at a time, far apart.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** Whether UDP `port` on `host` can be bound now. */
export function udpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    sock.once('error', () => resolve(false));
    sock.bind(port, host, () => sock.close(() => resolve(true)));
  });
}

/** A port free for TCP and UDP on `host`, from a random spot in 20000–29999. */
export async function freeDualPort(host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if ((await tcpFree(port, host)) && (await udpFree(port, host))) return port;
  }
  throw new Error('no free port for TCP+UDP');
}

/** A block of `size` UDP ports (even start) free on `host`, in 30000–59999. */
export async function freeUdpBlock(size: number, host = '127.0.0.1'): Promise<{ start: number; end: number }> {
  for (let i = 0; i < 100; i++) {
    const start = 30000 + 2 * Math.floor(Math.random() * ((30000 - size) / 2));
    let ok = true;
    for (let p = start; p < start + size && ok; p += 7) ok = await udpFree(p, host);
    if (ok) return { start, end: start + size - 1 };
  }
  throw new Error(`no free block of ${size} UDP ports`);
}
