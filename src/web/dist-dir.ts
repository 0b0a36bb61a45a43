/** Where `npm run build:web` puts the built consoles, and where the service serves them from. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

/** The consoles: folder under src/web → page title. */
export const CONSOLES = {
  login: 'Sign in',
  agent: 'Agent console',
  manager: 'Manager console',
  qa: 'QA console',
} as const;
export type ConsoleName = keyof typeof CONSOLES;
