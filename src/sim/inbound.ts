/**
 * Calls that reach the application through the dialplan instead of an originate: a phone
 * dials an extension whose dialplan ends in `Stasis(app,args…)` — the agent softphone
 * dialing the login extension (dialplan/agent-login.conf):
 *
 *   [agent-phones] *55 → Answer() → Read(AGENT_PIN) → Stasis(dialer,login,<ext>,<pin>)
 *
 * As on Asterisk, an application is not subscribed to a channel before the channel enters
 * Stasis, so the app's first event about it is **StasisStart{args}**, on a channel already
 * `Up` (the dialplan answered it). What happened before is still produced — ChannelCreated
 * (`Ring`), ChannelDialplan Answer, ChannelStateChange `Up`, ChannelDialplan Stasis — but
 * delivered to nobody (the log shows them with application ""). From StasisStart on the channel
 * is the app's like any other: it can be answered (a no-op when Up), bridged, played to and hung
 * up, and the phone can hang up (`hangupFarEnd`). It is the app's only while in Stasis: after
 * StasisEnd the dialplan runs on unseen and ChannelDestroyed reaches no application (the real
 * Asterisk's order, test/fixtures/real-ari/inbound-stasis.json). Without a connected application, Stasis
 * fails (STASISSTATUS=FAILED) and the dialplan hangs the phone up, unseen by any app.
 */
import { randomUUID } from 'node:crypto';
import { Cause, asteriskTime } from './asterisk-facts.js';
import { validateScript } from './options.js';
import { channelNames, parseCallerId, parseEndpoint } from './endpoint.js';
import { channelJson } from './events.js';
import type { SimChannel } from './model.js';
import type { SimCore } from './sim-core.js';
import type { InboundCall } from './types.js';

const NOBODY: string[] = [];

/** A customer calling in over the carrier trunk (see {@link carrierCall}). */
export interface CarrierCall {
  /** The caller's number as the carrier presents it (CALLERID(num)). */
  caller: string;
  /** The number they dialled (the Request-URI user part: a campaign's caller ID). */
  dialled: string;
  app: string;
  script?: InboundCall['script'];
  channelId?: string;
}

/**
 * The inbound call dialplan/inbound.conf makes of a carrier call with INBOUND_POLICY=stasis:
 * endpoint `carrier`, Gosub into `inbound-call,s`, Answer, then `Stasis(app,inbound,<caller>,<dialled>)`
 * at priority 9 (NoOp, GotoIf, the reject branch's five steps, Answer).
 */
export function carrierCall(c: CarrierCall): InboundCall {
  return {
    endpoint: 'PJSIP/carrier',
    app: c.app,
    args: ['inbound', c.caller, c.dialled],
    callerId: c.caller,
    dialplan: { context: 'inbound-call', exten: 's', priority: 9 },
    ...(c.script ? { script: c.script } : {}),
    ...(c.channelId ? { channelId: c.channelId } : {}),
  };
}

/** Places inbound calls (see the module comment). */
export class InboundEngine {
  constructor(private readonly core: SimCore) {}

  /** Places the call; returns the new channel's id. @throws TypeError on bad parameters. */
  place(call: InboundCall): string {
    const parsed = parseEndpoint(call.endpoint);
    if (!parsed.ok || parsed.endpoint.tech !== 'PJSIP') {
      throw new TypeError(`sim: placeInboundCall needs a PJSIP endpoint such as PJSIP/7001 (got "${call.endpoint}")`);
    }
    if (typeof call.app !== 'string' || call.app === '') throw new TypeError('sim: placeInboundCall needs the Stasis application name');
    if (!Array.isArray(call.args) || call.args.some((a) => typeof a !== 'string' || a.includes(','))) {
      throw new TypeError('sim: placeInboundCall args must be strings without commas (Stasis arguments)');
    }
    const ep = parsed.endpoint;
    const id = call.channelId ?? this.core.newUniqueId();
    if (this.core.findChannel(id)) throw new TypeError(`sim: channel ${id} already exists`);
    const script = validateScript(ep.resource, { kind: 'answer', ...call.script });
    const location = { context: 'default', exten: 's', priority: 1, ...call.dialplan };
    const caller = parseCallerId(call.callerId ?? ep.resource);
    const ch: SimChannel = {
      snap: {
        id,
        name: channelNames(ep, this.core.nextSeq()).name,
        state: 'Ring',
        protocol_id: randomUUID(),
        caller,
        connected: { name: '', number: '' },
        accountcode: '',
        dialplan: { context: location.context, exten: location.exten, priority: 1, app_name: '', app_data: '' },
        creationtime: asteriskTime(this.core.now()),
        language: 'en',
      },
      endpoint: call.endpoint,
      ep,
      script,
      // Nobody's until Stasis: the dialplan's events reach no application.
      app: undefined,
      appArgs: [...call.args],
      phase: 'up',
      inStasis: false,
      bridgeId: undefined,
      peer: undefined,
      sendingAudio: script.kind === 'answer' && script.audioStopsAfterMs !== 0,
      mutedIn: false,
      variables: new Map(),
      timeoutTask: undefined,
      inbound: true,
    };
    this.core.channels.set(id, ch);

    const bus = this.core.bus;
    bus.publish(NOBODY, 'ChannelCreated', { channel: channelJson(ch.snap) });
    this.dialplan(ch, 'Answer', '');
    ch.snap.state = 'Up';
    bus.publish(NOBODY, 'ChannelStateChange', { channel: channelJson(ch.snap) });
    const stasisData = [call.app, ...call.args].join(',');
    ch.snap.dialplan.priority = location.priority;
    this.dialplan(ch, 'Stasis', stasisData);

    if (!this.core.isAppConnected(call.app)) {
      this.core.logger.warn({ channelId: id, app: call.app }, 'sim: inbound call to an application with no connection; Stasis fails and the dialplan hangs up');
      bus.publish(NOBODY, 'ChannelVarset', { variable: 'STASISSTATUS', value: 'FAILED', channel: channelJson(ch.snap) });
      this.dialplan(ch, 'Hangup', '16');
      bus.publish(NOBODY, 'ChannelHangupRequest', { cause: Cause.NORMAL_CLEARING, channel: channelJson(ch.snap) });
      this.core.chan.destroy(ch, Cause.NORMAL_CLEARING);
      return id;
    }
    ch.app = call.app;
    ch.inStasis = true;
    bus.publish(this.core.appsOfChannel(ch), 'StasisStart', { args: [...ch.appArgs], channel: channelJson(ch.snap) });
    this.core.chan.runAnsweredScript(ch);
    return id;
  }

  private dialplan(ch: SimChannel, app: string, data: string): void {
    ch.snap.dialplan.app_name = app;
    ch.snap.dialplan.app_data = data;
    this.core.bus.publish(NOBODY, 'ChannelDialplan', { dialplan_app: app, dialplan_app_data: data, channel: channelJson(ch.snap) });
  }
}
