/**
 * Number-list imports (managers): upload a CSV of contacts for a campaign, or of numbers for
 * a do-not-call list, as multipart/form-data; watch its progress; download its rejects.
 *
 * Upload: a `file` part, and the options as form fields sent before the file part or as
 * query parameters: `phoneColumn` (header name or 1-based number; found by name when
 * absent), `delimiter` (`,` `;` `tab` `|`), for do-not-call lists `campaignId` (absent: the
 * global list) and `region` (global list only). The upload is streamed to disk, then
 * imported in the background: the answer is 202 with the import (poll `GET /api/imports/:id`),
 * or with `?wait=1` 200 with the finished import.
 */
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiInstance } from '../app.js';
import { bodyOf } from '../response-schemas.js';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ListImporter } from '../../campaigns/import/list-importer.js';
import { importView, rejectsCsv } from '../../campaigns/import/import-view.js';
import { spoolUpload, type SpooledFile } from '../../campaigns/import/spool.js';
import { IMPORT_KINDS, IMPORT_STATUSES, type ImportKind } from '../../db/schema.js';
import { REJECT_REASONS } from '../../campaigns/import/reasons.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { describeZodError, IdParams } from '../validation.js';

const MANAGERS = ['manager'] as const;

const DELIMITERS: Record<string, string> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '|': '|' };

const UploadOptions = z.object({
  phoneColumn: z.string().trim().min(1).max(200).optional(),
  delimiter: z
    .string()
    .refine((d) => d in DELIMITERS, 'one of , ; tab |')
    .transform((d) => DELIMITERS[d]!)
    .optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  region: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter region code such as CN').optional(),
  wait: z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true').optional(),
});

const ListQuery = z.object({ campaignId: z.coerce.number().int().positive().optional() });

/** What {@link listRoutes} needs. */
/** An import as the API shows it: progress, counts, rejects by reason. */
export const ImportViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  campaignId: z.number().int().nullable(),
  fileName: z.string(),
  sha256: z.string().nullable(),
  status: z.enum(IMPORT_STATUSES),
  encoding: z.string().nullable(),
  phoneColumn: z.string(),
  defaultRegion: z.string(),
  bytes: z.number().int().nullable(),
  bytesRead: z.number().int(),
  percent: z.number().nullable().describe('share of the file read, 0–100, when its size is known'),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  byReason: z.record(z.enum(REJECT_REASONS), z.number().int()).describe('rejected rows by reason, zeros included'),
  summary: z.object({ malformed: z.number().int(), invalid: z.number().int(), duplicate: z.number().int(), doNotCall: z.number().int() }),
  lastLine: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  discardedAt: z.number().nullable(),
  discarded: z.number().int().nullable(),
  rejectsUrl: z.string(),
});
const ImportList = z.object({ imports: z.array(ImportViewSchema) });
/** 202 while it runs (Location: the import), 200 with `wait` once it is done. */
const UPLOADED = { 200: ImportViewSchema.describe('done (with wait=1)'), 202: ImportViewSchema.describe('started: follow the Location header') };
const UPLOAD_ERRORS = [Errors.ImportBadForm, Errors.ImportNoFile, Errors.UnsupportedMediaType];

export interface ListRoutesDeps {
  importer: ListImporter;
  /** Where uploads are spooled. */
  importsDir: string;
  /** Largest upload, bytes. */
  maxBytes: number;
}

/** The list-import routes (manager; admins pass too). */
export function listRoutes(deps: ListRoutesDeps) {
  const { importer } = deps;

  /** Reads the form: options before the file, the file spooled to disk; refuses options after it. */
  async function receive(request: FastifyRequest): Promise<{ spooled: SpooledFile; fileName: string; options: z.output<typeof UploadOptions> }> {
    const fields: Record<string, string> = {};
    const late: string[] = [];
    let received: { spooled: SpooledFile; fileName: string; options: z.output<typeof UploadOptions> } | null = null;
    try {
      // Two files allowed by the parser so a second one is refused with 400, not the parser's 413.
      for await (const part of request.parts({ limits: { fileSize: deps.maxBytes, files: 2, fields: 20, fieldSize: 1000 } })) {
        if (part.type === 'field') {
          if (received && part.fieldname in UploadOptions.shape) late.push(part.fieldname);
          else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
          continue;
        }
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new Errors.ImportBadForm(`the list goes in the form field "file", not "${part.fieldname.slice(0, 64)}"`);
        }
        if (received) {
          part.file.resume();
          throw new Errors.ImportBadForm('send one file per upload; this form has more than one');
        }
        const parsed = UploadOptions.safeParse({ ...(request.query as object), ...fields });
        if (!parsed.success) {
          part.file.resume();
          throw new Errors.BadRequest(describeZodError(parsed.error, 'form'));
        }
        const file = part.file;
        const spooled = await spoolUpload(file, { dir: deps.importsDir, maxBytes: deps.maxBytes, truncated: () => file.truncated });
        received = { spooled, fileName: part.filename || 'upload.csv', options: parsed.data };
      }
    } catch (err) {
      if (received) await unlink(received.spooled.path).catch(() => undefined);
      throw err;
    }
    if (!received) throw new Errors.ImportNoFile('the form has no file part');
    if (late.length > 0) {
      await unlink(received.spooled.path).catch(() => undefined);
      throw new Errors.BadRequest(`form field${late.length > 1 ? 's' : ''} ${late.join(', ')} came after the file; send options before the file part, or in the query string`);
    }
    return received;
  }

  async function upload(request: FastifyRequest, reply: FastifyReply, kind: ImportKind, routeCampaignId: number | null) {
    const user = requireUser(request);
    if (!request.isMultipart()) {
      throw new Errors.UnsupportedMediaType('send the list as multipart/form-data with a "file" part');
    }
    const { spooled, fileName, options } = await receive(request);
    const campaignId = kind === 'contacts' ? routeCampaignId : (options.campaignId ?? null);
    const job = await importer.begin({
      kind,
      campaignId,
      source: { path: spooled.path },
      sha256: spooled.sha256,
      bytes: spooled.bytes,
      fileName,
      phoneColumn: options.phoneColumn,
      delimiter: options.delimiter,
      region: options.region,
      userId: user.id,
      removeWhenDone: true,
    });
    job.done.catch((err: unknown) => request.log.error({ err, importId: job.id }, 'list-import: could not record the end of an import'));
    if (options.wait) return importView(await job.done);
    reply.code(202).header('location', `/api/imports/${job.id}`);
    return importView(job.row);
  }

  return async function register(app: ApiInstance): Promise<void> {
    await app.register(multipart, { limits: { fileSize: deps.maxBytes, files: 2 } });

    app.post('/api/campaigns/:id/imports', { config: { roles: MANAGERS, errors: UPLOAD_ERRORS }, schema: { params: IdParams, response: UPLOADED } }, async (request, reply) => {
      const { id } = request.params;
      importer.store.assertCampaign(id);
      return upload(request, reply, 'contacts', id);
    });

    app.get('/api/campaigns/:id/imports', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: ImportList } } }, async (request) => {
      const { id } = request.params;
      importer.recover();
      return { imports: importer.store.list(id).filter((r) => r.kind === 'contacts').map(importView) };
    });

    app.post('/api/do-not-call/imports', { config: { roles: MANAGERS, errors: UPLOAD_ERRORS }, schema: { response: UPLOADED } }, async (request, reply) => upload(request, reply, 'do-not-call', null));

    app.get('/api/do-not-call/imports', { config: { roles: MANAGERS }, schema: { querystring: ListQuery, response: { 200: ImportList } } }, async (request) => {
      const { campaignId } = request.query;
      importer.recover();
      const rows = importer.store.list(campaignId ?? null).filter((r) => r.kind === 'do-not-call');
      return { imports: rows.map(importView) };
    });

    app.get('/api/imports/:id', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: ImportViewSchema } } }, async (request) => {
      const { id } = request.params;
      return importView(importer.get(id));
    });

    app.get('/api/imports/:id/rejects', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: bodyOf('text/csv', 'the rejected rows: line, reason, detail, raw') } } }, async (request, reply) => {
      const { id } = request.params;
      const row = importer.get(id);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${row.id}-rejects.csv"`);
      return reply.send(Readable.from(rejectsCsv((after) => importer.store.rejectsPage(row.id, after, 1000))));
    });

    app.post('/api/imports/:id/discard', { config: { roles: MANAGERS }, schema: { params: IdParams, response: { 200: z.object({ removed: z.number().int(), keptBecauseDialed: z.number().int().describe('contacts already dialed stay'), import: ImportViewSchema }) } } }, async (request) => {
      const { id } = request.params;
      const user = requireUser(request);
      // Discarding a do-not-call import takes numbers off a do-not-call list: admins only, as for single entries.
      if (importer.get(id).kind === 'do-not-call' && user.role !== 'admin') throw new Errors.AuthForbidden(user.role, `discard do-not-call import ${id}`);
      const { removed, kept, row } = await importer.store.discard(id);
      request.log.info({ importId: id, removed, kept, userId: request.user?.id }, 'list-import: discarded');
      return { removed, keptBecauseDialed: kept, import: importView(row) };
    });
  };
}
