/**
 * Agent commission per the manuals' tiers (requirements §5), pure. Amounts are in fen
 * (1/100 yuan) so sums stay exact.
 *
 * Per sale of an 8 / 15 / 30-yuan product: 0.5 / 1.0 / 2.0 yuan while the agent's month has
 * fewer than 500 sales, 0.7 / 1.2 / 3.0 yuan from 500 on. The month is the centre's calendar
 * month; its count is of net sales (reversed sales do not count), and the month's tier applies
 * to every sale of that month. A reversed sale (the customer cancelled after the next-day
 * confirmation message) earns nothing: its commission is deducted.
 */

/** One product price and its two rates. */
export interface CommissionTier {
  priceYuan: number;
  belowFen: number;
  aboveFen: number;
}

/** The tiers from the manuals. */
export const COMMISSION_TIERS: readonly CommissionTier[] = [
  { priceYuan: 8, belowFen: 50, aboveFen: 70 },
  { priceYuan: 15, belowFen: 100, aboveFen: 120 },
  { priceYuan: 30, belowFen: 200, aboveFen: 300 },
];

/** Net sales in a month from which the higher rates apply ("above 500"; 500 itself counts as above). */
export const COMMISSION_MONTHLY_THRESHOLD = 500;

/**
 * Commission of one sale, in fen, given the agent's net sales in that sale's month; null when
 * the product's price has no tier (such a sale is counted and reported, but earns nothing).
 */
export function commissionPerSaleFen(priceYuan: number, monthNetSales: number, tiers: readonly CommissionTier[] = COMMISSION_TIERS): number | null {
  const tier = tiers.find((t) => t.priceYuan === priceYuan);
  if (!tier) return null;
  return monthNetSales >= COMMISSION_MONTHLY_THRESHOLD ? tier.aboveFen : tier.belowFen;
}

/** Fen to yuan, for reports. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}
