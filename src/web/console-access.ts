/**
 * Which roles open which console: one table for the server (its page gate,
 * src/http/routes/console-routes.ts) and the pages (the shell's nav, sign-in's landing page).
 * Admin opens them all. Pure, so both the service and the browser bundles import it.
 */
import type { UserRole } from '../db/schema.js';

/** In nav order; a role's first console is its home. */
export const CONSOLE_ROLES = {
  manager: { label: 'Manager', roles: ['manager'] },
  qa: { label: 'QA', roles: ['qa', 'manager'] },
  agent: { label: 'Agent', roles: ['agent'] },
} as const satisfies Record<string, { label: string; roles: readonly UserRole[] }>;

export type GatedConsole = keyof typeof CONSOLE_ROLES;

export function mayOpen(role: UserRole, console: GatedConsole): boolean {
  return role === 'admin' || (CONSOLE_ROLES[console].roles as readonly UserRole[]).includes(role);
}

/** The consoles a role may open, as links, in nav order. */
export function consolesOf(role: UserRole): Array<{ href: string; label: string }> {
  return (Object.keys(CONSOLE_ROLES) as GatedConsole[]).filter((c) => mayOpen(role, c)).map((c) => ({ href: `/${c}/`, label: CONSOLE_ROLES[c].label }));
}

/** The console a role lands on after sign-in. */
export function homeOf(role: UserRole): string {
  return consolesOf(role)[0]?.href ?? '/login';
}
