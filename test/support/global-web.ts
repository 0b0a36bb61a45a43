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
  const root = process.getuid?.() === 0;
  if (!existsSync(CJK_FONT) && root && existsSync(CHROMIUM_PATH)) {
    // Only the screenshots need it (Chinese scripts would show as boxes); never fail for it.
    try {
      aptInstall(['fonts-wqy-zenhei']);
    } catch (err) {
      console.warn(`web tests: no CJK font (${String(err)}); screenshots will show boxes for Chinese`);
    }
  }
  if (existsSync(CHROMIUM_PATH)) return;
  if (!root) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM_PATH}: install it with "sudo apt-get install -y chromium fonts-wqy-zenhei"`);
  }
  console.log('web tests: installing chromium with apt (once per machine)');
  aptInstall(['chromium', 'fonts-wqy-zenhei']);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt installed chromium, but ${CHROMIUM_PATH} is still missing`);
}

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

function aptInstall(packages: string[]): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
