/** Manager API for uploaded prompts: PUT raw audio/wav, list, delete (refused while in use). */
import { like } from 'drizzle-orm';
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import { PromptStore } from '../../campaigns/prompt-store.js';
import type { Db } from '../../db/database.js';
import { campaigns } from '../../db/schema.js';
import { Errors } from '../../errors.js';

const NameParams = z.object({ name: z.string().min(1).max(64) });
const MAX_PROMPT_BYTES = 20 * 1024 * 1024;

export function promptRoutes(deps: { prompts: PromptStore; db: Db }) {
  const { prompts, db } = deps;
  return async function register(app: ApiInstance): Promise<void> {
    app.addContentTypeParser(['audio/wav', 'audio/x-wav', 'audio/wave'], { parseAs: 'buffer', bodyLimit: MAX_PROMPT_BYTES }, (_req, body, done) => {
      done(null, body);
    });

    app.get('/api/prompts', { config: { roles: ['manager'] } }, async () => ({ prompts: await prompts.list() }));

    app.put('/api/prompts/:name', { config: { roles: ['manager'] }, bodyLimit: MAX_PROMPT_BYTES, schema: { params: NameParams } }, async (request, reply) => {
      const { name } = request.params;
      if (!Buffer.isBuffer(request.body)) throw new Errors.BadRequest('send the prompt as the raw body with Content-Type: audio/wav');
      const saved = await prompts.save(name, request.body);
      reply.code(201);
      return saved;
    });

    app.delete('/api/prompts/:name', { config: { roles: ['manager'] }, schema: { params: NameParams } }, async (request, reply) => {
      const { name } = request.params;
      const media = PromptStore.mediaFor(name);
      const users = db
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(like(campaigns.openingMedia, `%${media}%`))
        .all();
      if (users.length) throw new Errors.Conflict(`prompt ${name} is used by campaign ${users.map((u) => u.id).join(', ')}`);
      await prompts.remove(name);
      reply.code(204);
    });
  };
}
