/**
 * Scenarios run alike on a real Asterisk and on the simulator. Each names its customer for
 * both worlds (a SIPp behaviour behind the carrier trunk; a simulator far-end script) and
 * drives ARI the same way; the normalised events must be equal. The real ones are kept as
 * fixtures in test/fixtures/real-ari/ (rewritten by the real tier with UPDATE_ARI_FIXTURES=1).
 */
import type { FarEndScript } from '../../src/sim/index.js';
import type { CustomerBehaviour } from '../asterisk/support/sipp-scenario.js';
import { channelOf, playbackOf, recordingOf, type AriDriver } from './ari-driver.js';

export interface DifferentialScenario {
  name: string;
  /** Two-digit SIPp behaviour code (see sipp-scenario.ts) and the behaviour. */
  real: { code: string; behaviour: CustomerBehaviour };
  sim: FarEndScript;
  /** The scenario's ids → roles, for normalisation. */
  roles: Record<string, string>;
  /** Drives the call; `endpoint` is how this world dials the customer. */
  run(ari: AriDriver, endpoint: string): Promise<void>;
  /**
   * A customer calling in instead (issue 13): each world places this call from the carrier once
   * the app is connected (a SIPp caller on the real tier, `placeCarrierCall` on the simulator);
   * the dialplan hands it to `app` (ARI_APP) as Stasis(app,inbound,<caller>,<dialled>).
   */
  inbound?: { caller: string; dialled: string; hangupAfterMs: number; app: string };
}

/** Sounds the scenarios play, with their lengths for the simulator (espeak's are about this). */
export const DIFF_SOUNDS = { hello: 'sound:dialer/hello', goodbye: 'sound:dialer/goodbye', long: 'sound:dialer/safe-harbour' } as const;

/** Their lengths on the real Asterisk (espeak-ng's speech), for the simulator. */
export const DIFF_SOUND_MS: Record<string, number> = { [DIFF_SOUNDS.hello]: 700, [DIFF_SOUNDS.goodbye]: 900, [DIFF_SOUNDS.long]: 7000 };

const CUST = 'diff-cust';
/** Roles of the inbound scenario; the caller's channel id is added when it arrives. */
const INBOUND_ROLES: Record<string, string> = { 'diff-br': 'bridge', 'diff-in-pb': 'welcome', 'diff-in-rec': 'recording' };
const BRIDGE = 'diff-br';

async function originateAndWait(ari: AriDriver, endpoint: string, id: string): Promise<'answered' | 'failed'> {
  await ari.rest('POST', '/channels', { endpoint, app: ari.app, channelId: id, timeout: '15', callerId: '10086' });
  const e = await ari.waitFor(`${id} answered or gone`, (ev) => channelOf(ev) === id && (ev.type === 'StasisStart' || ev.type === 'ChannelDestroyed'));
  return e.type === 'StasisStart' ? 'answered' : 'failed';
}

export const SCENARIOS: DifferentialScenario[] = [
  {
    name: 'answered-queued-playbacks',
    // Silent: SIPp's key capture interleaved with its voice stream reaches Asterisk as several keys.
    real: { code: '60', behaviour: { kind: 'answer', ringMs: 1000, talk: false, keys: [{ atMs: 1500, digit: '5' }] } },
    sim: { kind: 'answer', ringMs: 1000, digits: [{ atMs: 1500, digits: '5' }] },
    roles: { [CUST]: 'customer', [BRIDGE]: 'bridge', 'diff-pb-1': 'first-play', 'diff-pb-2': 'cancelled-queued-play', 'diff-pb-3': 'last-play', 'diff-rec': 'recording' },
    async run(ari, endpoint) {
      if ((await originateAndWait(ari, endpoint, CUST)) !== 'answered') throw new Error('customer did not answer');
      await ari.rest('POST', '/bridges', { bridgeId: BRIDGE, type: 'mixing' });
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: CUST });
      await ari.rest('POST', `/bridges/${BRIDGE}/record`, { name: 'diff-rec', format: 'wav', ifExists: 'overwrite' });
      // Asterisk queues playbacks on a bridge: the second waits for the first, and is cancelled before it starts.
      await ari.rest('POST', `/bridges/${BRIDGE}/play/diff-pb-1`, { media: DIFF_SOUNDS.hello });
      await ari.rest('POST', `/bridges/${BRIDGE}/play/diff-pb-2`, { media: DIFF_SOUNDS.goodbye });
      await ari.rest('POST', `/bridges/${BRIDGE}/play/diff-pb-3`, { media: DIFF_SOUNDS.hello });
      await ari.rest('DELETE', '/playbacks/diff-pb-2');
      await ari.waitFor('the last playback finished', (e) => e.type === 'PlaybackFinished' && playbackOf(e) === 'diff-pb-3');
      await ari.waitFor('the customer key', (e) => e.type === 'ChannelDtmfReceived' && channelOf(e) === CUST);
      await ari.rest('DELETE', `/channels/${CUST}`);
      await ari.waitFor('customer gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === CUST);
      await ari.waitFor('recording finished', (e) => e.type === 'RecordingFinished' && recordingOf(e) === 'diff-rec');
      await ari.rest('DELETE', `/bridges/${BRIDGE}`);
      await ari.waitFor('bridge destroyed', (e) => e.type === 'BridgeDestroyed');
      await ari.rest('DELETE', '/recordings/stored/diff-rec');
    },
  },
  {
    name: 'busy',
    real: { code: '61', behaviour: { kind: 'reject', status: 486 } },
    sim: { kind: 'busy' },
    roles: { [CUST]: 'customer' },
    async run(ari, endpoint) {
      await originateAndWait(ari, endpoint, CUST);
    },
  },
  {
    name: 'unallocated',
    real: { code: '62', behaviour: { kind: 'reject', status: 404 } },
    sim: { kind: 'unallocated' },
    roles: { [CUST]: 'customer' },
    async run(ari, endpoint) {
      await originateAndWait(ari, endpoint, CUST);
    },
  },
  {
    name: 'answer-then-hangup',
    real: { code: '63', behaviour: { kind: 'answer', ringMs: 500, talk: true, hangupAfterMs: 1500 } },
    sim: { kind: 'answer', ringMs: 500, hangupAfterMs: 1500 },
    roles: { [CUST]: 'customer', 'diff-pb-1': 'play' },
    async run(ari, endpoint) {
      if ((await originateAndWait(ari, endpoint, CUST)) !== 'answered') throw new Error('customer did not answer');
      // A long prompt on the channel: the customer hangs up in the middle of it.
      await ari.rest('POST', `/channels/${CUST}/play/diff-pb-1`, { media: DIFF_SOUNDS.long });
      await ari.waitFor('customer gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === CUST);
    },
  },
  {
    name: 'monitor-snoop',
    // A supervisor listens (spy both), then switches to whisper (a new snoop), then the customer leaves.
    real: { code: '64', behaviour: { kind: 'answer', ringMs: 500, talk: true } },
    sim: { kind: 'answer', ringMs: 500 },
    roles: { [CUST]: 'customer', [BRIDGE]: 'bridge', 'diff-snoop-1': 'listen-snoop', 'diff-snoop-2': 'whisper-snoop', 'diff-sup': 'supervisor-bridge' },
    async run(ari, endpoint) {
      if ((await originateAndWait(ari, endpoint, CUST)) !== 'answered') throw new Error('customer did not answer');
      await ari.rest('POST', '/bridges', { bridgeId: BRIDGE, type: 'mixing' });
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: CUST });
      await ari.rest('POST', '/bridges', { bridgeId: 'diff-sup', type: 'mixing' });
      await ari.rest('POST', `/channels/${CUST}/snoop/diff-snoop-1`, { app: ari.app, spy: 'both', whisper: 'none', appArgs: 'snoop' });
      await ari.waitFor('the listen snoop in the app', (e) => e.type === 'StasisStart' && channelOf(e) === 'diff-snoop-1');
      await ari.rest('POST', '/bridges/diff-sup/addChannel', { channel: 'diff-snoop-1' });
      await ari.waitFor('the listen snoop bridged', (e) => e.type === 'ChannelEnteredBridge' && channelOf(e) === 'diff-snoop-1');
      // Switching mode: the old snoop goes, a whispering one takes its place.
      await ari.rest('DELETE', '/channels/diff-snoop-1');
      // Observed on Asterisk 22: a snoop hung up over ARI leaves Stasis, and no ChannelDestroyed reaches the app.
      await ari.waitFor('the listen snoop out of the app', (e) => e.type === 'StasisEnd' && channelOf(e) === 'diff-snoop-1');
      await ari.rest('POST', `/channels/${CUST}/snoop/diff-snoop-2`, { app: ari.app, spy: 'both', whisper: 'out', appArgs: 'snoop' });
      await ari.waitFor('the whisper snoop in the app', (e) => e.type === 'StasisStart' && channelOf(e) === 'diff-snoop-2');
      await ari.rest('POST', '/bridges/diff-sup/addChannel', { channel: 'diff-snoop-2' });
      await ari.waitFor('the whisper snoop bridged', (e) => e.type === 'ChannelEnteredBridge' && channelOf(e) === 'diff-snoop-2');
      // The spied channel leaves: the snoop goes with it.
      await ari.rest('DELETE', `/channels/${CUST}`);
      await ari.waitFor('customer gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === CUST);
      await ari.waitFor('the whisper snoop out of the app', (e) => e.type === 'StasisEnd' && channelOf(e) === 'diff-snoop-2');
      await ari.rest('DELETE', `/bridges/${BRIDGE}`);
      await ari.rest('DELETE', '/bridges/diff-sup');
      await ari.waitFor('bridges destroyed', () => ari.events.filter((e) => e.type === 'BridgeDestroyed').length >= 2);
    },
  },
  {
    name: 'inbound-stasis',
    // The outbound customer is unused; the caller talks and hangs up 3 s after the answer.
    real: { code: '65', behaviour: { kind: 'reject', status: 404 } },
    sim: { kind: 'unallocated' },
    inbound: { caller: '+8613900006400', dialled: '02161230000', hangupAfterMs: 3000, app: 'dialer' },
    roles: INBOUND_ROLES,
    async run(ari) {
      // The channel is Asterisk's (named on arrival): its role is given when it enters the app.
      const start = await ari.waitFor('the inbound StasisStart', (e) => e.type === 'StasisStart' && (e.args as string[] | undefined)?.[0] === 'inbound');
      const caller = channelOf(start)!;
      INBOUND_ROLES[caller] = 'caller';
      const args = (start.args as string[]).join(',');
      if (args !== 'inbound,+8613900006400,02161230000') throw new Error(`inbound StasisStart args: ${args}`);
      if ((start.channel as { state?: string }).state !== 'Up') throw new Error('the dialplan answers before Stasis');
      await ari.rest('POST', '/bridges', { bridgeId: BRIDGE, type: 'mixing' });
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: caller });
      await ari.rest('POST', `/bridges/${BRIDGE}/record`, { name: 'diff-in-rec', format: 'wav', ifExists: 'overwrite' });
      await ari.rest('POST', `/bridges/${BRIDGE}/play/diff-in-pb`, { media: DIFF_SOUNDS.hello });
      await ari.waitFor('the welcome finished', (e) => e.type === 'PlaybackFinished' && playbackOf(e) === 'diff-in-pb');
      // The channel leaves the app at StasisEnd (the dialplan goes on): no ChannelDestroyed reaches the app.
      await ari.waitFor('the caller hung up', (e) => e.type === 'StasisEnd' && channelOf(e) === caller);
      await ari.waitFor('recording finished', (e) => e.type === 'RecordingFinished' && recordingOf(e) === 'diff-in-rec');
      await ari.rest('DELETE', `/bridges/${BRIDGE}`);
      await ari.waitFor('bridge destroyed', (e) => e.type === 'BridgeDestroyed');
      await ari.rest('DELETE', '/recordings/stored/diff-in-rec');
    },
  },
];
