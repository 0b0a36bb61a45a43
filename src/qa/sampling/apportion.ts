/**
 * Apportionment of a sample over strata in proportion to their size, by the largest-remainder
 * (Hamilton) method, with per-stratum lower bounds for calls already sampled earlier in the
 * cycle. Exact integer arithmetic throughout.
 */

/** One stratum to apportion over. */
export interface ApportionStratum {
  /** Units in the stratum (a non-negative integer); the allocation never exceeds it. */
  size: number;
  /** The allocation is never below this (a non-negative integer ≤ size). */
  lowerBound: number;
  /** Breaks ties between equal remainders: the larger key wins. Should be seeded. */
  tieKey: number;
}

/**
 * Allocate `total` units over strata in proportion to size, each stratum receiving at least
 * its lower bound and at most its size. The result sums to exactly
 * max(min(total, Σ size), Σ lowerBound).
 *
 * Strata whose proportional quota falls below their lower bound are fixed at the bound and the
 * rest of the total is re-apportioned over the others, until no quota is below its bound
 * (water-filling); the remaining strata then get floor(quota) plus one for the largest
 * remainders. With no lower bounds this is plain Hamilton apportionment.
 */
export function apportion(total: number, strata: readonly ApportionStratum[]): number[] {
  const count = strata.length;
  const alloc = new Array<number>(count).fill(0);
  const fixed = new Array<boolean>(count).fill(false);
  let freeSize = 0;
  for (const s of strata) freeSize += s.size;
  // Never more than the strata hold; this also keeps every allocation ≤ its stratum's size.
  let remaining = Math.min(total, freeSize);

  // Each pass fixes at least one stratum or stops, so at most `count` passes.
  for (;;) {
    let changed = false;
    for (let i = 0; i < count; i++) {
      const s = strata[i] as ApportionStratum;
      if (fixed[i]) continue;
      // quota = remaining·size/freeSize < lowerBound, compared in integers.
      if (freeSize === 0 || remaining * s.size < s.lowerBound * freeSize) {
        fixed[i] = true;
        alloc[i] = s.lowerBound;
        remaining -= s.lowerBound;
        freeSize -= s.size;
        changed = true;
      }
    }
    if (!changed) break;
  }
  if (freeSize === 0 || remaining <= 0) return alloc;

  const order: number[] = [];
  const rem: number[] = new Array<number>(count).fill(0);
  let seated = 0;
  for (let i = 0; i < count; i++) {
    if (fixed[i]) continue;
    const num = remaining * (strata[i] as ApportionStratum).size;
    let q = Math.floor(num / freeSize);
    while (q * freeSize > num) q--;
    while ((q + 1) * freeSize <= num) q++;
    alloc[i] = q;
    rem[i] = num - q * freeSize;
    seated += q;
    order.push(i);
  }
  order.sort((a, b) => {
    const d = (rem[b] as number) - (rem[a] as number);
    if (d !== 0) return d;
    const t = (strata[b] as ApportionStratum).tieKey - (strata[a] as ApportionStratum).tieKey;
    return t !== 0 ? t : a - b;
  });
  for (let k = 0; k < remaining - seated; k++) {
    const i = order[k] as number;
    alloc[i] = (alloc[i] as number) + 1;
  }
  return alloc;
}
