/**
 * Which roles open which console: one table for the server (its page gate,
 * src/http/routes/console-routes.ts) and the pages (the shell's nav, sign-in's landing page).
 * Admin opens them all. Pure, so both the service and the browser bundles import it.
 */
import type { UserRole } from '../db/schema.js';

/** In nav order; a role's first console is its home. */
export const CONSOLE_ROLES = {
  manager: { roles: ['manager'] },
  qa: { roles: ['qa', 'manager'] },
  agent: { roles: ['agent'] },
} as const satisfies Record<string, { roles: readonly UserRole[] }>;

export type GatedConsole = keyof typeof CONSOLE_ROLES;

export function mayOpen(role: UserRole, console: GatedConsole): boolean {
  return role === 'admin' || (CONSOLE_ROLES[console].roles as readonly UserRole[]).includes(role);
}

/** The consoles a role may open, as links, in nav order (the pages word them from the catalogue, `console.<name>`). */
export function consolesOf(role: UserRole): Array<{ console: GatedConsole; href: string }> {
  return (Object.keys(CONSOLE_ROLES) as GatedConsole[]).filter((c) => mayOpen(role, c)).map((c) => ({ console: c, href: `/${c}/` }));
}

/** The console a role lands on after sign-in. */
export function homeOf(role: UserRole): string {
  return consolesOf(role)[0]?.href ?? '/login';
}
