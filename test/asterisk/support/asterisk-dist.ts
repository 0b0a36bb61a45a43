/**
 * Finds the Asterisk the real-Asterisk tier runs: `ASTERISK_BIN` (with `ASTERISK_MODULES_DIR`
 * and `ASTERISK_DATA_DIR` where it is not laid out like a Debian/Alpine package), else
 * `asterisk` on the PATH, else the prebuilt 22.10.1 in `../shared/asterisk/` next to the
 * repository, extracted once into a cache folder (CI's copy of shared/ is read-only).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export interface AsteriskDist {
  /** The binary (or a wrapper that execs it) run by the entrypoint. */
  bin: string;
  modulesDir: string;
  /** Holds rest-api/ and documentation/, which ARI needs. */
  dataDir: string;
  /** Where it came from, for the tier's one-line report. */
  source: string;
  version: string;
}

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const SHARED_TARBALL = resolve(REPO_ROOT, '../shared/asterisk/asterisk-22-bookworm-x86_64.tar.xz');

/** The Asterisk to test with, or null with the reason when this machine has none. */
export function findAsterisk(): { dist: AsteriskDist } | { dist: null; reason: string } {
  const explicit = process.env.ASTERISK_BIN;
  if (explicit) {
    if (!existsSync(explicit)) return { dist: null, reason: `ASTERISK_BIN=${explicit} does not exist` };
    return { dist: installed(explicit, 'ASTERISK_BIN') };
  }
  const onPath = which('asterisk');
  if (onPath) return { dist: installed(onPath, 'PATH') };
  if (existsSync(SHARED_TARBALL)) return { dist: extractShared() };
  return { dist: null, reason: `no Asterisk: set ASTERISK_BIN, put asterisk on the PATH, or provide ${SHARED_TARBALL}` };
}

function installed(bin: string, source: string): AsteriskDist {
  const modulesDir =
    process.env.ASTERISK_MODULES_DIR ??
    ['/usr/lib/asterisk/modules', '/usr/lib/x86_64-linux-gnu/asterisk/modules', '/usr/local/lib/asterisk/modules'].find((d) => existsSync(d)) ??
    '/usr/lib/asterisk/modules';
  const dataDir = process.env.ASTERISK_DATA_DIR ?? '/var/lib/asterisk';
  return { bin, modulesDir, dataDir, source: `${source} (${bin})`, version: versionOf(bin) };
}

/** Extracts the shared tarball once per tarball version into the machine's temp dir. */
function extractShared(): AsteriskDist {
  const stamp = `${statSync(SHARED_TARBALL).size}`;
  const cache = join(tmpdir(), `dialer-asterisk-${stamp}`);
  const dist = join(cache, 'asterisk-22');
  if (!existsSync(join(dist, 'run-asterisk'))) {
    // Extract beside, then rename: two test workers may race here.
    const partial = `${cache}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    execFileSync('tar', ['-xJf', SHARED_TARBALL, '-C', partial]);
    try {
      renameSync(partial, cache);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // the other worker won
    }
  }
  const bin = join(dist, 'run-asterisk');
  return {
    bin,
    modulesDir: join(dist, 'lib/asterisk/modules'),
    dataDir: join(dist, 'var/lib/asterisk'),
    source: `../shared/asterisk (${readFileSync(join(dist, 'VERSION'), 'utf8').trim()})`,
    version: readFileSync(join(dist, 'VERSION'), 'utf8').trim(),
  };
}

/** Debian packages the shared build needs at run time (listed in the tarball). */
export function runtimePackages(dist: AsteriskDist): string[] {
  const file = join(dirname(dist.bin), 'DEBIAN-RUNTIME-DEPS');
  return existsSync(file) ? readFileSync(file, 'utf8').split(/\s+/).filter(Boolean) : [];
}

function versionOf(bin: string): string {
  try {
    return execFileSync(bin, ['-V'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown version';
  }
}

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return null;
}
