/**
 * Pacing benchmark: a seeded discrete-event simulation (no real time) of 8-hour shifts for
 * 5/20/100 agents × 15/35/60% live-answer rates, progressive vs predictive.
 *
 *   npx tsx bench/pacing.ts [--seed N] [--hours H] [--no-stress]
 *
 * Floor (see src/dialer/pacing/des.ts): answer after U(3, 20) s, non-answers ring out at 25 s,
 * 5 s opening + 2 s grace before a waiting answer is abandoned, lognormal talk with mean 90 s
 * and log-sigma 0.8, 10 s wrap-up, agents logged in all shift, pacing consulted every second.
 *
 * Upper bound on occupancy: talk ÷ (talk + wrap) = 90 ÷ 100 — agents never idle between calls.
 * It holds at any abandon rate (abandoned calls add no talk), so "gap" is how much idle time
 * predictive leaves that no pacing could remove without knowing the future.
 *
 * Targets: predictive abandon ≤ 3.0% in every scenario; predictive occupancy ≥ 1.3 ×
 * progressive where agents ≥ 20 and answer rate ≤ 35%; predictive occupancy of every static
 * cell, as a mean over seeds 1–5, not below that of the pacing before issue 17
 * (`pacing/baseline.json`, printed beside; the table shows the chosen seed's figure too);
 * and, in the stress section (seeds 1–5, bench/pacing/stress.ts), no run whose campaign abandon
 * rate passes 3% at any moment after its first 100 live answers. `--no-stress` skips that
 * section (a quick look at the static table; it then cannot say ALL TARGETS HOLD).
 */
import { readFileSync } from 'node:fs';
import { simulateFloor, type FloorMetrics } from '../src/dialer/pacing/des.js';
import { STRESS_SCENARIOS, STRESS_SEEDS, stressFigures, type StressFigures } from './pacing/stress.js';

/** Figures of the pacing as it was before issue 17 (measured at commit 261bc11). */
interface Baseline {
  readonly static: Record<string, Record<string, { occupancy: number; abandon: number }>>;
  readonly stress: Record<string, StressFigures>;
}
const baseline = JSON.parse(readFileSync(new URL('./pacing/baseline.json', import.meta.url), 'utf8')) as Baseline;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
};
const seed = arg('seed', 1);
const hours = arg('hours', 8);
const withStress = !process.argv.includes('--no-stress');

const AGENTS = [5, 20, 100] as const;
const ANSWER_RATES = [0.15, 0.35, 0.6] as const;
const CAP = 0.03;
const RATIO_TARGET = 1.3;

const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
const pad = (s: string | number, n: number): string => String(s).padStart(n);

const started = performance.now();
const header = [
  pad('agents', 6),
  pad('answer', 6),
  pad('mode', 11),
  pad('occupancy', 9),
  pad('abandon', 7),
  pad('live/agent-h', 12),
  pad('conn/agent-h', 12),
  pad('ratio', 5),
  pad('bound', 5),
  pad('gap', 6),
  pad('before', 7),
  '  targets',
].join(' ');
console.log(`pacing benchmark — seed ${seed}, ${hours} h per scenario, abandon cap ${pct(CAP)}`);
console.log(header);
console.log('-'.repeat(header.length + 12));

let allHold = true;
for (const agents of AGENTS) {
  for (const liveAnswerRate of ANSWER_RATES) {
    const run = (mode: 'progressive' | 'predictive'): FloorMetrics =>
      simulateFloor({ seed, mode, agents, liveAnswerRate, durationSec: hours * 3600, abandonCap: CAP });
    const prog = run('progressive');
    const pred = run('predictive');
    const ratio = prog.occupancy > 0 ? pred.occupancy / prog.occupancy : Infinity;

    const abandonOk = pred.abandonRate <= CAP;
    const ratioApplies = agents >= 20 && liveAnswerRate <= 0.35;
    const ratioOk = !ratioApplies || ratio >= RATIO_TARGET;
    const before = hours === 8 ? baseline.static[String(seed)]?.[`${agents}x${Math.round(liveAnswerRate * 100)}`] : undefined;
    allHold &&= abandonOk && ratioOk;

    for (const m of [prog, pred]) {
      const isPred = m.mode === 'predictive';
      const targets = isPred
        ? `abandon≤3% ${abandonOk ? 'ok' : 'FAIL'}` +
          (ratioApplies ? `, ratio≥${RATIO_TARGET} ${ratioOk ? 'ok' : 'FAIL'}` : '')
        : '';
      console.log(
        [
          pad(agents, 6),
          pad(pct(liveAnswerRate, 0), 6),
          pad(m.mode, 11),
          pad(pct(m.occupancy), 9),
          pad(pct(m.abandonRate, 2), 7),
          pad(m.liveAnsweredPerAgentHour.toFixed(1), 12),
          pad(m.connectedPerAgentHour.toFixed(1), 12),
          pad(isPred ? ratio.toFixed(2) : '', 5),
          pad(pct(m.occupancyBound, 0), 5),
          pad(isPred ? pct(m.occupancyBound - m.occupancy) : '', 6),
          pad(isPred && before ? pct(before.occupancy) : '', 7),
          ` ${targets}`,
        ].join(' '),
      );
    }
  }
}
console.log(
  `\noccupancy = talk ÷ logged-in; live/agent-h = calls answered by a live person (abandoned included) and` +
    `\nconn/agent-h = those that reached an agent, per logged-in agent-hour;` +
    `\nratio = predictive ÷ progressive occupancy; bound = talk ÷ (talk + wrap) (agents never idle); gap = bound − predictive;` +
    `\nbefore = predictive occupancy of the pacing before issue 17, same seed.`,
);

if (withStress && hours === 8) {
  // One seed moves by a point either way on a small floor; the target is over seeds 1–5.
  console.log(`\nstatic cells, predictive occupancy over seeds 1–5 (mean), against the pacing before issue 17 (same seeds)`);
  for (const agents of AGENTS) {
    for (const liveAnswerRate of ANSWER_RATES) {
      const cell = `${agents}x${Math.round(liveAnswerRate * 100)}`;
      const runs = STRESS_SEEDS.map((s) =>
        simulateFloor({ seed: s, mode: 'predictive', agents, liveAnswerRate, durationSec: hours * 3600, abandonCap: CAP }),
      );
      const now = runs.reduce((a, m) => a + m.occupancy, 0) / runs.length;
      const was = STRESS_SEEDS.reduce((a, s) => a + (baseline.static[String(s)]?.[cell]?.occupancy ?? NaN), 0) / STRESS_SEEDS.length;
      const worst = Math.max(...runs.map((m) => m.maxRunningAbandonRate));
      // at the printed resolution (0.1 point): the figures before were read off the printed table
      const ok = Math.round(now * 1000) >= Math.round(was * 1000);
      allHold &&= ok;
      console.log(
        `${pad(agents, 6)} ${pad(pct(liveAnswerRate, 0), 6)}  occupancy ${pad(pct(now), 6)} (before ${pct(was)})  worst running abandon after 100 ${pct(worst, 2)}  ${ok ? 'ok' : 'FAIL'}`,
      );
    }
  }
}

if (withStress) {
  console.log(`\nstress — predictive, seeds 1–5, ${hours} h; "history": after a previous shift of the same campaign; (before) = pacing before issue 17`);
  const stressHeader = [
    'scenario'.padEnd(36),
    pad('campaign', 8),
    pad('worst after 100', 24),
    pad('final abandon', 22),
    pad('occupancy', 22),
    pad('breaches', 14),
  ].join(' ');
  console.log(stressHeader);
  console.log('-'.repeat(stressHeader.length));
  for (const scenario of STRESS_SCENARIOS) {
    for (const withHistory of [false, true]) {
      const now = stressFigures(scenario, withHistory, CAP, hours);
      const was = hours === 8 ? baseline.stress[`${scenario.name}|${withHistory ? 'history' : 'new'}`] : undefined;
      const beside = (x: string, y: string | undefined) => (y === undefined ? x : `${x} (${y})`);
      const ok = now.breaches === 0;
      allHold &&= ok;
      console.log(
        [
          scenario.name.padEnd(36),
          pad(withHistory ? 'history' : 'new', 8),
          pad(beside(pct(now.worstRunningAbandon, 2), was && pct(was.worstRunningAbandon, 2)), 24),
          pad(beside(pct(now.finalAbandon, 2), was && pct(was.finalAbandon, 2)), 22),
          pad(beside(pct(now.occupancy), was && pct(was.occupancy)), 22),
          pad(beside(`${now.breaches}/5`, was && `${was.breaches}/5`), 14),
          ok ? ' ok' : ' FAIL',
        ].join(' '),
      );
    }
  }
  console.log('worst after 100 = highest running abandon rate of any seed once the campaign has 100 live answers (history included);');
  console.log('final abandon, occupancy = means over the seeds; breaches = runs whose running rate passed 3% after 100 answers.');
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const verdict = !withStress ? 'STATIC TARGETS ' + (allHold ? 'HOLD (stress skipped)' : 'FAIL') : allHold ? 'ALL TARGETS HOLD' : 'SOME TARGETS FAIL';
console.log(`${verdict} (${seconds} s)`);
process.exitCode = allHold ? 0 : 1;
