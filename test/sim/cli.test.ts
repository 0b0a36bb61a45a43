/**
 * `npm run sim`: the stand-alone simulator starts from environment variables and a scripts
 * file, prints its URL and answers ARI requests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RawAri } from './support/raw-ari.js';

const root = join(import.meta.dirname, '..', '..');

it('starts from SIM_* variables and a scripts file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ari-sim-cli-'));
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'sim', 'cli.ts')], {
    env: {
      ...process.env,
      SIM_PORT: '0',
      SIM_USERNAME: 'cli-user',
      SIM_PASSWORD: 'cli-pass',
      SIM_RECORDINGS_DIR: dir,
      SIM_SCRIPTS: join(root, 'test', 'fixtures', 'sim', 'scripts.example.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the simulator did not print its URL')), 15_000);
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const ari = new RawAri(url, 'dialer', 'cli-user', 'cli-pass');
    await ari.connect();
    await ari.rest('POST', '/channels/c1', { endpoint: 'PJSIP/8613800138004@carrier', app: 'dialer' });
    const dial = await ari.waitFor((e) => e.type === 'Dial' && e.dialstatus !== '', 'final Dial');
    expect(dial.dialstatus).toBe('CHANUNAVAIL');
    ari.close();
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
