/**
 * A seeded discrete-event simulation of an outbound call floor, driving `callsToPlace`
 * exactly as the dial loop will: every tick it builds a PacingInput from the floor and the
 * campaign's rolling statistics, and places the calls asked for. No real time passes; a run
 * is a pure function of its options (same seed → identical metrics).
 *
 * The floor:
 *  - `agents` agents logged in for the whole shift; ready → on call → wrap-up → ready.
 *    `changes` may log agents in or out mid-shift (one leaving finishes their call and
 *    wrap-up first) and change the live-answer rate; `history` starts the shift with the
 *    estimators and abandon record of a campaign that has run before.
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
} from './stats.js';
import { EventQueue } from './event-queue.js';
import type { FloorMetrics, FloorOptions } from './des-types.js';
import type { AgentSnapshot, CallInFlight, PacingInput } from './types.js';

export type * from './des-types.js';

type SimEvent =
  | { readonly kind: 'tick' }
  | { readonly kind: 'answer'; readonly callId: number }
  | { readonly kind: 'noAnswer'; readonly callId: number }
  | { readonly kind: 'deadline'; readonly callId: number }
  | { readonly kind: 'talkEnd'; readonly agent: number }
  | { readonly kind: 'wrapEnd'; readonly agent: number }
  | { readonly kind: 'change'; readonly index: number };

interface SimAgent {
  /** `out`: logged out (left mid-shift, or not yet logged in). */
  state: 'ready' | 'onCall' | 'wrapUp' | 'out';
  /** Logs out after the current call's wrap-up. */
  leaving: boolean;
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
  const agents: SimAgent[] = Array.from({ length: o.agents }, () => ({ state: 'ready', leaving: false, since: 0, talkSec: 0 }));
  let answerRate = o.liveAnswerRate;
  // Agent-seconds logged in, integrated at every change of the logged-in count.
  let loggedInSec = 0;
  let loggedInSince = 0;
  const loggedInNow = (): number => agents.filter((a) => a.state !== 'out').length;
  const accrueLoggedIn = (t: number): void => {
    loggedInSec += loggedInNow() * (t - loggedInSince);
    loggedInSince = t;
  };
  const calls = new Map<number, SimCall>();
  const waiting: number[] = []; // queued call ids, oldest first
  let stats: CampaignStatsState = o.history?.stats ?? emptyCampaignStats(Math.max(60, o.ringTimeoutSec + 1));
  const before = { liveAnswered: o.history?.liveAnswered ?? 0, abandoned: o.history?.abandoned ?? 0 };
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
    const live = outcomeRng.bernoulli(answerRate);
    const delay = outcomeRng.uniform(o.answerDelaySec.min, o.answerDelaySec.max);
    if (live) events.schedule(t + delay, { kind: 'answer', callId });
    else events.schedule(t + o.ringTimeoutSec, { kind: 'noAnswer', callId });
  };

  const pacingInput = (t: number): PacingInput => {
    const agentView: AgentSnapshot[] = [];
    for (const a of agents) if (a.state !== 'out') agentView.push({ state: a.state, secondsInState: t - a.since });
    const callView: CallInFlight[] = [];
    const ongoingTalk: number[] = [];
    for (const a of agents) if (a.state === 'onCall') ongoingTalk.push(t - a.since);
    const onCall = ongoingTalk.length;
    for (const c of calls.values()) callView.push({ stage: c.stage, ageSec: t - c.placedAt });
    const window = { abandoned: before.abandoned + abandoned, liveAnswered: before.liveAnswered + liveAnswered };
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

  /** Logs agents in or out until `target` are (or will stay) logged in; ready ones leave first. */
  const changeAgents = (target: number, t: number): void => {
    const staying = agents.filter((a) => a.state !== 'out' && !a.leaving);
    let excess = staying.length - target;
    for (const a of staying) {
      if (excess <= 0) break;
      if (a.state === 'ready') {
        a.state = 'out';
        excess--;
      }
    }
    for (const a of staying) {
      if (excess <= 0) break;
      if (a.state !== 'ready' && a.state !== 'out') {
        a.leaving = true;
        excess--;
      }
    }
    for (let missing = -excess; missing > 0; missing--) {
      // a leaving agent who has not gone yet simply stays; otherwise a new agent logs in
      const leaving = agents.find((a) => a.leaving);
      if (leaving) leaving.leaving = false;
      else agents.push({ state: 'ready', leaving: false, since: t, talkSec: 0 });
    }
  };
  (o.changes ?? []).forEach((c, index) => events.schedule(c.atSec, { kind: 'change', index }));
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
        const campaignAnswers = before.liveAnswered + liveAnswered;
        if (campaignAnswers >= o.warmupAnswers) maxRunning = Math.max(maxRunning, (before.abandoned + abandoned) / campaignAnswers);
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
        if (agent.leaving) {
          accrueLoggedIn(t);
          agent.state = 'out';
          agent.leaving = false;
          break;
        }
        agent.state = 'ready';
        agent.since = t;
        const callId = waiting.shift();
        if (callId !== undefined) connect(event.agent, callId, t);
        break;
      }
      case 'change': {
        const change = o.changes![event.index]!;
        if (change.liveAnswerRate !== undefined) answerRate = change.liveAnswerRate;
        if (change.agents !== undefined) {
          accrueLoggedIn(t);
          changeAgents(change.agents, t);
        }
        break;
      }
    }
  }
  accrueLoggedIn(end);

  let talkSec = 0;
  for (const a of agents) talkSec += a.talkSec + (a.state === 'onCall' ? end - a.since : 0);
  const agentHours = loggedInSec / 3600;
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
    loggedInSec,
    occupancy: loggedInSec > 0 ? talkSec / loggedInSec : 0,
    abandonRate: liveAnswered > 0 ? abandoned / liveAnswered : 0,
    maxRunningAbandonRate: maxRunning,
    campaignAbandonRate:
      before.liveAnswered + liveAnswered > 0 ? (before.abandoned + abandoned) / (before.liveAnswered + liveAnswered) : 0,
    connectedPerAgentHour: agentHours > 0 ? connected / agentHours : 0,
    liveAnsweredPerAgentHour: agentHours > 0 ? liveAnswered / agentHours : 0,
    occupancyBound: o.talkMeanSec / (o.talkMeanSec + o.wrapSec),
    peakCallsInFlight: peakInFlight,
    endStats: stats,
  };
}
