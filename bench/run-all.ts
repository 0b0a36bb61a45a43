/**
 * `npm run bench`: runs every bench script in this folder, one after another, each in its
 * own process (so one's memory does not colour another's figures). `npm run bench -- calls`
 * runs only the scripts whose name contains "calls".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.startsWith('_'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, script)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.log(`bench/${script} exited with ${r.status}`);
  }
}
process.exit(failed ? 1 : 0);
