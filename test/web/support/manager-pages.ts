/**
 * What a manager does in the manager console, as reusable page steps (a cross-console
 * journey can call them): open a tab, create and edit a campaign, run its lifecycle, upload
 * a list and read its rejects, read the dashboard and the targets report, read a
 * subscription's evidence and cancel it, and read the call history.
 */
import type { Locator, Page } from 'playwright-core';

export type ManagerTab = 'campaigns' | 'lists' | 'dashboard' | 'targets' | 'dnc' | 'users' | 'prompts' | 'subscriptions' | 'calls' | 'callbacks' | 'webhooks';

/** Opens a tab of the manager console (signed in already). */
export async function openManagerTab(page: Page, baseUrl: string, tab: ManagerTab): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/manager/`)) await page.goto(`${baseUrl}/manager/#${tab}`);
  else await page.locator(`nav.tabs a[href="#${tab}"]`).click();
  // A function, not a string: the console's CSP forbids eval, which a string predicate needs
  // once it has to poll. (The tests' tsconfig has no DOM types: hence the cast.)
  await page.waitForFunction((hash) => (globalThis as unknown as { location: { hash: string } }).location.hash === hash, `#${tab}`);
}

/** Campaign settings by the form's field labels, e.g. { 'Product code': 'VP15', 'Billing period': 'monthly' }. */
export type CampaignFields = Record<string, string>;

/** Fills fields of the campaign form by label: selects are chosen by value, the rest typed. */
export async function fillCampaignForm(page: Page, fields: CampaignFields): Promise<void> {
  const form = page.getByTestId('campaign-form');
  for (const [label, value] of Object.entries(fields)) {
    const field = form.getByLabel(label, { exact: false }).first();
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Saves the campaign form and waits for the service's answer (saved, or its refusal). */
export async function saveCampaignForm(page: Page): Promise<void> {
  const form = page.getByTestId('campaign-form');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await form.locator('.msg-ok, .msg-error').first().waitFor();
}

/**
 * Creates a draft by name, fills its settings in the form and saves them. Returns the new
 * campaign's id (from its row in the list).
 */
export async function createCampaign(page: Page, baseUrl: string, name: string, fields: CampaignFields): Promise<number> {
  await openManagerTab(page, baseUrl, 'campaigns');
  await page.getByLabel('New campaign name').fill(name);
  await page.getByRole('button', { name: 'Create draft' }).click();
  const detail = page.getByTestId('campaign-detail');
  await detail.getByRole('heading', { name }).waitFor();
  await fillCampaignForm(page, fields);
  await saveCampaignForm(page);
  const row = page.getByTestId('campaign-list').locator('tr', { hasText: name });
  const testId = await row.getAttribute('data-testid');
  return Number(testId?.replace('campaign-row-', ''));
}

/** Selects a campaign in the campaigns list. */
export async function selectCampaign(page: Page, baseUrl: string, campaignId: number): Promise<Locator> {
  await openManagerTab(page, baseUrl, 'campaigns');
  await page.getByTestId(`campaign-row-${campaignId}`).getByRole('button').click();
  return page.getByTestId('campaign-detail');
}

/** Clicks a lifecycle button (Start, Pause, Complete, Archive) of the selected campaign. */
export async function campaignAction(page: Page, action: 'Start' | 'Pause' | 'Complete' | 'Archive'): Promise<void> {
  await page.getByTestId('campaign-actions').getByRole('button', { name: action, exact: true }).click();
}

/** The status badge of a campaign in the list. */
export function campaignStatus(page: Page, campaignId: number): Locator {
  return page.getByTestId(`campaign-row-${campaignId}`).getByTestId('campaign-status');
}

export interface ListFile {
  name: string;
  mimeType?: string;
  buffer: Buffer;
}

/** What an upload came to, as the page shows it. */
export interface UploadResult {
  status: string;
  rows: number;
  accepted: number;
  rejected: number;
}

/**
 * Uploads a list through an upload component (`testId`: the campaign lists' or the
 * do-not-call upload), waits for the import to end, and reads its summary.
 */
export async function uploadList(page: Page, file: ListFile, opts: { testId?: string; phoneColumn?: string } = {}): Promise<UploadResult> {
  const upload = page.getByTestId(opts.testId ?? 'list-upload');
  await upload.getByLabel('List file (CSV)').setInputFiles({ name: file.name, mimeType: file.mimeType ?? 'text/csv', buffer: file.buffer });
  if (opts.phoneColumn) await upload.getByLabel('Phone column').fill(opts.phoneColumn);
  await upload.getByRole('button', { name: 'Upload' }).click();
  // Choosing the file cleared the last result: this summary is the new import's.
  const summary = upload.getByTestId('import-summary');
  await summary.waitFor({ timeout: 20_000 });
  const figure = async (id: string) => Number(await summary.getByTestId(id).locator('.stat-value').textContent());
  return {
    status: (await summary.getByTestId('import-status').textContent()) ?? '',
    rows: await figure('import-rows'),
    accepted: await figure('import-accepted'),
    rejected: await figure('import-rejected'),
  };
}

/** The rejects report's rows on the page shown: [line, as written, reason]. */
export async function rejectRows(scope: Locator): Promise<Array<[number, string, string]>> {
  const report = scope.getByTestId('rejects-report');
  await report.getByTestId('reject-row').first().waitFor();
  const rows = await report.getByTestId('reject-row').all();
  const out: Array<[number, string, string]> = [];
  for (const row of rows) {
    const cells = await row.locator('td').allTextContents();
    out.push([Number(cells[0]), cells[1]!, cells[2]!]);
  }
  return out;
}

/** An agent's row on the live agents board. */
export function agentOnBoard(page: Page, agentId: number): Locator {
  return page.getByTestId('agents-board').getByTestId(`agent-row-${agentId}`);
}

/** A running campaign's figures card on the dashboard. */
export function campaignOnDashboard(page: Page, campaignId: number): Locator {
  return page.getByTestId(`campaign-live-${campaignId}`);
}

/**
 * Notes which of `ids` (data-testid) appear on the page from now on, in order of first
 * appearance — for what shows only for a moment, like an upload's progress bar. Returns a
 * function that reads the list.
 */
export async function watchTestIds(page: Page, ids: string[]): Promise<() => Promise<string[]>> {
  const key = `__seen_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(`(() => {
    const ids = ${JSON.stringify(ids)};
    const seen = (window[${JSON.stringify(key)}] = []);
    const look = () => {
      for (const id of ids) if (!seen.includes(id) && document.querySelector('[data-testid="' + id + '"]')) seen.push(id);
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
    look();
  })()`);
  return () => page.evaluate<string[]>(`[...window[${JSON.stringify(key)}]]`);
}

// --- subscriptions -----------------------------------------------------------------

/** Opens a subscription's evidence from its row in the list; returns the detail card. */
export async function openSubscription(page: Page, baseUrl: string, subscriptionId: number): Promise<Locator> {
  await openManagerTab(page, baseUrl, 'subscriptions');
  await page.getByTestId(`subscription-row-${subscriptionId}`).getByRole('link', { name: 'Evidence' }).click();
  const detail = page.getByTestId('subscription-detail');
  await detail.getByTestId('subscription-facts').waitFor();
  return detail;
}

/** An evidence moment as the detail shows it: the offsets it carries, and the position written out ("Into the recording"). */
export interface ShownOffset {
  callOffsetMs: number | null;
  segment: number | null;
  segmentOffsetMs: number | null;
  written: string;
}

/** Where the detail shown puts each evidence moment in the recording, by the stored key. */
export async function shownEvidenceOffsets(page: Page): Promise<Record<string, ShownOffset>> {
  const rows = page.getByTestId('evidence-offsets').locator('tr[data-testid^="offset-"]');
  await rows.first().waitFor();
  const read = await rows.evaluateAll((els) =>
    els.map((el) => [
      el.getAttribute('data-testid'),
      el.getAttribute('data-call-offset-ms'),
      el.getAttribute('data-segment'),
      el.getAttribute('data-segment-offset-ms'),
      el.querySelector('td.num')?.textContent ?? '',
    ]),
  );
  const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
  return Object.fromEntries(
    read.map(([id, call, seg, segOff, written]) => [(id ?? '').replace(/^offset-/, ''), { callOffsetMs: num(call), segment: num(seg), segmentOffsetMs: num(segOff), written: written ?? '' }]),
  );
}

/** The audit trail shown, newest first: who did what. */
export async function shownAuditTrail(page: Page): Promise<Array<{ action: string; username: string }>> {
  const rows = page.getByTestId('audit-trail').getByTestId('audit-row');
  await rows.first().waitFor();
  return rows.evaluateAll((els) => els.map((el) => ({ action: el.getAttribute('data-action') ?? '', username: el.getAttribute('data-username') ?? '' })));
}

/**
 * Cancels the subscription shown, in its two steps: opens the form (unless a "Cancel…" link
 * opened it already), reads what the cancellation will do, gives the reason and confirms.
 * Returns the consequences read and the service's answer as shown.
 */
export async function cancelShownSubscription(page: Page, reason: string): Promise<{ consequences: string; outcome: string }> {
  const cancel = page.getByTestId('cancel-subscription');
  const consequences = cancel.getByTestId('cancel-consequences');
  if (!(await consequences.isVisible())) await cancel.getByRole('button', { name: 'Cancel subscription…' }).click();
  const said = (await consequences.textContent()) ?? '';
  await cancel.getByLabel('Reason for cancelling').fill(reason);
  await cancel.getByRole('button', { name: 'Confirm cancellation' }).click();
  const answer = cancel.locator('.msg-ok, .msg-error').first();
  await answer.waitFor();
  return { consequences: said, outcome: (await answer.textContent()) ?? '' };
}

/** An agent's row of the cancellations report. */
export function cancellationsRow(page: Page, agentId: number): Locator {
  return page.getByTestId('cancellations-report').getByTestId(`cancellations-row-${agentId}`);
}

/** A call's row among QA's reversal requests. */
export function reversalRequestRow(page: Page, callId: string): Locator {
  return page.getByTestId('reversal-requests').getByTestId(`reversal-row-${callId}`);
}

// --- calls -------------------------------------------------------------------------

/** A call as its row in the call history shows it. */
export interface ShownCall {
  id: string;
  incident: boolean;
  recording: string | null;
  text: string;
}

/** Opens the call history of a campaign, with a recording filter ('' = all, 'incident', …). */
export async function showCalls(page: Page, baseUrl: string, campaignId: number, recording = ''): Promise<void> {
  await openManagerTab(page, baseUrl, 'calls');
  const calls = page.getByTestId('calls');
  await calls.getByLabel('Campaign').selectOption(String(campaignId));
  await calls.getByLabel('Recording').selectOption(recording);
}

/** The calls listed (waits for at least one). */
export async function shownCalls(page: Page): Promise<ShownCall[]> {
  const rows = page.getByTestId('call-list').locator('tr[data-testid^="call-row-"]');
  await rows.first().waitFor();
  return rows.evaluateAll((els) =>
    els.map((el) => ({
      id: (el.getAttribute('data-testid') ?? '').replace(/^call-row-/, ''),
      incident: el.getAttribute('data-incident') === 'yes',
      recording: el.querySelector('[data-testid="recording-state"]')?.getAttribute('data-state') ?? null,
      text: el.textContent ?? '',
    })),
  );
}

/** Opens a call's detail from its row; returns the detail card. */
export async function openCall(page: Page, callId: string): Promise<Locator> {
  await page.getByTestId(`call-row-${callId}`).getByRole('link', { name: 'Details' }).click();
  const detail = page.getByTestId('call-detail');
  await detail.getByTestId('call-phone').waitFor();
  return detail;
}
