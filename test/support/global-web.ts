/**
 * Vitest global set-up for the browser tests: build the consoles (as `npm run build:web`
 * does) and make sure Debian's Chromium is there, installing it with apt where it is
 * missing and we may (root), as the issue asks. Playwright's own browser download is not
 * used: it cannot reach its CDN here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildConsoles } from '../../src/web/build.js';
import { CHROMIUM_PATH } from '../web/support/browser.js';

export async function setup(): Promise<void> {
  await buildConsoles();
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM_PATH}: install it with "sudo apt-get install -y chromium"`);
  }
  console.log('web tests: installing chromium with apt (once per machine)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt installed chromium, but ${CHROMIUM_PATH} is still missing`);
}
