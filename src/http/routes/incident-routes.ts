/**
 * Incidents for the manager console: trouble that stops or endangers the floor (recording
 * storage that cannot take recordings…), open until it is over.
 *
 *   GET /api/incidents?open=1 → { incidents: [{ id, kind, detail, openedAt, closedAt, calls }] } (newest first, 50)
 */
import type { ApiInstance } from '../app.js';
import { incidents } from '../../db/schema.js';
import { rowSchema } from '../response-schemas.js';
import { z } from 'zod';
import type { IncidentRow } from '../../recordings/storage-health.js';

const IncidentQuery = z.object({ open: z.enum(['0', '1', 'true', 'false']).optional() });

export interface IncidentRoutesDeps {
  incidents: (opts: { openOnly?: boolean }) => IncidentRow[];
}

export function incidentRoutes(deps: IncidentRoutesDeps) {
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/incidents', { config: { roles: ['manager'] }, schema: { querystring: IncidentQuery, response: { 200: z.object({ incidents: z.array(rowSchema(incidents)) }) } } }, async (request) => {
      const q = request.query;
      return { incidents: deps.incidents({ openOnly: q.open === '1' || q.open === 'true' }) };
    });
  };
}
