/**
 * `npm run build:server` then `node dist/server/main.js` starts the service: compiled
 * JavaScript under plain node (no tsx), against the ARI simulator (DEMO_MODE) and the test
 * Redis, answering /health with ARI connected. Also: the compiled code imports nothing but
 * Node built-ins and runtime dependencies, so the image's `npm ci --omit=dev` is enough.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SERVER_DIR = 'dist/server';
let child: ChildProcess | undefined;
let dataDir: string;

beforeAll(() => {
  execFileSync('npm', ['run', 'build:server'], { stdio: 'pipe', timeout: 240_000 });
}, 250_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('the compiled service', () => {
  it('imports only Node built-ins and runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const strays: string[] = [];
    for (const file of jsFiles(SERVER_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
        const spec = m[1] ?? m[2]!;
        if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
        if (!(packageOf(spec) in pkg.dependencies)) strays.push(`${file}: ${spec}`);
      }
    }
    expect(jsFiles(SERVER_DIR).length).toBeGreaterThan(50);
    expect(strays).toEqual([]);
  });

  it('starts with node dist/server/main.js and answers /health with ARI connected', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dialer-compiled-'));
    child = spawn(process.execPath, [join(SERVER_DIR, 'main.js')], {
      env: {
        PATH: process.env.PATH,
        DEMO_MODE: '1',
        REDIS_URL: process.env.TEST_REDIS_URL,
        REDIS_PREFIX: `compiled-${process.pid}`,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        DATABASE_PATH: join(dataDir, 'dialer.db'),
        RECORDINGS_DIR: join(dataDir, 'recordings'),
        PROMPTS_DIR: join(dataDir, 'prompts'),
        IMPORTS_DIR: join(dataDir, 'imports'),
        ADMIN_PASSWORD: 'compiled-admin-password',
        QA_PLAN_TIME: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout! });
    // pino's "Server listening at http://127.0.0.1:<port>" line gives the port it got.
    const base = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => {
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`service exited ${code}: ${stderr}`)));
    });

    let health: { status: string; checks: Record<string, { ok: boolean }> } | undefined;
    for (let i = 0; i < 200 && health?.status !== 'ok'; i += 1) {
      const res = await fetch(`${base}/health`);
      health = (await res.json()) as typeof health;
      if (health?.status !== 'ok') await new Promise((r) => setTimeout(r, 100));
    }
    expect(health).toEqual({ status: 'ok', checks: { ari: { ok: true }, redis: { ok: true }, db: { ok: true }, recordingStorage: { ok: true } } });

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
