/**
 * `GET /health` (public: status and booleans only, never details that could hold
 * addresses or credentials) and `GET /metrics` (Prometheus text; manager or admin: best an
 * API token with the `metrics` scope in Prometheus' `authorization` scrape config, which can
 * read nothing else).
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import { bodyOf } from '../response-schemas.js';

/** One dependency's state. `detail` is for logs and operators, never sent by /health. */
export interface HealthCheck {
  ok: boolean;
  detail?: string;
}

/** What the composition root's health probe reports. */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: { ari: HealthCheck; redis: HealthCheck; db: HealthCheck; [name: string]: HealthCheck };
}

/** The public body of `GET /health`. */
export interface PublicHealth {
  status: HealthReport['status'];
  checks: Record<string, { ok: boolean }>;
}

const PublicHealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  checks: z.record(z.string(), z.object({ ok: z.boolean() })).describe('each dependency (ari, redis, db, …): up or not'),
});

/** Options of {@link systemRoutes}. */
export interface SystemRoutesOptions {
  health: () => Promise<HealthReport>;
  metrics: () => Promise<string>;
}

/** Prometheus text exposition format content type. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Registers /health and /metrics. */
export function systemRoutes(options: SystemRoutesOptions) {
  return async function register(app: ApiInstance): Promise<void> {
    app.get('/health', { config: { public: true }, schema: { response: { 200: PublicHealthSchema, 503: PublicHealthSchema.describe('down: a dependency the service cannot work without is away') } } }, async (request, reply) => {
      let report: HealthReport;
      try {
        report = await options.health();
      } catch (err) {
        request.log.error({ err }, 'health: probe failed');
        report = { status: 'down', checks: { ari: { ok: false }, redis: { ok: false }, db: { ok: false } } };
      }
      const checks: PublicHealth['checks'] = {};
      for (const [name, check] of Object.entries(report.checks)) checks[name] = { ok: check.ok === true };
      const status: PublicHealth['status'] = ['ok', 'degraded', 'down'].includes(report.status) ? report.status : 'down';
      reply.header('cache-control', 'no-store');
      return reply.code(status === 'down' ? 503 : 200).send({ status, checks } satisfies PublicHealth);
    });

    app.get('/metrics', { config: { roles: ['manager', 'admin'], scopes: ['metrics'] }, schema: { response: { 200: bodyOf('text/plain', 'Prometheus text exposition (version 0.0.4)') } } }, async (_request, reply) => {
      const text = await options.metrics();
      return reply.type(PROMETHEUS_CONTENT_TYPE).header('cache-control', 'no-store').send(text);
    });
  };
}
