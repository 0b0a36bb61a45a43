/**
 * The browser consoles, served by the service on its own port: the pages (`/login`,
 * `/agent/`, `/manager/`, `/qa/`) and their built assets (`/assets/*`, from
 * `npm run build:web`).
 *
 * Each console page is gated by role on the server, as the API is: no session sends the
 * browser to sign in (and back afterwards); a role that may not open a console gets a 403
 * page naming its own console. The assets hold no data and are public.
 */
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiInstance } from '../app.js';
import { CONSOLE_ROLES, homeOf, mayOpen, type GatedConsole } from '../../web/console-access.js';
import type { ConsoleName } from '../../web/dist-dir.js';
import { messageIn } from '../../web/i18n/i18n.js';

// Pages load only our own scripts and styles; media (recordings) and API calls go to this origin.
const PAGE_CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function simplePage(title: string, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/styles.css"></head><body><main class="login-box card">${body}</main></body></html>`;
}

export function consoleRoutes(deps: { webDir: string }) {
  const { webDir } = deps;
  const built = () => existsSync(join(webDir, 'login.html'));

  function sendPage(reply: FastifyReply, name: ConsoleName) {
    reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'no-cache');
    if (!built()) {
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(simplePage('Consoles not built', '<h1>The consoles are not built</h1><p>Run <code>npm run build:web</code> (npm start and npm run demo do it for you), then reload.</p>'));
    }
    return reply.sendFile(`${name}.html`, webDir);
  }

  function gatedPage(name: GatedConsole) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const user = request.user;
      if (!user) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 302);
      if (!mayOpen(user.role, name)) {
        request.log.info({ userId: user.id, role: user.role, console: name }, 'http: console refused for role');
        // Worded from the consoles' catalogue, in the user's own language.
        const say = (key: Parameters<typeof messageIn>[1], params?: Record<string, string>) => escapeHtml(messageIn(user.locale, key, params));
        const text = say('refused.text', { role: messageIn(user.locale, `role.${user.role}`), console: messageIn(user.locale, `console.${name}`) });
        return reply
          .code(403)
          .header('content-security-policy', PAGE_CSP)
          .type('text/html; charset=utf-8')
          .send(
            simplePage(say('refused.title'), `<h1>${say('refused.title')}</h1><p role="alert">${text}</p><p><a href="${homeOf(user.role)}">${say('refused.home')}</a></p>`, user.locale),
          );
      }
      return sendPage(reply, name);
    };
  }

  return async function register(app: ApiInstance): Promise<void> {
    await app.register(fastifyStatic, { root: webDir, serve: false });
    // Pages and assets of the consoles, not API: left out of the OpenAPI document.
    const open = { config: { public: true }, schema: { hide: true } } as const;

    app.get('/', open, async (request, reply) => reply.redirect(request.user ? homeOf(request.user.role) : '/login', 302));
    // Browsers ask for it on every page; no icon is better than a 404 in every console's log.
    app.get('/favicon.ico', open, async (_request, reply) => reply.code(204).header('cache-control', 'max-age=86400').send());
    app.get('/login', open, async (_request, reply) => sendPage(reply, 'login'));
    for (const name of Object.keys(CONSOLE_ROLES) as GatedConsole[]) {
      app.get(`/${name}`, open, async (_request, reply) => reply.redirect(`/${name}/`, 301));
      app.get(`/${name}/`, open, gatedPage(name));
    }
    app.get('/assets/*', open, async (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      // Entry files keep their names between builds: revalidate (etag) rather than cache blindly.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, join(webDir, 'assets'));
    });
  };
}
