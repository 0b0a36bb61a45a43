/**
 * The session store over a real migrated SQLite database: what it writes for a session, how
 * it closes sessions a crash left open, and what the figures read back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { AgentSessionsStore } from '../../src/agents/agent-sessions-store.js';
import type { AgentSessionView } from '../../src/agents/agent-pool.js';
import { openDatabase, type OpenDatabaseResult } from '../../src/db/database.js';
import { agentSessions, agentStateLog, agents } from '../../src/db/schema.js';
import { ManualClock } from '../http/support.js';

let db: OpenDatabaseResult | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

function setup() {
  db = openDatabase(':memory:');
  const clock = new ManualClock(1_000_000);
  const store = new AgentSessionsStore({ db: db.db, clock, logger: pino({ level: 'silent' }) });
  const agentId = db.db.insert(agents).values({ name: 'Ann', extension: '7001', createdAt: 0 }).returning().get().id;
  const view = (patch: Partial<AgentSessionView>): AgentSessionView => ({
    agentId,
    name: 'Ann',
    extension: '7001',
    state: 'ready',
    stateSince: clock.now(),
    callId: null,
    channelId: 'agent-1-x',
    via: 'api',
    reason: null,
    pausedSince: null,
    pendingPause: null,
    wrapUpCallId: null,
    ...patch,
  });
  return { db: db.db, clock, store, agentId, view };
}

describe('AgentSessionsStore', () => {
  it('writes a session and every state with its reason and call, closing with logged-out', () => {
    const { db, store, agentId, view } = setup();
    const id = store.sessionStarted({ agentId, channelId: 'agent-1-x', via: 'api', at: 1000 });
    store.stateChanged(view({ state: 'ready', stateSince: 1010 }));
    store.stateChanged(view({ state: 'reserved', stateSince: 2000, callId: 'c1' }));
    store.stateChanged(view({ state: 'on-call', stateSince: 2001, callId: 'c1' }));
    store.stateChanged(view({ state: 'wrap-up', stateSince: 3000, wrapUpCallId: 'c1' }));
    store.stateChanged(view({ state: 'paused', stateSince: 3010, reason: 'BREAK', pausedSince: 3010 }));
    store.sessionEnded({ agentId, at: 4000, reason: 'logout' });
    expect(store.openSessionId(agentId)).toBeNull();
    expect(db.select().from(agentSessions).all()).toEqual([{ id, agentId, via: 'api', channelId: 'agent-1-x', startedAt: 1000, endedAt: 4000, endReason: 'logout' }]);
    expect(db.select().from(agentStateLog).all().map((r) => [r.state, r.at, r.reason, r.callId])).toEqual([
      ['connecting', 1000, null, null],
      ['ready', 1010, null, null],
      ['reserved', 2000, null, 'c1'],
      ['on-call', 2001, null, 'c1'],
      ['wrap-up', 3000, null, 'c1'],
      ['paused', 3010, 'BREAK', null],
      ['logged-out', 4000, 'logout', null],
    ]);
    expect(store.stateEntries(0, 10_000).map((e) => e.state)).toHaveLength(7);
    expect(store.stateEntries(4000, 10_000)).toEqual([]);
    expect(store.stateEntries(3999, 10_000, [agentId + 1])).toEqual([]);
  });

  it('closes sessions a crash left open at their last logged moment, and all open ones at stop', () => {
    const { db, clock, store, agentId, view } = setup();
    store.sessionStarted({ agentId, channelId: 'agent-1-x', via: 'api', at: 1000 });
    store.stateChanged(view({ state: 'ready', stateSince: 1500 }));
    // A new process: the old session is nobody's.
    const next = new AgentSessionsStore({ db, clock, logger: pino({ level: 'silent' }) });
    expect(next.closeStale()).toBe(1);
    expect(next.closeStale()).toBe(0);
    expect(db.select().from(agentSessions).get()).toMatchObject({ endedAt: 1500, endReason: expect.stringMatching(/earlier run/) });

    next.sessionStarted({ agentId, channelId: 'agent-1-y', via: 'dial-in', at: 5000 });
    clock.advance(1000);
    next.closeAll('service stopped');
    expect(db.select().from(agentSessions).all().map((s) => [s.startedAt, s.endedAt, s.endReason])).toEqual([
      [1000, 1500, expect.any(String)],
      [5000, clock.now(), 'service stopped'],
    ]);
    // Changes of an agent without a session are not logged (after stop, say).
    next.stateChanged(view({ state: 'ready' }));
    expect(db.select().from(agentStateLog).all().filter((r) => r.at === clock.now() && r.state === 'ready')).toEqual([]);
  });
});
