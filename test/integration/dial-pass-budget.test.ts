/**
 * The dial loop's pass places a few calls at a time (maxCallsPerPass, default 2) and asks at
 * once for another pass for the rest, so answers arriving meanwhile are not held behind a
 * whole batch of dialing. The whole service over the simulator, on a fake clock whose tick
 * never comes: only the passes the test and the loop itself ask for run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../http/support.js';
import { OPENING, startHarness, TEST_PRODUCT, waitFor, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('dial-loop passes', () => {
  it('a pass places at most two calls; the passes right after it place the rest', async () => {
    const numbers = [1, 2, 3, 4, 5, 6].map((i) => `1370013700${i}`);
    // The customers ring for longer than the test lasts: every call placed stays in flight.
    const scripts = Object.fromEntries(numbers.map((n) => [`86${n}`, { kind: 'answer' as const, ringMs: 600_000 }]));
    h = await startHarness({ clock: new ManualClock(Date.parse('2025-01-07T02:00:00Z')), scripts, tickMs: 10 * 86_400_000 });
    for (let i = 0; i < 6; i++) await h.loginAgent(h.addAgent(`A${i}`, `75${i}0`));
    // Started without a kick (runCampaign kicks): only the test's pass and what it asks for run.
    const { id } = h.service.campaigns.create({ name: 'budget', openingMedia: OPENING, ringTimeoutSec: 60, dialMode: 'progressive', ...TEST_PRODUCT });
    h.service.campaigns.addContacts(id, numbers.map((phone) => ({ phone })));
    h.service.campaigns.setStatus(id, 'running');

    // Progressive: one call per ready agent, six in all; this pass has room for two.
    expect(h.service.dialLoop.pass()).toBe(2);
    expect(h.callsOf(id)).toHaveLength(2);
    await waitFor('the other four placed by the passes after', () => h!.callsOf(id).length === 6);
    expect(new Set(h.callsOf(id).map((c) => c.phone)).size).toBe(6);
  });
});
