/**
 * Bridges created over ARI. Membership changes publish ChannelEnteredBridge /
 * ChannelLeftBridge with the bridge snapshot as the traces show it: the `technology` in an
 * event is the one chosen *before* that change (Asterisk re-evaluates its smart bridge after
 * publishing), so a mixing bridge reads `simple_bridge` up to two participants and `softmix`
 * while it has three or more — the Recorder and Announcer count, but are never listed.
 */
import { asteriskTime } from './asterisk-facts.js';
import { bridgeJson, channelJson } from './events.js';
import type { SimBridge, SimChannel } from './model.js';
import type { RestResult } from './rest/router.js';
import type { SimCore } from './sim-core.js';

const err = (status: number, message: string): RestResult => ({ status, body: { message } });

/** The internal participant bridge music on hold adds (res_stasis's `ARI-MOH` Announcer channel). */
export const MOH_ANNOUNCER = 'moh-announcer';

const MIXING_TYPES = new Set(['mixing', 'dtmf_events', 'proxy_media', 'video_sfu', 'video_single', 'sdp_label']);

export class BridgeEngine {
  /**
   * How many times each app subscribed to each bridge: every channel of the app entering it
   * subscribes once; a channel taken out over REST (removeChannel, or moved by addChannel to
   * another bridge) unsubscribes once — res_stasis's after-bridge callback — but a hangup does
   * not. At zero the app hears no more of the bridge: a consultation bridge emptied by moves
   * is destroyed without BridgeDestroyed (seen on Asterisk 22.10.1).
   */
  private readonly subs = new WeakMap<SimBridge, Map<string, number>>();

  constructor(private readonly core: SimCore) {}

  /**
   * `POST /bridges` (`withId` false) or `POST /bridges/{bridgeId}`. An existing id is 409 on the
   * latter (Asterisk 22's `ast_bridge_topic_exists` check); an unusable type or id otherwise
   * makes `stasis_app_bridge_create` fail: 500 "Unable to create bridge".
   */
  create(bridgeId: string | undefined, type: string | undefined, name: string | undefined, withId = false): RestResult {
    const id = bridgeId || this.core.newUniqueId().replace('.', '-');
    if (withId && this.core.bridges.has(id)) return err(409, `Bridge with id '${id}' already exists`);
    const types = (type ?? 'mixing').split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (types.some((t) => t !== 'holding' && !MIXING_TYPES.has(t)) || this.core.bridges.has(id)) {
      return err(500, 'Unable to create bridge');
    }
    const holding = types.includes('holding');
    const bridge: SimBridge = {
      id,
      name: name ?? '',
      bridgeType: holding ? 'holding' : 'mixing',
      technology: holding ? 'holding_bridge' : 'simple_bridge',
      creationtime: asteriskTime(this.core.now()),
      channels: [],
      internal: new Set(),
      apps: new Set(),
      recording: undefined,
      playQueue: [],
    };
    this.core.bridges.set(id, bridge);
    return { status: 200, body: bridgeJson(bridge) };
  }

  /** `DELETE /bridges/{id}`: everyone leaves, media stops, BridgeDestroyed. */
  destroy(bridge: SimBridge): void {
    for (const id of [...bridge.channels]) {
      const ch = this.core.channels.get(id);
      if (ch) this.leave(bridge, ch);
    }
    this.core.rec.bridgeGone(bridge);
    this.core.play.bridgeGone(bridge);
    this.core.bridges.delete(bridge.id);
    this.core.bus.publish(this.core.appsOfBridge(bridge), 'BridgeDestroyed', { bridge: bridgeJson(bridge) });
  }

  /** Validates a `channel` list (comma separated) the way resource_bridges.c does. */
  resolveChannels(list: string | undefined): { ok: true; channels: SimChannel[] } | { ok: false; result: RestResult } {
    const ids = (list ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length === 0) return { ok: false, result: err(400, 'Missing parameter channel') };
    const channels: SimChannel[] = [];
    for (const id of ids) {
      const found = this.core.findChannel(id);
      if (!found) return { ok: false, result: err(400, 'Channel not found') };
      if (found.half !== 1 || !found.ch.inStasis) return { ok: false, result: err(422, 'Channel not in Stasis application') };
      channels.push(found.ch);
    }
    return { ok: true, channels };
  }

  addChannels(bridge: SimBridge, channels: SimChannel[]): RestResult {
    for (const ch of channels) {
      if (this.core.rec.isRecordingChannel(ch)) return err(409, `Channel ${ch.snap.id} currently recording`);
    }
    for (const ch of channels) {
      if (ch.bridgeId === bridge.id) continue;
      const old = ch.bridgeId !== undefined ? this.core.bridges.get(ch.bridgeId) : undefined;
      if (old) {
        this.leave(old, ch);
        this.unsubscribe(old, ch);
        this.afterLeave(old);
      }
      this.join(bridge, ch);
    }
    return { status: 204 };
  }

  removeChannels(bridge: SimBridge, channels: SimChannel[]): RestResult {
    if (channels.some((ch) => ch.bridgeId !== bridge.id)) return err(422, 'Channel not in this bridge');
    for (const ch of channels) {
      this.leave(bridge, ch);
      this.unsubscribe(bridge, ch);
    }
    this.afterLeave(bridge);
    return { status: 204 };
  }

  private join(bridge: SimBridge, ch: SimChannel): void {
    bridge.channels.push(ch.snap.id);
    ch.bridgeId = bridge.id;
    if (ch.app) {
      bridge.apps.add(ch.app);
      const counts = this.subs.get(bridge) ?? new Map<string, number>();
      this.subs.set(bridge, counts);
      counts.set(ch.app, (counts.get(ch.app) ?? 0) + 1);
    }
    this.core.bus.publish(this.core.appsOfBridge(bridge, ch), 'ChannelEnteredBridge', {
      bridge: bridgeJson(bridge),
      channel: channelJson(ch.snap),
    });
    this.reevaluate(bridge);
    this.core.rec.audioChanged(bridge);
  }

  /** A channel of an app left the bridge over REST: one subscription of that app ends. */
  private unsubscribe(bridge: SimBridge, ch: SimChannel): void {
    const counts = this.subs.get(bridge);
    if (!ch.app || !counts) return;
    const n = (counts.get(ch.app) ?? 0) - 1;
    if (n > 0) {
      counts.set(ch.app, n);
      return;
    }
    counts.delete(ch.app);
    bridge.apps.delete(ch.app);
  }

  /** Publishes ChannelLeftBridge; call {@link afterLeave} once the caller's sequence is done. */
  leave(bridge: SimBridge, ch: SimChannel): void {
    const i = bridge.channels.indexOf(ch.snap.id);
    if (i < 0) return;
    bridge.channels.splice(i, 1);
    ch.bridgeId = undefined;
    this.core.bus.publish(this.core.appsOfBridge(bridge, ch), 'ChannelLeftBridge', {
      bridge: bridgeJson(bridge),
      channel: channelJson(ch.snap),
    });
    this.reevaluate(bridge);
  }

  /** After parties left: the recording ends when nobody is left, otherwise audio may change. */
  afterLeave(bridge: SimBridge): void {
    if (!this.core.bridges.has(bridge.id)) return;
    if (bridge.channels.length === 0) this.core.rec.bridgeEmpty(bridge);
    else this.core.rec.audioChanged(bridge);
  }

  /** A Recorder or Announcer joins (`add`) or leaves; only the technology changes. */
  setInternal(bridge: SimBridge, key: string, present: boolean): void {
    if (present) bridge.internal.add(key);
    else bridge.internal.delete(key);
    this.reevaluate(bridge);
  }

  /**
   * `POST /bridges/{id}/moh`: an Announcer joins and streams the class's music into the bridge
   * (a second start only changes the class), so a bridge recording keeps receiving frames.
   */
  startMoh(bridge: SimBridge): void {
    if (bridge.internal.has(MOH_ANNOUNCER)) return;
    this.setInternal(bridge, MOH_ANNOUNCER, true);
    this.core.rec.audioChanged(bridge);
  }

  /** `DELETE /bridges/{id}/moh`: the music's Announcer leaves. */
  stopMoh(bridge: SimBridge): void {
    if (!bridge.internal.has(MOH_ANNOUNCER)) return;
    this.setInternal(bridge, MOH_ANNOUNCER, false);
    this.core.rec.audioChanged(bridge);
  }

  private reevaluate(bridge: SimBridge): void {
    if (bridge.bridgeType === 'holding') return;
    bridge.technology = bridge.channels.length + bridge.internal.size > 2 ? 'softmix' : 'simple_bridge';
  }
}
