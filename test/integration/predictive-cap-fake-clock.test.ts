/**
 * Predictive pacing on the simulator over a long FAKE-clock run: one FakeClock drives the whole
 * service (its Clock: dial loop, the 2 s agent-wait rule, wrap-up, the pacing book's ages) and
 * the ARI simulator (its SimTimers: rings, far-end hangups, playbacks), with real ARI seconds.
 * 30 agents stay logged in while three predictive campaigns run one after another — 320 numbers
 * answered live 35% of the time, 180 at 60%, 520 at 20% (1,020 calls, each campaign past 100
 * live answers) — on floor timings in fake seconds: answers after 3–20 s of ringing, a 5 s
 * opening, talk lognormal with a mean of 15 s, 10 s of wrap-up, 2 s for an agent before a
 * live answer is abandoned. No campaign's abandon rate may go over its 3% cap at any moment
 * after its first 100 live answers, nor at the end; each must have dialed ahead of its ready
 * agents (dial level > 1), so this is predictive at work.
 *
 * Time moves to the next timer due (at most 1 s at a time); after each move the test waits
 * until the service and the simulator are quiet (no REST request in flight, every event
 * received: test/support/quiescence.ts) before moving again, so every effect lands at the fake
 * moment it belongs to.
 *
 * Each list has one answer rate, as the pacing model assumes. A list whose rate jumps (15% to
 * 60% from one number to the next) is not tested: the calls already in flight were placed for
 * 15%, and no pacing that cannot see the future avoids the burst of abandons when they answer
 * at 60% (seen on the earlier compressed-time run: a peak of 7% around the 100th answer).
 *
 * This replaces the compressed-real-time run (40 ms per floor second): same floor, same checks,
 * but exact and repeatable — the same steps on every run — and about three times faster. The
 * pure discrete-event floor (test/dialer/pacing/des.test.ts, bench/pacing) covers 8-hour shifts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/dialer/pacing/random.js';
import { lognormalFromMean } from '../../src/dialer/pacing/distributions.js';
import type { FarEndScript } from '../../src/sim/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { HARNESS_START, startHarness, type Harness } from '../support/harness.js';
import { watchQuiescence, type Quiescence } from '../support/quiescence.js';

/** Seeds the far ends; with it every list has more than 100 live answers (109, 108, 115). */
const SEED = 4;
const AGENTS = 30;
/** Campaigns run one after another on the same floor, each list with its own live-answer rate. */
const CAMPAIGNS = [
  { name: '35%', numbers: 320, liveRate: 0.35 },
  { name: '60%', numbers: 180, liveRate: 0.6 },
  { name: '20%', numbers: 520, liveRate: 0.2 },
];
const CAP = 0.03;
const WARM_UP_ANSWERS = 100;
/** The longest single move of the fake clock. */
const MAX_STEP_MS = 1000;
/** Fake time a campaign may take before the test gives up (a stuck floor, not a slow one). */
const MAX_CAMPAIGN_MS = 4 * 3600_000;

/** Seeded far ends in fake ms: answer after U(3, 20) s and talk lognormal (mean 15 s); others ring out, are busy or decline. */
function farEnds(seed: number): { lists: string[][]; scripts: Record<string, FarEndScript> } {
  const rng = createRng(seed);
  const talk = lognormalFromMean(15, 0.8);
  const scripts: Record<string, FarEndScript> = {};
  let n = 0;
  const lists = CAMPAIGNS.map((c) =>
    Array.from({ length: c.numbers }, () => {
      const national = `139${String(20_000_000 + n++).padStart(8, '0')}`;
      const live = rng.bernoulli(c.liveRate);
      const ringMs = Math.round(rng.uniform(3, 20) * 1000);
      const talkSec = rng.lognormal(talk.mu, talk.sigma);
      const other = rng.next();
      scripts[`86${national}`] = live
        ? { kind: 'answer', ringMs, hangupAfterMs: Math.round((5 + talkSec) * 1000) } // the 5 s opening comes first
        : other < 0.6
          ? { kind: 'ring-forever' }
          : other < 0.85
            ? { kind: 'busy', ringMs: Math.round(rng.uniform(2, 10) * 1000) }
            : { kind: 'reject', ringMs: Math.round(rng.uniform(3, 15) * 1000) };
      return national;
    }),
  );
  return { lists, scripts };
}

let h: Harness;
let clock: FakeClock;
let quiet: Quiescence;
beforeAll(async () => {
  const { scripts } = farEnds(SEED);
  clock = new FakeClock(HARNESS_START);
  h = await startHarness({
    clock,
    scripts,
    sim: { timers: clock, secondMs: 1000, soundDurationsMs: { 'sound:dialer/opening': 5000, 'sound:dialer/sorry': 2000 } },
    env: { AGENT_WAIT_MS: '2000', WRAP_UP_MS: '10000', RECORDING_SETTLE_MS: '2000' },
    tickMs: 1000,
    // Real-time pings: a falsely dropped stream on a loaded machine would lose events.
    ariPingMs: 10_000,
  });
  quiet = watchQuiescence(h.service, h.sim, clock);
  const ids = Array.from({ length: AGENTS }, (_, i) => h.addAgent(`P${i}`, `76${String(i).padStart(2, '0')}`));
  await Promise.all(ids.map((id) => h.loginAgent(id)));
  await quiet.settle();
}, 30_000);
afterAll(async () => {
  quiet?.dispose();
  await h?.stop();
});

describe('predictive pacing on the simulator, fake clock', () => {
  const { lists } = farEnds(SEED);
  CAMPAIGNS.forEach((spec, k) => {
    it(`${spec.name} live answers: the abandon rate stays at or under 3% at every moment after ${WARM_UP_ANSWERS} answers`, async () => {
      const numbers = lists[k]!;
      const id = h.runCampaign(numbers, {
        settings: { name: `predictive ${spec.name}`, dialMode: 'predictive', safeHarbourMedia: 'sound:dialer/sorry', ringTimeoutSec: 25, maxAttempts: 1, abandonCap: CAP },
      });
      const startedAt = clock.now();
      let beyondProgressive = 0;
      let maxDialLevel = 0;
      let steps = 0;
      const done = (): boolean => {
        const rows = h.callsOf(id);
        return rows.length === numbers.length && rows.every((c) => c.state === 'ended') && h.service.tracker.size === 0;
      };
      await quiet.settle();
      while (!done()) {
        if (clock.now() - startedAt > MAX_CAMPAIGN_MS) throw new Error(`campaign ${spec.name} not finished after ${MAX_CAMPAIGN_MS / 1000} fake seconds`);
        const next = clock.nextDue ?? Infinity;
        clock.advanceTo(Math.max(clock.now(), Math.min(next, clock.now() + MAX_STEP_MS)));
        await quiet.settle();
        steps += 1;
        // Watch the decisions: predictive must actually dial ahead of the ready agents.
        const d = h.service.dialLoop.lastDecision(id);
        if (d?.diagnostics && d.reason === 'predictive') {
          beyondProgressive = Math.max(beyondProgressive, d.calls - d.diagnostics.progressiveCalls);
          maxDialLevel = Math.max(maxDialLevel, d.diagnostics.dialLevel ?? 0);
        }
      }

      const rows = h.callsOf(id);
      const live = rows.filter((r) => r.answeredAt !== null);
      const abandoned = rows.filter((r) => r.outcome === 'abandoned');
      // The running rate, event by event: a live answer counts when answered, an abandon when it ends.
      const events = [
        ...live.map((r) => ({ t: r.answeredAt!, live: 1, abandoned: 0 })),
        ...abandoned.map((r) => ({ t: r.endedAt!, live: 0, abandoned: 1 })),
      ].sort((a, b) => a.t - b.t || a.abandoned - b.abandoned);
      let l = 0;
      let a = 0;
      let worst = 0;
      for (const e of events) {
        l += e.live;
        a += e.abandoned;
        if (l >= WARM_UP_ANSWERS) worst = Math.max(worst, a / l);
      }
      // Fake floor timings: answers after several seconds of ringing, conversations of tens of seconds.
      const connected = rows.filter((r) => r.agentConnectedAt !== null && r.endedAt !== null);
      const meanRingSec = live.reduce((s, r) => s + (r.answeredAt! - r.originatedAt), 0) / live.length / 1000;
      const meanTalkSec = connected.reduce((s, r) => s + (r.endedAt! - r.agentConnectedAt!), 0) / connected.length / 1000;
      const spanSec = (clock.now() - startedAt) / 1000;
      if (process.env.TEST_LOG_LEVEL) {
        console.log({ campaign: spec.name, placed: rows.length, live: live.length, abandoned: abandoned.length, worst, beyondProgressive, maxDialLevel, steps, spanSec, meanRingSec, meanTalkSec, requests: quiet.requests });
      }

      expect(rows.length).toBe(numbers.length);
      expect(live.length).toBeGreaterThanOrEqual(WARM_UP_ANSWERS);
      expect(abandoned.length / live.length).toBeLessThanOrEqual(CAP);
      expect(worst).toBeLessThanOrEqual(CAP);
      // It was predictive, not progressive in disguise: calls placed beyond one per ready agent.
      expect(beyondProgressive).toBeGreaterThan(0);
      expect(maxDialLevel).toBeGreaterThan(1);
      // Realistic floor timings in fake seconds (scripts: ring U(3, 20) s; talk ≈ 15 s after a 5 s opening).
      expect(meanRingSec).toBeGreaterThan(5);
      expect(meanRingSec).toBeLessThan(20);
      expect(meanTalkSec).toBeGreaterThan(8);
      expect(meanTalkSec).toBeLessThan(40);
      expect(spanSec).toBeGreaterThan(120); // minutes of fake floor time (about 3.5–5 min per campaign)
      // Every abandoned call heard the safe-harbour message.
      for (const r of abandoned) {
        expect(h.sim.log.some((e) => e.kind === 'rest' && e.path.startsWith(`/bridges/br-${r.id}/play/`) && e.query.media === 'sound:dialer/sorry')).toBe(true);
      }
    }, 70_000);
  });
});
