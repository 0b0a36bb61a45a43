/**
 * A customer calling in: one SIPp UAC call from the carrier's address (127.0.0.2, so Asterisk's
 * `carrier-identify` takes it for the carrier and sends it to `from-carrier`) to Asterisk's SIP
 * port, dialling `dialled` as `caller`. It answers-waits, talks (RTP voice), and hangs up after
 * `hangupAfterMs` unless Asterisk hangs up first. `done` settles when SIPp exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndWait } from './processes.js';
import { freeDualPort, freeUdpBlock } from './ports.js';
import { CARRIER_HOST } from './sipp-carrier.js';
import { pcmaSdp } from './sipp-scenario.js';
import { customerVoice } from './sounds.js';

export interface InboundCallOptions {
  /** The caller's number (From user part; Asterisk's CALLERID(num)). */
  caller: string;
  /** The number dialled (Request-URI user part: a campaign's caller ID). */
  dialled: string;
  /** Asterisk's SIP port on 127.0.0.1. */
  asteriskPort: number;
  /** The caller hangs up this long after the answer, unless Asterisk hangs up first. */
  hangupAfterMs: number;
}

/** How the call ended: the caller hung up, or Asterisk did (BYE received). */
export type InboundCallEnd = { by: 'caller' | 'asterisk'; exitCode: number | null; errors: string };

/** The UAC scenario: INVITE (PCMA), ACK, voice, then BYE after `hangupAfterMs` or a 200 for Asterisk's BYE. */
export function callerScenario(o: Pick<InboundCallOptions, 'caller' | 'hangupAfterMs'>, voiceFile: string): string {
  const from = `<sip:${o.caller}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]`;
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="caller">
  <send retrans="500">
    <![CDATA[
INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${from}
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:${o.caller}@[local_ip]:[local_port]>
Max-Forwards: 70
${pcmaSdp('caller')}
    ]]>
  </send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rrs="true"/>
  <send>
    <![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${from}
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: <sip:${o.caller}@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <nop><action><exec rtp_stream="${voiceFile},-1,8"/></action></nop>
  <recv request="BYE" timeout="${Math.max(1, o.hangupAfterMs)}" ontimeout="hang_up" next="got_bye"/>
  <label id="hang_up"/>
  <nop><action><log message="caller hangs up"/></action></nop>
  <send retrans="500">
    <![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: ${from}
[last_To:]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: <sip:${o.caller}@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Length: 0

    ]]>
  </send>
  <recv response="200" next="end"/>
  <label id="got_bye"/>
  <nop><action><log message="asterisk hung up"/></action></nop>
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

    ]]>
  </send>
  <label id="end"/>
</scenario>
`;
}

/** Places the call now; `done` resolves when SIPp has finished it. */
export async function placeInboundCall(o: InboundCallOptions): Promise<{ done: Promise<InboundCallEnd>; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'dialer-sipp-caller-'));
  const voice = join(dir, 'caller.al');
  customerVoice(voice, '你好,我刚才接到你们的电话,想问一下。');
  const scenario = join(dir, 'caller.xml');
  writeFileSync(scenario, callerScenario(o, voice));
  const port = await freeDualPort(CARRIER_HOST);
  const media = (await freeUdpBlock(8, CARRIER_HOST)).start;
  const log = join(dir, 'log.log');
  const args = [
    `127.0.0.1:${o.asteriskPort}`,
    '-sf', scenario,
    '-s', o.dialled,
    '-i', CARRIER_HOST, '-p', String(port),
    '-mi', CARRIER_HOST, '-mp', String(media),
    '-m', '1',
    '-nostdin',
    '-trace_logs', '-log_file', log,
    '-trace_err', '-error_file', join(dir, 'errors.log'),
  ];
  const proc: ChildProcess = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const done = new Promise<InboundCallEnd>((resolve) => {
    proc.once('exit', (code) => {
      const logged = read(log);
      resolve({ by: logged.includes('asterisk hung up') ? 'asterisk' : 'caller', exitCode: code, errors: `${stderr}${read(join(dir, 'errors.log'))}` });
      rmSync(dir, { recursive: true, force: true });
    });
  });
  return {
    done,
    async stop() {
      await killAndWait(proc);
    },
  };
}
