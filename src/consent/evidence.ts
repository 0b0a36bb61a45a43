/**
 * Pure helpers for subscription evidence: where a moment falls in the call's recording
 * segments, and the agent's commission per sale (requirements §5 tiers).
 */
import type { RecordingOffset } from '../db/schema.js';

/** A recording segment as stored: its number and when Asterisk started/finished writing it. */
export interface SegmentTimes {
  segment: number;
  startedAt: number;
  finishedAt: number | null;
}

/**
 * The segment holding moment `at` and the offset into it (null when no segment covers it),
 * plus the offset from the first segment's start (the call's recording start).
 */
export function recordingOffset(at: number, segments: readonly SegmentTimes[]): RecordingOffset {
  const sorted = [...segments].sort((a, b) => a.segment - b.segment);
  const first = sorted[0];
  const holder = sorted.find((s) => s.startedAt <= at && (s.finishedAt === null || at <= s.finishedAt));
  return {
    at,
    segment: holder?.segment ?? null,
    segmentOffsetMs: holder ? at - holder.startedAt : null,
    callOffsetMs: first && at >= first.startedAt ? at - first.startedAt : null,
  };
}

/** Monthly sales from which the higher commission tier applies (requirements §5). */
export const COMMISSION_HIGH_TIER_FROM = 500;

/** Commission per sale by product price (minor units): [below 500 sales a month, 500 and above]. */
const COMMISSION_TIERS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [800, [50, 70]],
  [1500, [100, 120]],
  [3000, [200, 300]],
]);

/**
 * The commission (minor units) for one sale of a product at `priceMinor`, when it is the
 * agent's `nthSaleThisMonth` sale (1-based). Prices outside the manual's tiers earn nothing
 * (reason given), so a manager sees it rather than a guessed figure.
 */
export function commissionFor(priceMinor: number, nthSaleThisMonth: number): { amountMinor: number; tier: string } {
  const tiers = COMMISSION_TIERS.get(priceMinor);
  if (!tiers) return { amountMinor: 0, tier: `no tier for a price of ${priceMinor}` };
  const high = nthSaleThisMonth > COMMISSION_HIGH_TIER_FROM;
  return { amountMinor: high ? tiers[1] : tiers[0], tier: high ? `${COMMISSION_HIGH_TIER_FROM}+ sales this month` : `below ${COMMISSION_HIGH_TIER_FROM} sales this month` };
}

/** Whether a subscription confirmed at `confirmedAt` may still be cancelled at `now` (cooling-off window, inclusive). */
export function insideCoolingOff(confirmedAt: number, coolingOffMs: number, now: number): boolean {
  return now >= confirmedAt && now <= confirmedAt + coolingOffMs;
}
