/**
 * A tiny seeded PRNG for the pacing simulation: xoshiro128** seeded through splitmix32.
 * Written here rather than imported so the simulation stays a pure function of its seed,
 * identical on every Node version. Not for anything security-related.
 * Reference: https://prng.di.unimi.it/xoshiro128starstar.c
 */

/** A stream of pseudo-random numbers; every draw advances its private state. */
export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform on [min, max). */
  uniform(min: number, max: number): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** Lognormal: exp(mu + sigma · N(0, 1)). */
  lognormal(mu: number, sigma: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Creates a generator; the same seed always yields the same sequence. */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is the one xoshiro cannot leave

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result;
  };

  const next = (): number => nextUint32() / 4294967296;

  const normal = (): number => {
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    bernoulli: (p) => next() < p,
    normal,
    lognormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
  };
}

/** Derives an independent-looking seed for a named sub-stream of one scenario seed. */
export function deriveSeed(seed: number, stream: number): number {
  return splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0)();
}
