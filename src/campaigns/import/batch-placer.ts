/**
 * Where a batch's accepted numbers go, decided for the whole batch at once: one lookup of
 * which of its numbers are on a do-not-call list, one many-row INSERT (a few statements of
 * up to 1024 rows) of the first row of each other number unless it is there already, and —
 * only when some were there already — one lookup of who added those. Runs inside the
 * batch's transaction.
 *
 * It decides exactly as a row-by-row "is it blocked? insert or ignore; if ignored, who owns
 * it?" would, in file order: nothing else writes during the (synchronous) transaction, so the
 * only change between two rows of a batch is this batch's own inserts: a later row with a
 * number the batch inserted is a duplicate in the file. Row by row cost two do-not-call
 * lookups and an insert with its own statement journal per row (the contact-count trigger
 * makes each insert a multi-row write); this is about ten statements per 2000 rows.
 * test/campaigns/import/batch-equivalence.test.ts pins the outcome.
 */
import type Database from 'better-sqlite3';
import type { DoNotCallStore } from '../do-not-call.js';
import type { BatchTarget } from './import-store.js';
import type { RejectReason } from './reasons.js';
import type { RowVerdict } from './row-classifier.js';

/** Why an accepted row was not placed, or null when it was. */
export type Placement = { reason: RejectReason; detail: string } | null;

type Accepted = Extract<RowVerdict, { ok: true }>;

interface OwnerRow {
  phone: string;
  importId: number | null;
}

/** A target table's statements. */
interface TargetStatements {
  /** Inserts the numbers of `rows` that are not there yet, in order; returns how many were inserted. */
  insert(campaignId: number | null, rows: Accepted[], importId: number, now: number, addedBy: number | null): number;
  /** Who (importId) added those of `phones` (a JSON array) that have a row id up to `before`. */
  ownersBefore(campaignId: number | null, phones: string, before: number): OwnerRow[];
  /** The highest row id so far; ids only grow (AUTOINCREMENT). */
  lastId(): number;
}

/** Places batches of accepted numbers; its statements are prepared once per database. */
export class BatchPlacer {
  private readonly contacts: TargetStatements;
  private readonly globalDnc: TargetStatements;
  private readonly campaignDnc: TargetStatements;

  constructor(
    db: Database.Database,
    private readonly dnc: DoNotCallStore,
  ) {
    // Owner lookups take the numbers as one JSON array bound to `?`.
    const among = `phone in (select value from json_each(?)) and id <= ?`;
    const contactInsert = new ChunkedInsert(db, 'insert into contacts (campaign_id, phone, fields, import_id, created_at)', '(@campaignId, ?, ?, @importId, @now)');
    const contactOwners = db.prepare<[number, string, number], OwnerRow>(`select phone, import_id as importId from contacts where campaign_id = ? and ${among}`);
    this.contacts = {
      insert: (campaignId, rows, importId, now) => contactInsert.run({ campaignId, importId, now }, phonesAndFields(rows)),
      ownersBefore: (campaignId, phones, before) => contactOwners.all(campaignId!, phones, before),
      lastId: lastIdOf(db, 'contacts'),
    };
    const globalInsert = new ChunkedInsert(db, 'insert into do_not_call_global (phone, source, import_id, added_by, created_at)', `(?, 'import', @importId, @addedBy, @now)`);
    const globalOwners = db.prepare<[string, number], OwnerRow>(`select phone, import_id as importId from do_not_call_global where ${among}`);
    this.globalDnc = {
      insert: (_campaignId, rows, importId, now, addedBy) => globalInsert.run({ importId, addedBy, now }, rows.map((v) => v.e164)),
      ownersBefore: (_campaignId, phones, before) => globalOwners.all(phones, before),
      lastId: lastIdOf(db, 'do_not_call_global'),
    };
    const campaignInsert = new ChunkedInsert(
      db,
      'insert into do_not_call_campaign (campaign_id, phone, source, import_id, added_by, created_at)',
      `(@campaignId, ?, 'import', @importId, @addedBy, @now)`,
    );
    const campaignOwners = db.prepare<[number, string, number], OwnerRow>(
      `select phone, import_id as importId from do_not_call_campaign where campaign_id = ? and ${among}`,
    );
    this.campaignDnc = {
      insert: (campaignId, rows, importId, now, addedBy) => campaignInsert.run({ campaignId, importId, addedBy, now }, rows.map((v) => v.e164)),
      ownersBefore: (campaignId, phones, before) => campaignOwners.all(campaignId!, phones, before),
      lastId: lastIdOf(db, 'do_not_call_campaign'),
    };
  }

  /**
   * Places the accepted rows of a batch; returns, for each of `verdicts` in order, why it was
   * not placed (null: placed; rows already rejected are not looked at and get null).
   */
  place(target: BatchTarget, verdicts: RowVerdict[], now: number, addedBy: number | null): Placement[] {
    const { id: importId, campaignId } = target;
    const contacts = target.kind === 'contacts';
    const table = contacts ? this.contacts : campaignId === null ? this.globalDnc : this.campaignDnc;
    const blocked = contacts ? this.dnc.blockedAmong(campaignId!, [...new Set(acceptedPhones(verdicts))]) : new Set<string>();
    // The first row of each number not on a do-not-call list; later rows with the number share its fate.
    const first = new Map<string, Accepted>();
    for (const v of verdicts) if (v.ok && !blocked.has(v.e164) && !first.has(v.e164)) first.set(v.e164, v);
    const before = table.lastId();
    const inserted = first.size > 0 ? table.insert(campaignId, [...first.values()], importId, now, addedBy) : 0;
    // Numbers that were there before this batch, and who added them: looked up only when there were some.
    const owners = new Map<string, number | null>();
    if (inserted < first.size) for (const o of table.ownersBefore(campaignId, JSON.stringify([...first.keys()]), before)) owners.set(o.phone, o.importId);
    if (inserted !== first.size - owners.size) {
      throw new Error(`list-import: inserted ${inserted} of ${first.size} numbers, of which ${owners.size} were there already`);
    }
    const out: Placement[] = new Array<Placement>(verdicts.length).fill(null);
    verdicts.forEach((v, i) => {
      if (!v.ok) return;
      const phone = v.e164;
      if (blocked.has(phone)) {
        out[i] = { reason: 'do-not-call', detail: `on the do-not-call list (${phone})` };
        return;
      }
      const existed = owners.has(phone);
      if (!existed && first.get(phone) === v) return;
      const owner = existed ? (owners.get(phone) ?? null) : importId;
      if (owner === importId) out[i] = { reason: 'duplicate-in-file', detail: `same number as an earlier row (${phone})` };
      else if (contacts) out[i] = { reason: 'duplicate-in-campaign', detail: `already in the campaign (${phone}, ${owner ? `import ${owner}` : 'added through the API'})` };
      else out[i] = { reason: 'already-listed', detail: `already on this do-not-call list (${phone})` };
    });
    return out;
  }
}

/** Statement sizes, in rows: a batch goes in as the fewest statements of these sizes, largest first. */
const CHUNK_ROWS = [1024, 256, 64, 16, 4, 1];

/**
 * A many-row INSERT … VALUES (…), (…) … ON CONFLICT DO NOTHING, as a few statements of fixed
 * sizes (prepared once each): binding values directly is cheaper for SQLite than unpacking a
 * JSON array, and rows go in in the order given, so ids follow the file.
 */
class ChunkedInsert {
  private readonly statements = new Map<number, Database.Statement>();
  private readonly perRow: number;

  /** `row`: one row's VALUES tuple, `?` for each per-row value and `@name` for values shared by the batch. */
  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly row: string,
  ) {
    this.perRow = row.split('?').length - 1;
  }

  /** Inserts the rows whose per-row values are `flat` (row after row); returns how many were inserted. */
  run(shared: Record<string, unknown>, flat: unknown[]): number {
    const rows = flat.length / this.perRow;
    let done = 0;
    let changes = 0;
    for (const size of CHUNK_ROWS) {
      for (; rows - done >= size; done += size) {
        changes += this.statement(size).run(shared, ...flat.slice(done * this.perRow, (done + size) * this.perRow)).changes;
      }
    }
    return changes;
  }

  private statement(size: number): Database.Statement {
    let found = this.statements.get(size);
    if (!found) {
      found = this.db.prepare(`${this.head} values ${Array.from({ length: size }, () => this.row).join(', ')} on conflict do nothing`);
      this.statements.set(size, found);
    }
    return found;
  }
}

function lastIdOf(db: Database.Database, table: string): () => number {
  const statement = db.prepare<[], { id: number }>(`select coalesce(max(id), 0) as id from ${table}`);
  return () => statement.get()!.id;
}

/** Each row's phone and fields (as JSON), one after the other. */
function phonesAndFields(rows: Accepted[]): string[] {
  const flat: string[] = [];
  for (const v of rows) flat.push(v.e164, JSON.stringify(v.fields));
  return flat;
}

function acceptedPhones(verdicts: RowVerdict[]): string[] {
  const phones: string[] = [];
  for (const v of verdicts) if (v.ok) phones.push(v.e164);
  return phones;
}
