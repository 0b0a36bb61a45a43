/**
 * Public types of the ARI simulator. Everything a test, the demo or the service needs to
 * script and observe the simulated Asterisk lives here; the engine's internal state is in
 * `model.ts`.
 */

/**
 * What the far end of a dialled channel does. Keyed by the dialled resource (see
 * `resourceOf` in endpoint.ts): `Local/2001@customers` → `2001`, `PJSIP/8613800138000@carrier`
 * → `8613800138000`, `PJSIP/agent7` → `agent7`. Agents' softphones are scripted the same way.
 *
 * `ringMs` is measured from the originate and defaults to 0 (no ringing phase, exactly like the
 * busy trace). `hangupAfterMs`, `digits[].atMs` and `audioStopsAfterMs` are measured from answer.
 */
export type FarEndScript =
  | {
      kind: 'answer';
      ringMs?: number;
      /** Far end hangs up (cause 16) this long after answering; never when omitted. */
      hangupAfterMs?: number;
      /** DTMF the far end presses, each string pressed digit by digit (250 ms apart). */
      digits?: { atMs: number; digits: string }[];
      /** The far end stops sending audio frames this long after answering (a silent line). */
      audioStopsAfterMs?: number;
    }
  | { kind: 'ring-forever' }
  | { kind: 'busy'; ringMs?: number }
  | { kind: 'congestion'; ringMs?: number }
  /**
   * 603 Decline: cause 21 "Call Rejected". Asterisk turns a hangup cause into a dial status with
   * `ast_hangup_cause_to_dial_status()` (main/dial.c), which maps 21 to `NOANSWER` — neither
   * CHANUNAVAIL nor BUSY — so that is what the simulator reports.
   */
  | { kind: 'reject'; ringMs?: number }
  /** Cause 20 "Subscriber absent" → dial status `CHANUNAVAIL`, immediately, without ringing. */
  | { kind: 'unavailable' }
  /**
   * 404 Not Found: cause 1 "Unallocated (unassigned) number". Its dial status is `NOANSWER`
   * (seen on Asterisk 22.10.1; `ast_hangup_cause_to_dial_status()` has no case for 1): only the
   * cause tells it from a number that rang out.
   */
  | { kind: 'unallocated'; ringMs?: number };

/**
 * A call into the application through the dialplan (see `inbound.ts`), e.g. an agent softphone
 * dialing the login extension:
 * `{ endpoint: 'PJSIP/7001', app: 'dialer', args: ['login', '7001', '1234'], dialplan: { context: 'agent-phones', exten: '*55', priority: 7 } }`.
 */
export interface InboundCall {
  /** The calling phone, `PJSIP/<endpoint>`. */
  endpoint: string;
  /** The application named in `Stasis(app,…)`. */
  app: string;
  /** The Stasis arguments (StasisStart `args`). */
  args: string[];
  /** Caller ID the phone presents. Default: the endpoint name as the number. */
  callerId?: string;
  /** Where Stasis runs in the dialplan (the channel's `dialplan` fields). Default `default,s,1`. */
  dialplan?: { context?: string; exten?: string; priority?: number };
  /** What the phone does once in Stasis (from StasisStart): hang up, press digits, go silent. */
  script?: { hangupAfterMs?: number; digits?: { atMs: number; digits: string }[]; audioStopsAfterMs?: number };
  /** Channel id; default an Asterisk-style unique id. */
  channelId?: string;
}

/** Minimal pino-compatible logger. */
export interface SimLogger {
  info: (...a: unknown[]) => void;
  warn: (...a: unknown[]) => void;
  error: (...a: unknown[]) => void;
  debug: (...a: unknown[]) => void;
}

/** Timer source, injectable so a fake clock can drive the simulator. Defaults to real timers. */
export interface SimTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link AriSimulator}; defaults are merged in one place (`resolveOptions`). */
export interface AriSimulatorOptions {
  /** ARI user; requests must carry it (HTTP basic or `api_key=user:pass`). */
  username: string;
  password: string;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; default 0 = any free port. */
  port?: number;
  /** Directory holding stored recordings (real WAV files); created when missing. */
  recordingsDir: string;
  /** Far-end behaviour per dialled resource. */
  scripts?: Record<string, FarEndScript>;
  /** Behaviour of resources without a script. Default `{ kind: 'answer', ringMs: 1000 }`. */
  defaultScript?: FarEndScript;
  /** Media URI → duration, e.g. `'sound:hello-world': 1500`. */
  soundDurationsMs?: Record<string, number>;
  /**
   * A sounds folder in Asterisk's layout (`<lang>/dialer/<name>.wav`, e.g. the prompt pack):
   * a `sound:` found there plays for its WAV's length in the playback's language, one not
   * found fails to play like on Asterisk, and GET /sounds answers from it. Without it every
   * `sound:` plays (for the durations below).
   */
  soundsDir?: string;
  /** Duration of a `sound:` without an entry above. Default 1000. */
  defaultPlaybackMs?: number;
  /** Duration of each digit/character of `number:`, `digits:` and `characters:` media. Default 400. */
  perDigitPlaybackMs?: number;
  /**
   * Real milliseconds in one ARI "seconds" parameter (originate `timeout`, recording
   * `maxDurationSeconds` / `maxSilenceSeconds`). Default 1000; smaller values compress demos.
   * Durations the simulator reports (recording `duration`) stay in real seconds.
   */
  secondMs?: number;
  /**
   * A bridge recording ends by itself when nothing in the bridge sends audio for this long.
   * Default 2000. (Asterisk waits twice 2 s in `__ast_play_and_record`; the answered-record trace
   * shows 4.0 s between the last frame and RecordingFinished.)
   */
  silenceTimeoutMs?: number;
  /**
   * Most entries kept in {@link AriSimulator.log}; beyond it the oldest tenth is dropped, so a
   * long-running demo does not grow without bound. Default 50 000.
   */
  logLimit?: number;
  /**
   * Answer RESTRequests sent on an event WebSocket (ARI REST over WebSocket, Asterisk 22.4 on).
   * Default true; false plays an older Asterisk, which ignores what the client writes there.
   */
  restOverWebSocket?: boolean;
  /** Structured logger; silent when omitted. */
  logger?: SimLogger;
  /** Timer source; real timers when omitted. */
  timers?: SimTimers;
}

/** A live channel as the simulator sees it (for assertions). */
export interface SimChannelView {
  id: string;
  name: string;
  state: string;
  endpoint: string;
  /** The Stasis application arguments (appArgs split on commas). */
  args: string[];
  app: string | undefined;
  /** True between StasisStart and StasisEnd. */
  inStasis: boolean;
  bridgeId: string | undefined;
}

/** A live bridge as the simulator sees it. */
export interface SimBridgeView {
  id: string;
  name: string;
  type: string;
  technology: string;
  channels: string[];
  /** Name of the live recording on this bridge, if any. */
  recording: string | undefined;
  /** Music on hold is playing into the bridge (`POST /bridges/{id}/moh`). */
  musicOnHold: boolean;
}

/** One REST request the simulator answered. `t` is ms since `start()`. */
export interface SimRestLogEntry {
  kind: 'rest';
  t: number;
  method: string;
  /** Path without the `/ari` prefix, e.g. `/channels/cust-1/play`. */
  path: string;
  query: Record<string, string>;
  status: number;
  /** `ws`: a RESTRequest on an event WebSocket; absent: HTTP. */
  transport?: 'ws';
}

/** One event the simulator produced (sent to `app`'s WebSocket if one was connected). */
export interface SimEventLogEntry {
  kind: 'event';
  t: number;
  app: string;
  type: string;
  event: Record<string, unknown>;
}

export type SimLogEntry = SimRestLogEntry | SimEventLogEntry;

/** Listener map of {@link AriSimulator.on}. */
export interface AriSimulatorEvents {
  /** Every event produced, once per application it was addressed to. */
  event: (ev: Record<string, unknown>) => void;
}
