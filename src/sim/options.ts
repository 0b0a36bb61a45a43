/**
 * Defaults and validation of {@link AriSimulatorOptions}, in one place.
 */
import { realTimers } from './clock.js';
import type { AriSimulatorOptions, FarEndScript, SimLogger, SimTimers } from './types.js';

/** Options with every default applied. */
export interface ResolvedOptions {
  username: string;
  password: string;
  host: string;
  port: number;
  recordingsDir: string;
  scripts: Map<string, FarEndScript>;
  defaultScript: FarEndScript;
  soundDurationsMs: Record<string, number>;
  soundsDir: string | undefined;
  defaultPlaybackMs: number;
  perDigitPlaybackMs: number;
  secondMs: number;
  silenceTimeoutMs: number;
  logLimit: number;
  restOverWebSocket: boolean;
  logger: SimLogger;
  timers: SimTimers;
}

const noop = (): void => undefined;
const silentLogger: SimLogger = { info: noop, warn: noop, error: noop, debug: noop };

const KINDS = new Set(['answer', 'ring-forever', 'busy', 'congestion', 'reject', 'unavailable', 'unallocated']);

/** Throws a TypeError naming the first bad field of a script. */
export function validateScript(resource: string, script: FarEndScript): FarEndScript {
  if (!script || typeof script !== 'object' || !KINDS.has(script.kind)) {
    throw new TypeError(`sim: script for "${resource}" has an unknown kind`);
  }
  const numbers: Array<[string, unknown]> = [];
  if ('ringMs' in script) numbers.push(['ringMs', script.ringMs]);
  if (script.kind === 'answer') {
    numbers.push(['hangupAfterMs', script.hangupAfterMs], ['audioStopsAfterMs', script.audioStopsAfterMs]);
    for (const d of script.digits ?? []) {
      numbers.push(['digits.atMs', d.atMs]);
      if (typeof d.digits !== 'string' || !/^[0-9A-D*#]*$/i.test(d.digits)) {
        throw new TypeError(`sim: script for "${resource}": digits must be DTMF characters`);
      }
    }
  }
  for (const [name, value] of numbers) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new TypeError(`sim: script for "${resource}": ${name} must be a number ≥ 0`);
    }
  }
  return script;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`sim: ${name} must be a number ≥ 0`);
  }
  return value;
}

/** Merges defaults and validates; throws TypeError on a bad option. */
export function resolveOptions(opts: AriSimulatorOptions): ResolvedOptions {
  if (!opts || typeof opts.username !== 'string' || opts.username === '') {
    throw new TypeError('sim: username is required');
  }
  if (typeof opts.password !== 'string' || opts.password === '') throw new TypeError('sim: password is required');
  if (typeof opts.recordingsDir !== 'string' || opts.recordingsDir === '') {
    throw new TypeError('sim: recordingsDir is required');
  }
  const scripts = new Map<string, FarEndScript>();
  for (const [resource, script] of Object.entries(opts.scripts ?? {})) {
    scripts.set(resource, validateScript(resource, script));
  }
  const port = positive('port', opts.port, 0);
  if (!Number.isInteger(port) || port > 65535) throw new TypeError('sim: port must be an integer 0..65535');
  const secondMs = positive('secondMs', opts.secondMs, 1000);
  if (secondMs === 0) throw new TypeError('sim: secondMs must be > 0');
  return {
    username: opts.username,
    password: opts.password,
    host: opts.host ?? '127.0.0.1',
    port,
    recordingsDir: opts.recordingsDir,
    scripts,
    defaultScript: validateScript('(default)', opts.defaultScript ?? { kind: 'answer', ringMs: 1000 }),
    soundDurationsMs: { ...(opts.soundDurationsMs ?? {}) },
    soundsDir: opts.soundsDir,
    defaultPlaybackMs: positive('defaultPlaybackMs', opts.defaultPlaybackMs, 1000),
    perDigitPlaybackMs: positive('perDigitPlaybackMs', opts.perDigitPlaybackMs, 400),
    secondMs,
    silenceTimeoutMs: positive('silenceTimeoutMs', opts.silenceTimeoutMs, 4000),
    logLimit: Math.max(10, positive('logLimit', opts.logLimit, 50_000)),
    restOverWebSocket: opts.restOverWebSocket ?? true,
    logger: opts.logger ?? silentLogger,
    timers: opts.timers ?? realTimers,
  };
}
