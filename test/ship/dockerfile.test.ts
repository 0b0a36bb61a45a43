/**
 * The service image, checked by reading the Dockerfile (no Docker engine on CI): the runtime
 * stage is on a Node LTS line the `engines` field accepts, runs the compiled service with
 * `node`, and carries no tsx, TypeScript or devDependencies; `npm ci` everywhere.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Stage {
  from: string;
  name: string | null;
  lines: string[];
}

/** Splits a Dockerfile into stages, joining continued lines and resolving the ARG default of FROM. */
function stages(text: string): Stage[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const args = new Map<string, string>();
  const out: Stage[] = [];
  for (const line of logical) {
    const arg = /^ARG\s+(\w+)=(\S+)/.exec(line);
    if (arg && out.length === 0) args.set(arg[1]!, arg[2]!);
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      const image = from[1]!.replace(/\$\{(\w+)\}/g, (_m, name: string) => args.get(name) ?? '');
      out.push({ from: image, name: from[2] ?? null, lines: [] });
    } else out.at(-1)?.lines.push(line);
  }
  return out;
}

const dockerfile = readFileSync('Dockerfile', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const all = stages(dockerfile);
const runtime = all.at(-1)!;

function nodeMajor(image: string): number {
  const m = /^node:(\d+)/.exec(image);
  if (!m) throw new Error(`not a node image: ${image}`);
  return Number(m[1]);
}

describe('Dockerfile', () => {
  it('every stage is on an even (LTS) Node line of at least 22', () => {
    for (const stage of all) {
      const major = nodeMajor(stage.from);
      expect(major, stage.from).toBeGreaterThanOrEqual(22);
      expect(major % 2, `${stage.from} is not an LTS line`).toBe(0);
    }
  });

  it('the engines field accepts the image Node and refuses Node 20', () => {
    const min = /^>=(\d+)(?:\.\d+)*$/.exec(pkg.engines.node);
    expect(min, `engines.node "${pkg.engines.node}" should be ">=N…"`).not.toBeNull();
    expect(Number(min![1])).toBeGreaterThanOrEqual(22);
    expect(Number(min![1])).toBeLessThanOrEqual(nodeMajor(runtime.from));
  });

  it('the runtime stage runs the compiled service with node', () => {
    const cmd = runtime.lines.filter((l) => l.startsWith('CMD')).at(-1);
    expect(cmd).toBe('CMD ["node", "dist/server/main.js"]');
    expect(pkg.scripts.start).toContain('node dist/server/main.js');
  });

  it('the runtime stage has no tsx, TypeScript sources or devDependencies', () => {
    const body = runtime.lines.join('\n');
    expect(body).not.toMatch(/\btsx\b/);
    expect(body).not.toMatch(/COPY\s+(--\S+\s+)*src\b/);
    for (const dev of Object.keys(pkg.devDependencies)) expect(body).not.toContain(`node_modules/${dev}`);
    // Its node_modules come from the stage that installed runtime dependencies only.
    const copy = runtime.lines.find((l) => /^COPY --from=\S+ \/app\/node_modules/.test(l));
    expect(copy).toBeDefined();
    const source = all.find((s) => s.name === /--from=(\S+)/.exec(copy!)![1]);
    expect(source?.lines.some((l) => /npm ci\b.*--omit=dev/.test(l))).toBe(true);
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });

  it('installs with npm ci from the lock, never npm install', () => {
    expect(dockerfile).not.toMatch(/npm install/);
    expect(all.filter((s) => s.lines.some((l) => /\bnpm ci\b/.test(l))).length).toBeGreaterThanOrEqual(2);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm ci && npm test$/m);
  });
});
