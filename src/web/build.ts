/**
 * Builds the browser consoles into `dist/web` (npm run build:web): one bundle per console
 * (login, agent, manager, qa) with esbuild, one shared stylesheet, and an HTML page each.
 * The service serves that folder (src/http/routes/console-routes.ts); no dev server.
 */
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONSOLES, WEB_DIST_DIR, type ConsoleName } from './dist-dir.js';
import { messageIn } from './i18n/i18n.js';

const here = dirname(fileURLToPath(import.meta.url));

/** A console's page; Chinese until the script knows the user's language (and sets title and lang). */
function page(name: ConsoleName): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${messageIn('zh-CN', `consoleTitle.${name}`)} · ${messageIn('zh-CN', 'common.brand')}</title>
<link rel="stylesheet" href="/assets/styles.css">
<link rel="stylesheet" href="/assets/${name}.css">
</head>
<body>
<div id="app"></div>
<script type="module" src="/assets/${name}.js"></script>
</body>
</html>
`;
}

/** Builds every console into `outDir` (default {@link WEB_DIST_DIR}); minified unless `dev`. */
export async function buildConsoles(opts: { outDir?: string; dev?: boolean } = {}): Promise<string> {
  const outDir = opts.outDir ?? WEB_DIST_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const names = Object.keys(CONSOLES) as ConsoleName[];
  await build({
    entryPoints: Object.fromEntries(names.map((n) => [n, join(here, n, 'main.tsx')])),
    outdir: join(outDir, 'assets'),
    bundle: true,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunk-[hash]',
    target: ['chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: !opts.dev,
    sourcemap: true,
    logLevel: 'warning',
    // Each console's own CSS, imported from its main.tsx, lands in <name>.css.
    loader: { '.css': 'css' },
  });
  // A console without its own CSS still gets an (empty) file, so its page never 404s.
  for (const n of names) await writeFile(join(outDir, 'assets', `${n}.css`), '', { flag: 'a' });
  await copyFile(join(here, 'shared', 'styles.css'), join(outDir, 'assets', 'styles.css'));
  for (const n of names) await writeFile(join(outDir, `${n}.html`), page(n));
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dev = process.argv.includes('--dev');
  buildConsoles({ dev })
    .then((dir) => console.log(`web: consoles built into ${dir}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
