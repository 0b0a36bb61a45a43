/**
 * The rest of the demo's day, after the scripted campaign has run, done by its people through
 * the API: a customer calls to cancel a subscription (the
 * cancellations report and the commission reversal have a row), a complaint is pulled for QA,
 * scored as a fraudulent order (misleading wording) and so opens a subscription reversal
 * request; and the two live-floor campaigns, each with its own agents assigned, so they run
 * side by side without mixing.
 */
import type { NewCampaign } from '../campaigns/campaign-store.js';
import type { DialerService } from '../service.js';
import type { DemoCaller } from './demo-api.js';
import type { DemoNumber } from './demo-campaign.js';
import type { DeskResult } from './demo-desk.js';

export interface DayClose {
  /** The subscription the customer cancelled, or null when the day had no sale. */
  cancelledSubscriptionId: number | null;
  /** The call QA found a fraudulent order on, or null. */
  reversalCallId: string | null;
  /** What could not be done (e.g. no Redis for the QA queue), in words. */
  problems: string[];
}

interface SubscriptionRow {
  id: number;
  callId: string;
  summary: { status: string };
}

/** Cancels one of the day's subscriptions and sends another sale to QA as a complaint, scored fatal. */
export async function closeTheDay(o: { manager: DemoCaller; qa: DemoCaller; desks: readonly DeskResult[] }): Promise<DayClose> {
  const problems: string[] = [];
  const sold = o.desks.filter((d) => d.role === 'subscribes' && d.result === 'confirmed').map((d) => d.callId);
  const { body } = await o.manager.call<{ subscriptions: SubscriptionRow[] }>('GET', '/api/subscriptions?limit=100');
  const subs = body.subscriptions.filter((s) => sold.includes(s.callId) && s.summary.status !== 'cancelled');
  let cancelledSubscriptionId: number | null = null;
  const cancel = subs[0];
  if (cancel) {
    await o.manager.call('POST', `/api/subscriptions/${cancel.id}/cancel`, { reason: '客户来电退订' });
    cancelledSubscriptionId = cancel.id;
  } else problems.push('no subscription to cancel');

  let reversalCallId: string | null = null;
  const complaint = subs[1];
  if (complaint) {
    const pulled = await o.qa.call('POST', `/api/qa/calls/${complaint.callId}/pull`, { reason: 'complaint', note: '客户投诉:以为是免费体验' }, { allowFailure: true });
    const claimed = pulled.status < 400 ? await o.qa.call<{ call?: { id: string } } | null>('POST', '/api/qa/claims', undefined, { allowFailure: true }) : null;
    if (claimed?.body?.call?.id === complaint.callId) {
      await o.qa.call('POST', `/api/qa/calls/${complaint.callId}/score`, {
        deductions: [{ itemCode: 'charges', severity: 'serious', points: 8, note: '把收费说成免费体验' }],
        fatal: [{ kind: 'misleading-wording', note: '“免费体验,随时取消”,未说明体验后自动转为收费' }],
        comment: '客户投诉后调听:诈单(误导性表述)',
      });
      reversalCallId = complaint.callId;
    } else {
      if (claimed?.body?.call?.id) await o.qa.call('POST', `/api/qa/claims/${claimed.body.call.id}/release`, undefined, { allowFailure: true });
      problems.push(`the complaint could not be reviewed (pull ${pulled.status}, claim ${claimed?.status ?? '–'}; the QA queue needs Redis)`);
    }
  } else problems.push('no second sale for a QA complaint');
  return { cancelledSubscriptionId, reversalCallId, problems };
}

/** The two live-floor campaigns, each assigned to its own agents (priority 5). */
export function setUpLiveFloors(
  service: DialerService,
  floors: ReadonlyArray<{ name: string; numbers: readonly DemoNumber[]; agentIds: readonly number[] }>,
  settings: Partial<NewCampaign>,
) {
  return floors.map((f) => {
    const c = service.campaigns.create({ name: f.name, maxAttempts: 1, ...settings });
    service.campaigns.addContacts(c.id, f.numbers.map((n) => ({ phone: n.national, fields: { note: n.label } })));
    service.assignments.replace(c.id, f.agentIds.map((agentId) => ({ agentId, priority: 5 })), null);
    return c;
  });
}
