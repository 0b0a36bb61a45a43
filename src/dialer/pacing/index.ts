/**
 * The pacing core: pure decisions (callsToPlace), the rolling statistics that feed them, and
 * their plain-data types. The simulation (des.ts) is for tests and benchmarks and is
 * imported from its own module.
 */
export { callsToPlace } from './pacing.js';
export { DEFAULT_PREDICTIVE_TUNING } from './predictive.js';
export * from './stats.js';
export type * from './types.js';
export { lognormalFromMean, type Lognormal } from './distributions.js';
