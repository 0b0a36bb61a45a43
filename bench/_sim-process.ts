/**
 * The ARI simulator in a process of its own, for benches that measure the dialer: a real
 * Asterisk is another process, so the simulator's own work must not queue on the dialer's
 * event loop. Options come as JSON in SIM_OPTIONS; the process prints `{"url": …}` on its
 * first line and stops when its stdin closes (its parent went away).
 */
import { AriSimulator, type AriSimulatorOptions } from '../src/sim/index.js';

const sim = new AriSimulator(JSON.parse(process.env.SIM_OPTIONS ?? '{}') as AriSimulatorOptions);
const { url } = await sim.start();
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sim.stop().then(() => process.exit(0)));
