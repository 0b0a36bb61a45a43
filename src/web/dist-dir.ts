/** Where `npm run build:web` puts the built consoles, and where the service serves them from. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/** The consoles: folder under src/web (their titles are in the catalogue, `consoleTitle.<name>`). */
export const CONSOLES = { login: true, agent: true, manager: true, qa: true } as const;
export type ConsoleName = keyof typeof CONSOLES;
