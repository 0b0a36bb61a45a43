/**
 * Knows when the service and the ARI simulator have stopped talking to each other, so a test
 * on a {@link FakeClock} may move time again. Fake time stands still while real I/O runs, so
 * after each step the test must wait until every effect of that step has landed.
 *
 * Quiet means, for a few turns of the event loop in a row:
 *   - no REST request of the service's telephony adapter is in flight (every Telephony method
 *     is counted from call to settlement, around the real method), and no recording is being
 *     fetched and verified (RecordingService.finalizeCall, which also does file I/O), and
 *   - every event the simulator sent to the service's application has been received by the
 *     service (the events the adapter would pass on, judged by the same pure functions), and
 *   - nothing visible moved: the simulator's log, the tracker, the fake clock's timers.
 *
 * Counting is observation only: the real adapter still does every request.
 */
import { eventChannelId, isLocalSecondHalf, normaliseEvent } from '../../src/telephony/events.js';
import type { DialerService } from '../../src/service.js';
import type { AriSimulator } from '../../src/sim/index.js';
import type { FakeClock } from './fake-clock.js';

/** The Telephony methods that go to Asterisk (each returns a promise). */
const REST_METHODS = [
  'originate', 'answer', 'hangup', 'listChannels', 'playOnChannel', 'listBridges', 'createBridge', 'destroyBridge',
  'addToBridge', 'removeFromBridge', 'playOnBridge', 'stopPlayback', 'recordBridge', 'stopRecording', 'isRecordingLive',
  'listStoredRecordings', 'downloadStoredRecording', 'deleteStoredRecording', 'ping',
] as const;

export interface Quiescence {
  /** Resolves once quiet (see the module comment); rejects with the counters after `timeoutMs` of real time. */
  settle(timeoutMs?: number): Promise<void>;
  /** REST requests and recording fetches started so far (for reports). */
  readonly requests: number;
  /** Removes the counting wrappers and listeners. */
  dispose(): void;
}

/** Starts counting the service's REST requests and the simulator's events to it. */
export function watchQuiescence(service: DialerService, sim: AriSimulator, clock: FakeClock, app = 'dialer'): Quiescence {
  let started = 0;
  let finished = 0;
  let sent = 0;
  let received = 0;
  const restores: Array<() => void> = [];
  /** Counts each call of `target[name]` from its start until its promise settles. */
  const count = (target: object, name: string): void => {
    const bag = target as Record<string, unknown>;
    const own = Object.prototype.hasOwnProperty.call(bag, name);
    const real = bag[name] as (...args: unknown[]) => Promise<unknown>;
    bag[name] = (...args: unknown[]): Promise<unknown> => {
      started += 1;
      let p: Promise<unknown>;
      try {
        p = real.apply(target, args);
      } catch (err) {
        finished += 1;
        throw err;
      }
      return p.finally(() => {
        finished += 1;
      });
    };
    restores.push(() => {
      if (own) bag[name] = real;
      else delete bag[name];
    });
  };
  for (const name of REST_METHODS) count(service.telephony, name);
  // openCall sends three requests at once and answers with a promise for each.
  const telephony = service.telephony;
  const realOpenCall = telephony.openCall;
  telephony.openCall = (req) => {
    const results = realOpenCall.call(telephony, req);
    for (const p of Object.values(results)) {
      started += 1;
      p.then(
        () => (finished += 1),
        () => (finished += 1),
      );
    }
    return results;
  };
  restores.push(() => {
    delete (telephony as Partial<typeof telephony>).openCall;
  });
  count(service.recordings, 'finalizeCall');
  const onSent = (ev: Record<string, unknown>): void => {
    if (ev.application !== app) return;
    const norm = normaliseEvent(ev);
    if (!norm) return;
    const channelId = eventChannelId(norm);
    if (channelId && isLocalSecondHalf(channelId)) return;
    sent += 1;
  };
  const onReceived = (): void => {
    received += 1;
  };
  sim.on('event', onSent);
  service.telephony.on('event', onReceived);

  const signature = (): string => {
    const last = sim.log[sim.log.length - 1];
    return [started, finished, sent, received, sim.log.length, last?.t, last?.kind, service.tracker.size, clock.pending].join('/');
  };
  const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

  return {
    async settle(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      let before = signature();
      while (quiet < 3) {
        await turn();
        const now = signature();
        if (started === finished && received >= sent && now === before) quiet += 1;
        else quiet = 0;
        before = now;
        if (Date.now() > deadline) {
          throw new Error(`not quiet after ${timeoutMs} ms: requests ${started} started / ${finished} finished, events ${sent} sent / ${received} received`);
        }
      }
    },
    get requests() {
      return started;
    },
    dispose() {
      for (const restore of restores) restore();
      sim.off('event', onSent);
      service.telephony.off('event', onReceived);
    },
  };
}
