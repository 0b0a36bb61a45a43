/**
 * Vitest global set-up for the real-Asterisk tier (test/asterisk/): finds the Asterisk to
 * test with (extracting ../shared/asterisk's build once), installs the Debian packages the
 * tier needs where they are missing and we may (root), and reports in one line. Without an
 * Asterisk the tier is skipped — except in CI (CI=true), where that fails the run.
 */
import { execFileSync } from 'node:child_process';
import { findAsterisk, runtimePackages } from '../asterisk/support/asterisk-dist.js';

/** Debian packages of the tier's far ends and sounds, by the command each provides. */
const TOOLS: Record<string, string> = { sipp: 'sip-tester', baresip: 'baresip-core', sox: 'sox', 'espeak-ng': 'espeak-ng' };

export async function setup(): Promise<void> {
  const found = findAsterisk();
  if (!found.dist) {
    if (process.env.CI === 'true') throw new Error(`real-Asterisk tier: ${found.reason} (CI must run it)`);
    console.log(`real-Asterisk tier skipped: ${found.reason}`);
    return;
  }
  const missing = Object.entries(TOOLS)
    .filter(([cmd]) => !has(cmd))
    .map(([, pkg]) => pkg);
  if (!runs(found.dist.bin)) missing.push(...runtimePackages(found.dist));
  if (missing.length) {
    if (process.getuid?.() !== 0) throw new Error(`real-Asterisk tier needs: sudo apt-get install -y ${missing.join(' ')}`);
    console.log(`real-Asterisk tier: installing ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  }
  if (!runs(found.dist.bin)) throw new Error(`real-Asterisk tier: ${found.dist.bin} does not run`);
  console.log(`real-Asterisk tier: Asterisk ${found.dist.version} from ${found.dist.source}`);
}

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function runs(bin: string): boolean {
  try {
    execFileSync(bin, ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
