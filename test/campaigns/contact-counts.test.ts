/**
 * Contact counts per campaign and status are kept by triggers as rows change (issue 15,
 * item 3): after any mix of inserts, status changes, moves and deletes they equal a full
 * count, which no request has to run any more.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactCounts, contactsLeftOf } from '../../src/campaigns/contact-counts.js';
import { openDatabase } from '../../src/db/database.js';
import { campaigns, CONTACT_STATUSES, contacts } from '../../src/db/schema.js';

type Op =
  | { kind: 'insert'; campaign: number; status: (typeof CONTACT_STATUSES)[number] }
  | { kind: 'status'; pick: number; status: (typeof CONTACT_STATUSES)[number] }
  | { kind: 'move'; pick: number; campaign: number }
  | { kind: 'delete'; pick: number };

const status = fc.constantFrom(...CONTACT_STATUSES);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), campaign: fc.integer({ min: 0, max: 2 }), status }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), campaign: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('campaign contact counts', () => {
  it('equal a full count after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { db, close } = openDatabase(':memory:');
        try {
          const ids = [0, 1, 2].map((i) => db.insert(campaigns).values({ name: `c${i}`, openingMedia: 'sound:x', createdAt: 0, updatedAt: 0 }).returning().get().id);
          let n = 0;
          for (const o of ops) {
            const rows = db.select({ id: contacts.id }).from(contacts).all();
            const target = rows.length ? rows[('pick' in o ? o.pick : 0) % rows.length]!.id : null;
            if (o.kind === 'insert') db.insert(contacts).values({ campaignId: ids[o.campaign]!, phone: `+86138000${String(n++).padStart(5, '0')}`, status: o.status, createdAt: 0 }).run();
            else if (target === null) continue;
            else if (o.kind === 'status') db.run(sql`update contacts set status = ${o.status} where id = ${target}`);
            else if (o.kind === 'move') db.run(sql`update contacts set campaign_id = ${ids[o.campaign]!} where id = ${target}`);
            else db.run(sql`delete from contacts where id = ${target}`);
          }
          for (const id of ids) {
            const truth = Object.fromEntries(CONTACT_STATUSES.map((s) => [s, 0]));
            for (const r of db.all<{ status: string; n: number }>(sql`select status, count(*) as n from contacts where campaign_id = ${id} group by status`)) truth[r.status] = r.n;
            expect(contactCounts(db, id)).toEqual(truth);
          }
        } finally {
          close();
        }
      }),
      { numRuns: 30, seed: 15 },
    );
  });

  it('counts what is left to dial', () => {
    const counts = { pending: 3, dialing: 1, held: 1, callback: 2, done: 10, failed: 4 };
    expect(contactsLeftOf(counts)).toBe(7);
  });
});
