/**
 * The batched placement (batch-placer.ts: one do-not-call lookup, one INSERT and, when
 * needed, one owner lookup per batch) decides every row as the row-by-row rule does — "on a
 * do-not-call list? insert unless there; if there, who added it?" in file order — written
 * here as a plain model. Generated lists draw numbers from a small pool, so a number comes
 * back within a batch and across batches, and some are already in the campaign (added through
 * the API or by an earlier import) or on a do-not-call list; every batch size gives the same
 * rejects (line, reason, detail, raw) and the same contacts in the same order.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { contactCounts } from '../../../src/campaigns/contact-counts.js';
import { normalisePhone } from '../../../src/campaigns/phone-number.js';
import { contacts, doNotCallCampaign, doNotCallGlobal } from '../../../src/db/schema.js';
import { makeImportEnv, type ImportEnv } from './support.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** `pool` numbers written in assorted ways, plus invalid and unsupported cells. */
function spell(rand: () => number, pool: number): string {
  const r = rand();
  if (r < 0.06) return ['12345', 'abc', '', '400-810-8888', '1.3812345678E+10', '14012345678'][Math.floor(rand() * 6)]!;
  const n = `13${String(800_000_000 + Math.floor(rand() * pool)).padStart(9, '0')}`;
  const styles = [n, `+86 ${n}`, `0086${n}`, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, `86${n}`, `17951${n}`, `010-6512 34${n.slice(-2)}`];
  return styles[Math.floor(rand() * styles.length)]!;
}

function listOf(rows: number, seed: number, pool = 40): { text: string; cells: string[] } {
  const rand = lcg(seed);
  const cells = Array.from({ length: rows }, () => spell(rand, pool));
  return { text: `phone,name\n${cells.map((c, i) => `${c},客户${i}`).join('\n')}\n`, cells };
}

interface Expected {
  rejects: Array<{ line: number; reason: string; detail: string; raw: string }>;
  placed: Array<{ phone: string; name: string }>;
}

/** The row-by-row rule, over what the tables held before the import. */
function model(cells: string[], importId: number, kind: 'contacts' | 'do-not-call', blocked: Set<string>, owners: Map<string, number | null>): Expected {
  const out: Expected = { rejects: [], placed: [] };
  const accept = kind === 'contacts' ? undefined : ('any' as const);
  cells.forEach((cell, i) => {
    const line = i + 2;
    const v = normalisePhone(cell, 'CN', { accept, shortcut: false });
    if (!v.ok) return out.rejects.push({ line, reason: v.problem, detail: v.detail, raw: cell });
    const phone = v.e164;
    if (blocked.has(phone)) return out.rejects.push({ line, reason: 'do-not-call', detail: `on the do-not-call list (${phone})`, raw: cell });
    if (!owners.has(phone)) {
      owners.set(phone, importId);
      return out.placed.push({ phone, name: `客户${i}` });
    }
    const owner = owners.get(phone) ?? null;
    if (owner === importId) return out.rejects.push({ line, reason: 'duplicate-in-file', detail: `same number as an earlier row (${phone})`, raw: cell });
    if (kind === 'contacts') {
      return out.rejects.push({ line, reason: 'duplicate-in-campaign', detail: `already in the campaign (${phone}, ${owner ? `import ${owner}` : 'added through the API'})`, raw: cell });
    }
    return out.rejects.push({ line, reason: 'already-listed', detail: `already on this do-not-call list (${phone})`, raw: cell });
  });
  return out;
}

let env: ImportEnv | null = null;
afterEach(() => env?.close());

const stream = (text: string) => ({ stream: Readable.from([Buffer.from(text)]) });

describe('batched placement equals the row-by-row rule', () => {
  for (const batchRows of [1, 7, 64, 1000]) {
    it(`contacts, batches of ${batchRows}`, async () => {
      env = makeImportEnv({ batchRows });
      const { db, dnc, campaignId } = env;
      // Already there: two added through the API, a few by an earlier import; some numbers on do-not-call lists.
      db.db.insert(contacts).values(['+8613800000000', '+8613800000001'].map((phone) => ({ campaignId, phone, createdAt: 0 }))).run();
      const earlier = await env.run(stream('phone\n13800000005\n13800000006\n13800000007\n'), { fileName: 'earlier.csv' });
      dnc.add({ phone: '+8613800000010', source: 'api' });
      dnc.add({ phone: '+8613800000011', campaignId, source: 'api' });
      dnc.add({ phone: '+8613800000012', campaignId: env.campaigns.create({ name: 'other', openingMedia: 'sound:x' }).id, source: 'api' });
      const owners = new Map<string, number | null>(env.contactsOf().map((c) => [c.phone, c.importId]));
      expect(owners.get('+8613800000005')).toBe(earlier.id);

      const { text, cells } = listOf(600, 17 + batchRows);
      const row = await env.run(stream(text), { fileName: 'list.csv' });
      const want = model(cells, row.id, 'contacts', new Set(['+8613800000010', '+8613800000011']), owners);
      expect(env.rejects(row.id)).toEqual(want.rejects);
      const added = env.contactsOf().filter((c) => c.importId === row.id);
      expect(added.map((c) => ({ phone: c.phone, name: c.fields['name'] }))).toEqual(want.placed);
      expect(row).toMatchObject({ status: 'completed', rowsRead: 600, accepted: want.placed.length, rejected: want.rejects.length });
      // Every reason the rule can give came up.
      expect(new Set(want.rejects.map((r) => r.reason))).toEqual(
        new Set(['invalid-number', 'missing-phone', 'unsupported-type', 'do-not-call', 'duplicate-in-file', 'duplicate-in-campaign']),
      );
    });
  }

  it('contacts, batches of 2000 with more than a thousand new numbers each (the largest insert statements)', async () => {
    env = makeImportEnv({ batchRows: 2000 });
    const { text, cells } = listOf(5000, 5, 100_000);
    const row = await env.run(stream(text), { fileName: 'big.csv' });
    const want = model(cells, row.id, 'contacts', new Set(), new Map());
    expect(want.placed.length).toBeGreaterThan(4000);
    expect(env.rejects(row.id)).toEqual(want.rejects);
    expect(env.contactsOf().map((c) => ({ phone: c.phone, name: c.fields['name'] }))).toEqual(want.placed);
    // The contact-count trigger fired for each row of the many-row inserts.
    expect(contactCounts(env.db.db, env.campaignId).pending).toBe(want.placed.length);
  });

  for (const scope of ['global', 'campaign'] as const) {
    it(`do-not-call imports into the ${scope} list, batches of 7 and 1000`, async () => {
      for (const batchRows of [7, 1000]) {
        env?.close();
        env = makeImportEnv({ batchRows });
        const { db, dnc } = env;
        const campaignId = scope === 'global' ? null : env.campaignId;
        dnc.add({ phone: '+8613800000001', campaignId, source: 'api' });
        const earlier = await env.run(stream('phone\n13800000005\n13800000006\n'), { kind: 'do-not-call', campaignId, fileName: 'earlier.csv' });
        const table = scope === 'global' ? doNotCallGlobal : doNotCallCampaign;
        const before = db.db.select({ phone: table.phone, importId: table.importId }).from(table).all();
        expect(before).toHaveLength(3);
        const owners = new Map<string, number | null>(before.map((r) => [r.phone, r.importId]));
        expect(owners.get('+8613800000005')).toBe(earlier.id);

        const { text, cells } = listOf(400, 86 + batchRows);
        const row = await env.run(stream(text), { kind: 'do-not-call', campaignId, fileName: 'list.csv' });
        const want = model(cells, row.id, 'do-not-call', new Set(), owners);
        expect(env.rejects(row.id)).toEqual(want.rejects);
        const added = db.db.select({ phone: table.phone }).from(table).where(eq(table.importId, row.id)).orderBy(table.id).all();
        expect(added.map((a) => a.phone)).toEqual(want.placed.map((p) => p.phone));
        expect(new Set(want.rejects.map((r) => r.reason))).toEqual(new Set(['invalid-number', 'missing-phone', 'duplicate-in-file', 'already-listed']));
      }
    });
  }
});
