/** The demo's scripted customers (issue 14 item 9): the live floor's customers answer within the compressed ring time. */
import { describe, expect, it } from 'vitest';
import { DEMO_NUMBERS, DEMO_RING_TIMEOUT_SEC, DEMO_SECOND_MS, deskRoleOf, LIVE_FLOOR_NUMBERS } from '../../src/demo/demo-campaign.js';

describe('the live floor campaign of the demo', () => {
  it('has every customer pick up before the (compressed) ring timeout, with time to spare', () => {
    const ringTimeoutMs = DEMO_RING_TIMEOUT_SEC * DEMO_SECOND_MS;
    for (const n of LIVE_FLOOR_NUMBERS) {
      expect(n.script.kind, n.national).toBe('answer');
      if (n.script.kind === 'answer') expect(n.script.ringMs ?? 0, n.national).toBeLessThan(ringTimeoutMs * 0.9);
    }
  });
});

describe('the day’s scripted customers of the demo', () => {
  it('three subscribe, one refuses three times, one asks not to be called again; each picks up before the ring timeout', () => {
    const day = DEMO_NUMBERS.filter((n) => n.desk);
    expect(day.map((n) => n.desk).sort()).toEqual(['do-not-call', 'refuses-three-times', 'subscribes', 'subscribes', 'subscribes']);
    for (const n of day) {
      expect(deskRoleOf(`+86${n.national}`)).toBe(n.desk);
      expect(n.script.kind, n.national).toBe('answer');
      if (n.script.kind === 'answer') expect(n.script.ringMs ?? 0, n.national).toBeLessThan(DEMO_RING_TIMEOUT_SEC * DEMO_SECOND_MS * 0.9);
    }
    expect(deskRoleOf('+8613800000001')).toBeUndefined();
  });
});
