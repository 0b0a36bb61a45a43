/**
 * An import's rejects as JSON pages, for a console that shows them in a table (the full
 * report is the CSV download of list-routes.ts, GET /api/imports/:id/rejects).
 *
 *   GET /api/imports/:id/rejects/page?after=<reject id>&limit=<1–500>
 *     → { importId, total, rejects: [{ id, line, reason, detail, raw }], next }
 *
 * Pages run in file order; `next` is the `after` of the following page, null on the last.
 */
import type { ApiInstance } from '../app.js';
import { importRejects } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import type { ListImporter } from '../../campaigns/import/list-importer.js';
import type { RejectRow } from '../../campaigns/import/import-store.js';
import { IdParams } from '../validation.js';

const PageQuery = z
  .object({
    after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** One page of rejects. */
const RejectsPageSchema = z.object({
  importId: z.number().int(),
  total: z.number().int().describe('rejected rows of the import so far (all pages)'),
  rejects: z.array(rowSchema(importRejects).omit({ importId: true })),
  next: z.number().int().nullable().describe('`after` for the next page; null on the last'),
});

export interface RejectsPage {
  importId: number;
  /** Rejected rows of the import so far (all pages). */
  total: number;
  rejects: Array<Omit<RejectRow, 'importId'>>;
  next: number | null;
}

/** Route module of the paged rejects (managers; admins pass too). */
export function importRejectsRoutes(deps: { importer: ListImporter }) {
  const { importer } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/imports/:id/rejects/page', { config: { roles: ['manager'] }, schema: { params: IdParams, querystring: PageQuery, response: { 200: RejectsPageSchema } } }, async (request): Promise<RejectsPage> => {
      const { id } = request.params;
      const { after, limit } = request.query;
      const row = importer.get(id);
      const rows = importer.store.rejectsPage(row.id, after, limit);
      return {
        importId: row.id,
        total: row.rejected,
        rejects: rows.map(({ importId: _importId, ...r }) => r),
        next: rows.length === limit ? rows[rows.length - 1]!.id : null,
      };
    });
  };
}
