/**
 * A real Asterisk in a temp dir on free ports, configured with the project's own
 * `asterisk-config/` and `dialplan/`, rendered by the Docker image's own entrypoint
 * (`docker/asterisk/entrypoint.sh`): one code path, so what users run is what is tested.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AsteriskDist } from './asterisk-dist.js';
import { REPO_ROOT } from './asterisk-dist.js';
import { freeDualPort, freeUdpBlock } from './ports.js';
import { linkPromptPack } from '../../../src/voice/pack-installer.js';
import { promptPackDir } from './prompt-pack.js';
import { tone } from './sounds.js';

const run = promisify(execFile);

export const ARI_USER = 'dialer';
export const ARI_PASSWORD = 'tier-ari-secret-0123';

export interface SipAgentAccount {
  ext: string;
  password: string;
}

export interface AsteriskOptions {
  agents: SipAgentAccount[];
  /** The carrier trunk's far end (SIPp): address and port. */
  carrier: { host: string; port: number };
  inboundPolicy?: 'reject' | 'stasis';
  /** Extra sounds a test needs besides the prompt pack, written under sounds/ before start. */
  sounds?: (soundsDir: string) => void;
}

export class AsteriskInstance {
  readonly root: string;
  readonly sipPort: number;
  readonly httpPort: number;
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dist: AsteriskDist,
    private readonly opts: AsteriskOptions,
    ports: { sip: number; http: number; tls: number; rtp: { start: number; end: number } },
  ) {
    this.root = mkdtempSync(join(tmpdir(), 'dialer-asterisk-'));
    this.sipPort = ports.sip;
    this.httpPort = ports.http;
    this.env = {
      ...process.env,
      ASTERISK_ROOT: this.root,
      ASTERISK_BIN: dist.bin,
      ASTERISK_MODULES_DIR: dist.modulesDir,
      BIND_ADDRESS: '127.0.0.1',
      SIP_PORT: String(ports.sip),
      ARI_HTTP_PORT: String(ports.http),
      TLS_PORT: String(ports.tls),
      RTP_START: String(ports.rtp.start),
      RTP_END: String(ports.rtp.end),
      ARI_USERNAME: ARI_USER,
      ARI_PASSWORD,
      ARI_PERMIT: '127.0.0.1/32',
      INBOUND_POLICY: opts.inboundPolicy ?? 'stasis',
      SIP_AGENTS: opts.agents.map((a) => `${a.ext}:udp:${a.password}`).join(','),
      CARRIER_HOST: opts.carrier.host,
      CARRIER_PORT: String(opts.carrier.port),
      TLS_CERT_CN: 'localhost',
    };
  }

  private readonly env: NodeJS.ProcessEnv;

  static async create(dist: AsteriskDist, opts: AsteriskOptions): Promise<AsteriskInstance> {
    const ports = { sip: await freeDualPort(), http: await freeDualPort(), tls: await freeDualPort(), rtp: await freeUdpBlock(200) };
    const a = new AsteriskInstance(dist, opts, ports);
    a.layOut();
    // The product's own prompt pack (Mandarin and English), as the image installs it.
    await linkPromptPack(await promptPackDir(), a.soundsDir);
    opts.sounds?.(a.soundsDir);
    return a;
  }

  get ariUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get soundsDir(): string {
    return join(this.root, 'var/lib/asterisk/sounds');
  }

  get recordingsDir(): string {
    return join(this.root, 'var/spool/asterisk/recording');
  }

  get logFile(): string {
    return join(this.root, 'asterisk.log');
  }

  /** Copies the configuration as the Docker image does, and what the image's packages ship. */
  private layOut(): void {
    const etc = join(this.root, 'etc/asterisk');
    cpSync(join(REPO_ROOT, 'asterisk-config'), etc, { recursive: true });
    cpSync(join(REPO_ROOT, 'dialplan'), join(etc, 'dialplan'), { recursive: true });
    const varlib = join(this.root, 'var/lib/asterisk');
    mkdirSync(varlib, { recursive: true });
    for (const d of ['rest-api', 'documentation']) {
      const src = join(this.dist.dataDir, d);
      if (!existsSync(src)) throw new Error(`${src} is missing: ARI cannot load without it (set ASTERISK_DATA_DIR)`);
      symlinkSync(src, join(varlib, d));
    }
    // The image's asterisk-sounds-moh: a steady tone here.
    tone(join(varlib, 'moh/tone.wav'), 30);
  }

  /** Renders the configuration with the entrypoint and starts Asterisk; resolves when ARI answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const proc = spawn('sh', [join(REPO_ROOT, 'docker/asterisk/entrypoint.sh')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    this.proc = proc;
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`Asterisk exited with ${proc.exitCode}; log:\n${this.tail()}`);
      if (await this.ping()) return;
      if (Date.now() > deadline) throw new Error(`Asterisk's ARI did not answer within ${timeoutMs} ms; log:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(`${this.ariUrl}/ari/asterisk/ping`, { headers: { authorization: `Basic ${Buffer.from(`${ARI_USER}:${ARI_PASSWORD}`).toString('base64')}` } });
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Runs a CLI command on the running Asterisk (`asterisk -rx`). */
  async cli(command: string): Promise<string> {
    const { stdout } = await run(this.dist.bin, ['-C', join(this.root, 'etc/asterisk/asterisk.conf'), '-rx', command]);
    return stdout;
  }

  /** `core stop now`: Asterisk hangs up every channel and exits. */
  async stop(): Promise<void> {
    if (!this.running) return;
    await this.cli('core stop now').catch(() => undefined);
    await this.waitExit(10_000);
  }

  /** SIGKILL, as a crash would. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.proc?.kill('SIGKILL');
    await this.exited;
  }

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  private async waitExit(ms: number): Promise<void> {
    const timer = setTimeout(() => this.proc?.kill('SIGKILL'), ms);
    await this.exited;
    clearTimeout(timer);
  }

  /** Stops Asterisk and removes its temp dir. */
  async destroy(keep = false): Promise<void> {
    await this.stop();
    if (!keep) rmSync(this.root, { recursive: true, force: true });
  }

  /** The last lines of Asterisk's console log, for failure messages. */
  tail(lines = 40): string {
    if (!existsSync(this.logFile)) return '(no log)';
    return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }
}
