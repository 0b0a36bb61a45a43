/**
 * Originate and the far end's answer or refusal, event for event as in the real traces:
 *
 *   Dial "" → [StateChange Ringing → Dial RINGING] → StateChange Up → Dial ANSWER →
 *   ChannelVarset STASISSTATUS → StasisStart                                   (answered)
 *   Dial "" → Dial BUSY → ChannelDestroyed 0 "Unknown"                         (Local busy; 17 on ;2)
 *   ChannelHangupRequest 17 → Dial BUSY → ChannelDestroyed 17                  (PJSIP busy)
 *   Dial "" → StateChange Ringing → Dial RINGING → ChannelDestroyed 19         (timeout, no final Dial)
 *
 * A failed originate never produces StasisStart/StasisEnd. Local channels also show their `;2`
 * half (ChannelDialplan, ChannelStateChange, ChannelHangupRequest, ChannelDestroyed).
 */
import { randomUUID } from 'node:crypto';
import { Cause, asteriskTime, dialStatusForCause } from './asterisk-facts.js';
import { chanOwner } from './channels.js';
import { channelJson } from './events.js';
import { channelNames, parseCallerId, parseEndpoint } from './endpoint.js';
import type { ChannelSnapshot, SimChannel } from './model.js';
import type { RestResult } from './rest/router.js';
import type { SimCore } from './sim-core.js';

/** Parameters of `POST /channels` and `POST /channels/{channelId}`. */
export interface OriginateParams {
  endpoint: string | undefined;
  app: string | undefined;
  appArgs: string | undefined;
  extension: string | undefined;
  callerId: string | undefined;
  /** Seconds; -1 = never; 0/undefined = 30. */
  timeout: number | undefined;
  channelId: string | undefined;
  otherChannelId: string | undefined;
  variables: Record<string, string>;
}

const err = (status: number, message: string): RestResult => ({ status, body: { message } });

export class DialEngine {
  constructor(private readonly core: SimCore) {}

  originate(p: OriginateParams): RestResult {
    if (!p.endpoint) return err(400, 'Endpoint must be specified');
    const parsed = parseEndpoint(p.endpoint);
    if (!parsed.ok) return { status: parsed.status, body: parsed.body };
    if (!p.app && !p.extension) return err(400, 'Application or extension must be specified');
    const ep = parsed.endpoint;
    const id = p.channelId || this.core.newUniqueId();
    const peerId = ep.tech === 'Local' ? p.otherChannelId || `${id};2` : undefined;
    if (this.core.findChannel(id) || (peerId !== undefined && this.core.findChannel(peerId))) {
      return err(409, 'Channel with given unique ID already exists');
    }

    const now = this.core.now();
    const names = channelNames(ep, this.core.nextSeq());
    const callerIdParty = parseCallerId(p.callerId);
    const context = ep.tech === 'Local' ? (ep.domain ?? 'default') : 'default';
    const exten = ep.tech === 'Local' ? ep.resource : 's';
    const snap = (sid: string, name: string, state: ChannelSnapshot['state'], app: string, data: string) => ({
      id: sid,
      name,
      state,
      protocol_id: ep.tech === 'PJSIP' ? randomUUID() : '',
      caller: { ...callerIdParty },
      connected: { ...callerIdParty },
      accountcode: '',
      dialplan: { context, exten, priority: 1, app_name: app, app_data: data },
      creationtime: asteriskTime(now),
      language: 'en',
    });
    const ch: SimChannel = {
      snap: snap(id, names.name, 'Down', 'AppDial2', '(Outgoing Line)'),
      endpoint: p.endpoint,
      ep,
      script: this.core.scriptFor(ep.resource),
      app: p.app || undefined,
      appArgs: p.appArgs ? p.appArgs.split(',') : [],
      phase: 'dialing',
      inStasis: false,
      bridgeId: undefined,
      peer: peerId !== undefined && names.peerName ? snap(peerId, names.peerName, 'Ring', '', '') : undefined,
      sendingAudio: false,
      mutedIn: false,
      variables: new Map(Object.entries(p.variables)),
      timeoutTask: undefined,
    };
    this.core.channels.set(id, ch);
    if (ch.peer) this.core.peerIndex.set(ch.peer.id, id);

    // Like Asterisk, the dial starts before the HTTP response is written: Dial "" can reach the
    // app before the originate response does.
    const chan = this.core.chan;
    if (ch.peer && p.callerId) {
      this.core.bus.publish(this.core.appsOfChannel(ch), 'ChannelCallerId', {
        caller_presentation: 0,
        caller_presentation_txt: 'Presentation Allowed, Not Screened',
        channel: channelJson(ch.peer),
      });
      this.core.bus.publish(this.core.appsOfChannel(ch), 'ChannelConnectedLine', { channel: channelJson(ch.peer) });
    }
    chan.dialEvent(ch, '');

    const owner = chanOwner(id);
    const timeoutSec = p.timeout === undefined || p.timeout === 0 ? 30 : p.timeout;
    if (timeoutSec > 0) {
      ch.timeoutTask = this.core.clock.after(owner, timeoutSec * this.core.opts.secondMs, () => this.timeout(ch));
    }
    this.core.clock.after(owner, 0, () => this.runScript(ch));
    return { status: 200, body: channelJson(ch.snap) };
  }

  private runScript(ch: SimChannel): void {
    const s = ch.script;
    const owner = chanOwner(ch.snap.id);
    const ringMs = 'ringMs' in s && s.ringMs !== undefined ? s.ringMs : 0;
    const afterRing = (fn: () => void): void => {
      if (ringMs > 0) {
        this.ring(ch);
        this.core.clock.after(owner, ringMs, fn);
      } else {
        fn();
      }
    };
    switch (s.kind) {
      case 'answer':
        afterRing(() => this.answer(ch));
        return;
      case 'ring-forever':
        this.ring(ch);
        return;
      case 'busy':
        afterRing(() => this.refuse(ch, Cause.USER_BUSY));
        return;
      case 'congestion':
        afterRing(() => this.refuse(ch, Cause.CONGESTION));
        return;
      case 'reject':
        afterRing(() => this.failWithCause(ch, Cause.CALL_REJECTED));
        return;
      case 'unavailable':
        this.failWithCause(ch, Cause.SUBSCRIBER_ABSENT);
        return;
      case 'unallocated':
        afterRing(() => this.failWithCause(ch, Cause.UNALLOCATED));
        return;
    }
  }

  private ring(ch: SimChannel): void {
    if (ch.phase !== 'dialing' || ch.snap.state === 'Ringing') return;
    const chan = this.core.chan;
    chan.peerDialplan(ch, 'Ringing', '');
    chan.setState(ch, ch.snap, 'Ringing');
    const s = ch.script;
    const waitSec = s.kind !== 'ring-forever' && 'ringMs' in s && s.ringMs ? Math.ceil(s.ringMs / 1000) : 60;
    chan.peerDialplan(ch, 'Wait', String(waitSec));
    chan.dialEvent(ch, 'RINGING');
  }

  /** The far end answers: the channel goes Up and enters the Stasis application. */
  private answer(ch: SimChannel): void {
    if (ch.phase !== 'dialing') return;
    const chan = this.core.chan;
    this.core.clock.cancel(ch.timeoutTask);
    ch.timeoutTask = undefined;
    if (ch.peer) {
      chan.peerDialplan(ch, 'Answer', '');
      chan.setState(ch, ch.peer, 'Up');
    }
    chan.setState(ch, ch.snap, 'Up');
    chan.dialEvent(ch, 'ANSWER');
    ch.phase = 'up';
    ch.sendingAudio = !(ch.script.kind === 'answer' && ch.script.audioStopsAfterMs === 0);
    if (!this.core.isAppConnected(ch.app)) {
      chan.stasisUnavailable(ch);
      return;
    }
    chan.enterStasis(ch);
    const s = ch.script;
    const hold = s.kind === 'answer' && s.hangupAfterMs !== undefined ? Math.ceil(s.hangupAfterMs / 1000) : 3600;
    chan.peerDialplan(ch, 'Wait', String(hold));
  }

  /**
   * Busy() / Congestion() on a Local channel, 486 / 503 on a PJSIP trunk. Local: the control
   * frame reaches the dialler, so the `;1` is destroyed with cause 0 and the real cause is on
   * the `;2` half (busy trace).
   */
  private refuse(ch: SimChannel, cause: number): void {
    if (ch.phase !== 'dialing') return;
    if (!ch.peer) {
      this.failWithCause(ch, cause);
      return;
    }
    const chan = this.core.chan;
    const busy = cause === Cause.USER_BUSY;
    this.core.clock.cancel(ch.timeoutTask);
    chan.peerDialplan(ch, busy ? 'Busy' : 'Congestion', '5');
    if (busy) chan.setState(ch, ch.peer, 'Busy');
    chan.dialEvent(ch, busy ? 'BUSY' : 'CONGESTION');
    chan.hangupRequest(ch, ch.peer, Cause.UNKNOWN, false);
    chan.destroy(ch, Cause.UNKNOWN);
    chan.hangupRequest(ch, ch.peer, Cause.NORMAL_CLEARING, true);
    chan.peerDestroyed(ch, cause);
  }

  /**
   * The far end ends the attempt with a hangup cause (603 → 21, subscriber absent → 20, or
   * `hangupFarEnd` while ringing). The dial status comes from the cause like in main/dial.c.
   */
  failWithCause(ch: SimChannel, cause: number): void {
    if (ch.phase !== 'dialing') return;
    const chan = this.core.chan;
    this.core.clock.cancel(ch.timeoutTask);
    if (ch.peer) {
      chan.peerDialplan(ch, 'Hangup', String(cause));
      chan.hangupRequest(ch, ch.peer, cause, true);
    }
    chan.hangupRequest(ch, ch.snap, cause, false);
    chan.dialEvent(ch, dialStatusForCause(cause));
    chan.peerDestroyed(ch, cause);
    chan.destroy(ch, cause);
  }

  /** The originate timeout expired before answer: cause 19 and no final Dial event. */
  private timeout(ch: SimChannel): void {
    if (ch.phase !== 'dialing') return;
    const chan = this.core.chan;
    if (ch.peer) {
      chan.hangupRequest(ch, ch.peer, Cause.NO_ANSWER, false);
      chan.hangupRequest(ch, ch.peer, Cause.NORMAL_CLEARING, true);
    }
    chan.destroy(ch, Cause.NO_ANSWER);
    chan.peerDestroyed(ch, Cause.NO_ANSWER);
  }
}
