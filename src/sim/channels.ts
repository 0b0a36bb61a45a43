/**
 * Channel life after dialling: entering and leaving Stasis, DTMF, far-end and app hangups, in
 * the event order the real traces show:
 *
 *   far end hangs up (Local):  ;2 HangupRequest(soft) → HangupRequest → ;2 Destroyed →
 *                              [PlaybackFinished failed] → ChannelLeftBridge → StasisEnd →
 *                              [RecordingFinished] → ChannelDestroyed
 *   app DELETE:                HangupRequest{cause 32, soft} → ChannelLeftBridge → StasisEnd →
 *                              [RecordingFinished] → [;2 teardown] → ChannelDestroyed{real cause}
 */
import { Cause, SOFTHANGUP_EXPLICIT, SOFTHANGUP_SHUTDOWN, causeText, dialStatusForCause } from './asterisk-facts.js';
import { channelJson } from './events.js';
import type { ChannelSnapshot, ChannelState, SimChannel } from './model.js';
import type { SimCore } from './sim-core.js';

/** Owner key of a channel's timers in the scheduler. */
export const chanOwner = (id: string): string => `chan:${id}`;

/** Gap between digits pressed by a script or `pressDigits` without an explicit gap. */
export const DEFAULT_DIGIT_GAP_MS = 250;

export class ChannelEngine {
  constructor(private readonly core: SimCore) {}

  // ---- event helpers (also used by dialing.ts) -------------------------------------------

  private apps(ch: SimChannel): string[] {
    return this.core.appsOfChannel(ch);
  }

  /** Sets the state of `snap` (the channel or its `;2` half) and publishes ChannelStateChange. */
  setState(ch: SimChannel, snap: ChannelSnapshot, state: ChannelState): void {
    snap.state = state;
    this.core.bus.publish(this.apps(ch), 'ChannelStateChange', { channel: channelJson(snap) });
  }

  /** The `;2` half of a Local channel runs a dialplan application. */
  peerDialplan(ch: SimChannel, app: string, data: string): void {
    if (!ch.peer) return;
    ch.peer.dialplan.app_name = app;
    ch.peer.dialplan.app_data = data;
    this.core.bus.publish(this.apps(ch), 'ChannelDialplan', {
      dialplan_app: app,
      dialplan_app_data: data,
      channel: channelJson(ch.peer),
    });
  }

  hangupRequest(ch: SimChannel, snap: ChannelSnapshot, cause: number, soft: boolean): void {
    const fields: Record<string, unknown> = { cause };
    if (soft) fields.soft = true;
    fields.channel = channelJson(snap);
    this.core.bus.publish(this.apps(ch), 'ChannelHangupRequest', fields);
  }

  dialEvent(ch: SimChannel, status: string): void {
    this.core.bus.publish(this.apps(ch), 'Dial', {
      dialstatus: status,
      forward: '',
      dialstring: ch.ep.dialstring,
      peer: channelJson(ch.snap),
    });
  }

  varset(ch: SimChannel, variable: string, value: string): void {
    this.core.bus.publish(this.apps(ch), 'ChannelVarset', { variable, value, channel: channelJson(ch.snap) });
  }

  destroyedEvent(ch: SimChannel, snap: ChannelSnapshot, cause: number): void {
    this.core.bus.publish(this.apps(ch), 'ChannelDestroyed', {
      cause,
      cause_txt: causeText(cause),
      channel: channelJson(snap),
    });
  }

  /** The `;2` half goes away after its `;1` asked (app hangup or Stasis exit). */
  peerTeardown(ch: SimChannel, cause: number = Cause.NORMAL_CLEARING): void {
    if (!ch.peer) return;
    this.hangupRequest(ch, ch.peer, Cause.NORMAL_CLEARING, false);
    this.hangupRequest(ch, ch.peer, Cause.NORMAL_CLEARING, true);
    this.peerDestroyed(ch, cause);
  }

  peerDestroyed(ch: SimChannel, cause: number): void {
    if (!ch.peer) return;
    ch.peer.dialplan.app_name = '';
    ch.peer.dialplan.app_data = '';
    this.destroyedEvent(ch, ch.peer, cause);
    this.core.peerIndex.delete(ch.peer.id);
  }

  /** Final step of every channel: ChannelDestroyed and removal from all state. */
  destroy(ch: SimChannel, cause: number): void {
    if (ch.phase === 'gone') return;
    if (!ch.inbound) {
      ch.snap.dialplan.app_name = 'AppDial2';
      ch.snap.dialplan.app_data = '(Outgoing Line)';
    }
    ch.phase = 'gone';
    ch.sendingAudio = false;
    this.core.clock.cancelOwner(chanOwner(ch.snap.id));
    this.core.snoop.spiedGone(ch);
    // Asterisk 22 sends no ChannelDestroyed of a snoop to the app (real-ari/monitor-snoop.json).
    if (!ch.snoopOf) this.destroyedEvent(ch, ch.snap, cause);
    this.core.channels.delete(ch.snap.id);
    if (ch.peer) this.core.peerIndex.delete(ch.peer.id);
  }

  // ---- Stasis ---------------------------------------------------------------------------

  /** The answered channel runs Stasis(app,args): STASISSTATUS, StasisStart, then its script. */
  enterStasis(ch: SimChannel): void {
    const app = ch.app ?? '';
    ch.snap.dialplan.app_name = 'Stasis';
    ch.snap.dialplan.app_data = [app, ...ch.appArgs].join(',');
    this.varset(ch, 'STASISSTATUS', '');
    ch.inStasis = true;
    this.core.bus.publish(this.apps(ch), 'StasisStart', { args: [...ch.appArgs], channel: channelJson(ch.snap) });
    this.runAnsweredScript(ch);
  }

  /** Schedules what the far end of an answered channel does (digits, silence, hangup). */
  runAnsweredScript(ch: SimChannel): void {
    const script = ch.script;
    if (script.kind !== 'answer') return;
    const owner = chanOwner(ch.snap.id);
    if (script.audioStopsAfterMs !== undefined) {
      this.core.clock.after(owner, script.audioStopsAfterMs, () => this.stopAudio(ch));
    }
    for (const press of script.digits ?? []) {
      this.core.clock.after(owner, press.atMs, () => this.pressDigits(ch, press.digits, DEFAULT_DIGIT_GAP_MS));
    }
    if (script.hangupAfterMs !== undefined) {
      this.core.clock.after(owner, script.hangupAfterMs, () => this.farEndHangup(ch, Cause.NORMAL_CLEARING));
    }
  }

  /** The far end stops sending audio frames (a silent line). */
  stopAudio(ch: SimChannel): void {
    if (!ch.sendingAudio) return;
    ch.sendingAudio = false;
    this.core.rec.audioChanged(ch);
  }

  /** The far end presses `digits`, `gapMs` apart: ChannelDtmfReceived on the channel. */
  pressDigits(ch: SimChannel, digits: string, gapMs: number): void {
    [...digits].forEach((digit, i) => {
      this.core.clock.after(chanOwner(ch.snap.id), i * gapMs, () => {
        if (ch.phase !== 'up') return;
        this.core.bus.publish(this.apps(ch), 'ChannelDtmfReceived', {
          digit,
          duration_ms: 100,
          channel: channelJson(ch.snap),
        });
        this.core.rec.dtmf(ch, digit);
      });
    });
  }

  // ---- hangups --------------------------------------------------------------------------

  /** `DELETE /channels/{id}`: the app hangs the channel up with `cause`. */
  hangupByApp(ch: SimChannel, cause: number): void {
    if (ch.phase === 'gone') return;
    this.hangupRequest(ch, ch.snap, SOFTHANGUP_EXPLICIT, true);
    if (ch.phase === 'dialing') {
      // The dialler sees the originated channel go away before answer.
      this.core.clock.cancel(ch.timeoutTask);
      this.dialEvent(ch, dialStatusForCause(cause));
      this.peerTeardown(ch);
      this.destroy(ch, cause);
      return;
    }
    this.leaveEverything(ch);
    this.peerTeardown(ch);
    this.destroy(ch, cause);
  }

  /**
   * `core stop now` hangs every channel up with the soft-hangup flag AST_SOFTHANGUP_SHUTDOWN
   * (ChannelHangupRequest `cause: 4, soft: true`), then the usual teardown. The cause on
   * ChannelDestroyed is assumed to be 16 (not yet compared with a real trace).
   */
  hangupForShutdown(ch: SimChannel): void {
    if (ch.phase === 'gone') return;
    this.hangupRequest(ch, ch.snap, SOFTHANGUP_SHUTDOWN, true);
    this.core.clock.cancel(ch.timeoutTask);
    if (ch.phase === 'up') this.leaveEverything(ch);
    this.peerTeardown(ch);
    this.destroy(ch, Cause.NORMAL_CLEARING);
  }

  /** The far end hangs up with `cause`, before or after answer. */
  farEndHangup(ch: SimChannel, cause: number): void {
    if (ch.phase === 'gone') return;
    if (ch.phase === 'dialing') {
      this.core.dial.failWithCause(ch, cause);
      return;
    }
    if (ch.peer) {
      this.peerDialplan(ch, 'Hangup', '');
      this.hangupRequest(ch, ch.peer, cause, true);
      this.hangupRequest(ch, ch.snap, cause, false);
      this.peerDestroyed(ch, cause);
    } else {
      this.hangupRequest(ch, ch.snap, cause, false);
    }
    this.leaveEverything(ch);
    // A SIP BYE carries no Q.850 cause: Asterisk 22 destroys an answered PJSIP channel hung up
    // by its far end with cause 0 (real-ari/answer-then-hangup fixture). Local channels get 16.
    this.destroy(ch, !ch.peer && cause === Cause.NORMAL_CLEARING ? Cause.UNKNOWN : cause);
  }

  /** A channel that goes without a hangup of its own (a snoop whose spied channel left). */
  vanish(ch: SimChannel): void {
    if (ch.phase === 'gone') return;
    this.leaveEverything(ch);
    this.destroy(ch, Cause.NORMAL_CLEARING);
  }

  /** An answered channel stops: its media ends, it leaves its bridge and Stasis. */
  private leaveEverything(ch: SimChannel): void {
    ch.sendingAudio = false;
    this.core.play.channelGone(ch.snap.id);
    this.core.rec.channelGone(ch);
    const bridge = ch.bridgeId !== undefined ? this.core.bridges.get(ch.bridgeId) : undefined;
    if (bridge) this.core.bridge.leave(bridge, ch);
    if (ch.inStasis) {
      ch.inStasis = false;
      this.core.bus.publish(this.apps(ch), 'StasisEnd', { channel: channelJson(ch.snap) });
      // A channel that entered Stasis from the dialplan is the app's only while in Stasis: the
      // dialplan then runs on unseen, and its ChannelDestroyed reaches no application
      // (real-ari/inbound-stasis fixture). An originated channel stays subscribed.
      if (ch.inbound) ch.app = undefined;
      this.varset(ch, 'STASISSTATUS', 'SUCCESS');
    }
    // Asterisk finishes a bridge recording once the last party has gone (after StasisEnd).
    if (bridge) this.core.bridge.afterLeave(bridge);
  }

  /** An answered channel whose app has no WebSocket: Stasis fails and the call is hung up. */
  stasisUnavailable(ch: SimChannel): void {
    this.core.logger.warn(
      { channelId: ch.snap.id, app: ch.app },
      'sim: answered channel has no connected Stasis application; hanging up (as Asterisk does)',
    );
    this.peerTeardown(ch);
    this.destroy(ch, Cause.NORMAL_CLEARING);
  }
}
