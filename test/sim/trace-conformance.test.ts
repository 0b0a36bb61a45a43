/**
 * The simulator against real Asterisk 22 traces: each test drives the trace's REST sequence
 * (same ids, same parameters) with far ends scripted like the trace's dialplan, then compares
 * the event sequence (ignoring `;2` halves and ChannelVarset/Dialplan/CallerId/ConnectedLine),
 * the fields clients decide on, REST statuses and body keys, and the keys of every object.
 * Times are scaled down (÷10 or ÷20); only the order matters.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawAri, startSim, talk, type Json, type RestReply } from './support/raw-ari.js';
import {
  eventKeys,
  keyFields,
  loadTrace,
  mainEvents,
  objectKeySets,
  restShapes,
  traceRestShapes,
  type Trace,
} from './support/trace.js';
import type { AriSimulatorOptions } from '../../src/sim/index.js';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

async function setup(opts: Partial<AriSimulatorOptions>): Promise<RawAri> {
  const s = await startSim(opts);
  const client = new RawAri(s.url);
  await client.connect();
  cleanup.push(s.close, () => client.close());
  return client;
}

function expectConformance(trace: Trace, client: RawAri, replies: RestReply[], expectedEvents?: Json[]): void {
  const expected = expectedEvents ?? mainEvents(trace.events);
  const actual = mainEvents(client.events);
  expect(actual.map((e) => e.type)).toEqual(expected.map((e) => e.type));
  expect(actual.map(keyFields)).toEqual(expected.map(keyFields));
  actual.forEach((e, i) => expect(eventKeys(e), `keys of event #${i} ${e.type}`).toEqual(eventKeys(expected[i] ?? {})));
  expect(restShapes(replies)).toEqual(traceRestShapes(trace));
  const ours = objectKeySets(client.events, replies.map((r) => r.body));
  const theirs = objectKeySets(trace.events, trace.rest.map((r) => r.response));
  for (const [kind, sets] of ours) {
    for (const keys of sets) expect(theirs.get(kind), `${kind} object keys`).toContain(keys);
  }
  for (const e of client.events) {
    expect(e.asterisk_id, e.type).toEqual(expect.any(String));
    expect(e.application, e.type).toBe('dialer');
    expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  }
}

describe('trace conformance', () => {
  it('busy: Local far end busy → Dial BUSY, ;1 destroyed with cause 0, 17 on ;2', async () => {
    const trace = loadTrace('busy');
    const ari = await setup({ scripts: { '2001': { kind: 'busy' } } });
    const replies = [
      await ari.rest('POST', '/channels/cust-2', { endpoint: 'Local/2001@customers', app: 'dialer', appArgs: 'customer,call-2', timeout: 30 }),
    ];
    await ari.waitChannel('ChannelDestroyed', 'cust-2;2');
    expectConformance(trace, ari, replies);
  });

  it('no-answer-timeout: ring forever, timeout=5 → ChannelDestroyed 19 and no final Dial', async () => {
    const trace = loadTrace('no-answer-timeout');
    const ari = await setup({ scripts: { '3001': { kind: 'ring-forever' } }, secondMs: 20 });
    const replies = [
      await ari.rest('POST', '/channels/cust-3', { endpoint: 'Local/3001@customers', app: 'dialer', appArgs: 'customer,call-3', timeout: 5 }),
    ];
    await ari.waitChannel('ChannelDestroyed', 'cust-3;2');
    expectConformance(trace, ari, replies);
  });

  it('answer-then-hangup: playback on the channel fails when the customer hangs up', async () => {
    const trace = loadTrace('answer-then-hangup');
    const ari = await setup({
      // Long enough for the play request to beat the hangup on a loaded machine.
      scripts: { '4001': { kind: 'answer', hangupAfterMs: 300 } },
      soundDurationsMs: { 'sound:hello-world': 1000 },
    });
    const replies = [
      await ari.rest('POST', '/channels/cust-5', { endpoint: 'Local/4001@customers', app: 'dialer', appArgs: 'customer,call-5', timeout: 30 }),
    ];
    await ari.waitChannel('StasisStart', 'cust-5');
    replies.push(await ari.rest('POST', '/channels/cust-5/play', { media: 'sound:hello-world', playbackId: 'pb-5' }));
    await ari.waitChannel('ChannelDestroyed', 'cust-5');
    expectConformance(trace, ari, replies);
  });

  it('answered-record-play-dtmf: bridge recording ends on silence while the call goes on (÷10)', async () => {
    const trace = loadTrace('answered-record-play-dtmf');
    const ari = await setup({
      // Local/1001 sits in Wait(): no audio frames, so only the prompt reaches the recorder.
      scripts: { '1001': { kind: 'answer', ringMs: 200, audioStopsAfterMs: 0, digits: [{ atMs: 820, digits: '1' }], hangupAfterMs: 1850 } },
      soundDurationsMs: { 'sound:hello-world': 140 },
      silenceTimeoutMs: 400,
    });
    const replies: RestReply[] = [];
    replies.push(await ari.rest('POST', '/bridges', { type: 'mixing', bridgeId: 'br-1', name: 'call-1' }));
    replies.push(
      await ari.rest('POST', '/channels/cust-1', { endpoint: 'Local/1001@customers', app: 'dialer', appArgs: 'customer,call-1', callerId: '4001', timeout: 30 }),
    );
    await ari.waitChannel('StasisStart', 'cust-1');
    replies.push(await ari.rest('POST', '/bridges/br-1/addChannel', { channel: 'cust-1' }));
    replies.push(await ari.rest('POST', '/bridges/br-1/record', { name: 'call-1', format: 'wav', ifExists: 'overwrite', beep: false }));
    replies.push(await ari.rest('POST', '/bridges/br-1/play', { media: 'sound:hello-world', playbackId: 'pb-1' }));
    await ari.waitChannel('ChannelDestroyed', 'cust-1', 5000);
    replies.push(await ari.rest('DELETE', '/bridges/br-1'));
    await ari.waitFor((e) => e.type === 'BridgeDestroyed', 'BridgeDestroyed');
    replies.push(await ari.rest('GET', '/recordings/stored/call-1'));
    expectConformance(trace, ari, replies);
  });

  it('agent-connect: agent parked in a holding bridge, moved to the customer, back again (÷10)', async () => {
    const trace = loadTrace('agent-connect');
    const ari = await setup({ scripts: { '9001': { kind: 'answer' }, '5001': { kind: 'answer', ringMs: 100 } } });
    const replies: RestReply[] = [];
    replies.push(await ari.rest('POST', '/bridges', { type: 'holding', bridgeId: 'hold-a1' }));
    replies.push(await ari.rest('POST', '/channels/agent-1', { endpoint: 'Local/9001@agents', app: 'dialer', appArgs: 'agent,a1' }));
    await ari.waitChannel('StasisStart', 'agent-1');
    replies.push(await ari.rest('POST', '/bridges/hold-a1/addChannel', { channel: 'agent-1' }));
    replies.push(await ari.rest('POST', '/bridges', { type: 'mixing', bridgeId: 'br-4' }));
    replies.push(
      await ari.rest('POST', '/channels/cust-4', { endpoint: 'Local/5001@customers', app: 'dialer', appArgs: 'customer,call-4', timeout: 30 }),
    );
    await ari.waitChannel('StasisStart', 'cust-4');
    replies.push(await ari.rest('POST', '/bridges/br-4/addChannel', { channel: 'cust-4' }));
    replies.push(await ari.rest('POST', '/bridges/br-4/record', { name: 'call-4', format: 'wav', ifExists: 'overwrite' }));
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    replies.push(await ari.rest('POST', '/bridges/hold-a1/removeChannel', { channel: 'agent-1' }));
    replies.push(await ari.rest('POST', '/bridges/br-4/addChannel', { channel: 'agent-1' }));
    await talk(300);
    replies.push(await ari.rest('DELETE', '/channels/cust-4', { reason: 'normal' }));
    await ari.waitChannel('ChannelDestroyed', 'cust-4');
    replies.push(await ari.rest('POST', '/bridges/br-4/removeChannel', { channel: 'agent-1' }));
    replies.push(await ari.rest('POST', '/bridges/hold-a1/addChannel', { channel: 'agent-1' }));
    replies.push(await ari.rest('DELETE', '/bridges/br-4'));
    await ari.waitFor((e) => e.type === 'BridgeDestroyed' && e.bridge.id === 'br-4', 'BridgeDestroyed br-4');
    replies.push(await ari.rest('DELETE', '/channels/agent-1'));
    await ari.waitChannel('ChannelDestroyed', 'agent-1');
    replies.push(await ari.rest('DELETE', '/bridges/hold-a1'));
    await ari.waitFor((e) => e.type === 'BridgeDestroyed' && e.bridge.id === 'hold-a1', 'BridgeDestroyed hold-a1');

    // In the real trace cust-4's first Dial ("") lost a race and arrived after its
    // ChannelStateChange(Ringing), carrying the Ringing snapshot. The simulator sends it first
    // (as every other trace shows); restore that order in the expectation.
    const expected = mainEvents(trace.events);
    const ringing = expected.findIndex((e) => e.type === 'ChannelStateChange' && e.channel.id === 'cust-4');
    const late = expected.findIndex((e) => e.type === 'Dial' && e.dialstatus === '' && e.peer.id === 'cust-4');
    expect(late).toBe(ringing + 1);
    const [dial] = expected.splice(late, 1);
    expected.splice(ringing, 0, { ...dial, peer: { ...dial?.peer, state: 'Down' } });
    expectConformance(trace, ari, replies, expected);
  });

  it('softphone-agent-record: PJSIP agent and Local customer recorded together (÷10)', async () => {
    const trace = loadTrace('softphone-agent-record');
    const ari = await setup({
      scripts: {
        '8001': { kind: 'answer', ringMs: 10 },
        '1001': { kind: 'answer', ringMs: 200, digits: [{ atMs: 800, digits: '1' }], hangupAfterMs: 1850 },
      },
    });
    const replies: RestReply[] = [];
    replies.push(await ari.rest('POST', '/bridges', { type: 'mixing', bridgeId: 'br-7' }));
    replies.push(await ari.rest('POST', '/channels/agent-7', { endpoint: 'PJSIP/8001', app: 'dialer', appArgs: 'agent,8001', timeout: 10 }));
    await ari.waitChannel('StasisStart', 'agent-7');
    replies.push(
      await ari.rest('POST', '/channels/cust-7', { endpoint: 'Local/1001@customers', app: 'dialer', appArgs: 'customer,call-7', timeout: 30 }),
    );
    await ari.waitChannel('StasisStart', 'cust-7');
    replies.push(await ari.rest('POST', '/bridges/br-7/addChannel', { channel: 'cust-7,agent-7' }));
    replies.push(await ari.rest('POST', '/bridges/br-7/record', { name: 'call-7', format: 'wav', ifExists: 'overwrite' }));
    await ari.waitChannel('ChannelDestroyed', 'cust-7', 5000);
    replies.push(await ari.rest('DELETE', '/channels/agent-7'));
    await ari.waitChannel('ChannelDestroyed', 'agent-7');
    replies.push(await ari.rest('DELETE', '/bridges/br-7'));
    await ari.waitFor((e) => e.type === 'BridgeDestroyed', 'BridgeDestroyed');
    expectConformance(trace, ari, replies);
    const finished = ari.events.find((e) => e.type === 'RecordingFinished');
    expect(finished?.recording.duration).toBe(1); // ~1.85 s recorded; Asterisk reports whole seconds
  });

  it('errors: same statuses and bodies as Asterisk', async () => {
    const trace = loadTrace('errors');
    const ari = await setup({});
    const replies = [
      await ari.rest('POST', '/channels/nope/play', { media: 'sound:hello-world' }),
      await ari.rest('POST', '/channels', { endpoint: 'Bogus/xyz', app: 'dialer' }),
      await ari.rest('POST', '/bridges/nope/addChannel', { channel: 'nope' }),
      await ari.rest('GET', '/recordings/stored/nope'),
    ];
    expect(replies.map((r) => ({ status: r.status, response: r.body }))).toEqual(
      trace.rest.map((r) => ({ status: r.status, response: r.response })),
    );
    expect(ari.events).toEqual([]);
  });
});

/**
 * Facts seen on Asterisk 22.10.1 with the project's configuration (shared/asterisk/README.md,
 * issue 11) for which no raw trace is stored yet: the simulator must show them the same way.
 * The lead's differential test against real-Asterisk fixtures will hold these to the letter.
 */
describe('facts seen on Asterisk 22.10.1', () => {
  /** An answered Local customer `cust-n` in mixing bridge `br-n`. */
  async function bridged(ari: RawAri, n: number): Promise<void> {
    await ari.rest('POST', `/bridges/br-${n}`, { type: 'mixing' });
    await ari.rest('POST', `/channels/cust-${n}`, { endpoint: `Local/100${n}@customers`, app: 'dialer', appArgs: `customer,call-${n}` });
    await ari.waitChannel('StasisStart', `cust-${n}`);
    await ari.rest('POST', `/bridges/br-${n}/addChannel`, { channel: `cust-${n}` });
  }
  const playbackEvents = (ari: RawAri) =>
    ari.events.filter((e) => e.type.startsWith('Playback')).map((e) => `${e.type} ${e.playback.id} ${e.playback.state}`);

  it('playbacks on a bridge queue: the second starts when the first finishes; a queued one cancelled ends with PlaybackFinished and no PlaybackStarted', async () => {
    const ari = await setup({ scripts: { '1001': { kind: 'answer' } }, soundDurationsMs: { 'sound:opening': 300, 'sound:question': 100, 'sound:third': 100 } });
    await bridged(ari, 1);
    expect((await ari.rest('POST', '/bridges/br-1/play/pb-opening', { media: 'sound:opening' })).body).toMatchObject({ state: 'queued' });
    expect((await ari.rest('POST', '/bridges/br-1/play/pb-question', { media: 'sound:question' })).body).toMatchObject({ state: 'queued' });
    expect((await ari.rest('POST', '/bridges/br-1/play/pb-third', { media: 'sound:third' })).body).toMatchObject({ state: 'queued' });
    await ari.waitFor((e) => e.type === 'PlaybackStarted' && e.playback.id === 'pb-opening', 'opening started');
    // Still queued behind the opening: GET says so, and stopping it cancels it.
    expect((await ari.rest('GET', '/playbacks/pb-question')).body).toMatchObject({ state: 'queued' });
    expect((await ari.rest('DELETE', '/playbacks/pb-question')).status).toBe(204);
    await ari.waitFor((e) => e.type === 'PlaybackFinished' && e.playback.id === 'pb-third', 'third finished');
    expect(playbackEvents(ari)).toEqual([
      'PlaybackStarted pb-opening playing',
      'PlaybackFinished pb-opening done',
      // res_stasis_playback.c: a cancelled playback reports `done` when its turn comes, without starting.
      'PlaybackFinished pb-question done',
      'PlaybackStarted pb-third playing',
      'PlaybackFinished pb-third done',
    ]);
  });

  it('cause 1 (unallocated, SIP 404): dial status NOANSWER, the cause tells it apart', async () => {
    const ari = await setup({ scripts: { '8613800000404': { kind: 'unallocated', ringMs: 20 } } });
    await ari.rest('POST', '/channels/cust-404', { endpoint: 'PJSIP/8613800000404@carrier', app: 'dialer', appArgs: 'customer,call-404', timeout: 30 });
    const destroyed = await ari.waitChannel('ChannelDestroyed', 'cust-404');
    const dials = ari.events.filter((e) => e.type === 'Dial' && e.peer.id === 'cust-404').map((e) => e.dialstatus);
    expect(dials.at(-1)).toBe('NOANSWER');
    expect(destroyed).toMatchObject({ cause: 1, cause_txt: 'Unallocated (unassigned) number' });
    expect(ari.events.some((e) => e.type === 'StasisStart')).toBe(false);
  });

  it('a Local originate makes two channels, id and id;2: both listed by GET /channels', async () => {
    const ari = await setup({ scripts: { '1002': { kind: 'answer' } } });
    await ari.rest('POST', '/channels/cust-2', { endpoint: 'Local/1002@customers', app: 'dialer', appArgs: 'customer,call-2' });
    await ari.waitChannel('StasisStart', 'cust-2');
    const ids = ((await ari.rest('GET', '/channels')).body as Json[]).map((c) => c.id).sort();
    expect(ids).toEqual(['cust-2', 'cust-2;2']);
  });

  it('core stop now: the recorder leaves the bridge (RecordingFinished) before the channels hang up (soft, cause 4)', async () => {
    const s = await startSim({ scripts: { '1003': { kind: 'answer' } } });
    const ari = new RawAri(s.url);
    await ari.connect();
    cleanup.push(s.close, () => ari.close());
    await bridged(ari, 3);
    await ari.rest('POST', '/bridges/br-3/record', { name: 'call-3', format: 'wav' });
    await ari.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted');
    await talk(100);
    await s.sim.stopAsterisk();
    const order = ari.events.filter((e) => ['RecordingFinished', 'ChannelHangupRequest', 'StasisEnd', 'ChannelDestroyed'].includes(e.type) && !String(e.channel?.id ?? '').endsWith(';2'));
    expect(order.map((e) => e.type)).toEqual(['RecordingFinished', 'ChannelHangupRequest', 'StasisEnd', 'ChannelDestroyed']);
    expect(order[1]).toMatchObject({ cause: 4, soft: true });
    // Asterisk is going away: REST is refused from then on.
    expect((await ari.rest('POST', '/bridges/br-3/record', { name: 'call-3b', format: 'wav' }).catch(() => ({ status: 0 }))).status).not.toBe(201);
  });
});

