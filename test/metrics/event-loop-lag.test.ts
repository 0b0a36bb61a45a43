/** The event-loop lag figure sees a loop held by synchronous work (issue 15, item 3). */
import { describe, expect, it } from 'vitest';
import { EventLoopLag } from '../../src/metrics/event-loop-lag.js';

/** Holds the loop for `ms` (what a synchronous count over a million rows did). */
function holdLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* busy */
  }
}
const turn = () => new Promise((r) => setTimeout(r, 30));

describe('EventLoopLag', () => {
  it('reports a held loop as lag and starts a new period on reset', async () => {
    const lag = new EventLoopLag(5).start();
    try {
      await turn();
      holdLoop(200);
      await turn();
      const held = lag.read({ reset: true });
      // The held turn delays the histogram's timer by about the hold: it must show.
      expect(held.max).toBeGreaterThanOrEqual(150);
      expect(held.samples).toBeGreaterThan(0);
      await turn();
      await turn();
      expect(lag.read().max).toBeLessThan(held.max);
    } finally {
      lag.stop();
    }
  });
});
