import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planSample } from '../../../src/qa/sampling/plan.js';
import type { AgentRole, PlanAgent, PlanCall, PlanInput } from '../../../src/qa/sampling/plan-types.js';
import { checkPlanInvariants, syntheticPopulation } from './support.js';

const ROLES: AgentRole[] = ['agent', 'trainee', 'team-lead'];

/** Random plan inputs: a few agents with uneven volumes, some calls already sampled. */
const planInputArb: fc.Arbitrary<PlanInput> = fc
  .integer({ min: 1, max: 12 })
  .chain((agentCount) =>
    fc.record({
      seed: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer()),
      calls: fc.array(
        fc.record({
          agent: fc.nat(agentCount - 1),
          isSale: fc.boolean(),
          durationSec: fc.nat(1800),
          saleAfterRefusal: fc.nat(19).map((x) => x === 0),
          cancelled: fc.nat(19).map((x) => x === 0),
        }),
        { maxLength: 500 },
      ),
      roles: fc.array(fc.option(fc.constantFrom(...ROLES), { nil: undefined }), {
        minLength: agentCount,
        maxLength: agentCount,
      }),
      alreadyEvery: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
      margin: fc.constantFrom(0.05, 0.1, 0.2),
    }),
  )
  .map(({ seed, calls, roles, alreadyEvery, margin }) => {
    const population: PlanCall[] = calls.map((c, i) => ({
      callId: `c${i}`,
      agentId: `a${c.agent}`,
      isSale: c.isSale,
      durationSec: c.durationSec,
      riskFlags: { saleAfterRefusal: c.saleAfterRefusal, cancelledAfterConfirmation: c.cancelled },
    }));
    const agents: PlanAgent[] = roles.flatMap((role, k) => (role === undefined ? [] : [{ agentId: `a${k}`, role }]));
    const alreadySampled =
      alreadyEvery === undefined ? [] : population.filter((_, i) => i % alreadyEvery === 0).map((c) => c.callId);
    return { seed, population, agents, alreadySampled, options: { margin } };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('planSample — properties', () => {
  it('meets every invariant: target, strata, floors, no duplicates, nothing re-sampled, reasons', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        checkPlanInvariants(input, planSample(input));
      }),
      { numRuns: 300 },
    );
  });

  it('strata sum exactly to the target before floors when nothing was sampled earlier', () => {
    fc.assert(
      fc.property(planInputArb, (input) => {
        const plan = planSample({ ...input, alreadySampled: [] });
        expect(plan.perAgent.reduce((a, p) => a + p.allocation, 0)).toBe(plan.targetSize);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic per seed and independent of input order', () => {
    fc.assert(
      fc.property(planInputArb, fc.nat(), (input, shuffleSeed) => {
        const plan = planSample(input);
        expect(planSample(input)).toEqual(plan);
        const reordered = {
          ...input,
          population: shuffled(input.population, shuffleSeed),
          agents: shuffled(input.agents, shuffleSeed + 1),
          alreadySampled: shuffled(input.alreadySampled ?? [], shuffleSeed + 2),
        };
        expect(planSample(reordered)).toEqual(plan);
      }),
      { numRuns: 150 },
    );
  });

  it('depends on the seed', () => {
    const population = syntheticPopulation({ calls: 2000, agents: 10 });
    const a = planSample({ seed: 'a', population, agents: [] });
    const b = planSample({ seed: 'b', population, agents: [] });
    expect(a.sampled.map((s) => s.callId)).not.toEqual(b.sampled.map((s) => s.callId));
    expect(a.targetSize).toBe(b.targetSize);
  });

  it('tops up day by day without sampling a call twice, reaching each day’s target', () => {
    fc.assert(
      fc.property(planInputArb, fc.integer({ min: 2, max: 6 }), (input, days) => {
        const all = input.population;
        const sampled: string[] = [];
        for (let d = 1; d <= days; d++) {
          const population = all.slice(0, Math.ceil((all.length * d) / days));
          const dayInput = { ...input, population, alreadySampled: [...sampled] };
          const plan = planSample(dayInput);
          checkPlanInvariants(dayInput, plan);
          sampled.push(...plan.sampled.map((s) => s.callId));
          expect(new Set(sampled).size).toBe(sampled.length);
          expect(plan.totalSampledCount).toBeGreaterThanOrEqual(plan.targetSize);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('planSample — cases', () => {
  it('handles an empty population', () => {
    const plan = planSample({ seed: 1, population: [], agents: [], alreadySampled: [] });
    expect(plan).toMatchObject({ populationSize: 0, targetSize: 0, sampled: [], perAgent: [], aboveTargetBy: 0 });
    expect(plan.notes).toContain('The population is empty: nothing to sample.');
  });

  it('lists agents without calls, with their floors unmet', () => {
    const plan = planSample({ seed: 1, population: [], agents: [{ agentId: 'a1', role: 'trainee' }] });
    expect(plan.perAgent).toEqual([
      expect.objectContaining({ agentId: 'a1', role: 'trainee', calls: 0, totalSampled: 0, floor: { sale: 3, nonSale: 2 } }),
    ]);
    expect(plan.notes.join('\n')).toMatch(/Floors could not be met .* 1 agent: a1 \(0 calls, 0 sales\)/);
  });

  it('samples a single agent at the target: N = 1,000 → 278', () => {
    const population = syntheticPopulation({ calls: 1000, agents: 1 });
    const input = { seed: 'one', population, agents: [{ agentId: 'agent-0000', role: 'agent' as const }] };
    const plan = planSample(input);
    checkPlanInvariants(input, plan);
    expect(plan.targetSize).toBe(278);
    expect(plan.sampled).toHaveLength(278);
    expect(plan.aboveTargetBy).toBe(0);
    expect(plan.sampled.filter((s) => s.reasons[0] === 'floor-sale')).toHaveLength(3);
    expect(plan.sampled.filter((s) => s.reasons[0] === 'floor-non-sale')).toHaveLength(1);
  });

  it('takes a trainee’s sales shortfall from non-sales and caps floors by what the agent has', () => {
    const calls = (agentId: string, sales: number, nonSales: number): PlanCall[] => [
      ...Array.from({ length: sales }, (_, i) => ({ callId: `${agentId}-s${i}`, agentId, isSale: true, durationSec: 60 })),
      ...Array.from({ length: nonSales }, (_, i) => ({ callId: `${agentId}-n${i}`, agentId, isSale: false, durationSec: 60 })),
    ];
    const population = [...calls('trainee', 2, 10), ...calls('few', 0, 1), ...calls('big', 300, 700)];
    const input: PlanInput = {
      seed: 's',
      population,
      agents: [
        { agentId: 'trainee', role: 'trainee' },
        { agentId: 'few', role: 'agent' },
        { agentId: 'big', role: 'agent' },
      ],
      options: { margin: 0.1 },
    };
    const plan = planSample(input);
    checkPlanInvariants(input, plan);
    const reasonsOf = (agentId: string) => plan.sampled.filter((s) => s.agentId === agentId).map((s) => s.reasons[0]);
    // 2 sales (all it has) + 2 non-sales (its floor) + 1 non-sale for the missing sale
    expect(reasonsOf('trainee').sort()).toEqual(
      ['floor-sale', 'floor-sale', 'floor-non-sale', 'floor-non-sale', 'sale-shortfall-from-non-sale'].sort(),
    );
    expect(reasonsOf('few')).toEqual(['floor-non-sale']);
    const few = plan.perAgent.find((a) => a.agentId === 'few')!;
    expect(few.floorReachable).toEqual({ sale: 0, nonSale: 1 });
    expect(plan.notes.join('\n')).toMatch(/Floors could not be met .* 1 agent: few \(1 calls, 0 sales\)/);
  });

  it('says so when floors push the sample above the target', () => {
    // 100 agents × 5 calls (2 sales): N = 500, target 218, about 2 per agent; floors need 4 each.
    const population: PlanCall[] = [];
    for (let a = 0; a < 100; a++) {
      for (let i = 0; i < 5; i++) {
        population.push({ callId: `a${a}-${i}`, agentId: `a${a}`, isSale: i < 3, durationSec: 30 + i });
      }
    }
    const input = { seed: 7, population, agents: [] };
    const plan = planSample(input);
    checkPlanInvariants(input, plan);
    expect(plan.targetSize).toBe(218);
    expect(plan.totalSampledCount).toBe(400);
    expect(plan.aboveTargetBy).toBe(182);
    expect(plan.notes.join('\n')).toContain('The sample is 182 above the target (400 for 218): 182 from per-agent floors.');
    expect(plan.notes.join('\n')).toContain("100 agents not in the agent list, treated as role 'agent'");
  });

  it('never re-samples, counts earlier samples towards the target and notes unknown ids', () => {
    const population = syntheticPopulation({ calls: 3000, agents: 20 });
    const first = planSample({ seed: 'c', population: population.slice(0, 1000), agents: [] });
    const earlier = first.sampled.map((s) => s.callId);
    const input = { seed: 'c', population, agents: [], alreadySampled: [...earlier, 'gone-1', 'gone-2'] };
    const second = planSample(input);
    checkPlanInvariants(input, second);
    expect(second.alreadySampledCount).toBe(earlier.length);
    expect(second.totalSampledCount).toBe(second.targetSize + second.aboveTargetBy);
    expect(second.notes).toContain('2 already-sampled call ids not in the population, ignored.');
    // Keys are per call, fixed all cycle: a fresh plan of the whole population, limited to the
    // first 1,000 calls, picks (nearly) a subset of what the day-1 plan picked from them.
    const firstIds = new Set(population.slice(0, 1000).map((c) => c.callId));
    const picked = new Set(earlier);
    const fresh = planSample({ seed: 'c', population, agents: [] }).sampled.filter((s) => firstIds.has(s.callId));
    expect(fresh.filter((s) => picked.has(s.callId)).length / fresh.length).toBeGreaterThan(0.9);
  });

  it('samples high-risk calls more often than others (200 seeds)', () => {
    const population = syntheticPopulation({ calls: 4000, agents: 10, saleAfterRefusalRate: 0.1, cancelledRate: 0.1 });
    const risky = (c: PlanCall) => c.riskFlags?.saleAfterRefusal === true || c.riskFlags?.cancelledAfterConfirmation === true;
    const counts = new Map<string, number>();
    const seeds = 200;
    let bounds: { lowSec: number; highSec: number } | null = null;
    for (let seed = 0; seed < seeds; seed++) {
      const plan = planSample({ seed, population, agents: [] });
      bounds = plan.durationBounds;
      for (const s of plan.sampled) counts.set(s.callId, (counts.get(s.callId) ?? 0) + 1);
    }
    const rate = (pick: (c: PlanCall) => boolean) => {
      const group = population.filter(pick);
      return group.reduce((a, c) => a + (counts.get(c.callId) ?? 0), 0) / (group.length * seeds);
    };
    const usual = (c: PlanCall) => c.durationSec >= bounds!.lowSec && c.durationSec <= bounds!.highSec;
    const plainSale = rate((c) => c.isSale && !risky(c) && usual(c));
    const riskySale = rate((c) => c.isSale && risky(c) && usual(c));
    const plainNonSale = rate((c) => !c.isSale && usual(c));
    const outlierNonSale = rate((c) => !c.isSale && !usual(c));
    expect(riskySale / plainSale).toBeGreaterThan(2.5);
    expect(outlierNonSale / plainNonSale).toBeGreaterThan(1.5);
  });

  it('records the seed, version and parameters for audit', () => {
    const plan = planSample({
      seed: 'campaign-9/2026-11',
      population: syntheticPopulation({ calls: 50, agents: 2 }),
      agents: [],
      options: { confidence: 0.99, p: 0.2, margin: 0.1, riskWeights: { durationOutlier: 3 } },
    });
    expect(plan).toMatchObject({
      algorithm: 'qa-plan/1',
      seed: 'campaign-9/2026-11',
      sampleSize: { confidence: 0.99, p: 0.2, margin: 0.1 },
      weights: { saleAfterRefusal: 4, cancelledAfterConfirmation: 4, durationOutlier: 3 },
    });
    expect(plan.sampleSize.z).toBeCloseTo(2.5758293, 7);
    expect(plan.sampled.every((s) => s.weight >= 1)).toBe(true);
  });

  it('does not flag duration outliers in tiny populations', () => {
    const plan = planSample({ seed: 1, population: syntheticPopulation({ calls: 19, agents: 2 }), agents: [] });
    expect(plan.durationBounds).toBeNull();
    expect(plan.sampled.some((s) => s.reasons.includes('high-risk:duration-outlier'))).toBe(false);
  });

  it('plans 200,000 calls over 100 agents quickly', () => {
    const population = syntheticPopulation({ calls: 200_000, agents: 100 });
    const t0 = performance.now();
    const plan = planSample({ seed: 'big', population, agents: [] });
    const ms = performance.now() - t0;
    expect(plan.targetSize).toBe(384);
    expect(plan.sampled.length).toBeGreaterThanOrEqual(400); // floors: 100 agents × 4
    expect(ms).toBeLessThan(3000);
  });
});

describe('planSample — validation', () => {
  const ok: PlanCall = { callId: 'c1', agentId: 'a1', isSale: true, durationSec: 10 };
  it.each<[string, Partial<PlanInput>]>([
    ['a duplicate call id', { population: [ok, { ...ok, agentId: 'a2' }] }],
    ['an empty call id', { population: [{ ...ok, callId: '' }] }],
    ['a negative duration', { population: [{ ...ok, durationSec: -1 }] }],
    ['a NaN duration', { population: [{ ...ok, durationSec: Number.NaN }] }],
    ['a non-boolean isSale', { population: [{ ...ok, isSale: 'yes' as never }] }],
    ['an unknown role', { agents: [{ agentId: 'a1', role: 'boss' as never }] }],
    ['an agent listed twice', { agents: [{ agentId: 'a1', role: 'agent' }, { agentId: 'a1', role: 'trainee' }] }],
    ['an empty seed', { seed: '' }],
    ['a zero weight', { options: { riskWeights: { saleAfterRefusal: 0 } } }],
    ['a negative floor', { options: { floors: { trainee: { sale: -1 } } } }],
    ['reversed percentiles', { options: { durationOutlierPercentiles: [0.9, 0.1] } }],
    ['a non-array population', { population: 'x' as never }],
    ['non-string already-sampled ids', { alreadySampled: [1] as never }],
  ])('rejects %s', (_, patch) => {
    const input: PlanInput = { seed: 1, population: [ok], agents: [], ...patch };
    expect(() => planSample(input)).toThrow(expect.objectContaining({ code: 'DIALER_ERR_QA_INVALID_PLAN_INPUT', statusCode: 400 }));
  });

  it('rejects bad sample-size options with the sample-size code', () => {
    expect(() => planSample({ seed: 1, population: [ok], agents: [], options: { margin: 2 } })).toThrow(
      expect.objectContaining({ code: 'DIALER_ERR_QA_INVALID_SAMPLE_PARAMS' }),
    );
  });
});
