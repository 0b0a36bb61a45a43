/** The service's API as a console user (signed in with the console test password), without a browser. */
import { signInExisting, type Caller } from '../../support/harness-http.js';
import { TEST_PASSWORD, type ConsoleHarness } from './console-harness.js';

export type ApiSession = Caller['call'];

/** Signs `username` in through the API; calls go through `app.inject` with their token. */
export async function apiSession(h: ConsoleHarness, username: string): Promise<ApiSession> {
  return (await signInExisting(h.service, username, TEST_PASSWORD)).call;
}
