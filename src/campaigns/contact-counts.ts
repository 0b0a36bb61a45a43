/**
 * Contacts per status of a campaign, read from `campaign_contact_counts`, which SQLite
 * triggers keep up to date as contacts are added, change status or go (migration 0009):
 * a few rows per campaign whatever the size of its lists, so no request waits on a count.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { campaignContactCounts, CONTACT_STATUSES } from '../db/schema.js';

export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export type ContactCounts = Record<ContactStatus, number>;

/** Statuses with work left (campaign-store's OPEN_CONTACT_STATUSES). */
const OPEN: readonly ContactStatus[] = ['pending', 'dialing', 'held', 'callback'];

/** The campaign's contacts per status (0 for a status it has none in). */
export function contactCounts(db: Db, campaignId: number): ContactCounts {
  const out = Object.fromEntries(CONTACT_STATUSES.map((s) => [s, 0])) as ContactCounts;
  const rows = db.select({ status: campaignContactCounts.status, n: campaignContactCounts.n }).from(campaignContactCounts).where(eq(campaignContactCounts.campaignId, campaignId)).all();
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** Contacts with work left: pending, being dialed, previewed, or waiting for a callback. */
export function contactsLeftOf(counts: ContactCounts): number {
  return OPEN.reduce((t, s) => t + counts[s], 0);
}

/** All contacts of the campaign. */
export function contactsTotalOf(counts: ContactCounts): number {
  return CONTACT_STATUSES.reduce((t, s) => t + counts[s], 0);
}
