/**
 * The whole service on the ARI simulator (test/support/harness.ts), listening on a real
 * port for the browser, with helpers to create staff users and sign them in.
 */
import type { Page } from 'playwright-core';
import type { UserRole } from '../../../src/db/schema.js';
import { startHarness, type Harness, type HarnessOptions } from '../../support/harness.js';

export const TEST_PASSWORD = 'console-test-password';

export interface ConsoleHarness extends Harness {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Creates a staff user with {@link TEST_PASSWORD}; returns its id. */
  createUser(username: string, role: UserRole, displayName?: string): Promise<number>;
  /** An agent record linked to a new agent user; returns both ids. */
  createAgentUser(username: string, extension: string, extra?: { dailyTargetSec?: number; team?: string }): Promise<{ userId: number; agentId: number }>;
}

export async function startConsoleHarness(opts: HarnessOptions = {}): Promise<ConsoleHarness> {
  // Prompts of the pack are words (a digit, 元, a sentence): 100 ms each keeps a disclosure of ~25 of them short.
  const h = await startHarness({ ...opts, sim: { defaultPlaybackMs: 100, ...opts.sim } });
  const address = await h.service.http.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('[::1]', '127.0.0.1');
  return Object.assign(h, {
    baseUrl,
    async createUser(username: string, role: UserRole, displayName?: string) {
      const user = await h.service.users.create({ username, password: TEST_PASSWORD, role, ...(displayName ? { displayName } : {}) });
      return user.id;
    },
    async createAgentUser(username: string, extension: string, extra: { dailyTargetSec?: number; team?: string } = {}) {
      const userId = (await h.service.users.create({ username, password: TEST_PASSWORD, role: 'agent', displayName: username })).id;
      const agent = await h.service.agentRegistry.create({ name: username, extension, userId, ...extra });
      return { userId, agentId: agent.id };
    },
  });
}

/** Signs in through the login page and waits for the console the role lands on. */
export async function signIn(page: Page, baseUrl: string, username: string, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('signed-in-as').waitFor();
}
