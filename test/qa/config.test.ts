/** The QA settings of src/config.ts: defaults and a clear error for each bad value. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { qaSettingsFrom } from '../../src/qa/qa-module.js';
import { QUEUE_NAMES, bullJobKey, redisKey } from '../../src/support/redis-keys.js';

describe('QA configuration', () => {
  it('defaults: Shanghai, cycles from the 21st, a 21:30 daily run, 30-minute claims', () => {
    expect(qaSettingsFrom(loadConfig({ ARI_PASSWORD: 'x' }))).toEqual({
      timeZone: 'Asia/Shanghai',
      cycleStartDay: 21,
      planTime: '21:30',
      claimTtlMs: 1_800_000,
      sweepMs: 60_000,
      redisPrefix: 'dialer',
      recordingsDir: './data/recordings',
    });
    expect(loadConfig({ ARI_PASSWORD: 'x', QA_PLAN_TIME: 'off' }).QA_PLAN_TIME).toBe('off');
  });

  it('names each bad QA setting', () => {
    let err: unknown;
    try {
      loadConfig({ ARI_PASSWORD: 'x', QA_TIME_ZONE: 'Mars/Olympus', QA_CYCLE_START_DAY: '31', QA_PLAN_TIME: '25:00', QA_CLAIM_TTL_MS: '10' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['QA_TIME_ZONE', 'QA_CYCLE_START_DAY', 'QA_PLAN_TIME', 'QA_CLAIM_TTL_MS']) expect(problems).toContain(name);
  });

  it('QA days are the centre\'s: QA_TIME_ZONE is only accepted when it equals CENTRE_TIME_ZONE', () => {
    expect(loadConfig({ ARI_PASSWORD: 'x', CENTRE_TIME_ZONE: 'Asia/Urumqi', QA_TIME_ZONE: 'Asia/Urumqi' }).CENTRE_TIME_ZONE).toBe('Asia/Urumqi');
    expect(() => loadConfig({ ARI_PASSWORD: 'x', CENTRE_TIME_ZONE: 'Asia/Urumqi', QA_TIME_ZONE: 'Asia/Shanghai' })).toThrow(/QA_TIME_ZONE: merged into CENTRE_TIME_ZONE \(Asia\/Urumqi\)/);
    expect(() => loadConfig({ ARI_PASSWORD: 'x', QA_TIME_ZONE: 'Europe/London' })).toThrow(/QA_TIME_ZONE/);
  });

  it('one key builder: queue names without ":", everything under the prefix', () => {
    expect(Object.values(QUEUE_NAMES).every((n) => !n.includes(':'))).toBe(true);
    expect(redisKey('dialer', 'qa-sampling')).toBe('dialer:qa-sampling');
    expect(bullJobKey('staging', QUEUE_NAMES.qaSampling, 'abc')).toBe('staging:qa-sampling:abc');
    expect(() => redisKey('dialer', 'a:b')).toThrow(/no ':'/);
  });
});
