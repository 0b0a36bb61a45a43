/**
 * Seeded, reproducible randomness for QA sampling. Pure: no I/O, no global state, no
 * Math.random. The same seed gives the same numbers on every platform and Node version.
 */
import { qaSamplingError } from './errors.js';

/** A seed as stored with a plan. Numbers are hashed through their decimal text, so 42 ≡ '42'. */
export type Seed = string | number;

/** Two 32-bit words derived from a seed. */
export type SeedWords = readonly [number, number];

const TWO_POW_32 = 4294967296;
const TWO_POW_52 = 4503599627370496;

/**
 * A stable 53-bit string hash (cyrb53, public domain, bryc), returned as two 32-bit words
 * (high 21 bits, low 32 bits) and mixed with two seed words.
 */
function hashWords(text: string, s1: number, s2: number): [number, number] {
  let h1 = 0xdeadbeef ^ s1;
  let h2 = 0x41c6ce57 ^ s2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [(h2 >>> 0) & 0x1fffff, h1 >>> 0];
}

/**
 * Hash a seed to two 32-bit words.
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_PLAN_INPUT for an empty or non-finite seed.
 */
export function hashSeed(seed: Seed): SeedWords {
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string' || seed.length === 0) {
    throw qaSamplingError(
      'DIALER_ERR_QA_INVALID_PLAN_INPUT',
      `seed must be a non-empty string or a finite number, got ${String(seed)}`,
    );
  }
  return hashWords(String(seed), 0x9e3779b9, 0x85ebca6b);
}

/**
 * A uniform number in the open interval (0, 1) determined by a seed and a key (e.g. a call
 * id): the same pair always gives the same number, whatever else is being sampled. 52 bits.
 */
export function keyedUniform(seed: SeedWords, key: string): number {
  const [hi, lo] = hashWords(key, seed[0], seed[1]);
  // 21 + 32 = 53 bits; keep 52 so that (h + 0.5) / 2^52 is strictly below 1 in binary64.
  const h52 = (hi >>> 1) * TWO_POW_32 + lo;
  return (h52 + 0.5) / TWO_POW_52;
}

/** A stream of pseudo-random numbers. */
export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Next number in [0, 1), 53 bits. */
  nextFloat(): number;
  /** Next integer in [0, n), unbiased. */
  nextInt(n: number): number;
}

/**
 * xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), its 128-bit
 * state filled by splitmix32 from the hashed seed.
 */
export function createRng(seed: Seed): Rng {
  const [w0, w1] = hashSeed(seed);
  let sm = (w0 ^ Math.imul(w1, 0x9e3779b9)) >>> 0;
  const splitmix32 = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point

  const nextUint32 = (): number => {
    const t = b << 9;
    let r = Math.imul(b, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r >>> 0;
  };
  const nextFloat = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  const nextInt = (n: number): number => {
    if (!Number.isSafeInteger(n) || n <= 0 || n > TWO_POW_32) {
      throw new RangeError(`nextInt bound must be an integer in [1, 2^32], got ${n}`);
    }
    // Rejection sampling over the largest multiple of n below 2^32.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return x % n;
    }
  };
  return { nextUint32, nextFloat, nextInt };
}
