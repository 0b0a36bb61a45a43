/**
 * Manager API for the voice: every prompt of the pack and the managers' own, per language —
 * list (with where each is used), play, upload (replace) as raw audio/wav, delete (409 while
 * a campaign or the service plays it).
 */
import type { ApiInstance } from '../app.js';
import { bodyOf, NoContent } from '../response-schemas.js';
import { z } from 'zod';
import { PromptStore } from '../../campaigns/prompt-store.js';
import type { PromptUsage } from '../../campaigns/prompt-usage.js';
import { CAMPAIGN_LANGUAGES } from '../../db/schema.js';
import { Errors } from '../../errors.js';

const NameParams = z.object({ name: z.string().min(1).max(64) });
const LangQuery = z.object({ lang: z.enum(CAMPAIGN_LANGUAGES).default('zh') });
const ListQuery = z.object({ lang: z.enum(CAMPAIGN_LANGUAGES).optional() });
const PromptInfoSchema = z.object({
  name: z.string(),
  language: z.enum(CAMPAIGN_LANGUAGES),
  media: z.string().describe('the sound: URI Asterisk plays'),
  bytes: z.number().int(),
  durationMs: z.number(),
  text: z.string().describe('the words it says, when known'),
  source: z.enum(['pack', 'synth', 'upload']),
  inPack: z.boolean(),
  sha256: z.string().optional(),
});

const PromptUserSchema = z.object({
  campaignId: z.number().int().nullable(),
  label: z.string(),
  kind: z.enum(['campaign', 'safe-harbour', 'dialplan']),
  campaignName: z.string().optional(),
  use: z.enum(['opening', 'closing', 'refusal closing', 'safe-harbour', 'disclosure']).optional(),
});

const MAX_PROMPT_BYTES = 20 * 1024 * 1024;

export function promptRoutes(deps: { prompts: PromptStore; usage: PromptUsage }) {
  const { prompts, usage } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.addContentTypeParser(['audio/wav', 'audio/x-wav', 'audio/wave'], { parseAs: 'buffer', bodyLimit: MAX_PROMPT_BYTES }, (_req, body, done) => {
      done(null, body);
    });

    app.get('/api/prompts', { config: { roles: ['manager'] }, schema: { querystring: ListQuery, response: { 200: z.object({ prompts: z.array(PromptInfoSchema.extend({ usedBy: z.array(PromptUserSchema) })) }) } } }, async (request) => {
      const { lang } = request.query;
      const uses = usage.uses();
      const list = await prompts.list(lang);
      return { prompts: list.map((p) => ({ ...p, usedBy: uses.get(`${p.language}/${p.name}`) ?? [] })) };
    });

    app.get('/api/prompts/:name/audio', { config: { roles: ['manager'] }, schema: { params: NameParams, querystring: LangQuery, response: { 200: bodyOf('audio/wav', 'the prompt as a WAV file') } } }, async (request, reply) => {
      const { name } = request.params;
      const { lang } = request.query;
      const wav = await prompts.read(lang, name);
      reply.header('content-type', 'audio/wav').header('cache-control', 'no-store');
      return wav;
    });

    app.put('/api/prompts/:name', { config: { roles: ['manager'] }, bodyLimit: MAX_PROMPT_BYTES, schema: { params: NameParams, querystring: LangQuery, response: { 201: PromptInfoSchema } } }, async (request, reply) => {
      const { name } = request.params;
      const { lang } = request.query;
      if (!Buffer.isBuffer(request.body)) throw new Errors.BadRequest('send the prompt as the raw body with Content-Type: audio/wav');
      const saved = await prompts.save(lang, name, request.body);
      reply.code(201);
      return saved;
    });

    app.delete('/api/prompts/:name', { config: { roles: ['manager'], errors: [Errors.PromptInUse] }, schema: { params: NameParams, querystring: LangQuery, response: { 204: NoContent } } }, async (request, reply) => {
      const { name } = request.params;
      const { lang } = request.query;
      PromptStore.checkName(name);
      const users = usage.uses().get(`${lang}/${name}`) ?? [];
      if (users.length) {
        throw new Errors.PromptInUse(`${lang}/${name}`, users.map((u) => u.label).join('; '));
      }
      await prompts.remove(lang, name);
      reply.code(204);
    });
  };
}
