/**
 * How an import is shown to a manager (API answers, the CLI), and its rejects report as
 * CSV text, page by page. Pure apart from the page source it is given.
 */
import type { ImportRow, RejectRow } from './import-store.js';
import { REJECT_REASONS, summarise, type ReasonSummary, type RejectReason } from './reasons.js';

/** An import as the API returns it. */
export interface ImportView {
  id: number;
  kind: ImportRow['kind'];
  campaignId: number | null;
  fileName: string;
  sha256: string | null;
  status: ImportRow['status'];
  encoding: string | null;
  phoneColumn: string;
  defaultRegion: string;
  bytes: number | null;
  bytesRead: number;
  /** Share of the file read, 0–100, when its size is known. */
  percent: number | null;
  rows: number;
  accepted: number;
  rejected: number;
  /** Rejected rows by reason (every reason, zeros included). */
  byReason: Record<RejectReason, number>;
  summary: ReasonSummary;
  /** The last line of the file whose row is committed. */
  lastLine: number;
  error: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  discardedAt: number | null;
  discarded: number | null;
  rejectsUrl: string;
}

/** The API view of an import row. */
export function importView(row: ImportRow): ImportView {
  const byReason = Object.fromEntries(REJECT_REASONS.map((r) => [r, row.counts[r] ?? 0])) as Record<RejectReason, number>;
  const percent = row.bytes ? Math.min(100, Math.floor((row.bytesRead / row.bytes) * 1000) / 10) : null;
  return {
    id: row.id,
    kind: row.kind,
    campaignId: row.campaignId,
    fileName: row.fileName,
    sha256: row.sha256,
    status: row.status,
    encoding: row.encoding,
    phoneColumn: row.phoneColumn,
    defaultRegion: row.defaultRegion,
    bytes: row.bytes,
    bytesRead: row.bytesRead,
    percent: row.status === 'completed' ? 100 : percent,
    rows: row.rowsRead,
    accepted: row.accepted,
    rejected: row.rejected,
    byReason,
    summary: summarise(byReason),
    lastLine: row.lastLine,
    error: row.error,
    startedAt: row.startedAt,
    updatedAt: row.heartbeatAt,
    finishedAt: row.finishedAt,
    discardedAt: row.discardedAt,
    discarded: row.discarded,
    rejectsUrl: `/api/imports/${row.id}/rejects`,
  };
}

/** Header of the rejects report. */
export const REJECTS_HEADER = ['line', 'reason', 'detail', 'raw'] as const;

function csvCell(value: string | number): string {
  let s = String(value);
  // Excel would run a cell starting with = + - @ (or a tab/CR) as a formula: keep it text.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One reject as a CSV line. */
export function rejectLine(r: RejectRow): string {
  return `${[r.line, r.reason, r.detail, r.raw].map(csvCell).join(',')}\r\n`;
}

/**
 * The rejects report, streamed page by page from `page(afterId)` (which returns rows in id
 * order). Starts with a UTF-8 BOM so Excel shows Chinese text right.
 */
export async function* rejectsCsv(page: (afterId: number) => RejectRow[]): AsyncGenerator<string> {
  yield `\uFEFF${REJECTS_HEADER.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const rows = page(after);
    if (rows.length === 0) return;
    yield rows.map(rejectLine).join('');
    after = rows[rows.length - 1]!.id;
    // Between pages, let the service do other work.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
