/**
 * The adapter's connection lifecycle against the simulator over a real WebSocket: stopping
 * the service (SIGTERM) closes the ARI event stream with a close frame, not by dropping it.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AriAdapter } from '../../src/telephony/ari-adapter.js';
import { startSim } from '../sim/support/raw-ari.js';
import { waitFor } from '../support/harness.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

describe('AriAdapter', () => {
  it('stop() closes the event WebSocket cleanly (close frame 1000), then reports disconnected', async () => {
    const s = await startSim();
    cleanup.push(s.close);
    const adapter = new AriAdapter({ url: s.url, username: 'dialer', password: 'secret', app: 'dialer', logger: pino({ level: 'silent' }) });
    const reasons: string[] = [];
    adapter.on('disconnected', (r) => reasons.push(r));
    adapter.start();
    await adapter.waitConnected(5000);
    await adapter.stop();
    expect(adapter.isConnected).toBe(false);
    expect(reasons).toEqual(['stopped']);
    await waitFor('the simulator saw the socket close', () => s.sim.socketCloses.length > 0);
    expect(s.sim.socketCloses).toEqual([{ apps: ['dialer'], code: 1000, reason: 'dialer stopping' }]);
  });
});
