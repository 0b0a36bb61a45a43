/**
 * The dialer service in a process of its own, so a test can SIGKILL it mid-call (run with
 * tsx). It reads one JSON job from DIALER_CHILD_JOB: ARI, directory, Redis namespace, clock
 * offset, agents to log in and numbers to dial; prints `ready` when the agents are in and
 * the campaign runs, then keeps going until killed.
 */
import { startServiceHarness } from '../../support/harness.js';
import { shiftedClock } from '../../../src/clock.js';

export interface ChildJob {
  ari: { url: string; username: string; password: string };
  dir: string;
  env: Record<string, string>;
  /** The service's clock = wall clock + this (the same frame as the test's). */
  clockOffsetMs: number;
  agentIds: number[];
  numbers: string[];
}

const job = JSON.parse(process.env.DIALER_CHILD_JOB ?? 'null') as ChildJob | null;
if (!job) throw new Error('DIALER_CHILD_JOB is not set');
const h = await startServiceHarness(job.ari, { dir: job.dir, env: job.env, clock: shiftedClock(Date.now() + job.clockOffsetMs) });
for (const id of job.agentIds) await h.loginAgent(id, 15_000);
const campaignId = h.runCampaign(job.numbers);
process.stdout.write(`ready ${campaignId}\n`);
