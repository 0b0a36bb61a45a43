/**
 * One agent's stratum: how many calls it still needs (floors, then its proportional share),
 * and which calls — the best weighted keys among its calls not yet sampled.
 */
import { TopK, mergeBest } from './top-k.js';
import type { Floor, PlanCall, SampleReason } from './plan-types.js';

/** Counts of one stratum. */
export interface StratumCounts {
  calls: number;
  sales: number;
  alreadySampled: number;
  alreadySampledSales: number;
}

/** What a stratum still needs in this run. */
export interface StratumNeeds {
  /** The floors as far as the agent's calls allow; nonSale includes the sales shortfall. */
  floorReachable: Floor;
  newFloorSale: number;
  newFloorNonSale: number;
  newShortfallFromNonSale: number;
  newProportional: number;
}

/**
 * Needs of a stratum. Floors are capped by the calls the agent has; a shortfall of sales is
 * taken from non-sales; calls sampled earlier count first. Whatever the floors leave of the
 * agent's allocation is filled proportionally, so the agent ends with
 * max(allocation, already + floors still missing) calls.
 */
export function stratumNeeds(counts: StratumCounts, floor: Floor, allocation: number): StratumNeeds {
  const nonSales = counts.calls - counts.sales;
  const alreadyNonSales = counts.alreadySampled - counts.alreadySampledSales;
  const saleReach = Math.min(floor.sale, counts.sales);
  const shortfall = floor.sale - saleReach;
  const nonSaleBaseReach = Math.min(floor.nonSale, nonSales);
  const nonSaleReach = Math.min(floor.nonSale + shortfall, nonSales);
  const newFloorSale = Math.max(0, saleReach - counts.alreadySampledSales);
  const newFloorNonSale = Math.max(0, nonSaleBaseReach - alreadyNonSales);
  const newShortfallFromNonSale = Math.max(0, nonSaleReach - alreadyNonSales) - newFloorNonSale;
  const newProportional = Math.max(
    0,
    allocation - counts.alreadySampled - newFloorSale - newFloorNonSale - newShortfallFromNonSale,
  );
  return {
    floorReachable: { sale: saleReach, nonSale: nonSaleReach },
    newFloorSale,
    newFloorNonSale,
    newShortfallFromNonSale,
    newProportional,
  };
}

/** A call chosen in a stratum and why. */
export interface StratumPick {
  index: number;
  reason: Extract<SampleReason, 'proportional' | 'floor-sale' | 'floor-non-sale' | 'sale-shortfall-from-non-sale'>;
}

/**
 * Choose a stratum's calls: the floors first (sales, non-sales, the shortfall from non-sales),
 * then the proportional rest, each the highest keys available. O(n log k).
 * @param members the stratum's call indices
 * @param isSale per call index, 1 for a sale
 * @param keys per call index: the Efraimidis–Spirakis key; −Infinity for calls already sampled
 */
export function selectInStratum(
  members: Int32Array,
  population: readonly PlanCall[],
  isSale: Uint8Array,
  keys: Float64Array,
  needs: StratumNeeds,
): StratumPick[] {
  const idOf = (i: number): string => (population[i] as PlanCall).callId;
  const sales = new TopK(needs.newFloorSale + needs.newProportional, keys, idOf);
  const nonSaleFloors = needs.newFloorNonSale + needs.newShortfallFromNonSale;
  const nonSales = new TopK(nonSaleFloors + needs.newProportional, keys, idOf);
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    if (keys[i] === Number.NEGATIVE_INFINITY) continue;
    if (isSale[i] === 1) sales.offer(i);
    else nonSales.offer(i);
  }
  const bestSales = sales.sorted();
  const bestNonSales = nonSales.sorted();
  const picks: StratumPick[] = [];
  for (const index of bestSales.slice(0, needs.newFloorSale)) picks.push({ index, reason: 'floor-sale' });
  bestNonSales.slice(0, nonSaleFloors).forEach((index, k) => {
    picks.push({ index, reason: k < needs.newFloorNonSale ? 'floor-non-sale' : 'sale-shortfall-from-non-sale' });
  });
  const rest = mergeBest(
    bestSales.slice(needs.newFloorSale),
    bestNonSales.slice(nonSaleFloors),
    needs.newProportional,
    keys,
    idOf,
  );
  for (const index of rest) picks.push({ index, reason: 'proportional' });
  return picks;
}
