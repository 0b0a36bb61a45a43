import { eq } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { inArray } from 'drizzle-orm';
import { listValues, once, perCount, placeholder, placeholders, RowWriter } from '../../src/db/prepared.js';
import { webhookEndpoints } from '../../src/db/schema-webhooks.js';

describe('queries built once', () => {
  let database: OpenDatabaseResult;
  beforeEach(() => {
    database = openDatabase(':memory:');
  });
  afterEach(() => database.sqlite.close());

  const endpoint = (over: Partial<typeof webhookEndpoints.$inferInsert> = {}): typeof webhookEndpoints.$inferInsert => ({
    url: 'https://crm.example/hook',
    events: ['call.ended'],
    secret: 's',
    createdAt: 1,
    updatedAt: 1,
    ...over,
  });
  const all = () => database.db.select().from(webhookEndpoints).orderBy(webhookEndpoints.id).all();

  it('inserts rows of different shapes, encoding values by their columns and leaving the rest to their defaults', () => {
    const rows = new RowWriter(database.db, webhookEndpoints, webhookEndpoints.id);
    rows.insert(endpoint());
    rows.insert(endpoint({ url: 'https://b.example', active: false, events: ['call.ended', 'subscription.confirmed'], createdBy: null }));
    rows.insert(endpoint({ url: 'https://c.example', createdBy: 7 }));
    expect(all().map(({ url, events, active, createdBy, description }) => ({ url, events, active, createdBy, description }))).toEqual([
      { url: 'https://crm.example/hook', events: ['call.ended'], active: true, createdBy: null, description: '' },
      { url: 'https://b.example', events: ['call.ended', 'subscription.confirmed'], active: false, createdBy: null, description: '' },
      { url: 'https://c.example', events: ['call.ended'], active: true, createdBy: 7, description: '' },
    ]);
  });

  it('updates only the row with the key, only the columns given, nulls included; undefined leaves a column alone', () => {
    const rows = new RowWriter(database.db, webhookEndpoints, webhookEndpoints.id);
    rows.insert(endpoint({ createdBy: 3 }));
    rows.insert(endpoint({ url: 'https://other.example', createdBy: 4 }));
    const [a, b] = all();
    expect(rows.update(a!.id, { active: false, events: ['subscription.confirmed'] })).toBe(1);
    expect(rows.update(a!.id, { createdBy: null, description: undefined, updatedAt: 9 })).toBe(1);
    // the same shape again, another value: the query built for it is reused with the new value
    expect(rows.update(a!.id, { active: true, events: ['call.ended'] })).toBe(1);
    expect(rows.update(a!.id, {})).toBe(0);
    expect(rows.update(999, { updatedAt: 2 })).toBe(0);
    const [a2, b2] = all();
    expect(a2).toMatchObject({ active: true, events: ['call.ended'], createdBy: null, description: '', updatedAt: 9 });
    expect(b2).toEqual(b);
  });

  it('refuses a table with a default function, which a query built once would evaluate once', () => {
    const stamped = sqliteTable('stamped', { id: integer('id').primaryKey(), at: integer('at').$defaultFn(() => Date.now()), note: text('note') });
    expect(() => new RowWriter(database.db, stamped, stamped.id)).toThrow(/default function/);
  });

  it('builds a fixed query on first use and hands back the same one after', () => {
    let builds = 0;
    const byUrl = once(() => {
      builds += 1;
      return database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.url, placeholder('url'))).prepare();
    });
    expect(builds).toBe(0);
    new RowWriter(database.db, webhookEndpoints, webhookEndpoints.id).insert(endpoint());
    expect(byUrl().get({ url: 'https://crm.example/hook' })?.secret).toBe('s');
    expect(byUrl().get({ url: 'https://none.example' })).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('builds an `in (…)` query once per length of its list, and fills the list by name', () => {
    const rows = new RowWriter(database.db, webhookEndpoints, webhookEndpoints.id);
    for (const url of ['https://a.example', 'https://b.example', 'https://c.example']) rows.insert(endpoint({ url }));
    const lengths: number[] = [];
    const byUrls = perCount((n) => {
      lengths.push(n);
      return database.db.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(inArray(webhookEndpoints.url, placeholders('u', n))).orderBy(webhookEndpoints.url).prepare();
    });
    const find = (urls: string[]) => byUrls(urls.length).all(listValues('u', urls)).map((r) => r.url);
    expect(find(['https://c.example', 'https://a.example'])).toEqual(['https://a.example', 'https://c.example']);
    expect(find(['https://b.example', 'https://none.example'])).toEqual(['https://b.example']);
    expect(find(['https://b.example'])).toEqual(['https://b.example']);
    expect(lengths).toEqual([2, 1]);
    expect(listValues('u', ['x', 'y'], { keep: 1 })).toEqual({ keep: 1, u0: 'x', u1: 'y' });
  });
});
