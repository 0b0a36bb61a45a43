/** The demo's scripted customers (issue 14 item 9): the live floor's customers answer within the compressed ring time. */
import { describe, expect, it } from 'vitest';
import { DEMO_RING_TIMEOUT_SEC, DEMO_SECOND_MS, LIVE_FLOOR_NUMBERS } from '../../src/demo/demo-campaign.js';

describe('the live floor campaign of the demo', () => {
  it('has every customer pick up before the (compressed) ring timeout, with time to spare', () => {
    const ringTimeoutMs = DEMO_RING_TIMEOUT_SEC * DEMO_SECOND_MS;
    for (const n of LIVE_FLOOR_NUMBERS) {
      expect(n.script.kind, n.national).toBe('answer');
      if (n.script.kind === 'answer') expect(n.script.ringMs ?? 0, n.national).toBeLessThan(ringTimeoutMs * 0.9);
    }
  });
});
