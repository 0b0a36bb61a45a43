/**
 * Where agent figures get sales and refusals from.
 *
 * Subscriptions (sales, with their evidence and reversals) and recorded refusals are issue 4's
 * (src/consent); they do not exist yet. Until they do, the service uses {@link noSalesLedger}:
 * every agent has 0 sales, 0 refusals and 0 commission, and the reports say so in their
 * `notes`. Issue 4 implements this interface over its tables and passes it to the service.
 */

/** One confirmed sale credited to an agent. */
export interface SaleFact {
  agentId: number;
  callId: string | null;
  campaignId: number | null;
  /** When the customer confirmed, ms. */
  at: number;
  /** The product's price in yuan (commission tiers: 8 / 15 / 30). */
  priceYuan: number;
  /** When the sale was reversed (cancelled after the confirmation message), or null. */
  reversedAt: number | null;
}

/** One clear refusal recorded on a call. */
export interface RefusalFact {
  agentId: number;
  callId: string | null;
  campaignId: number | null;
  at: number;
}

/** Sales and refusals by time, for the agent figures. */
export interface SalesLedger {
  /** False while no ledger exists (the reports then note that sales figures are not available). */
  readonly available: boolean;
  /** Sales confirmed in `[from, to)`, whatever their reversal. */
  sales(from: number, to: number): SaleFact[];
  /** Refusals recorded in `[from, to)`. */
  refusals(from: number, to: number): RefusalFact[];
}

/** The ledger until subscriptions exist (issue 4): no sales, no refusals. */
export const noSalesLedger: SalesLedger = {
  available: false,
  sales: () => [],
  refusals: () => [],
};

/** A ledger over fixed lists (tests, imports). */
export function staticSalesLedger(sales: SaleFact[], refusals: RefusalFact[] = []): SalesLedger {
  return {
    available: true,
    sales: (from, to) => sales.filter((s) => s.at >= from && s.at < to),
    refusals: (from, to) => refusals.filter((r) => r.at >= from && r.at < to),
  };
}
