/**
 * Static consistency checks of the Asterisk packaging: asterisk-config/, dialplan/,
 * docker/asterisk/, docker-compose.yml and .env.example. No Asterisk, no Docker:
 * the .conf files are read with a tiny INI-ish parser, the compose file line by line.
 *
 * What would otherwise only fail on a real deployment: a context nobody defined, an
 * RTP range that differs between rtp.conf and the published ports, ARI published,
 * a committed password, a Stasis app name the service does not listen on, a module
 * Asterisk may silently skip, a variable compose or the entrypoint reads that
 * .env.example does not mention — and scripted far ends that no longer behave like
 * the ones the traces in test/fixtures/ari were captured with.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, loadConfig } from '../src/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (rel: string): string => readFileSync(join(root, rel), 'utf8');

// ---------------------------------------------------------------------------
// A tiny parser for Asterisk .conf files
// ---------------------------------------------------------------------------

interface ConfEntry {
  key: string;
  op: '=' | '=>';
  value: string;
  line: number;
}

interface ConfSection {
  name: string;
  /** What stands in the parentheses after the name: `!` (template) and template names. */
  options: string[];
  entries: ConfEntry[];
}

interface ConfDirective {
  kind: 'include' | 'tryinclude';
  path: string;
  /** Section the directive stands in ('' before the first section). */
  section: string;
}

interface ConfFile {
  sections: ConfSection[];
  directives: ConfDirective[];
}

/** Removes a `;` comment (a `\;` is an escaped semicolon, not a comment). */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ';' && line[i - 1] !== '\\') return line.slice(0, i);
  }
  return line;
}

function parseConf(text: string): ConfFile {
  const sections: ConfSection[] = [];
  const directives: ConfDirective[] = [];
  let current: ConfSection | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === '') return;
    const directive = /^#(try)?include\s+"?([^"]+?)"?\s*$/.exec(line);
    if (directive) {
      directives.push({ kind: directive[1] ? 'tryinclude' : 'include', path: directive[2] ?? '', section: current?.name ?? '' });
      return;
    }
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      current = {
        name: header[1] ?? '',
        options: (header[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        entries: [],
      };
      sections.push(current);
      return;
    }
    const kv = /^([^=]+?)\s*(=>|=)\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`unparseable line ${index + 1}: ${raw}`);
    if (!current) throw new Error(`line ${index + 1} outside any section: ${raw}`);
    current.entries.push({ key: (kv[1] ?? '').trim(), op: kv[2] === '=>' ? '=>' : '=', value: (kv[3] ?? '').trim(), line: index + 1 });
  });
  return { sections, directives };
}

const values = (section: ConfSection | undefined, key: string): string[] =>
  (section?.entries ?? []).filter((e) => e.key === key).map((e) => e.value);

const section = (conf: ConfFile, name: string): ConfSection | undefined => conf.sections.find((s) => s.name === name);

// ---------------------------------------------------------------------------
// The dialplan: contexts, extensions and their steps
// ---------------------------------------------------------------------------

interface Step {
  priority: number;
  label?: string;
  app: string;
  data: string;
}

interface Extension {
  pattern: string;
  steps: Step[];
}

type Dialplan = Map<string, Extension[]>;

/** `App(data)` → { app, data }. */
function splitApp(text: string): { app: string; data: string } {
  const open = text.indexOf('(');
  if (open < 0) return { app: text.trim(), data: '' };
  const close = text.lastIndexOf(')');
  return { app: text.slice(0, open).trim(), data: text.slice(open + 1, close < 0 ? undefined : close) };
}

/** Splits on top-level commas (not inside parentheses or ${...}). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    if (ch === ')' || ch === '}' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function buildDialplan(files: ConfFile[]): Dialplan {
  const plan: Dialplan = new Map();
  for (const file of files) {
    for (const sec of file.sections) {
      if (sec.name === 'general' || sec.name === 'globals') continue;
      const exts = plan.get(sec.name) ?? [];
      plan.set(sec.name, exts);
      let last: Extension | undefined;
      for (const entry of sec.entries) {
        let pattern: string;
        let prio: string;
        let rest: string;
        if (entry.key === 'exten') {
          const [p, pr, ...r] = splitArgs(entry.value);
          pattern = (p ?? '').trim();
          prio = (pr ?? '').trim();
          rest = r.join(',');
          last = exts.find((e) => e.pattern === pattern);
          if (!last) {
            last = { pattern, steps: [] };
            exts.push(last);
          }
        } else if (entry.key === 'same') {
          if (!last) throw new Error(`[${sec.name}] line ${entry.line}: same => without exten`);
          const [pr, ...r] = splitArgs(entry.value);
          prio = (pr ?? '').trim();
          rest = r.join(',');
        } else {
          continue;
        }
        const m = /^(\d+|n)(?:\(([^)]+)\))?$/.exec(prio);
        if (!m) throw new Error(`[${sec.name}] line ${entry.line}: bad priority '${prio}'`);
        const priority = m[1] === 'n' ? (last.steps.at(-1)?.priority ?? 0) + 1 : Number(m[1]);
        last.steps.push({ priority, ...(m[2] ? { label: m[2] } : {}), ...splitApp(rest.trim()) });
      }
    }
  }
  return plan;
}

/** Asterisk extension pattern → RegExp. */
function patternRegex(pattern: string): RegExp {
  if (!pattern.startsWith('_')) return new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let re = '';
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === 'X' || c === 'x') re += '[0-9]';
    else if (c === 'Z' || c === 'z') re += '[1-9]';
    else if (c === 'N' || c === 'n') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      re += `[${p.slice(i + 1, end).replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Specificity key of a pattern (lower = more specific), per position as Asterisk sorts. */
function specificity(pattern: string): number[] {
  if (!pattern.startsWith('_')) return [0];
  const key: number[] = [];
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === 'X' || c === 'x') key.push(10);
    else if (c === 'Z' || c === 'z') key.push(9);
    else if (c === 'N' || c === 'n') key.push(8);
    else if (c === '.' || c === '!') key.push(1000);
    else if (c === '[') {
      const end = p.indexOf(']', i);
      key.push(p.slice(i + 1, end).length);
      i = end;
    } else key.push(1);
  }
  return key;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** The extension of `context` that Asterisk would run for `exten`. */
function resolve(plan: Dialplan, context: string, exten: string): Extension | undefined {
  const candidates = (plan.get(context) ?? []).filter((e) => patternRegex(e.pattern).test(exten));
  candidates.sort((a, b) => compareKeys(specificity(a.pattern), specificity(b.pattern)));
  return candidates[0];
}

// ---------------------------------------------------------------------------
// docker-compose.yml, line by line (no YAML dependency)
// ---------------------------------------------------------------------------

/** Lines of the block under `key:` (deeper-indented lines that follow it). */
function blockUnder(lines: string[], key: string, indent: number): string[] {
  const start = lines.findIndex((l) => l.startsWith(`${' '.repeat(indent)}${key}:`));
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    const ind = l.length - l.trimStart().length;
    if (ind <= indent) break;
    out.push(l);
  }
  return out;
}

const unquote = (s: string): string => s.trim().replace(/^["']|["']$/g, '');

const composeText = read('docker-compose.yml');
const composeLines = composeText.split('\n');
const services = blockUnder(composeLines, 'services', 0);
const service = (name: string): string[] => blockUnder(services, name, 2);
const listOf = (svc: string[], key: string): string[] =>
  blockUnder(svc, key, 4)
    .filter((l) => l.trim().startsWith('- '))
    .map((l) => unquote(l.trim().slice(2)));
const envOf = (svc: string[]): Map<string, string> =>
  new Map(
    blockUnder(svc, 'environment', 4).map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), unquote(l.slice(i + 1))] as [string, string];
    }),
  );

// ---------------------------------------------------------------------------
// .env.example
// ---------------------------------------------------------------------------

const envExampleText = read('.env.example');
/** Every variable .env.example mentions, set or commented out (`#NAME=`). */
const envExampleNames = new Set([...envExampleText.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] ?? ''));
/** Variables set (not commented out) in .env.example, with their values. */
const envExampleSet = new Map(
  [...envExampleText.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()] as [string, string]),
);

// ---------------------------------------------------------------------------
// Loaded once
// ---------------------------------------------------------------------------

const extensionsConf = parseConf(read('asterisk-config/extensions.conf'));
const dialplanIncludes = extensionsConf.directives.filter((d) => d.kind === 'include').map((d) => d.path);
const dialplanFiles = dialplanIncludes.map((p) => parseConf(read(p)));
const plan = buildDialplan([extensionsConf, ...dialplanFiles]);
const pjsip = parseConf(read('asterisk-config/pjsip.conf'));
const entrypoint = read('docker/asterisk/entrypoint.sh');
const buildCheck = read('docker/asterisk/build-check.sh');
const asteriskDockerfile = read('docker/asterisk/Dockerfile');
const docs = read('docs/asterisk.md');
const fixturesDir = join(root, 'test/fixtures/ari');
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, data: JSON.parse(readFileSync(join(fixturesDir, f), 'utf8')) as Record<string, unknown> }));
const serviceDefaults = loadConfig({ ARI_PASSWORD: 'static-check-only' });

/** All Stasis(...) steps of the dialplan. */
const stasisSteps = [...plan.entries()].flatMap(([context, exts]) =>
  exts.flatMap((e) => e.steps.filter((s) => s.app === 'Stasis').map((s) => ({ context, pattern: e.pattern, step: s }))),
);

/** `Local/<exten>@<context>` strings in a text (placeholders like {number} excluded). */
function localDialStrings(text: string): Array<{ exten: string; context: string }> {
  // A Local channel *name* carries a suffix: Local/1001@customers-0000000c;1
  return [...text.matchAll(/Local\/([^@\s"'`/]+)@([A-Za-z0-9_-]+?)(?:-[0-9a-f]{8};\d)?(?![A-Za-z0-9_-])/g)].map((m) => ({
    exten: m[1] ?? '',
    context: m[2] ?? '',
  }));
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe('dialplan structure', () => {
  it('extensions.conf includes dialplan files that exist', () => {
    expect(dialplanIncludes.length).toBeGreaterThan(0);
    for (const p of dialplanIncludes) expect(existsSync(join(root, p)), p).toBe(true);
    // Every dialplan file is included (a forgotten file would silently not load).
    const onDisk = readdirSync(join(root, 'dialplan')).filter((f) => f.endsWith('.conf')).map((f) => `dialplan/${f}`);
    expect(new Set(dialplanIncludes)).toEqual(new Set(onDisk));
  });

  it('defines the contexts the service and the endpoints rely on', () => {
    for (const ctx of ['from-carrier', 'agent-phones', 'customers', 'agents']) expect(plan.has(ctx), ctx).toBe(true);
  });

  it('every context referenced anywhere exists in the dialplan', () => {
    const refs: Array<{ where: string; context: string }> = [];
    // endpoint contexts in pjsip.conf
    for (const sec of pjsip.sections) for (const v of values(sec, 'context')) refs.push({ where: `pjsip.conf [${sec.name}]`, context: v });
    // contexts written by the entrypoint
    for (const m of entrypoint.matchAll(/echo "context = ([^"$]+)"/g)) refs.push({ where: 'entrypoint.sh', context: m[1] ?? '' });
    // Goto/Gosub/GotoIf targets of the form context,exten,priority
    for (const [context, exts] of plan) {
      for (const e of exts) {
        for (const s of e.steps) {
          if (!['Goto', 'Gosub', 'GotoIf', 'GosubIf'].includes(s.app)) continue;
          const targets = s.app.endsWith('If') ? (s.data.split('?')[1] ?? '').split(':') : [s.data];
          for (const t of targets) {
            const parts = splitArgs(t.replace(/\([^)]*\)$/, ''));
            if (parts.length === 3 && !(parts[0] ?? '').includes('$')) refs.push({ where: `${context} ${e.pattern}`, context: (parts[0] ?? '').trim() });
          }
        }
      }
    }
    // Local/<exten>@<context> in the env example, compose, docs and the captured traces
    const texts: Array<[string, string]> = [
      ['.env.example', envExampleText],
      ['docker-compose.yml', composeText],
      ['docs/asterisk.md', docs],
      ...fixtures.map((f) => [f.file, JSON.stringify(f.data)] as [string, string]),
    ];
    for (const [where, text] of texts) for (const l of localDialStrings(text)) refs.push({ where, context: l.context });

    expect(refs.length).toBeGreaterThan(5);
    const missing = refs.filter((r) => !plan.has(r.context));
    expect(missing).toEqual([]);
  });

  it('every concrete Local/<exten>@<context> in docs and traces reaches an extension', () => {
    const texts = [docs, ...fixtures.map((f) => JSON.stringify(f.data))];
    const concrete = texts.flatMap(localDialStrings).filter((l) => !l.exten.includes('{'));
    expect(concrete.length).toBeGreaterThan(0);
    const unmatched = concrete.filter((l) => !resolve(plan, l.context, l.exten));
    expect(unmatched).toEqual([]);
  });

  it('customers has one scripted behaviour per leading digit, agents a default and the silent 9XXX', () => {
    for (let d = 0; d <= 9; d++) expect(resolve(plan, 'customers', `${d}001`)?.pattern, `customer ${d}001`).toBe(`_${d}XXX`);
    expect(resolve(plan, 'agents', '9001')?.pattern).toBe('_9XXX');
    // the example softphone extensions (8001, 8002) are audible default agents
    for (const ext of ['8001', '8002', '1001']) expect(resolve(plan, 'agents', ext)?.steps.map((s) => s.app)).toContain('MusicOnHold');
    // the docs table covers every customer pattern
    for (let d = 0; d <= 9; d++) expect(docs, `docs mention ${d}XXX`).toMatch(new RegExp(`${d}XX[XD]`));
  });
});

describe('scripted far ends reproduce the captured traces', () => {
  interface DialplanEvent {
    type: string;
    channel?: { name?: string; dialplan?: { context?: string; exten?: string; priority?: number } };
    dialplan_app?: string;
    dialplan_app_data?: string;
  }

  for (const fx of fixtures) {
    const events = (fx.data.events ?? []) as DialplanEvent[];
    const steps = events.filter((e) => e.type === 'ChannelDialplan' && /^Local\/.*;2$/.test(e.channel?.name ?? ''));
    if (steps.length === 0) continue;
    it(`${fx.file}: every dialplan step of the Local far ends matches`, () => {
      for (const ev of steps) {
        const ctx = ev.channel?.dialplan?.context ?? '';
        const exten = ev.channel?.dialplan?.exten ?? '';
        const ext = resolve(plan, ctx, exten);
        expect(ext, `${exten}@${ctx}`).toBeDefined();
        const step = ext?.steps.find((s) => s.priority === ev.channel?.dialplan?.priority);
        expect({ at: `${exten}@${ctx}:${ev.channel?.dialplan?.priority}`, app: step?.app, data: step?.data }).toEqual({
          at: `${exten}@${ctx}:${ev.channel?.dialplan?.priority}`,
          app: ev.dialplan_app,
          data: ev.dialplan_app_data,
        });
      }
    });
  }
});

describe('Stasis application', () => {
  it("the dialplan hands channels to the service's default ARI_APP", () => {
    expect(serviceDefaults.ARI_APP).toBe('dialer');
    const globals = section(extensionsConf, 'globals');
    expect(values(globals, 'ARI_APP')).toEqual([serviceDefaults.ARI_APP]);
    expect(stasisSteps.length).toBeGreaterThan(0);
    for (const { context, pattern, step } of stasisSteps) {
      const app = (splitArgs(step.data)[0] ?? '').trim();
      expect(['${ARI_APP}', serviceDefaults.ARI_APP], `${context} ${pattern}`).toContain(app);
    }
    expect(entrypoint).toContain(`ARI_APP:-${serviceDefaults.ARI_APP}`);
    expect(envExampleSet.get('ARI_APP')).toBe(serviceDefaults.ARI_APP);
    for (const svc of ['asterisk', 'dialer']) expect(envOf(service(svc)).get('ARI_APP')).toBe(`\${ARI_APP:-${serviceDefaults.ARI_APP}}`);
  });

  it('*55 in the softphones context logs in with Stasis(app,login,<ext>,<pin>)', () => {
    const endpointCtx = values(section(pjsip, 'tpl-agent-endpoint'), 'context');
    expect(endpointCtx).toEqual(['agent-phones']);
    const login = resolve(plan, 'agent-phones', '*55');
    const stasis = login?.steps.find((s) => s.app === 'Stasis');
    expect(stasis && splitArgs(stasis.data).map((a) => a.trim())).toEqual(['${ARI_APP}', 'login', '${AGENT_EXT}', '${AGENT_PIN}']);
    expect(login?.steps.find((s) => s.app === 'Read')?.data).toMatch(/^AGENT_PIN,dialer\/agent-enter-pin,/);
  });

  it('calls from the carrier enter Stasis(app,inbound,<from>,<to>) only when INBOUND_POLICY=stasis', () => {
    const inbound = stasisSteps.find((s) => s.context === 'inbound-call');
    expect(inbound && splitArgs(inbound.step.data)[1]).toBe('inbound');
    expect(values(section(extensionsConf, 'globals'), 'INBOUND_POLICY')).toEqual(['reject']);
    expect(values(section(pjsip, 'tpl-carrier-endpoint'), 'context')).toEqual(['from-carrier']);
  });
});

describe('ports and media', () => {
  const asteriskPorts = listOf(service('asterisk'), 'ports');

  it('the RTP range of rtp.conf is exactly the published UDP range', () => {
    const rtp = section(parseConf(read('asterisk-config/rtp.conf')), 'general');
    const start = Number(values(rtp, 'rtpstart')[0]);
    const end = Number(values(rtp, 'rtpend')[0]);
    expect(end - start).toBeGreaterThan(0);
    expect(end - start).toBeLessThan(1000); // one docker-proxy per published port
    const ranges = asteriskPorts.filter((p) => /^\d+-\d+:\d+-\d+\/udp$/.test(p));
    expect(ranges).toEqual([`${start}-${end}:${start}-${end}/udp`]);
    expect(asteriskDockerfile).toContain(`${start}-${end}/udp`);
  });

  it('ARI (8088) is not published or exposed; SIP and wss are', () => {
    for (const name of ['asterisk', 'redis', 'dialer']) {
      for (const p of listOf(service(name), 'ports')) expect(p, `${name} publishes ${p}`).not.toMatch(/(^|:)8088(\/|$|:)/);
      expect(blockUnder(service(name), 'expose', 4).join('\n')).not.toContain('8088');
    }
    const exposeLine = asteriskDockerfile.split('\n').find((l) => l.startsWith('EXPOSE')) ?? '';
    expect(exposeLine).not.toContain('8088');
    expect(asteriskPorts).toEqual(expect.arrayContaining(['5060:5060/udp', '5060:5060/tcp', '8089:8089/tcp']));
    expect(envOf(service('dialer')).get('ARI_URL')).toBe('http://asterisk:8088');
  });

  it('http.conf serves ARI on 8088 and TLS on 8089 with the certificate the entrypoint installs', () => {
    const http = section(parseConf(read('asterisk-config/http.conf')), 'general');
    expect(values(http, 'bindport')).toEqual(['8088']);
    expect(values(http, 'tlsenable')).toEqual(['yes']);
    expect(values(http, 'tlsbindaddr')).toEqual(['0.0.0.0:8089']);
    expect(entrypoint).toMatch(/^keys="\$etc\/keys"$/m);
    expect(entrypoint).toMatch(/^etc="\$root\/etc\/asterisk"$/m);
    expect(entrypoint).toMatch(/^root="\$\{ASTERISK_ROOT:-\}"$/m);
    expect(values(http, 'tlscertfile')).toEqual(['/etc/asterisk/keys/asterisk.crt']);
    expect(values(http, 'tlsprivatekey')).toEqual(['/etc/asterisk/keys/asterisk.key']);
    expect(entrypoint).toContain('"$keys/asterisk.crt"');
    expect(entrypoint).toContain('"$keys/asterisk.key"');
    expect(entrypoint).toContain('rsa:2048');
  });

  it('pjsip.conf has udp, tcp and wss transports and the agent/carrier templates the entrypoint uses', () => {
    const protocols = pjsip.sections.filter((s) => values(s, 'type').includes('transport')).flatMap((s) => values(s, 'protocol'));
    expect(new Set(protocols)).toEqual(new Set(['udp', 'tcp', 'wss']));
    const templates = new Set(pjsip.sections.filter((s) => s.options.includes('!')).map((s) => s.name));
    const used = new Set<string>();
    for (const m of entrypoint.matchAll(/\]\((tpl-[a-z-]+)(\$kind)?\)/g)) {
      if (m[2]) for (const kind of ['udp', 'webrtc']) used.add(`${m[1]}${kind}`);
      else used.add(m[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(5);
    for (const t of used) expect(templates.has(t), t).toBe(true);
    const webrtc = section(pjsip, 'tpl-agent-webrtc');
    expect(values(webrtc, 'webrtc')).toEqual(['yes']);
    expect(values(webrtc, 'dtls_auto_generate_cert')).toEqual(['yes']);
  });

  it('the default customer dial string PJSIP/{number}@carrier names an endpoint with a static contact', () => {
    const m = /^PJSIP\/\{number\}@([A-Za-z0-9_-]+)$/.exec(serviceDefaults.CUSTOMER_ENDPOINT_TEMPLATE);
    expect(m).not.toBeNull();
    const endpoint = m?.[1] ?? '';
    expect(entrypoint).toContain(`echo "[${endpoint}](tpl-carrier-endpoint)"`);
    expect(entrypoint).toContain(`echo "aors = ${endpoint}"`);
    expect(entrypoint).toContain(`echo "[${endpoint}](tpl-carrier-aor)"`);
    expect(entrypoint).toMatch(/echo "contact = sip:\$uri_host"/);
  });

  it('the recording spool directory exists and persists', () => {
    const ast = section(parseConf(read('asterisk-config/asterisk.conf')), 'directories');
    const spool = ast?.entries.find((e) => e.key === 'astspooldir')?.value;
    expect(spool).toBe('/var/spool/asterisk');
    const dir = `${spool}/recording`;
    expect(asteriskDockerfile).toContain(dir);
    expect(entrypoint).toContain(`spool="$root${spool}"`);
    expect(entrypoint).toContain('mkdir -p "$spool/recording"');
    expect(listOf(service('asterisk'), 'volumes')).toContain(`asterisk-recordings:${dir}`);
  });

  it('prompts: one volume, written by the service (<lang>/dialer/<name>.wav), played by Asterisk as sound:dialer/<name> in the channel language', () => {
    expect(listOf(service('asterisk'), 'volumes')).toContain('prompts:/var/lib/asterisk/dialer-prompts');
    expect(entrypoint).toContain('ln -s "$varlib/dialer-prompts/$lang/dialer" "$varlib/sounds/$lang/dialer"');
    expect(listOf(service('dialer'), 'volumes')).toContain('prompts:/data/prompts');
    expect(envOf(service('dialer')).get('PROMPTS_DIR')).toBe('/data/prompts');
    expect(composeText).toMatch(/^ {2}prompts:\s*$/m);
  });
});

describe('modules', () => {
  const modules = section(parseConf(read('asterisk-config/modules.conf')), 'modules');
  const required = new Set(values(modules, 'require').map((m) => m.replace(/\.so$/, '')));

  it('autoloads and requires what the dialer cannot work without', () => {
    expect(values(modules, 'autoload')).toEqual(['yes']);
    for (const m of [
      'res_pjsip',
      'chan_pjsip',
      'res_pjsip_session',
      'res_pjsip_transport_websocket',
      'res_http_websocket',
      'res_srtp',
      'res_ari',
      'res_ari_channels',
      'res_ari_bridges',
      'res_ari_recordings',
      'res_ari_events',
      'res_stasis',
      'res_stasis_recording',
      'res_stasis_playback',
      'app_stasis',
      'bridge_holding',
      'bridge_softmix',
      'res_musiconhold',
      'app_read',
      'pbx_config',
    ]) {
      expect(required.has(m), m).toBe(true);
    }
    for (const m of values(modules, 'noload')) expect(required.has(m.replace(/\.so$/, '')), `${m} both required and noload`).toBe(false);
  });

  it('the image build check verifies the modules named in the brief, all of them required', () => {
    const checked = (/for m in ([^;]+); do/.exec(buildCheck)?.[1] ?? '').split(/[\s\\]+/).filter(Boolean);
    for (const m of ['res_pjsip', 'res_pjsip_transport_websocket', 'res_http_websocket', 'res_ari', 'res_srtp']) expect(checked).toContain(m);
    for (const m of checked) expect(required.has(m), `${m} checked but not required`).toBe(true);
    expect(asteriskDockerfile).toMatch(/^RUN \/usr\/local\/bin\/asterisk-build-check$/m);
  });
});

const LAYOUT_VARS = ['ASTERISK_ROOT', 'ASTERISK_BIN', 'ASTERISK_MODULES_DIR', 'ASTERISK_USER', 'BIND_ADDRESS', 'SIP_PORT', 'ARI_HTTP_PORT', 'TLS_PORT', 'RTP_START', 'RTP_END'];

describe('secrets and environment', () => {
  const isPlaceholder = (v: string): boolean => v === '' || v.startsWith('change-me');

  it('no password is committed in the Asterisk config', () => {
    for (const file of ['ari.conf', 'pjsip.conf', 'http.conf', 'extensions.conf']) {
      const conf = parseConf(read(`asterisk-config/${file}`));
      for (const sec of conf.sections) {
        for (const e of sec.entries) {
          if (/pass|secret/i.test(e.key)) expect(isPlaceholder(e.value), `${file} [${sec.name}] ${e.key}`).toBe(true);
        }
      }
    }
    // ARI users come from the environment only
    const ari = parseConf(read('asterisk-config/ari.conf'));
    expect(ari.sections.map((s) => s.name)).toEqual(['general']);
    expect(ari.directives.map((d) => d.path)).toContain('generated/ari_user.conf');
  });

  it('docker-compose.yml has no literal secrets, only ${VAR} from .env', () => {
    for (const name of ['asterisk', 'redis', 'dialer']) {
      for (const [key, value] of envOf(service(name))) {
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z0-9_]+(:?[-?][^}]*)?\}$/);
      }
    }
    expect(envOf(service('asterisk')).get('ARI_PASSWORD')).toMatch(/^\$\{ARI_PASSWORD:\?/);
  });

  it('.env.example holds placeholders only', () => {
    for (const [key, value] of envExampleSet) {
      if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(isPlaceholder(value), key).toBe(true);
    }
    const agents = (envExampleSet.get('SIP_AGENTS') ?? '').split(',').filter(Boolean);
    expect(agents.length).toBeGreaterThanOrEqual(2);
    for (const a of agents) {
      const [ext, kind, secret] = a.split(':');
      expect(ext).toMatch(/^\d+$/);
      expect(['udp', 'webrtc']).toContain(kind);
      expect(isPlaceholder(secret ?? ''), a).toBe(true);
    }
    expect(new Set(agents.map((a) => a.split(':')[1]))).toEqual(new Set(['udp', 'webrtc']));
    // and the entrypoint refuses the placeholder
    expect(entrypoint).toMatch(/change-me\*/);
  });

  it('.env.example lists every variable docker-compose.yml references', () => {
    const referenced = new Set([...composeText.matchAll(/\$\$?\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? ''));
    expect(referenced.size).toBeGreaterThan(10);
    expect([...referenced].filter((v) => !envExampleNames.has(v))).toEqual([]);
    // and every variable set for the dialer is one the service or this stack knows
    for (const key of envOf(service('dialer')).keys()) expect(envExampleNames.has(key), key).toBe(true);
  });

  it('.env.example lists every variable the entrypoint reads', () => {
    const code = entrypoint
      .split('\n')
      .filter((l) => !l.trim().startsWith('#'))
      .join('\n');
    const used = new Set([...code.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? ''));
    expect(used.has('ARI_PASSWORD')).toBe(true);
    // The installation layout (where Asterisk lives, its ports) is for running the entrypoint
    // outside the image (the real-Asterisk tier); the image sets none: documented in its header.
    for (const v of LAYOUT_VARS) {
      expect(entrypoint, v).toMatch(new RegExp(`^#.*\\b${v}\\b`, 'm'));
      used.delete(v);
    }
    expect([...used].filter((v) => !envExampleNames.has(v))).toEqual([]);
    // ... and compose passes each of them to the asterisk container
    const asteriskEnv = envOf(service('asterisk'));
    expect([...used].filter((v) => !asteriskEnv.has(v))).toEqual([]);
  });

  it('every setting of src/config.ts is documented in .env.example and reaches the dialer container', () => {
    const settings = Object.keys(ConfigSchema.shape);
    expect(settings).toContain('ARI_PASSWORD');
    const dialerEnv = envOf(service('dialer'));
    const undocumented = settings.filter((k) => !envExampleNames.has(k));
    const notPassed = settings.filter((k) => !dialerEnv.has(k));
    // A setting missing here cannot be set in a compose deployment: add it to
    // .env.example and to the dialer's environment in docker-compose.yml.
    expect({ undocumented, notPassed }).toEqual({ undocumented: [], notPassed: [] });
  });
});
