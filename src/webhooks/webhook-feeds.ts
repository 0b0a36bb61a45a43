/**
 * Turns the service's append-only records into webhook events, so no domain module has to know
 * webhooks exist and nothing is lost across a restart: each feed reads its table past a cursor
 * kept in SQLite (`webhook_feed_cursors`) and publishes what it finds. A new installation
 * starts its cursors at the current end (history is not replayed).
 *
 * - subscription_events: created → subscription.confirmed, cancelled → subscription.cancelled,
 *   reversal-requested → subscription.reversed (ordered per subscription)
 * - consent_actions: disposition → disposition.saved (ordered per call)
 * - do_not_call_global / do_not_call_campaign: added by an agent or the API (not list
 *   imports, which come in the hundred thousands) → do-not-call.added
 */
import { asc, desc, eq, gt } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/database.js';
import {
  consentActions,
  doNotCallCampaign,
  doNotCallGlobal,
  subscriptionEvents,
  subscriptions,
  webhookFeedCursors,
  type WebhookEventType,
} from '../db/schema.js';
import type { WebhookStore } from './webhook-store.js';

/** Rows read per feed per pass: a backlog is worked off over several passes. */
const BATCH = 200;

interface Feed {
  source: string;
  table: SQLiteTable;
  id: SQLiteColumn;
  /** Events of the rows after `afterId` (at most BATCH rows), and the last row id read. */
  read(afterId: number): { lastId: number; events: { type: WebhookEventType; key: string; data: Record<string, unknown> }[] };
}

const SUBSCRIPTION_TYPES: Record<string, WebhookEventType | undefined> = {
  created: 'subscription.confirmed',
  cancelled: 'subscription.cancelled',
  'reversal-requested': 'subscription.reversed',
};

function feeds(db: Db): Feed[] {
  return [
    {
      source: 'subscription_events',
      table: subscriptionEvents,
      id: subscriptionEvents.id,
      read(afterId) {
        const rows = db
          .select({ e: subscriptionEvents, s: subscriptions })
          .from(subscriptionEvents)
          .innerJoin(subscriptions, eq(subscriptions.id, subscriptionEvents.subscriptionId))
          .where(gt(subscriptionEvents.id, afterId))
          .orderBy(asc(subscriptionEvents.id))
          .limit(BATCH)
          .all();
        const events = rows.flatMap(({ e, s }) => {
          const type = SUBSCRIPTION_TYPES[e.kind];
          if (!type) return [];
          const data = {
            subscriptionId: s.id,
            callId: s.callId,
            campaignId: s.campaignId,
            contactId: s.contactId,
            agentId: s.agentId,
            productCode: s.productCode,
            productName: s.productName,
            priceMinor: s.priceMinor,
            currency: s.currency,
            confirmedAt: new Date(s.confirmedAt).toISOString(),
            at: new Date(e.at).toISOString(),
            detail: e.detail,
          };
          return [{ type, key: `subscription-${s.id}`, data }];
        });
        return { lastId: rows.at(-1)?.e.id ?? afterId, events };
      },
    },
    {
      source: 'consent_actions',
      table: consentActions,
      id: consentActions.id,
      read(afterId) {
        const rows = db.select().from(consentActions).where(gt(consentActions.id, afterId)).orderBy(asc(consentActions.id)).limit(BATCH).all();
        const events = rows
          .filter((r) => r.kind === 'disposition')
          .map((r) => ({
            type: 'disposition.saved' as const,
            key: `call-${r.callId}`,
            data: { callId: r.callId, agentId: r.agentId, userId: r.userId, ...r.detail, at: new Date(r.at).toISOString() },
          }));
        return { lastId: rows.at(-1)?.id ?? afterId, events };
      },
    },
    ...([
      ['do_not_call_global', doNotCallGlobal, null],
      ['do_not_call_campaign', doNotCallCampaign, 'campaign'],
    ] as const).map(([source, table, scope]): Feed => ({
      source,
      table,
      id: table.id,
      read(afterId) {
        const read = db.select().from(table).where(gt(table.id, afterId)).orderBy(asc(table.id)).limit(BATCH).all();
        const rows = read.filter((r) => r.source !== 'import');
        const events = rows.map((r) => ({
          type: 'do-not-call.added' as const,
          key: r.callId ? `call-${r.callId}` : `dnc-${r.phone}`,
          data: {
            scope: scope ?? 'global',
            campaignId: 'campaignId' in r ? r.campaignId : null,
            phone: r.phone,
            source: r.source,
            reason: r.reason,
            callId: r.callId,
            addedBy: r.addedBy,
            at: new Date(r.createdAt).toISOString(),
          },
        }));
        return { lastId: read.at(-1)?.id ?? afterId, events };
      },
    })),
  ];
}

/** Reads every feed past its cursor, publishes, and moves the cursor, each feed in one transaction. */
export class WebhookFeeds {
  private readonly all: Feed[];

  constructor(private readonly o: { db: Db; store: WebhookStore }) {
    this.all = feeds(o.db);
  }

  /** A new installation starts at the end of each table (no history replayed). */
  initCursors(): void {
    const { db } = this.o;
    for (const f of this.all) {
      const last = db.select({ id: f.id }).from(f.table).orderBy(desc(f.id)).limit(1).get()?.id as number | undefined;
      db.insert(webhookFeedCursors).values({ source: f.source, lastId: last ?? 0 }).onConflictDoNothing().run();
    }
  }

  /** One pass over every feed; returns the lanes that got work. */
  pass(): string[] {
    const { db, store } = this.o;
    const lanes: string[] = [];
    for (const f of this.all) {
      db.transaction((tx) => {
        const cursor = tx.select().from(webhookFeedCursors).where(eq(webhookFeedCursors.source, f.source)).get()?.lastId ?? 0;
        const { lastId, events } = f.read(cursor);
        if (lastId === cursor) return;
        for (const e of events) lanes.push(...store.publish(e.type, e.key, e.data));
        tx.insert(webhookFeedCursors).values({ source: f.source, lastId }).onConflictDoUpdate({ target: webhookFeedCursors.source, set: { lastId } }).run();
      });
    }
    return lanes;
  }
}
