/**
 * What an agent does in the agent console, as reusable steps for browser tests (Playwright
 * locators wait by themselves; each step waits for the state it leads to, never for time).
 */
import type { Locator, Page } from 'playwright-core';
import { signIn } from './console-harness.js';

/** Waits until `locator` shows text matching `text`. */
export async function waitText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Signs in and waits for the agent console's softphone bar. */
export async function openAgentConsole(page: Page, baseUrl: string, username: string): Promise<void> {
  await signIn(page, baseUrl, username);
  await page.getByTestId('softphone').waitFor();
}

/** The softphone state as the page shows it, e.g. "Ready" or "Paused · Break". */
export function agentState(page: Page): Locator {
  return page.getByTestId('agent-state');
}

/** Logs the softphone in (the simulator's softphone answers) and waits until ready. */
export async function logInSoftphone(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log in softphone' }).click();
  await waitText(agentState(page), /^Ready$/);
}

/** Pauses with a reason code (picked from the managed list) and waits for the paused state. */
export async function pauseWith(page: Page, code: string): Promise<void> {
  await page.getByLabel('Pause reason').selectOption(code);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  // The reason is shown by its label (a shipped reason in the user's language).
  await waitText(agentState(page), /^Paused · /);
}

/** Ends a pause or a wrap-up: ready for the next call. */
export async function goReady(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Ready( for next call)?$/ }).click();
  await waitText(agentState(page), /^Ready$/);
}

/** Logs the softphone out. */
export async function logOutSoftphone(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await waitText(agentState(page), 'Logged out');
}

/** Waits for the live call card and returns it. */
export async function waitForCallCard(page: Page): Promise<Locator> {
  const card = page.getByTestId('call-card');
  await waitText(card, 'Live call');
  return card;
}

/** Logs one refusal and waits until the button counts `count`. */
export async function logRefusal(page: Page, count: number, limit = 3): Promise<void> {
  await page.getByTestId('refusal-button').click();
  await waitText(page.getByTestId('refusal-button'), count >= limit ? `(${count} of ${limit} refusals)` : `(${count} of ${limit})`);
}

export async function confirmIdentity(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Identity confirmed' }).click();
  await page.getByRole('button', { name: '✓ Identity confirmed' }).waitFor();
}

/** Starts the system's verification once the page allows it, and waits until it runs. */
export async function startVerification(page: Page): Promise<void> {
  await page.locator('[data-testid="start-verification"]:enabled').click();
  await page.getByTestId('verification-phase').waitFor();
}

/** Waits until the verification's current step is the one labelled `label` (e.g. "Identity", "Consent"). */
export async function waitVerificationStep(page: Page, label: string): Promise<void> {
  await waitText(page.locator('.steps li[aria-current="step"]'), label);
}

/** Hangs up the live call and waits for the card to show the ended call. */
export async function hangUp(page: Page): Promise<void> {
  await page.getByTestId('wrap-up').getByRole('button', { name: 'Hang up' }).click();
  await waitText(page.getByTestId('call-card'), 'Last call');
}

/** The disposition options the page offers (their values). */
export async function dispositionChoices(page: Page): Promise<string[]> {
  return page
    .getByTestId('disposition-form')
    .locator('select option:not([value=""])')
    .evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
}

/** Saves a disposition with a note and waits until the page shows it saved. */
export async function setDisposition(page: Page, disposition: string, note: string, savedLabel: string | RegExp): Promise<void> {
  const form = page.getByTestId('disposition-form');
  await form.getByLabel('Disposition').selectOption(disposition);
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: /disposition/ }).click();
  await waitText(page.getByTestId('saved-disposition'), savedLabel);
}

/** Schedules a callback at `when` (datetime-local, the campaign's zone; default: the form's suggestion). */
export async function scheduleCallback(page: Page, note: string, when?: string): Promise<void> {
  const form = page.getByTestId('callback-form');
  if (when) await form.locator('input[type="datetime-local"]').fill(when);
  await form.getByLabel('Note for the callback').fill(note);
  await form.getByRole('button', { name: 'Schedule callback' }).click();
  await waitText(form, 'Callback scheduled for');
}

/** The "My quality" card (the agent's QA scores and disputes). */
export function myQuality(page: Page): Locator {
  return page.getByTestId('my-quality');
}

/** One score in "My quality", by its score id (a call has a new score after an amended dispute). */
export function qualityScore(page: Page, scoreId: number): Locator {
  return myQuality(page).locator(`[data-testid="qa-score"][data-score-id="${scoreId}"]`);
}

/** Reloads "My quality" (scores and disputes) and waits for both answers. */
export async function refreshMyQuality(page: Page): Promise<void> {
  const answered = (path: string) => page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'GET');
  const both = Promise.all([answered('/api/qa/my/scores'), answered('/api/qa/disputes')]);
  await myQuality(page).getByRole('button', { name: 'Refresh' }).click();
  await both;
}

/** Why the score's Dispute button is disabled, as the page says (waits for the disabled button). */
export async function disputeBlockedReason(page: Page, scoreId: number): Promise<string> {
  const score = qualityScore(page, scoreId);
  await score.getByRole('button', { name: 'Dispute', exact: true, disabled: true }).waitFor();
  return ((await score.getByTestId('dispute-blocked').textContent()) ?? '').trim();
}

/** Disputes a score with a reason and waits until the page shows the open dispute. */
export async function disputeScore(page: Page, scoreId: number, reason: string): Promise<void> {
  const score = qualityScore(page, scoreId);
  await score.getByRole('button', { name: 'Dispute', exact: true, disabled: false }).click();
  await score.getByLabel('Why do you dispute this score?').fill(reason);
  await score.getByRole('button', { name: 'Send dispute' }).click();
  await score.locator('[data-testid="dispute-state"][data-status="open"]').waitFor();
}

/** Waits until the score's dispute shows `status` ('open', 'upheld' or 'amended') and returns its text. */
export async function disputeState(page: Page, scoreId: number, status: string): Promise<string> {
  const state = qualityScore(page, scoreId).locator(`[data-testid="dispute-state"][data-status="${status}"]`);
  await state.waitFor();
  return (await state.textContent()) ?? '';
}
