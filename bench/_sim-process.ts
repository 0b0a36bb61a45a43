/**
 * The ARI simulator in a process of its own, for benches that measure the dialer: a real
 * Asterisk is another process, so the simulator's own work must not queue on the dialer's
 * event loop. Options come as JSON in SIM_OPTIONS; the process prints `{"url": …}` on its
 * first line and stops when its stdin closes (its parent went away).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AriSimulator, type AriSimulatorOptions } from '../src/sim/index.js';

const sim = new AriSimulator(JSON.parse(process.env.SIM_OPTIONS ?? '{}') as AriSimulatorOptions);
const { url } = await sim.start();
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.stdin.resume();
const elu0 = performance.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const lag = monitorEventLoopDelay({ resolution: 1 });
lag.enable();
// SIM_REPORT=1: the simulator's own load and event-loop delay over its life, on stderr (is the
// "Asterisk" the bottleneck? A request waits that delay before the simulator even reads it).
process.stdin.on('end', () => {
  if (process.env.SIM_REPORT) {
    const cpu = process.cpuUsage(cpu0);
    process.stderr.write(`simulator: event loop busy ${(performance.eventLoopUtilization(elu0).utilization * 100).toFixed(0)}%, CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms, loop delay p50 ${(lag.percentile(50) / 1e6).toFixed(1)} p99 ${(lag.percentile(99) / 1e6).toFixed(1)} max ${(lag.max / 1e6).toFixed(1)} ms\n`);
  }
  void sim.stop().then(() => process.exit(0));
});
