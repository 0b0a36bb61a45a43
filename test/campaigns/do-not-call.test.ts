import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calls, contacts } from '../../src/db/schema.js';
import { fixture, makeImportEnv, type ImportEnv } from './import/support.js';

let env: ImportEnv;
beforeEach(() => {
  env = makeImportEnv();
});
afterEach(() => env.close());

describe('DoNotCallStore', () => {
  it('blocks a number globally or for one campaign, from the moment it is added', () => {
    const other = env.campaigns.create({ name: 'other', openingMedia: 'sound:x' }).id;
    expect(env.dnc.isBlocked(env.campaignId, '+8613812345678')).toBe(false);
    expect(env.dnc.add({ phone: '+8613812345678', source: 'api', reason: 'complaint', addedBy: null }).added).toBe(true);
    expect(env.dnc.isBlocked(env.campaignId, '+8613812345678')).toBe(true);
    expect(env.dnc.isBlocked(other, '+8613812345678')).toBe(true);

    env.dnc.add({ phone: '+8613912345678', campaignId: env.campaignId, source: 'api' });
    expect(env.dnc.isBlocked(env.campaignId, '+8613912345678')).toBe(true);
    expect(env.dnc.isBlocked(other, '+8613912345678')).toBe(false);
  });

  it('blockedAmong answers for a whole list of numbers what isBlocked answers for each', () => {
    const other = env.campaigns.create({ name: 'other', openingMedia: 'sound:x' }).id;
    const numbers = Array.from({ length: 30 }, (_, i) => `+86138000000${String(i).padStart(2, '0')}`);
    numbers.forEach((phone, i) => {
      if (i % 5 === 0) env.dnc.add({ phone, source: 'api' });
      if (i % 7 === 0) env.dnc.add({ phone, campaignId: env.campaignId, source: 'api' });
      if (i % 3 === 0) env.dnc.add({ phone, campaignId: other, source: 'api' });
    });
    for (const campaignId of [env.campaignId, other]) {
      const blocked = env.dnc.blockedAmong(campaignId, [...numbers, numbers[0]!, '+8613912345678']);
      expect([...blocked].sort()).toEqual(numbers.filter((n) => env.dnc.isBlocked(campaignId, n)));
    }
    expect(env.dnc.blockedAmong(env.campaignId, [])).toEqual(new Set());
  });

  it('adds each number once per list and says when it was there already', () => {
    const first = env.dnc.add({ phone: '+8613812345678', source: 'api', reason: 'first' });
    const second = env.dnc.add({ phone: '+8613812345678', source: 'import', reason: 'second' });
    expect(second).toEqual({ added: false, entry: first.entry });
    expect(env.dnc.add({ phone: '+8613812345678', campaignId: env.campaignId, source: 'api' }).added).toBe(true);
    expect(env.dnc.find('+8613812345678', env.campaignId).map((e) => [e.scope, e.reason])).toEqual([
      ['global', 'first'],
      ['campaign', ''],
    ]);
    expect(env.dnc.list(null).map((e) => e.phone)).toEqual(['+8613812345678']);
    expect(env.dnc.remove('global', first.entry.id)?.phone).toBe('+8613812345678');
    expect(env.dnc.remove('global', first.entry.id)).toBeNull();
    expect(env.dnc.isBlocked(999, '+8613812345678')).toBe(false);
  });

  it("records the customer's 'do not call me' from a call: global list, contact marked", () => {
    const contact = env.db.db.insert(contacts).values({ campaignId: env.campaignId, phone: '+8613812345678', createdAt: 1 }).returning().get();
    const call = { id: randomUUID(), phone: contact.phone, contactId: contact.id };
    env.db.db
      .insert(calls)
      .values({ ...call, campaignId: env.campaignId, endpoint: 'PJSIP/x', channelId: 'c', state: 'connected', originatedAt: 1 })
      .run();
    const result = env.dnc.addFromCall(call, null, 'asked twice');
    expect(result.added).toBe(true);
    expect(result.entry).toMatchObject({ scope: 'global', source: 'disposition', callId: call.id, reason: 'asked twice' });
    expect(env.dnc.isBlocked(env.campaignId, contact.phone)).toBe(true);
    expect(env.db.db.select().from(contacts).where(eq(contacts.id, contact.id)).get()?.doNotCallAt).toBe(env.clock.now());
    expect(env.dnc.addFromCall(call, null).added).toBe(false);

  });

  it('the JSON loader refuses do-not-call numbers and checks number types too', () => {
    env.dnc.add({ phone: '+8613912345678', source: 'api' });
    const result = env.campaigns.addContacts(env.campaignId, [
      { phone: '138 1234 5678' },
      { phone: '+86 139 1234 5678' },
      { phone: '400-810-8888' },
      { phone: '13812345678' },
    ]);
    expect(result).toEqual({
      accepted: 1,
      duplicate: 1,
      doNotCall: 1,
      rejected: [
        { index: 1, phone: '+86 139 1234 5678', code: 'do-not-call', reason: 'the number is on the do-not-call list' },
        { index: 2, phone: '400-810-8888', code: 'unsupported-type', reason: 'a shared-cost number; only mobile and fixed-line numbers are dialed' },
      ],
    });
  });
});

describe('do-not-call file imports', () => {
  it('dnc.csv onto the global list: any valid number, repeats and invalid ones counted', async () => {
    const row = await env.run({ path: fixture('dnc.csv') }, { kind: 'do-not-call', campaignId: null });
    expect(row).toMatchObject({ kind: 'do-not-call', campaignId: null, phoneColumn: '号码', status: 'completed', rowsRead: 5, accepted: 3 });
    expect(env.rejects(row.id).map((r) => [r.line, r.reason, r.raw])).toEqual([
      [4, 'duplicate-in-file', '13812345678'],
      [6, 'invalid-number', 'abc'],
    ]);
    for (const phone of ['+8613812345678', '+8613912345678', '+864008108888']) {
      expect(env.dnc.isBlocked(env.campaignId, phone)).toBe(true);
    }
    expect(env.dnc.find('+8613812345678')[0]).toMatchObject({ source: 'import', importId: row.id });

    // Contacts imported afterwards are checked against it.
    const list = await env.run({ path: fixture('messy-numbers.csv') });
    expect(list.counts['do-not-call']).toBe(4);
  });

  it("onto one campaign's list, which no other campaign heeds; numbers already listed are counted", async () => {
    env.dnc.add({ phone: '+8613812345678', campaignId: env.campaignId, source: 'api' });
    const row = await env.run({ path: fixture('dnc.csv') }, { kind: 'do-not-call' });
    expect(row).toMatchObject({ campaignId: env.campaignId, rowsRead: 5, accepted: 2 });
    // Line 4 repeats line 2's number, which was on the list before this file.
    expect(Object.fromEntries(Object.entries(row.counts).filter(([, n]) => n))).toEqual({ 'already-listed': 2, 'invalid-number': 1 });
    const other = env.campaigns.create({ name: 'other', openingMedia: 'sound:x' }).id;
    expect(env.dnc.isBlocked(env.campaignId, '+8613912345678')).toBe(true);
    expect(env.dnc.isBlocked(other, '+8613912345678')).toBe(false);

    // Discarding the import takes its entries off again (not the one added by hand).
    expect(await env.importer.store.discard(row.id)).toMatchObject({ removed: 2 });
    expect(env.dnc.isBlocked(env.campaignId, '+8613912345678')).toBe(false);
    expect(env.dnc.isBlocked(env.campaignId, '+8613812345678')).toBe(true);
  });
});
