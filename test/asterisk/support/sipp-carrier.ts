/**
 * The carrier and its customers: one SIPp UAS (Debian's `sip-tester`) on 127.0.0.2, which the
 * project's `carrier` trunk points at. 127.0.0.2 rather than 127.0.0.1 because the trunk is
 * identified by source address and the agents' softphones register from 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAndWait } from './processes.js';
import { freeDualPort, freeUdpBlock, udpFree } from './ports.js';
import { carrierScenario, type BehaviourTable } from './sipp-scenario.js';
import { customerVoice } from './sounds.js';

export const CARRIER_HOST = '127.0.0.2';

export class SippCarrier {
  private proc: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'dialer-sipp-'));

  private constructor(
    readonly port: number,
    private readonly mediaPort: number,
  ) {}

  static async create(): Promise<SippCarrier> {
    return new SippCarrier(await freeDualPort(CARRIER_HOST), (await freeUdpBlock(8, CARRIER_HOST)).start);
  }

  /** Starts SIPp with the customers of `table`; resolves once it listens. */
  async start(table: BehaviourTable): Promise<void> {
    const voice = join(this.dir, 'customer.al');
    customerVoice(voice, '喂,你好。我是机主,请讲。');
    const scenario = join(this.dir, 'customers.xml');
    writeFileSync(scenario, carrierScenario(table, voice));
    const args = [
      '-sf', scenario,
      '-i', CARRIER_HOST, '-p', String(this.port),
      '-mi', CARRIER_HOST, '-mp', String(this.mediaPort),
      // Answer Asterisk's OPTIONS (the trunk's qualify) with 200.
      '-aa',
      '-nostdin',
      '-trace_err', '-error_file', join(this.dir, 'errors.log'),
      '-trace_msg', '-message_file', join(this.dir, 'messages.log'),
    ];
    this.proc = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    this.proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // SIPp has no "ready" line: wait until its UDP port is taken.
    const deadline = Date.now() + 10_000;
    while ((await udpFree(this.port, CARRIER_HOST)) && Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`sipp exited: ${stderr}\n${this.errors()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    if (this.proc.exitCode !== null) throw new Error(`sipp exited: ${stderr}\n${this.errors()}`);
  }

  /** SIP messages SIPp saw and sent (its -trace_msg file). */
  messages(): string {
    const f = join(this.dir, 'messages.log');
    return existsSync(f) ? readFileSync(f, 'utf8') : '';
  }

  errors(): string {
    const f = join(this.dir, 'errors.log');
    return existsSync(f) ? readFileSync(f, 'utf8') : '';
  }

  async stop(): Promise<void> {
    await killAndWait(this.proc);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
