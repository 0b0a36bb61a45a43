/**
 * The whole service on the ARI simulator (test/support/harness.ts), listening on a real
 * port for the browser, with helpers to create staff users and sign them in.
 */
import type { Page } from 'playwright-core';
import type { UserLocale, UserRole } from '../../../src/db/schema.js';
import { messageIn } from '../../../src/web/i18n/i18n.js';
import { startHarness, type Harness, type HarnessOptions } from '../../support/harness.js';

export const TEST_PASSWORD = 'console-test-password';

export interface ConsoleHarness extends Harness {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Creates a staff user with {@link TEST_PASSWORD}, speaking `locale` (English unless told: most tests read English); returns its id. */
  createUser(username: string, role: UserRole, displayName?: string, locale?: UserLocale): Promise<number>;
  /** An agent record linked to a new agent user (English unless told); returns both ids. */
  createAgentUser(username: string, extension: string, extra?: { dailyTargetSec?: number; team?: string; locale?: UserLocale }): Promise<{ userId: number; agentId: number }>;
}

export async function startConsoleHarness(opts: HarnessOptions = {}): Promise<ConsoleHarness> {
  // Prompts of the pack are words (a digit, 元, a sentence): 100 ms each keeps a disclosure of ~25 of them short.
  const h = await startHarness({ ...opts, sim: { defaultPlaybackMs: 100, ...opts.sim } });
  const address = await h.service.http.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('[::1]', '127.0.0.1');
  return Object.assign(h, {
    baseUrl,
    async createUser(username: string, role: UserRole, displayName?: string, locale: UserLocale = 'en') {
      const user = await h.service.users.create({ username, password: TEST_PASSWORD, role, locale, ...(displayName ? { displayName } : {}) });
      return user.id;
    },
    async createAgentUser(username: string, extension: string, options: { dailyTargetSec?: number; team?: string; locale?: UserLocale } = {}) {
      const { locale = 'en', ...extra } = options;
      const userId = (await h.service.users.create({ username, password: TEST_PASSWORD, role: 'agent', displayName: username, locale })).id;
      const agent = await h.service.agentRegistry.create({ name: username, extension, userId, ...extra });
      return { userId, agentId: agent.id };
    },
  });
}

/** Signs in through the login page (shown in `lang`, English unless told) and waits for the console the role lands on. */
export async function signIn(page: Page, baseUrl: string, username: string, next?: string, lang: UserLocale = 'en'): Promise<void> {
  const q = new URLSearchParams({ lang, ...(next ? { next } : {}) });
  await page.goto(`${baseUrl}/login?${q.toString()}`);
  await page.getByLabel(messageIn(lang, 'login.username')).fill(username);
  await page.getByLabel(messageIn(lang, 'login.password')).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: messageIn(lang, 'login.submit') }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('signed-in-as').waitFor();
}
