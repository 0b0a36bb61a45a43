/**
 * Helpers for the list-import suites: a migrated in-memory database with a campaign, the
 * importer over it, and shortcuts to import a fixture and read back its rows and rejects.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { CampaignStore } from '../../../src/campaigns/campaign-store.js';
import { DoNotCallStore } from '../../../src/campaigns/do-not-call.js';
import type { ImportRow, RejectRow } from '../../../src/campaigns/import/import-store.js';
import { ListImporter, type ImportRequest, type ListImporterOptions } from '../../../src/campaigns/import/list-importer.js';
import { openDatabase, type OpenDatabaseResult } from '../../../src/db/database.js';
import { contacts, importRejects } from '../../../src/db/schema.js';
import { ManualClock } from '../../http/support.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/lists');
export const fixture = (name: string): string => join(FIXTURES, name);

export interface ImportEnv {
  db: OpenDatabaseResult;
  clock: ManualClock;
  dnc: DoNotCallStore;
  campaigns: CampaignStore;
  importer: ListImporter;
  campaignId: number;
  /** Imports a file or stream into the campaign (or as `kind`), waits for the end. */
  run(source: ImportRequest['source'], opts?: Partial<ImportRequest>): Promise<ImportRow>;
  rejects(importId: number): Array<Pick<RejectRow, 'line' | 'reason' | 'raw' | 'detail'>>;
  contactsOf(campaignId?: number): Array<typeof contacts.$inferSelect>;
  close(): void;
}

export function makeImportEnv(options: Partial<ListImporterOptions> = {}): ImportEnv {
  const db = openDatabase(':memory:');
  const clock = new ManualClock();
  const logger = pino({ level: 'silent' });
  const dnc = new DoNotCallStore(db.db, clock);
  const campaigns = new CampaignStore(db.db, clock);
  const importer = new ListImporter({ db: db.db, clock, logger, dnc, ...options });
  const campaignId = campaigns.create({ name: 'list test', openingMedia: 'sound:dialer/opening' }).id;
  return {
    db,
    clock,
    dnc,
    campaigns,
    importer,
    campaignId,
    async run(source, opts = {}) {
      const fileName = 'path' in source ? source.path.split('/').pop()! : 'stream.csv';
      const job = await importer.begin({ kind: 'contacts', campaignId, fileName, source, ...opts });
      return job.done;
    },
    rejects(importId) {
      return db.db
        .select({ line: importRejects.line, reason: importRejects.reason, raw: importRejects.raw, detail: importRejects.detail })
        .from(importRejects)
        .where(eq(importRejects.importId, importId))
        .orderBy(importRejects.id)
        .all();
    },
    contactsOf(id = campaignId) {
      return db.db.select().from(contacts).where(eq(contacts.campaignId, id)).orderBy(contacts.id).all();
    },
    close() {
      db.close();
    },
  };
}
