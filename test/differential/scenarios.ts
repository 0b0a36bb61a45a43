/**
 * Scenarios run alike on a real Asterisk and on the simulator. Each names its customer for
 * both worlds (a SIPp behaviour behind the carrier trunk; a simulator far-end script) and
 * drives ARI the same way; the normalised events must be equal. The real ones are kept as
 * fixtures in test/fixtures/real-ari/ (rewritten by the real tier with UPDATE_ARI_FIXTURES=1).
 */
import type { FarEndScript } from '../../src/sim/index.js';
import type { CustomerBehaviour } from '../asterisk/support/sipp-scenario.js';
import { bridgeOf, channelOf, playbackOf, recordingOf, type AriDriver } from './ari-driver.js';

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
  const status = await ari.rest('POST', '/channels', { endpoint, app: ari.app, channelId: id, timeout: '15', callerId: '10086' });
  if (status >= 300) throw new Error(`differential: originating ${id} answered ${status}`);
  const e = await ari.waitFor(`${id} answered or gone`, (ev) => channelOf(ev) === id && (ev.type === 'StasisStart' || ev.type === 'ChannelDestroyed'));
  return e.type === 'StasisStart' ? 'answered' : 'failed';
}

/** The same behaviour's `n`-th number (SIPp matches on the behaviour code only): another party of a scenario. */
const party = (endpoint: string, n: number): string => endpoint.replace(/00@/, `${String(n).padStart(2, '0')}@`);

/** Waits until `pred` has matched `n` events (a channel entering the same bridge twice, say). */
async function nth(ari: AriDriver, what: string, n: number, pred: (e: Parameters<Parameters<AriDriver['waitFor']>[1]>[0]) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (ari.events.filter(pred).length < n) {
    if (Date.now() > deadline) throw new Error(`differential: no ${what} ×${n}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The customer is hung up; once their bridge's recording has finished, the bridge and the stored file go. */
async function hangUpRecorded(ari: AriDriver, recording: string): Promise<void> {
  await ari.rest('DELETE', `/channels/${CUST}`);
  await ari.waitFor('customer gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === CUST);
  await ari.waitFor('recording finished', (e) => e.type === 'RecordingFinished' && recordingOf(e) === recording);
  await ari.rest('DELETE', `/bridges/${BRIDGE}`);
  await ari.waitFor('bridge destroyed', (e) => e.type === 'BridgeDestroyed');
  await ari.rest('DELETE', `/recordings/stored/${recording}`);
}

const entered = (ch: string, br: string) => (e: Parameters<Parameters<AriDriver['waitFor']>[1]>[0]) => e.type === 'ChannelEnteredBridge' && channelOf(e) === ch && bridgeOf(e) === br;
const left = (ch: string, br: string) => (e: Parameters<Parameters<AriDriver['waitFor']>[1]>[0]) => e.type === 'ChannelLeftBridge' && channelOf(e) === ch && bridgeOf(e) === br;

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
      await hangUpRecorded(ari, 'diff-rec');
    },
  },
  {
    name: 'rest-over-websocket',
    // ARI REST over the event WebSocket (the dialer's add, record and play after an answer):
    // written back to back, run in order, each answered among the events; and its errors.
    real: { code: '67', behaviour: { kind: 'answer', ringMs: 300, talk: false } },
    sim: { kind: 'answer', ringMs: 300 },
    roles: {
      [CUST]: 'customer',
      [BRIDGE]: 'bridge',
      'diff-ws-pb': 'play',
      'diff-ws-rec': 'recording',
      'ws-add': 'add',
      'ws-record': 'record',
      'ws-play': 'play-request',
      'ws-missing': 'missing-bridge',
      'ws-no-method': 'no-method',
      '': 'unparsable',
    },
    async run(ari, endpoint) {
      if ((await originateAndWait(ari, endpoint, CUST)) !== 'answered') throw new Error('customer did not answer');
      await ari.rest('POST', '/bridges', { bridgeId: BRIDGE, type: 'mixing' });
      ari.wsRest('ws-add', 'POST', `bridges/${BRIDGE}/addChannel`, { channel: CUST });
      ari.wsRest('ws-record', 'POST', `bridges/${BRIDGE}/record`, { name: 'diff-ws-rec', format: 'wav', ifExists: 'overwrite' });
      ari.wsRest('ws-play', 'POST', `bridges/${BRIDGE}/play/diff-ws-pb`, { media: DIFF_SOUNDS.hello });
      ari.wsRest('ws-missing', 'POST', 'bridges/diff-nobody/addChannel', { channel: CUST });
      ari.wsRest('ws-no-method', '', 'asterisk/ping', {}, JSON.stringify({ type: 'RESTRequest', request_id: 'ws-no-method', uri: 'asterisk/ping' }));
      ari.wsRest('', '', '', {}, '{not json');
      await ari.waitFor('the unparsable answered', (e) => e.type === 'RESTResponse' && e.request_id === '');
      await ari.waitFor('the play finished', (e) => e.type === 'PlaybackFinished' && playbackOf(e) === 'diff-ws-pb');
      await hangUpRecorded(ari, 'diff-ws-rec');
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
  {
    // What the transfer service does for a warm transfer to a phone it calls (transfers/): the
    // customer holds on music in the recorded call bridge, the agent and the target talk in a
    // consultation bridge, then all three are in the call bridge and the agent leaves.
    name: 'warm-transfer',
    real: { code: '66', behaviour: { kind: 'answer', ringMs: 300, talk: true } },
    sim: { kind: 'answer', ringMs: 300 },
    roles: { [CUST]: 'customer', [BRIDGE]: 'bridge', 'diff-agent': 'agent', 'diff-target': 'target', 'diff-xbr': 'consultation', 'diff-rec': 'recording' },
    async run(ari, endpoint) {
      const [agent, target, xbr] = ['diff-agent', 'diff-target', 'diff-xbr'];
      if ((await originateAndWait(ari, endpoint, CUST)) !== 'answered') throw new Error('customer did not answer');
      await ari.rest('POST', '/bridges', { bridgeId: BRIDGE, type: 'mixing' });
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: CUST });
      await ari.rest('POST', `/bridges/${BRIDGE}/record`, { name: 'diff-rec', format: 'wav', ifExists: 'overwrite' });
      await ari.waitFor('recording started', (e) => e.type === 'RecordingStarted' && recordingOf(e) === 'diff-rec');
      if ((await originateAndWait(ari, party(endpoint, 1), agent)) !== 'answered') throw new Error('agent did not answer');
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: agent });
      await nth(ari, 'agent with the customer', 1, entered(agent, BRIDGE));
      // Consult: music to the customer, the agent off to the consultation bridge.
      await ari.rest('POST', `/bridges/${BRIDGE}/moh`);
      await ari.rest('POST', '/bridges', { bridgeId: xbr, type: 'mixing' });
      await ari.rest('POST', `/bridges/${BRIDGE}/removeChannel`, { channel: agent });
      await ari.rest('POST', `/bridges/${xbr}/addChannel`, { channel: agent });
      await nth(ari, 'agent in the consultation', 1, entered(agent, xbr));
      if ((await originateAndWait(ari, party(endpoint, 2), target)) !== 'answered') throw new Error('target did not answer');
      await ari.rest('POST', `/bridges/${xbr}/addChannel`, { channel: target });
      await nth(ari, 'target in the consultation', 1, entered(target, xbr));
      // Complete: the target moved straight across, the agent back, music off, consultation gone.
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: target });
      await nth(ari, 'target with the customer', 1, entered(target, BRIDGE));
      await ari.rest('POST', `/bridges/${xbr}/removeChannel`, { channel: agent });
      await ari.rest('POST', `/bridges/${BRIDGE}/addChannel`, { channel: agent });
      await nth(ari, 'agent back with the customer', 2, entered(agent, BRIDGE));
      await ari.rest('DELETE', `/bridges/${BRIDGE}/moh`);
      // Emptied by moves, the consultation bridge no longer has the app subscribed: destroyed
      // without a BridgeDestroyed event (res_stasis unsubscribes on each channel taken out).
      await ari.rest('DELETE', `/bridges/${xbr}`);
      // Leave: the agent goes, the target keeps the customer.
      await ari.rest('POST', `/bridges/${BRIDGE}/removeChannel`, { channel: agent });
      await nth(ari, 'agent left', 2, left(agent, BRIDGE));
      await ari.rest('DELETE', `/channels/${agent}`);
      await ari.waitFor('agent gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === agent);
      await ari.rest('DELETE', `/channels/${CUST}`);
      await ari.waitFor('customer gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === CUST);
      await ari.rest('DELETE', `/channels/${target}`);
      await ari.waitFor('target gone', (e) => e.type === 'ChannelDestroyed' && channelOf(e) === target);
      await ari.waitFor('recording finished', (e) => e.type === 'RecordingFinished' && recordingOf(e) === 'diff-rec');
      await ari.rest('DELETE', `/bridges/${BRIDGE}`);
      await ari.waitFor('bridge destroyed', (e) => e.type === 'BridgeDestroyed' && bridgeOf(e) === BRIDGE);
      await ari.rest('DELETE', '/recordings/stored/diff-rec');
    },
  },
];
