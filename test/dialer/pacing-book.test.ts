/**
 * What pacing learns from the calls table: the abandon record (lifetime and last 30 days,
 * lost answered calls counted as abandoned), and estimators rebuilt after a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { calls, campaigns, contacts, type CallOutcome } from '../../src/db/schema.js';
import { isAbandoned, PacingBook, recordCall } from '../../src/dialer/pacing-book.js';
import { emptyCampaignStats, toPacingStats } from '../../src/dialer/pacing/stats.js';
import { ManualClock } from '../http/support.js';

const DAY = 86_400_000;
let db: OpenDatabaseResult;
let clock: ManualClock;
let n = 0;

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = new ManualClock(Date.UTC(2025, 5, 1, 2, 0, 0));
  db.db.insert(campaigns).values({ name: 'c', openingMedia: 'sound:o', createdAt: 0, updatedAt: 0 }).run();
  db.db.insert(contacts).values({ campaignId: 1, phone: '+8613800138000', createdAt: 0 }).run();
});
afterEach(() => db.close());

function call(outcome: CallOutcome, at: number, extra: Partial<typeof calls.$inferInsert> = {}): void {
  db.db
    .insert(calls)
    .values({ id: `c${n++}`, campaignId: 1, contactId: 1, phone: '+8613800138000', endpoint: 'x', channelId: `ch${n}`, state: 'ended', originatedAt: at, endedAt: at + 30_000, outcome, ...extra })
    .run();
}
const answered = (at: number, connected = true) => ({ answeredAt: at + 8000, ...(connected ? { agentConnectedAt: at + 9000 } : {}) });

describe('the abandon record', () => {
  it('counts abandoned ÷ answered by a person, lifetime and over the last 30 days', () => {
    const now = clock.now();
    call('answered', now - 40 * DAY, answered(now - 40 * DAY));
    call('abandoned', now - 40 * DAY, answered(now - 40 * DAY, false));
    call('abandoned', now - 40 * DAY, answered(now - 40 * DAY, false));
    call('answered', now - DAY, answered(now - DAY));
    call('abandoned', now - DAY, answered(now - DAY, false));
    call('busy', now - DAY);
    call('no-answer', now - DAY);
    // Lost by the service after the customer answered, before any agent: abandoned.
    call('interrupted', now - DAY, answered(now - DAY, false));
    // Lost while talking to an agent: answered, not abandoned. Lost before any answer: neither.
    call('interrupted', now - DAY, answered(now - DAY));
    call('interrupted', now - DAY);
    const book = new PacingBook({ db: db.db, clock });
    expect(book.abandonCounts(1)).toEqual({
      lifetime: { abandoned: 4, liveAnswered: 7 },
      last30Days: { abandoned: 2, liveAnswered: 4 },
    });
  });

  it('is kept up as calls end and re-read from the table every minute', () => {
    const book = new PacingBook({ db: db.db, clock });
    expect(book.abandonCounts(1).lifetime).toEqual({ abandoned: 0, liveAnswered: 0 });
    const facts = { originatedAt: clock.now(), answeredAt: clock.now() + 5000, agentConnectedAt: null, endedAt: clock.now() + 9000, openingStartedAt: null, openingFinishedAt: null, outcome: 'abandoned' as const };
    book.callEnded(1, facts);
    expect(book.abandonCounts(1).last30Days).toEqual({ abandoned: 1, liveAnswered: 1 });
    // Not in the table: the next re-read, a minute on, forgets it.
    clock.advance(60_000);
    expect(book.abandonCounts(1).last30Days).toEqual({ abandoned: 0, liveAnswered: 0 });
  });
});

describe('the estimators', () => {
  it('a call teaches answer time, ring-out time and talk time, in pacing seconds', () => {
    const t = 1_000_000;
    let s = emptyCampaignStats(60);
    s = recordCall(s, { originatedAt: t, answeredAt: t + 500, agentConnectedAt: t + 600, endedAt: t + 2600, openingStartedAt: null, openingFinishedAt: null, outcome: 'answered' }, 50);
    s = recordCall(s, { originatedAt: t, answeredAt: null, agentConnectedAt: null, endedAt: t + 1250, openingStartedAt: null, openingFinishedAt: null, outcome: 'no-answer' }, 50);
    expect(s.answerRate.slow.sum).toBeCloseTo(1, 2); // the first observation has decayed by one step
    expect(s.answerRate.slow.w).toBeCloseTo(2, 2);
    expect(s.timeToLiveAnswer.counts[10]).toBe(1); // 500 ms at 50 ms per second = 10 s
    expect(s.nonLiveDuration.counts[25]).toBe(1);
    expect(s.talk.slow.w).toBe(1);
    expect(Math.exp(s.talk.slow.sum)).toBeCloseTo(40); // 2000 ms = 40 s
    // An interrupted call without an answer teaches nothing about ring times.
    expect(recordCall(s, { originatedAt: t, answeredAt: null, agentConnectedAt: null, endedAt: t + 10, openingStartedAt: null, openingFinishedAt: null, outcome: 'interrupted' }, 50)).toBe(s);
  });

  it('after a restart they are rebuilt from the campaign\'s recent calls, not reset to the priors', () => {
    for (let i = 0; i < 300; i++) call(i % 10 === 0 ? 'answered' : 'no-answer', clock.now() - DAY + i * 1000, i % 10 === 0 ? answered(clock.now() - DAY + i * 1000) : {});
    const book = new PacingBook({ db: db.db, clock });
    const stats = toPacingStats(book.stats(1, 25), book.priors);
    // 30 live of 300, against a 50% prior worth 50 attempts: (30 + 25) ÷ 350.
    expect(stats.liveAnswerRate).toBeCloseTo(55 / 350, 2);
  });

  it('isAbandoned follows the record\'s rule', () => {
    expect(isAbandoned({ outcome: 'abandoned', answeredAt: 1, agentConnectedAt: null })).toBe(true);
    expect(isAbandoned({ outcome: 'interrupted', answeredAt: 1, agentConnectedAt: null })).toBe(true);
    expect(isAbandoned({ outcome: 'interrupted', answeredAt: 1, agentConnectedAt: 2 })).toBe(false);
    expect(isAbandoned({ outcome: 'answered', answeredAt: 1, agentConnectedAt: null })).toBe(false);
  });
});
