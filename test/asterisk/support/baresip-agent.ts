/**
 * An agent's (or a supervisor's) softphone: Debian's baresip, headless, registered over PJSIP/UDP to the tier's
 * Asterisk as extension `ext`, auto-answering, sending a steady tone as its voice. Driven
 * through its ctrl_tcp module (dial, hang up) and its stdin (keys pressed during a call are
 * sent as RFC 2833 DTMF, as a person typing on the phone would).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndWait } from './processes.js';
import { freeDualPort, freeUdpBlock } from './ports.js';

export interface BaresipAgentOptions {
  ext: string;
  password: string;
  /** Asterisk's SIP port on 127.0.0.1. */
  sipPort: number;
  /** Answer incoming calls at once (the service calls the softphone at log-in). */
  autoAnswer?: boolean;
  /** The tone the phone sends as its voice (Hz); default 440. A supervisor's phone uses another, to be told apart in a recording. */
  toneHz?: number;
}

export class BaresipAgent {
  private proc: ChildProcess | null = null;
  private output = '';
  private readonly dir = mkdtempSync(join(tmpdir(), 'dialer-baresip-'));

  private constructor(
    private readonly opts: BaresipAgentOptions,
    private readonly ctrlPort: number,
    private readonly rtp: { start: number; end: number },
  ) {}

  static async create(opts: BaresipAgentOptions): Promise<BaresipAgent> {
    return new BaresipAgent(opts, await freeDualPort(), await freeUdpBlock(20));
  }

  get ext(): string {
    return this.opts.ext;
  }

  /** Starts baresip and resolves once Asterisk accepted its registration. */
  async start(): Promise<void> {
    const o = this.opts;
    writeFileSync(
      join(this.dir, 'config'),
      [
        'poll_method epoll',
        'sip_listen 127.0.0.1:0',
        'sip_transports udp',
        'net_interface 127.0.0.1',
        // ausine only makes 48 kHz stereo; baresip resamples it for G.711.
        `audio_source ausine,${o.toneHz ?? 440}`,
        'ausrc_srate 48000',
        'ausrc_channels 2',
        'audio_alert aufile,/dev/null',
        `rtp_ports ${this.rtp.start}-${this.rtp.end}`,
        'module_path /usr/lib/baresip/modules',
        'module stdio.so',
        'module g711.so',
        'module ausine.so',
        'module aufile.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${this.ctrlPort}`,
        '',
      ].join('\n'),
    );
    const answer = o.autoAnswer === false ? 'manual' : 'auto';
    writeFileSync(
      join(this.dir, 'accounts'),
      `<sip:${o.ext}@127.0.0.1:${o.sipPort};transport=udp>;auth_pass=${o.password};answermode=${answer};regint=300;audio_codecs=PCMU,PCMA\n`,
    );
    writeFileSync(join(this.dir, 'contacts'), '');
    const proc = spawn('baresip', ['-f', this.dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = proc;
    proc.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    await this.waitOutput(/200 OK .*\[1 binding\]/, 10_000, 'registration');
  }

  /** Calls `number` (e.g. `*55`) from the softphone. */
  async dial(number: string): Promise<void> {
    await this.command('dial', number);
  }

  async hangup(): Promise<void> {
    await this.command('hangup');
  }

  /** Presses keys on the phone during a call: each is sent as RFC 2833 DTMF. */
  async pressKeys(keys: string): Promise<void> {
    for (const k of keys) {
      this.proc?.stdin?.write(k);
      // A person's key presses are apart; RFC 2833 events of one key must not merge.
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Resolves when the softphone has a call established (auto-answered or dialled). */
  async waitEstablished(timeoutMs = 10_000): Promise<void> {
    await this.waitOutput(/Call established/, timeoutMs, 'an established call');
  }

  /** What baresip printed so far. */
  log(): string {
    return this.output;
  }

  private async waitOutput(re: RegExp, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(this.output)) {
      if (this.proc?.exitCode !== null) throw new Error(`baresip ${this.opts.ext} exited: ${this.output}`);
      if (Date.now() > deadline) throw new Error(`baresip ${this.opts.ext}: no ${what} within ${timeoutMs} ms:\n${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** One ctrl_tcp command: a netstring-framed JSON object, answered the same way. */
  private command(command: string, params?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const sock = connect(this.ctrlPort, '127.0.0.1');
      const body = JSON.stringify({ command, params, token: 'tier' });
      let reply = '';
      sock.on('connect', () => sock.write(`${Buffer.byteLength(body)}:${body},`));
      sock.on('data', (d) => {
        reply += d.toString();
        if (reply.includes('"response"')) {
          sock.end();
          resolve(reply);
        }
      });
      sock.on('error', reject);
      sock.setTimeout(5000, () => {
        sock.destroy();
        reject(new Error(`baresip ctrl_tcp: no answer to ${command}`));
      });
    });
  }

  async stop(): Promise<void> {
    await killAndWait(this.proc);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
