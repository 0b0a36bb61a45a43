/**
 * Per-campaign gauges for the campaigns on the floor (running or paused): calls in progress,
 * abandon rate over the last 30 days (abandoned ÷ answered, as the pacing cap counts it) and
 * contacts left. One grouped query per figure per scrape, not one per call.
 */
import { and, gte, inArray } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import { ABANDONED_SQL, LIVE_SQL, THIRTY_DAYS_MS } from '../dialer/pacing-book.js';
import { calls } from '../db/schema.js';
import type { MetricsDeps } from './metrics.js';

const ON_THE_FLOOR = new Set(['running', 'paused']);

export function registerCampaignGauges(registry: Registry, deps: Pick<MetricsDeps, 'db' | 'clock' | 'tracker' | 'campaigns'>): void {
  const floorCampaigns = () => deps.campaigns.list().filter((c) => ON_THE_FLOOR.has(c.status));
  const labels = (c: { id: number; name: string }) => ({ campaign_id: String(c.id), campaign: c.name });

  new Gauge({
    name: 'dialer_campaign_calls_in_progress',
    help: 'Calls in progress per running or paused campaign.',
    labelNames: ['campaign_id', 'campaign'],
    registers: [registry],
    collect() {
      this.reset();
      const live = new Map<number, number>();
      for (const s of deps.tracker.list()) live.set(s.spec.campaignId, (live.get(s.spec.campaignId) ?? 0) + 1);
      for (const c of floorCampaigns()) this.set(labels(c), live.get(c.id) ?? 0);
    },
  });

  new Gauge({
    name: 'dialer_campaign_abandon_rate_30d',
    help: 'Abandoned ÷ answered calls of the last 30 days per running or paused campaign (0 with no answered call).',
    labelNames: ['campaign_id', 'campaign'],
    registers: [registry],
    collect() {
      this.reset();
      const list = floorCampaigns();
      if (list.length === 0) return;
      const rows = deps.db
        .select({ campaignId: calls.campaignId, answered: LIVE_SQL, abandoned: ABANDONED_SQL })
        .from(calls)
        .where(and(inArray(calls.campaignId, list.map((c) => c.id)), gte(calls.originatedAt, deps.clock.now() - THIRTY_DAYS_MS)))
        .groupBy(calls.campaignId)
        .all();
      const byId = new Map(rows.map((r) => [r.campaignId, r]));
      for (const c of list) {
        const r = byId.get(c.id);
        const answered = Number(r?.answered ?? 0);
        this.set(labels(c), answered > 0 ? Number(r?.abandoned ?? 0) / answered : 0);
      }
    },
  });

  new Gauge({
    name: 'dialer_campaign_contacts_left',
    help: 'Contacts still to be dialed (pending, dialing, held, callback) per running or paused campaign.',
    labelNames: ['campaign_id', 'campaign'],
    registers: [registry],
    collect() {
      this.reset();
      for (const c of floorCampaigns()) this.set(labels(c), deps.campaigns.contactsLeft(c.id));
    },
  });
}
