/**
 * The demo's desks: what the agent does on a call with one of the day's scripted customers,
 * through the agent API, and what that customer does on the line (the simulator presses
 * their keys). One customer subscribes by keypress after the system's verification; one
 * refuses three times, after which the offer is locked; one asks not to be called again.
 * Calls of numbers without a desk role run on their far-end script alone.
 */
import type { ConsentStatus } from '../consent/consent-service.js';
import { CONSENT_PROMPTS } from '../consent/disclosure.js';
import type { DialerService } from '../service.js';
import type { AriSimulator } from '../sim/index.js';
import type { DemoCaller } from './demo-api.js';

export const DESK_ROLES = ['subscribes', 'refuses-three-times', 'do-not-call'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

/** What a desk did on one call. */
export interface DeskResult {
  callId: string;
  phone: string;
  role: DeskRole;
  /** 'confirmed', 'locked after 3 refusals', 'on the do-not-call list', or what went wrong. */
  result: string;
}

export interface DemoDeskOptions {
  service: DialerService;
  sim: AriSimulator;
  /** The signed-in agent user of each agent id. */
  agents: ReadonlyMap<number, DemoCaller>;
  /** The desk role of a number (E.164), or undefined. */
  roleOf: (phone: string) => DeskRole | undefined;
  /** How often the desks look for newly connected calls, ms. Default 100. */
  pollMs?: number;
  /** How long a verification may run before the desk gives up, ms. Default 60 s. */
  verificationTimeoutMs?: number;
}

/** The questions the customer answers with 1 (yes, it is me; yes, subscribe). */
const YES_QUESTIONS = new Set<string>([CONSENT_PROMPTS.identityQuestion, CONSENT_PROMPTS.confirmQuestion]);

const REFUSALS = ['不需要,谢谢', '真的不需要', '我说了不要'];

export class DemoDesk {
  readonly results: DeskResult[] = [];
  private readonly handled = new Set<string>();
  private readonly work = new Set<Promise<void>>();
  /** Bridges whose questions the customer answers with 1 → the customer's channel. */
  private readonly answering = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: DemoDeskOptions) {}

  start(): void {
    this.o.sim.on('event', this.onEvent);
    this.timer = setInterval(() => this.scan(), this.o.pollMs ?? 100);
  }

  /** Stops looking for calls and waits for the desks at work. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.work]);
    this.o.sim.off('event', this.onEvent);
  }

  private scan(): void {
    for (const row of this.o.service.calls.notEnded()) {
      if (row.agentConnectedAt === null || row.agentId === null || this.handled.has(row.id)) continue;
      const role = this.o.roleOf(row.phone);
      const agent = this.o.agents.get(row.agentId);
      if (!role || !agent) continue;
      this.handled.add(row.id);
      const call = { id: row.id, phone: row.phone, channelId: row.channelId, bridgeId: row.bridgeId };
      const job: Promise<void> = this.serve(call, role, agent)
        .catch((err: unknown) => `failed: ${(err as Error).message}`)
        .then((result) => void this.results.push({ callId: row.id, phone: row.phone, role, result }))
        .finally(() => {
          this.work.delete(job);
          // The customer hangs up once the desk is done (the agent does not hang up first, 004).
          this.o.sim.hangupFarEnd(call.channelId);
        });
      this.work.add(job);
    }
  }

  private async serve(call: { id: string; channelId: string; bridgeId: string | null }, role: DeskRole, agent: DemoCaller): Promise<string> {
    const base = `/api/calls/${encodeURIComponent(call.id)}`;
    if (role === 'do-not-call') {
      // 「不要再打了」: the do-not-call button on the live card.
      await agent.call('POST', `${base}/do-not-call`, { reason: '客户要求不要再打' });
      return 'on the do-not-call list';
    }
    if (role === 'refuses-three-times') {
      for (const note of REFUSALS) await agent.call('POST', `${base}/consent/refusals`, { note });
      const tried = await agent.call<{ error?: string }>('POST', `${base}/consent/verification`, undefined, { allowFailure: true });
      if (tried.status < 400) throw new Error('the verification started after three refusals');
      await agent.call('POST', `${base}/disposition`, { code: 'declined', note: '三次拒绝' });
      return `locked after ${REFUSALS.length} refusals (${tried.body.error ?? tried.status})`;
    }
    // Subscribes: the agent confirms identity and hands over to the system's verification;
    // the customer answers its questions with 1.
    if (call.bridgeId) this.answering.set(`bridge:${call.bridgeId}`, call.channelId);
    try {
      await agent.call('POST', `${base}/consent/identity-confirmed`);
      await agent.call('POST', `${base}/consent/verification`);
      const deadline = Date.now() + (this.o.verificationTimeoutMs ?? 60_000);
      for (;;) {
        const { body } = await agent.call<ConsentStatus>('GET', `${base}/consent`);
        if (body.verification !== 'running' && body.lastOutcome !== null) {
          if (body.lastOutcome === 'confirmed') await agent.call('POST', `${base}/disposition`, { code: 'sale' });
          return body.lastOutcome;
        }
        if (Date.now() > deadline) throw new Error('the verification did not end in time');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      if (call.bridgeId) this.answering.delete(`bridge:${call.bridgeId}`);
    }
  }

  private readonly onEvent = (ev: Record<string, unknown>): void => {
    if (ev.type !== 'PlaybackStarted') return;
    const pb = ev.playback as { media_uri?: string; target_uri?: string } | undefined;
    const channel = pb?.target_uri ? this.answering.get(pb.target_uri) : undefined;
    if (channel && pb?.media_uri && YES_QUESTIONS.has(pb.media_uri)) this.o.sim.pressDigits(channel, '1', 0);
  };
}
