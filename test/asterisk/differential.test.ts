/**
 * The differential check, real side: every scenario of test/differential/scenarios.ts on a
 * real Asterisk (SIPp customers behind the carrier trunk). Its normalised ARI events must equal
 * the fixture the simulator is held to (test/sim/differential.test.ts); UPDATE_ARI_FIXTURES=1
 * rewrites the fixtures from this Asterisk instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AriDriver } from '../differential/ari-driver.js';
import { normaliseTrace } from '../differential/normalise.js';
import { SCENARIOS } from '../differential/scenarios.js';
import { REPO_ROOT } from './support/asterisk-dist.js';
import { ARI_PASSWORD, ARI_USER, AsteriskInstance } from './support/asterisk-instance.js';
import { DIST } from './support/real-tier.js';
import { CARRIER_HOST, SippCarrier } from './support/sipp-carrier.js';
import { customerNumber } from './support/sipp-scenario.js';
import { placeInboundCall } from './support/sipp-caller.js';
import { installTestSounds } from './support/test-sounds.js';

export const FIXTURES = join(REPO_ROOT, 'test/fixtures/real-ari');
let asterisk: AsteriskInstance;
let carrier: SippCarrier;

describe.skipIf(!DIST)('the simulator held to a real Asterisk: real side', () => {
  beforeAll(async () => {
    carrier = await SippCarrier.create();
    await carrier.start(Object.fromEntries(SCENARIOS.map((s) => [s.real.code, s.real.behaviour])));
    asterisk = await AsteriskInstance.create(DIST!, { agents: [], carrier: { host: CARRIER_HOST, port: carrier.port }, sounds: installTestSounds });
    await asterisk.start();
  }, 60_000);
  afterAll(async () => {
    await asterisk?.destroy();
    await carrier?.stop();
  }, 30_000);

  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: Asterisk's events equal the fixture`, async () => {
      // One app name per scenario, and the previous socket closed before this one opens: CI once
      // saw a scenario's app receive no event at all right after the previous scenario's socket
      // (same name, closed without waiting). Tried alone on Asterisk 22.10.1, a newer socket
      // keeps its app when an older one closes, so the cause is not settled; nothing of one
      // scenario's socket can reach the next one's app now.
      const ari = new AriDriver(asterisk.ariUrl, ARI_USER, ARI_PASSWORD, scenario.inbound?.app ?? `diff-${scenario.name}`);
      await ari.connect();
      const inbound = scenario.inbound ? await placeInboundCall({ ...scenario.inbound, asteriskPort: asterisk.sipPort }) : null;
      try {
        await scenario.run(ari, `PJSIP/${customerNumber(scenario.real.code)}@carrier`);
        if (inbound) expect((await inbound.done).exitCode).toBe(0);
      } finally {
        await ari.close();
        await inbound?.stop();
      }
      const trace = normaliseTrace(ari.events, scenario.roles);
      const file = join(FIXTURES, `${scenario.name}.json`);
      if (process.env.UPDATE_ARI_FIXTURES === '1') writeFileSync(file, `${JSON.stringify(trace, null, 2)}\n`);
      expect(trace).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    }, 60_000);
  }
});
