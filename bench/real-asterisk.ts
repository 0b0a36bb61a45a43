/**
 * Call-path latency on a real Asterisk (the real-Asterisk tier's set-up: the project's own
 * config, SIPp customers behind the carrier trunk, baresip agents), measured from Asterisk's
 * own event timestamps:
 * - answer → opening start: the customer's channel going Up to the opening's PlaybackStarted;
 * - answer → agent connected: the same to the agent's ChannelEnteredBridge into the call.
 * Goal: p99 ≤ 50 ms for both. Without an Asterisk on this machine it says so and exits 0.
 */
import { startPrivateRedis } from '../src/support/private-redis.js';
import { DIST, startRealTier } from '../test/asterisk/support/real-tier.js';
import { customerNumber } from '../test/asterisk/support/sipp-scenario.js';
import { waitFor } from '../test/support/harness.js';

const CALLS = Number(process.env.BENCH_REAL_CALLS ?? 60);
const AGENTS = ['8401', '8402', '8403', '8404', '8405', '8406'];
const GOAL_MS = 50;

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  if (!DIST) {
    console.log('real Asterisk: skipped (no Asterisk on this machine; see test/asterisk/support/asterisk-dist.ts)');
    return;
  }
  const redis = process.env.REDIS_URL ? null : await startPrivateRedis();
  process.env.TEST_REDIS_URL = process.env.REDIS_URL ?? redis!.url;
  const tier = await startRealTier({
    agents: AGENTS,
    // Customers answer after 300 ms, talk 1.5 s and hang up.
    customers: { '70': { kind: 'answer', ringMs: 300, talk: true, hangupAfterMs: 1500 } },
    service: { env: { AGENT_WAIT_MS: '5000' } },
  });
  try {
    const { h } = tier;
    for (const id of tier.agentIds.values()) await h.loginAgent(id, 15_000);
    const agentChannels = new Set([...tier.agentIds.values()].map((id) => h.service.agents.get(id)!.channelId));
    const numbers = Array.from({ length: CALLS }, (_, i) => customerNumber('70', i));
    const campaignId = h.runCampaign(numbers, { openingMedia: 'sound:dialer/hello' });
    await h.waitCampaignDone(campaignId, CALLS, 600_000);
    const rows = h.callsOf(campaignId).filter((r) => r.answeredAt !== null);
    const ev = tier.events;
    const toOpening: number[] = [];
    const toAgent: number[] = [];
    for (const r of rows) {
      // StasisStart goes to the service's app only; the recorder sees the channel go Up.
      const answered = ev.events.find(
        (e) => e.type === 'ChannelStateChange' && (e.raw.channel as { id: string; state: string }).id === `cust-${r.id}` && (e.raw.channel as { state: string }).state === 'Up',
      );
      const opening = ev.events.find((e) => e.type === 'PlaybackStarted' && (e.raw.playback as { id: string }).id === `pb-${r.id}-opening`);
      const agentIn = ev.events.find(
        (e) => e.type === 'ChannelEnteredBridge' && (e.raw.bridge as { id: string }).id === `br-${r.id}` && agentChannels.has((e.raw.channel as { id: string }).id),
      );
      if (answered && opening) toOpening.push(opening.at - answered.at);
      if (answered && agentIn) toAgent.push(agentIn.at - answered.at);
    }
    await waitFor('agents ready', () => [...tier.agentIds.values()].every((id) => h.service.agents.get(id)?.state === 'ready'), 20_000);
    const line = (name: string, v: number[]): string =>
      `real Asterisk: ${name}: p50 ${pct(v, 50)} ms, p99 ${pct(v, 99)} ms over ${v.length} answered calls (goal p99 ≤ ${GOAL_MS} ms: ${pct(v, 99) <= GOAL_MS ? 'met' : 'MISSED'})`;
    const ws = h.service.telephony.restOverWebSocket;
    console.log(`real Asterisk: after the answer, add, record and play ${ws.available ? `in one round trip over the event WebSocket (${ws.answered} requests answered there)` : 'over HTTP'}`);
    console.log(line('answer → opening start', toOpening));
    console.log(line('answer → agent connected', toAgent));
    if (toOpening.length < 50) console.log(`real Asterisk: only ${toOpening.length} answered calls measured (want ≥ 50)`);
  } finally {
    await tier.stop();
    await redis?.stop();
  }
}

await main();
