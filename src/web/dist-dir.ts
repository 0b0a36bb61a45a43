/** Where `npm run build:web` puts the built consoles, and where the service serves them from. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder above this module with a package.json. This module
 * runs from `src/web` (tsx, tests) and from `dist/server/web` (the compiled service), so a
 * fixed number of `..` would be right for only one of them.
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(from, '..', '..');
  }
}

export const WEB_DIST_DIR = join(projectRoot(dirname(fileURLToPath(import.meta.url))), 'dist', 'web');

/** The consoles: folder under src/web (their titles are in the catalogue, `consoleTitle.<name>`). */
export const CONSOLES = { login: true, agent: true, manager: true, qa: true } as const;
export type ConsoleName = keyof typeof CONSOLES;
