/**
 * The differential check, simulator side: every scenario of test/differential/scenarios.ts on
 * the ARI simulator must produce the normalised events a real Asterisk produced
 * (test/fixtures/real-ari/, recorded and re-checked by test/asterisk/differential.test.ts).
 * Where they differ, the simulator is wrong.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriSimulator } from '../../src/sim/index.js';
import { AriDriver } from '../differential/ari-driver.js';
import { normaliseTrace } from '../differential/normalise.js';
import { DIFF_SOUND_MS, SCENARIOS } from '../differential/scenarios.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/real-ari');
const number = (code: string) => `+86139000${code}00`;
let sim: AriSimulator;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'dialer-diff-'));

beforeAll(async () => {
  sim = new AriSimulator({
    username: 'dialer',
    password: 'sim-secret',
    recordingsDir: join(dir, 'recordings'),
    scripts: Object.fromEntries(SCENARIOS.map((s) => [number(s.real.code), s.sim])),
    soundDurationsMs: DIFF_SOUND_MS,
  });
  url = (await sim.start()).url;
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the simulator held to a real Asterisk', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: the simulator's events equal the real Asterisk's`, async () => {
      const ari = new AriDriver(url, 'dialer', 'sim-secret', scenario.inbound?.app ?? `diff-${scenario.name}`);
      await ari.connect();
      try {
        const inbound = scenario.inbound;
        if (inbound) sim.placeCarrierCall({ caller: inbound.caller, dialled: inbound.dialled, app: inbound.app, script: { hangupAfterMs: inbound.hangupAfterMs } });
        await scenario.run(ari, `PJSIP/${number(scenario.real.code)}@carrier`);
      } finally {
        await ari.close();
      }
      const expected = JSON.parse(readFileSync(join(FIXTURES, `${scenario.name}.json`), 'utf8')) as unknown;
      expect(normaliseTrace(ari.events, scenario.roles)).toEqual(expected);
    }, 30_000);
  }
});
