/**
 * The live agent view: each agent's state and time in it, pause flags, talk time today against
 * the target, progress and the projected end-of-day attainment. Snapshots are pushed to
 * subscribers (the SSE route) at once on every change — state, login, call end — and at least
 * every `refreshMs`. A pause crossing the long-pause limit is announced the moment it does.
 *
 * Today's figures come from the same pure computation as the reports (figures.ts), cached
 * until something changes; between changes only the running logged-in time grows.
 */
import type { Logger } from 'pino';
import type { Clock, TimerHandle } from '../clock.js';
import type { AgentPool, AgentSessionView } from './agent-pool.js';
import type { AgentRegistry } from './agent-registry.js';
import type { AgentReportService } from './agent-report-service.js';
import { isLongPause, type AgentState } from './agent-states.js';
import { dayOf, dayStart, nextDay } from './centre-days.js';
import { addTally, emptyTally, type Tally } from './figures.js';
import { progressPct, projectTalkMs, type TargetSource } from './targets.js';

/** One agent in the live view. */
export interface LiveAgentRow {
  agentId: number;
  name: string;
  team: string;
  role: string;
  extension: string;
  state: AgentState | 'logged-out';
  stateSince: number | null;
  timeInStateSec: number | null;
  /** Pause code while paused. */
  reason: string | null;
  pendingPause: string | null;
  /** Length of the current pause (a change of reason does not restart it). */
  pauseSec: number | null;
  /** The current pause is longer than the limit (5 min). */
  longPause: boolean;
  callId: string | null;
  connectedToday: number;
  talkTodaySec: number;
  loggedInTodaySec: number;
  targetSec: number;
  targetSource: TargetSource;
  /** Talk today ÷ target, %, one decimal; null for a zero target. */
  progressPct: number | null;
  /** Talk today + (talk today ÷ logged-in today) × rest of the shift (never past midnight). */
  projectedTalkSec: number;
  projectedAttainmentPct: number | null;
}

/** The live view at one moment. */
export interface LiveSnapshot {
  at: number;
  day: string;
  timeZone: string;
  longPauseLimitSec: number;
  shiftHours: number;
  /** How the projection is made, for the screen's footnote. */
  projection: string;
  agents: LiveAgentRow[];
}

/** What subscribers receive. */
export type LiveEvent =
  | { type: 'snapshot'; snapshot: LiveSnapshot }
  | { type: 'long-pause'; agentId: number; name: string; reason: string | null; pausedSince: number; at: number };

/** Options of {@link LiveView}. */
export interface LiveViewOptions {
  pool: AgentPool;
  registry: AgentRegistry;
  reports: AgentReportService;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  longPauseMs: number;
  /** AGENT_SHIFT_HOURS in ms. */
  shiftMs: number;
  /** Full snapshot at least this often while someone watches. */
  refreshMs: number;
}

const PROJECTION =
  'talk today + (talk today ÷ logged-in time today) × (shift hours − logged-in time today), never past midnight: the pace so far, kept for the rest of the shift';

/** Builds snapshots and pushes them (and long-pause alerts) to subscribers. */
export class LiveView {
  private readonly listeners = new Set<(ev: LiveEvent) => void>();
  private readonly pauseTimers = new Map<number, { pausedSince: number; timer: TimerHandle }>();
  private readonly log: Logger;
  private version = 0;
  private cache: { version: number; day: string; at: number; tallies: Map<number, Tally> } | null = null;
  private refreshTimer: TimerHandle | null = null;
  private pushScheduled = false;

  constructor(private readonly opts: LiveViewOptions) {
    this.log = opts.logger.child({ module: 'live-view' });
    opts.pool.on('changed', (view) => {
      this.watchPause(view);
      this.invalidate();
    });
    opts.pool.on('session-started', () => this.invalidate());
    opts.pool.on('session-ended', (info) => {
      this.unwatchPause(info.agentId);
      this.invalidate();
    });
  }

  /** A call ended: talk time moved. */
  callEnded(): void {
    this.invalidate();
  }

  /** Listens to snapshots and alerts; returns the unsubscribe function. */
  subscribe(listener: (ev: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.armRefresh();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.refreshTimer?.cancel();
        this.refreshTimer = null;
      }
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /** Cancels every timer (service stop). */
  stop(): void {
    this.refreshTimer?.cancel();
    this.refreshTimer = null;
    for (const { timer } of this.pauseTimers.values()) timer.cancel();
    this.pauseTimers.clear();
    this.listeners.clear();
  }

  /** The view now, every registered agent (logged in or not). */
  snapshot(): LiveSnapshot {
    const { clock, registry, pool, timeZone, longPauseMs, shiftMs } = this.opts;
    const now = clock.now();
    const day = dayOf(now, timeZone);
    const agents = registry.list();
    const tallies = this.todayTallies(day, now, agents.map((a) => a.id));
    const untilDayEndMs = dayStart(nextDay(day), timeZone) - now;
    const rows = agents.map((a): LiveAgentRow => {
      const s = pool.get(a.id);
      const t = tallies.get(a.id) ?? emptyTally();
      const projected = projectTalkMs({ talkMs: t.talkMs, loggedInMs: t.loggedInMs, shiftMs, untilDayEndMs });
      return {
        agentId: a.id,
        name: a.name,
        team: a.team,
        role: a.role,
        extension: a.extension,
        state: s?.state ?? 'logged-out',
        stateSince: s?.stateSince ?? null,
        timeInStateSec: s ? Math.round((now - s.stateSince) / 1000) : null,
        reason: s?.reason ?? null,
        pendingPause: s?.pendingPause ?? null,
        pauseSec: s?.pausedSince != null ? Math.round((now - s.pausedSince) / 1000) : null,
        longPause: s ? isLongPause(s, now, longPauseMs) : false,
        callId: s?.callId ?? null,
        connectedToday: t.connected,
        talkTodaySec: Math.round(t.talkMs / 1000),
        loggedInTodaySec: Math.round(t.loggedInMs / 1000),
        targetSec: a.targetSec,
        targetSource: a.targetSource,
        progressPct: progressPct(t.talkMs, a.targetSec),
        projectedTalkSec: Math.round(projected / 1000),
        projectedAttainmentPct: progressPct(projected, a.targetSec),
      };
    });
    return { at: now, day, timeZone, longPauseLimitSec: Math.round(longPauseMs / 1000), shiftHours: shiftMs / 3_600_000, projection: PROJECTION, agents: rows };
  }

  private invalidate(): void {
    this.version += 1;
    this.schedulePush();
  }

  /** Today's tallies: recomputed after a change, else the cached ones with the running logged-in time added. */
  private todayTallies(day: string, now: number, agentIds: number[]): Map<number, Tally> {
    const c = this.cache;
    if (!c || c.version !== this.version || c.day !== day) {
      this.cache = { version: this.version, day, at: now, tallies: this.opts.reports.dayTallies(day, agentIds) };
      return this.cache.tallies;
    }
    const out = new Map<number, Tally>();
    for (const agentId of agentIds) {
      const copy = addTally(emptyTally(), c.tallies.get(agentId) ?? emptyTally());
      const s = this.opts.pool.get(agentId);
      if (s && s.state !== 'connecting') copy.loggedInMs += now - c.at;
      out.set(agentId, copy);
    }
    return out;
  }

  private schedulePush(): void {
    if (this.listeners.size === 0 || this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.push();
    });
  }

  private push(): void {
    if (this.listeners.size === 0) return;
    let snapshot: LiveSnapshot;
    try {
      snapshot = this.snapshot();
    } catch (err) {
      this.log.error({ err }, 'live-view: snapshot failed');
      return;
    }
    this.emit({ type: 'snapshot', snapshot });
  }

  private emit(ev: LiveEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(ev);
      } catch (err) {
        this.log.warn({ err }, 'live-view: a subscriber failed');
      }
    }
  }

  private armRefresh(): void {
    this.refreshTimer = this.opts.clock.setTimeout(() => {
      if (this.listeners.size === 0) return;
      this.push();
      this.armRefresh();
    }, this.opts.refreshMs);
  }

  private watchPause(view: AgentSessionView): void {
    if (view.state !== 'paused' || view.pausedSince === null) {
      this.unwatchPause(view.agentId);
      return;
    }
    const pausedSince = view.pausedSince;
    if (this.pauseTimers.get(view.agentId)?.pausedSince === pausedSince) return;
    this.unwatchPause(view.agentId);
    const due = pausedSince + this.opts.longPauseMs + 1 - this.opts.clock.now();
    const timer = this.opts.clock.setTimeout(() => {
      this.pauseTimers.delete(view.agentId);
      const s = this.opts.pool.get(view.agentId);
      if (!s || s.state !== 'paused' || s.pausedSince !== pausedSince) return;
      const at = this.opts.clock.now();
      this.log.warn({ agentId: s.agentId, reason: s.reason, pausedSince }, 'agents: pause longer than the limit');
      this.emit({ type: 'long-pause', agentId: s.agentId, name: s.name, reason: s.reason, pausedSince, at });
      this.invalidate();
    }, Math.max(0, due));
    this.pauseTimers.set(view.agentId, { pausedSince, timer });
  }

  private unwatchPause(agentId: number): void {
    this.pauseTimers.get(agentId)?.timer.cancel();
    this.pauseTimers.delete(agentId);
  }
}
