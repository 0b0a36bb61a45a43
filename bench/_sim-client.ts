/**
 * Starts bench/_sim-process.ts as a child and hands back its URL (see there for why).
 * SIM_PROF=<dir>: the simulator writes a CPU profile there (is "Asterisk" what a latency waits on?).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AriSimulatorOptions } from '../src/sim/index.js';

export interface SimProcess {
  url: string;
  stop(): void;
}

export async function startSimProcess(options: AriSimulatorOptions): Promise<SimProcess> {
  const script = join(dirname(fileURLToPath(import.meta.url)), '_sim-process.ts');
  const profile = process.env.SIM_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.SIM_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { env: { ...process.env, SIM_OPTIONS: JSON.stringify(options) }, stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator process exited with ${code}`)));
  });
  const { url } = JSON.parse(first) as { url: string };
  return { url, stop: () => child.stdin.end() };
}
