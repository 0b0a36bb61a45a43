/**
 * QA sampling core: sample size, reproducible stratified sampling plans, cycles and the
 * defect-rate confidence interval. Pure functions over plain data; no I/O.
 */
export { sampleSize, zForConfidence, SUPPORTED_CONFIDENCE_LEVELS, type SampleSizeOptions } from './sample-size.js';
export { inverseNormalCdf } from './normal.js';
export { planSample } from './plan.js';
export { DEFAULT_FLOORS, DEFAULT_RISK_WEIGHTS } from './plan-options.js';
export type * from './plan-types.js';
export { createRng, hashSeed, keyedUniform, type Rng, type Seed, type SeedWords } from './random.js';
export { apportion, type ApportionStratum } from './apportion.js';
export { cycleFor, type Cycle, type CycleOptions } from './cycle.js';
export { wilsonInterval, type WilsonInput, type WilsonInterval } from './confidence.js';
export { qaSamplingError, isQaSamplingError, type QaSamplingError, type QaSamplingErrorCode } from './errors.js';
