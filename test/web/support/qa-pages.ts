/**
 * What a QA reviewer does in the QA console, as reusable steps (the QA browser test uses
 * them; a cross-console journey can too): claim the next recording, read the evidence
 * markers, play, seek by a marker, fill the rubric, submit, re-review a dispute, read reports.
 */
import type { Locator, Page } from 'playwright-core';
import { signIn } from './console-harness.js';

/** One evidence marker as the timeline shows it. */
export interface ShownMarker {
  kind: string;
  offsetMs: number;
  answers: string | null;
  label: string;
}

export type QaTab = 'review' | 'disputes' | 'reports' | 'rubric' | 'live';

/** Signs in and opens a tab of the QA console. */
export async function openQaConsole(page: Page, baseUrl: string, username: string, tab: QaTab = 'review'): Promise<void> {
  await signIn(page, baseUrl, username, '/qa/');
  await gotoQaTab(page, tab);
}

export async function gotoQaTab(page: Page, tab: QaTab): Promise<void> {
  await page.getByRole('tab', { name: tab[0]!.toUpperCase() + tab.slice(1) }).click();
  await page.waitForURL((url) => url.hash === `#${tab}`);
}

/** The number the console shows as waiting in the queue. */
export async function shownQueueSize(page: Page): Promise<number> {
  return Number(await page.getByTestId('queue-size').locator('.stat-value').textContent());
}

/** Clicks "Claim next recording" and returns the id of the call it gave. */
export async function claimNextRecording(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Claim next recording' }).click();
  return shownCallId(page);
}

/** The id of the call on screen (waits for it). */
export async function shownCallId(page: Page): Promise<string> {
  return ((await page.getByTestId('call-id').textContent()) ?? '').trim();
}

/** Extends the claim held (the service renews its lock). */
export async function extendClaim(page: Page): Promise<void> {
  const response = page.waitForResponse((r) => r.url().endsWith('/extend') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Extend claim' }).click();
  if (!(await response).ok()) throw new Error(`extend refused: ${(await response).status()}`);
}

/** Gives the claimed call back to the queue. */
export async function releaseClaim(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Release to the queue' }).click();
  await page.getByTestId('claim-card').waitFor({ state: 'detached' });
}

/** The markers placed on the recording's timeline. */
export async function evidenceMarkers(page: Page): Promise<ShownMarker[]> {
  await page.getByTestId('evidence-timeline').waitFor();
  return page.locator('[data-testid="evidence-timeline"] .marker').evaluateAll((els) =>
    els.map((el) => ({
      kind: (el.getAttribute('data-testid') ?? '').replace(/^marker-/, ''),
      offsetMs: Number(el.getAttribute('data-offset-ms')),
      answers: el.getAttribute('data-answers'),
      label: el.getAttribute('aria-label') ?? '',
    })),
  );
}

const audio = (page: Page): Locator => page.getByTestId('recording-audio');

/** The parts of an HTMLAudioElement these steps read (the test code has no DOM types). */
interface AudioLike {
  currentTime: number;
  paused: boolean;
  played: { length: number };
  error: { code: number } | null;
  addEventListener(type: string, fn: () => void, opts?: { once: boolean }): void;
}

/** The player's position, seconds (the <audio> element's own currentTime). */
export async function audioTime(page: Page): Promise<number> {
  return audio(page).evaluate((el) => (el as unknown as AudioLike).currentTime);
}

/** Presses Play and waits until the recording is actually playing (its time advances). */
export async function playRecording(page: Page): Promise<void> {
  await page.getByTestId('audio-player').getByRole('button', { name: 'Play', exact: true }).click();
  await audio(page).evaluate(
    (el) =>
      new Promise<void>((resolve, reject) => {
        const a = el as unknown as AudioLike;
        const check = () => {
          if (a.error) reject(new Error(`audio error ${a.error.code}`));
          else if (a.currentTime > 0 && a.played.length > 0) resolve();
          else setTimeout(check, 20);
        };
        check();
      }),
  );
}

/** Presses Pause and waits until the element is paused. */
export async function pauseRecording(page: Page): Promise<void> {
  await page.getByTestId('audio-player').getByRole('button', { name: 'Pause', exact: true }).click();
  await audio(page).evaluate((el) => {
    const a = el as unknown as AudioLike;
    return new Promise<void>((resolve) => (a.paused ? resolve() : a.addEventListener('pause', () => resolve(), { once: true })));
  });
}

/** Clicks a marker of the timeline (a keypress by what it answered) and returns its offset, ms. */
export async function seekToMarker(page: Page, kind: string, answers?: 'identity' | 'consent'): Promise<number> {
  const marker = page.locator(`[data-testid="evidence-timeline"] [data-testid="marker-${kind}"]${answers ? `[data-answers="${answers}"]` : ''}`);
  await marker.click();
  return Number(await marker.getAttribute('data-offset-ms'));
}

/** Adds a deduction on an item (by its English name) and sets its severity and points. */
export async function addDeduction(page: Page, itemName: string, severity: 'minor' | 'general' | 'serious', points: number, note = ''): Promise<Locator> {
  const before = await page.locator('fieldset.deduction').count();
  await page.getByRole('button', { name: `Deduct from ${itemName}` }).click();
  const row = page.getByTestId(`deduction-${before}`);
  await row.getByLabel('Severity').selectOption(severity);
  await row.getByLabel('Points').fill(String(points));
  if (note) await row.getByLabel('Note').fill(note);
  return row;
}

/** The total the form shows (null while the deductions are not valid). */
export async function shownTotal(page: Page): Promise<number | null> {
  const total = await page.getByTestId('score-total').getAttribute('data-total');
  return total === null ? null : Number(total);
}

/** Submits the rubric and waits for the console to confirm the stored score; returns its text. */
export async function submitScore(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Submit score' }).click();
  return ((await page.getByTestId('score-saved').textContent()) ?? '').trim();
}

/** Opens a dispute for re-review from the Disputes tab. */
export async function openDispute(page: Page, disputeId: number): Promise<void> {
  await page.locator(`tr[data-dispute="${disputeId}"]`).getByRole('button', { name: 'Re-review' }).click();
  await page.getByTestId('dispute-review').waitFor();
}

/** Upholds the open dispute's score with a resolution for the agent. */
export async function upholdDispute(page: Page, resolution: string): Promise<void> {
  const form = page.getByTestId('resolve-dispute');
  await form.getByLabel('Resolution (the agent sees it)').fill(resolution);
  await form.getByRole('button', { name: 'Uphold the score' }).click();
  await page.getByTestId('resolve-dispute').waitFor({ state: 'detached' });
}
