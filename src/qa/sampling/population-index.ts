/**
 * One pass over the population: validate every call, group call indices by agent (a counting
 * sort, O(N)), draw each call's keyed uniform and reject duplicate call ids. Typed arrays keep
 * a million calls to a few tens of megabytes.
 */
import { qaSamplingError, type QaSamplingError } from './errors.js';
import { keyedUniform, type SeedWords } from './random.js';
import type { PlanCall } from './plan-types.js';

/** The population grouped by agent. */
export interface PopulationIndex {
  /** Stratum index → agent id, sorted by code unit (population agents ∪ `extraAgentIds`). */
  agentIds: string[];
  /** Call index → stratum index. */
  stratumOf: Int32Array;
  /** Call indices grouped by stratum, in population order within a stratum. */
  order: Int32Array;
  /** Stratum s holds order[offsets[s] .. offsets[s + 1]). */
  offsets: Int32Array;
  /** The call's uniform draw in (0, 1), a function of the seed and the call id only. */
  uniform: Float64Array;
}

function invalid(message: string): QaSamplingError {
  return qaSamplingError('DIALER_ERR_QA_INVALID_PLAN_INPUT', message);
}

function validateCall(call: PlanCall, i: number): void {
  if (call === null || typeof call !== 'object') throw invalid(`population[${i}] is not an object`);
  if (typeof call.callId !== 'string' || call.callId.length === 0) {
    throw invalid(`population[${i}].callId must be a non-empty string`);
  }
  if (typeof call.agentId !== 'string' || call.agentId.length === 0) {
    throw invalid(`population[${i}] (${call.callId}): agentId must be a non-empty string`);
  }
  if (typeof call.isSale !== 'boolean') {
    throw invalid(`population[${i}] (${call.callId}): isSale must be a boolean`);
  }
  if (typeof call.durationSec !== 'number' || !(call.durationSec >= 0) || !Number.isFinite(call.durationSec)) {
    throw invalid(`population[${i}] (${call.callId}): durationSec must be a finite number ≥ 0`);
  }
}

/**
 * Duplicate call ids have equal draws, so look for equal draws in an open-addressing table
 * keyed by the draw's leading bits (the draws are uniform), O(N); look closer only at equal
 * draws (equal draws of different ids, a 2^-52 coincidence, are allowed).
 */
function rejectDuplicates(population: readonly PlanCall[], uniform: Float64Array): void {
  let size = 1;
  while (size < 2 * uniform.length) size *= 2;
  const table = new Float64Array(size); // 0 = empty; draws are never 0
  const suspicious = new Set<number>();
  for (const u of uniform) {
    let slot = Math.floor(u * size);
    for (;;) {
      const v = table[slot] as number;
      if (v === 0) {
        table[slot] = u;
        break;
      }
      if (v === u) {
        suspicious.add(u);
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  if (suspicious.size === 0) return;
  const seen = new Set<string>();
  for (let i = 0; i < population.length; i++) {
    if (!suspicious.has(uniform[i] as number)) continue;
    const id = (population[i] as PlanCall).callId;
    if (seen.has(id)) throw invalid(`population has call id ${id} more than once`);
    seen.add(id);
  }
}

/**
 * Index the population.
 * @param extraAgentIds agents to give a (possibly empty) stratum even without calls
 * @throws QaSamplingError DIALER_ERR_QA_INVALID_PLAN_INPUT on a malformed call or a duplicate id
 */
export function indexPopulation(
  population: readonly PlanCall[],
  seed: SeedWords,
  extraAgentIds: Iterable<string>,
): PopulationIndex {
  const n = population.length;
  const firstSeen = new Map<string, number>();
  const provisional = new Int32Array(n);
  const uniform = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const call = population[i] as PlanCall;
    validateCall(call, i);
    let s = firstSeen.get(call.agentId);
    if (s === undefined) {
      s = firstSeen.size;
      firstSeen.set(call.agentId, s);
    }
    provisional[i] = s;
    uniform[i] = keyedUniform(seed, call.callId);
  }
  rejectDuplicates(population, uniform);

  for (const id of extraAgentIds) if (!firstSeen.has(id)) firstSeen.set(id, firstSeen.size);
  const agentIds = [...firstSeen.keys()].sort();
  const remap = new Int32Array(firstSeen.size);
  agentIds.forEach((id, sorted) => {
    remap[firstSeen.get(id) as number] = sorted;
  });

  const stratumOf = new Int32Array(n);
  const offsets = new Int32Array(agentIds.length + 1);
  for (let i = 0; i < n; i++) {
    const s = remap[provisional[i] as number] as number;
    stratumOf[i] = s;
    offsets[s + 1] = (offsets[s + 1] as number) + 1;
  }
  for (let s = 0; s < agentIds.length; s++) offsets[s + 1] = (offsets[s + 1] as number) + (offsets[s] as number);
  const cursor = offsets.slice(0, agentIds.length);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = stratumOf[i] as number;
    const at = cursor[s] as number;
    order[at] = i;
    cursor[s] = at + 1;
  }
  return { agentIds, stratumOf, order, offsets, uniform };
}
