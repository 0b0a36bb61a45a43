/**
 * A seeded discrete-event simulation of an outbound call floor, driving `callsToPlace`
 * exactly as the dial loop will: every tick it builds a PacingInput from the floor and the
 * campaign's rolling statistics, and places the calls asked for. No real time passes; a run
 * is a pure function of its options (same seed → identical metrics).
 *
 * The floor:
 *  - `agents` agents logged in for the whole shift; ready → on call → wrap-up → ready.
 *  - Each placed call is answered by a live person with probability `liveAnswerRate`, after
 *    a uniform delay in [answerDelaySec.min, answerDelaySec.max]; otherwise it rings until
 *    `ringTimeoutSec` and ends.
 *  - A live answer is connected at once to the agent who has been ready longest. With no
 *    agent free it hears the opening (`openingSec`) and waits; if no agent is free within
 *    `graceSec` of the opening's end it hears the safe-harbour message and is hung up:
 *    abandoned. Waiting calls are served first come, first served.
 *  - Talk time (agent connected) is lognormal with mean `talkMeanSec` and log-sigma
 *    `talkSigma` (default 0.8: coefficient of variation ≈ 0.95, median ≈ 65 s for a 90 s
 *    mean — a long right tail as real calls have). Wrap-up lasts `wrapSec`.
 */
import { callsToPlace } from './pacing.js';
import { createRng, deriveSeed } from './random.js';
import { lognormalFromMean } from './distributions.js';
import {
  DEFAULT_STATS_PRIORS,
  emptyCampaignStats,
  recordLiveAnswer,
  recordNonLive,
  recordTalkTime,
  recordWrapTime,
  toPacingStats,
  type CampaignStatsState,
  type StatsPriors,
} from './stats.js';
import { EventQueue } from './event-queue.js';
import type { AgentSnapshot, CallInFlight, DialMode, PacingDecision, PacingInput, PredictiveTuning } from './types.js';

/** What to simulate. Only seed, mode, agents and liveAnswerRate are required. */
export interface FloorOptions {
  readonly seed: number;
  readonly mode: DialMode;
  readonly agents: number;
  /** Probability a placed call is answered by a live person. */
  readonly liveAnswerRate: number;
  /** Simulated shift length; default 8 h. */
  readonly durationSec?: number;
  readonly answerDelaySec?: { readonly min: number; readonly max: number };
  readonly ringTimeoutSec?: number;
  readonly openingSec?: number;
  readonly graceSec?: number;
  readonly talkMeanSec?: number;
  readonly talkSigma?: number;
  readonly wrapSec?: number;
  /** Pacing is consulted every tick; default 1 s. */
  readonly tickSec?: number;
  readonly abandonCap?: number;
  readonly maxLines?: number;
  readonly contacts?: number;
  readonly tuning?: Partial<PredictiveTuning>;
  readonly priors?: StatsPriors;
  /** The running abandon rate is watched only after this many live answers; default 100. */
  readonly warmupAnswers?: number;
  /** Called after every pacing decision, for traces and diagnostics. */
  readonly onDecision?: (t: number, input: PacingInput, decision: PacingDecision, floor: FloorCounters) => void;
}

/** Running totals of a simulation, as seen by `onDecision`. */
export interface FloorCounters {
  readonly placed: number;
  readonly liveAnswered: number;
  readonly abandoned: number;
}

/** Results of one simulated shift. */
export interface FloorMetrics {
  readonly mode: DialMode;
  readonly seed: number;
  readonly agents: number;
  readonly liveAnswerRate: number;
  readonly durationSec: number;
  readonly placed: number;
  /** Calls answered by a live person (abandoned ones included). */
  readonly liveAnswered: number;
  /** Live answers that reached an agent. */
  readonly connected: number;
  readonly abandoned: number;
  /** Agent-seconds connected to customers. */
  readonly talkSec: number;
  /** talkSec ÷ (agents × durationSec). */
  readonly occupancy: number;
  /** abandoned ÷ liveAnswered (0 with no answers). */
  readonly abandonRate: number;
  /** The highest abandoned ÷ liveAnswered seen at any moment after warm-up. */
  readonly maxRunningAbandonRate: number;
  /** Connected calls per logged-in agent-hour. */
  readonly connectedPerAgentHour: number;
  /** Live answers per logged-in agent-hour. */
  readonly liveAnsweredPerAgentHour: number;
  /** Upper bound on occupancy with agents never idle: talk ÷ (talk + wrap). */
  readonly occupancyBound: number;
  /** Most calls in flight (dialing, ringing or queued) at once. */
  readonly peakCallsInFlight: number;
}

type SimEvent =
  | { readonly kind: 'tick' }
  | { readonly kind: 'answer'; readonly callId: number }
  | { readonly kind: 'noAnswer'; readonly callId: number }
  | { readonly kind: 'deadline'; readonly callId: number }
  | { readonly kind: 'talkEnd'; readonly agent: number }
  | { readonly kind: 'wrapEnd'; readonly agent: number };

interface SimAgent {
  state: 'ready' | 'onCall' | 'wrapUp';
  since: number;
  talkSec: number;
}

interface SimCall {
  readonly placedAt: number;
  stage: 'ringing' | 'queued';
}

/** Runs one shift and returns its metrics. */
export function simulateFloor(options: FloorOptions): FloorMetrics {
  const o = {
    durationSec: 8 * 3600,
    answerDelaySec: { min: 3, max: 20 },
    ringTimeoutSec: 25,
    openingSec: 5,
    graceSec: 2,
    talkMeanSec: 90,
    talkSigma: 0.8,
    wrapSec: 10,
    tickSec: 1,
    abandonCap: 0.03,
    maxLines: Infinity,
    contacts: Infinity,
    priors: DEFAULT_STATS_PRIORS,
    warmupAnswers: 100,
    ...options,
  };
  const outcomeRng = createRng(deriveSeed(o.seed, 1));
  const talkRng = createRng(deriveSeed(o.seed, 2));
  const talkLaw = lognormalFromMean(o.talkMeanSec, o.talkSigma);
  const end = o.durationSec;

  const events = new EventQueue<SimEvent>();
  const agents: SimAgent[] = Array.from({ length: o.agents }, () => ({ state: 'ready', since: 0, talkSec: 0 }));
  const calls = new Map<number, SimCall>();
  const waiting: number[] = []; // queued call ids, oldest first
  let stats: CampaignStatsState = emptyCampaignStats(Math.max(60, o.ringTimeoutSec + 1));
  let nextCallId = 0;
  let contactsLeft = o.contacts;
  let placed = 0;
  let liveAnswered = 0;
  let connected = 0;
  let abandoned = 0;
  let maxRunning = 0;
  let peakInFlight = 0;

  const connect = (agentIndex: number, callId: number, t: number): void => {
    const agent = agents[agentIndex]!;
    calls.delete(callId);
    agent.state = 'onCall';
    agent.since = t;
    connected++;
    events.schedule(t + talkRng.lognormal(talkLaw.mu, talkLaw.sigma), { kind: 'talkEnd', agent: agentIndex });
  };

  const longestReady = (): number => {
    let best = -1;
    for (let i = 0; i < agents.length; i++) {
      const a = agents[i]!;
      if (a.state === 'ready' && (best < 0 || a.since < agents[best]!.since)) best = i;
    }
    return best;
  };

  const place = (t: number): void => {
    const callId = nextCallId++;
    placed++;
    contactsLeft--;
    calls.set(callId, { placedAt: t, stage: 'ringing' });
    // Always draw both numbers so the k-th call has the same fate under every pacing mode.
    const live = outcomeRng.bernoulli(o.liveAnswerRate);
    const delay = outcomeRng.uniform(o.answerDelaySec.min, o.answerDelaySec.max);
    if (live) events.schedule(t + delay, { kind: 'answer', callId });
    else events.schedule(t + o.ringTimeoutSec, { kind: 'noAnswer', callId });
  };

  const pacingInput = (t: number): PacingInput => {
    const agentView: AgentSnapshot[] = agents.map((a) => ({ state: a.state, secondsInState: t - a.since }));
    const callView: CallInFlight[] = [];
    const ongoingTalk: number[] = [];
    for (const a of agents) if (a.state === 'onCall') ongoingTalk.push(t - a.since);
    const onCall = ongoingTalk.length;
    for (const c of calls.values()) callView.push({ stage: c.stage, ageSec: t - c.placedAt });
    const window = { abandoned, liveAnswered };
    return {
      mode: o.mode,
      agents: agentView,
      callsInFlight: callView,
      stats: toPacingStats(stats, o.priors, ongoingTalk),
      abandon: { lifetime: window, last30Days: window, cap: o.abandonCap },
      limits: { maxLines: o.maxLines, linesInUse: callView.length + onCall, contactsLeft },
      timing: { openingSec: o.openingSec, graceSec: o.graceSec, ringTimeoutSec: o.ringTimeoutSec },
      ...(o.tuning ? { tuning: o.tuning } : {}),
    };
  };

  events.schedule(0, { kind: 'tick' });
  while (events.size > 0 && events.peekTime() < end) {
    const { at: t, event } = events.pop()!;
    switch (event.kind) {
      case 'tick': {
        const input = pacingInput(t);
        const decision = callsToPlace(input);
        for (let i = 0; i < decision.calls; i++) place(t);
        o.onDecision?.(t, input, decision, { placed, liveAnswered, abandoned });
        peakInFlight = Math.max(peakInFlight, calls.size);
        events.schedule(t + o.tickSec, { kind: 'tick' });
        break;
      }
      case 'answer': {
        const call = calls.get(event.callId)!;
        stats = recordLiveAnswer(stats, t - call.placedAt);
        liveAnswered++;
        const agent = longestReady();
        if (agent >= 0) connect(agent, event.callId, t);
        else {
          call.stage = 'queued';
          waiting.push(event.callId);
          events.schedule(t + o.openingSec + o.graceSec, { kind: 'deadline', callId: event.callId });
        }
        break;
      }
      case 'noAnswer': {
        const call = calls.get(event.callId)!;
        stats = recordNonLive(stats, t - call.placedAt);
        calls.delete(event.callId);
        break;
      }
      case 'deadline': {
        if (!calls.has(event.callId)) break; // reached an agent in time
        calls.delete(event.callId);
        waiting.splice(waiting.indexOf(event.callId), 1);
        abandoned++;
        if (liveAnswered >= o.warmupAnswers) maxRunning = Math.max(maxRunning, abandoned / liveAnswered);
        break;
      }
      case 'talkEnd': {
        const agent = agents[event.agent]!;
        const talk = t - agent.since;
        agent.talkSec += talk;
        stats = recordTalkTime(stats, talk);
        agent.state = 'wrapUp';
        agent.since = t;
        events.schedule(t + o.wrapSec, { kind: 'wrapEnd', agent: event.agent });
        break;
      }
      case 'wrapEnd': {
        const agent = agents[event.agent]!;
        stats = recordWrapTime(stats, t - agent.since);
        agent.state = 'ready';
        agent.since = t;
        const callId = waiting.shift();
        if (callId !== undefined) connect(event.agent, callId, t);
        break;
      }
    }
  }

  let talkSec = 0;
  for (const a of agents) talkSec += a.talkSec + (a.state === 'onCall' ? end - a.since : 0);
  const agentHours = (o.agents * end) / 3600;
  return {
    mode: o.mode,
    seed: o.seed,
    agents: o.agents,
    liveAnswerRate: o.liveAnswerRate,
    durationSec: end,
    placed,
    liveAnswered,
    connected,
    abandoned,
    talkSec,
    occupancy: o.agents > 0 && end > 0 ? talkSec / (o.agents * end) : 0,
    abandonRate: liveAnswered > 0 ? abandoned / liveAnswered : 0,
    maxRunningAbandonRate: maxRunning,
    connectedPerAgentHour: agentHours > 0 ? connected / agentHours : 0,
    liveAnsweredPerAgentHour: agentHours > 0 ? liveAnswered / agentHours : 0,
    occupancyBound: o.talkMeanSec / (o.talkMeanSec + o.wrapSec),
    peakCallsInFlight: peakInFlight,
  };
}
