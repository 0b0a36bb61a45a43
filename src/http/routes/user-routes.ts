/**
 * User administration (admin only):
 * - `GET /api/users`, `GET /api/users/:id`
 * - `POST /api/users` {username, password, role, displayName?} → 201
 * - `PATCH /api/users/:id` {role?, disabled?, displayName?} — disabling signs the user out everywhere
 * - `POST /api/users/:id/password` {password} — reset; signs the user out everywhere
 */
import type { ApiInstance } from '../app.js';
import { z } from 'zod';
import type { TokenStore } from '../../auth/tokens.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type UserStore } from '../../auth/users.js';
import { USER_ROLES } from '../../db/schema.js';
import { Errors } from '../../errors.js';
import { requireUser } from '../auth.js';
import { IdParams } from '../validation.js';
import { PasswordChanged, UserView } from './auth-routes.js';

/** Options of {@link userRoutes}. */
export interface UserRoutesOptions {
  users: UserStore;
  tokens: TokenStore;
}

const Password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

const CreateUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64),
  password: Password,
  role: z.enum(USER_ROLES),
  displayName: z.string().trim().max(100).optional(),
});

const UpdateUserBody = z
  .strictObject({
    role: z.enum(USER_ROLES).optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().max(100).optional(),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined || b.displayName !== undefined, {
    message: 'give at least one of role, disabled, displayName',
  });

const ResetPasswordBody = z.strictObject({ password: Password });

const ADMIN = { roles: ['admin'] } as const;
const UserAnswer = z.object({ user: UserView });

/** Registers the /api/users routes. */
export function userRoutes(options: UserRoutesOptions) {
  const { users, tokens } = options;

  return async function register(app: ApiInstance): Promise<void> {
    app.get('/api/users', { config: ADMIN, schema: { response: { 200: z.object({ users: z.array(UserView) }) } } }, async () => ({ users: users.list() }));

    app.get('/api/users/:id', { config: ADMIN, schema: { params: IdParams, response: { 200: UserAnswer } } }, async (request) => {
      const { id } = request.params;
      const user = users.findById(id);
      if (!user) throw new Errors.NotFound('user', String(id));
      return { user };
    });

    app.post('/api/users', { config: ADMIN, schema: { body: CreateUserBody, response: { 201: UserAnswer } } }, async (request, reply) => {
      const actor = requireUser(request);
      const body = request.body;
      const user = await users.create(body);
      request.log.info({ actorId: actor.id, userId: user.id, username: user.username, role: user.role }, 'users: created');
      return reply.code(201).send({ user });
    });

    app.patch('/api/users/:id', { config: ADMIN, schema: { params: IdParams, body: UpdateUserBody, response: { 200: UserAnswer } } }, async (request) => {
      const actor = requireUser(request);
      const { id } = request.params;
      const body = request.body;
      const user = users.update(id, body);
      const revoked = body.disabled === true ? tokens.revokeAllForUser(id) : 0;
      request.log.info({ actorId: actor.id, userId: id, changes: body, revoked }, 'users: updated');
      return { user };
    });

    app.post('/api/users/:id/password', { config: ADMIN, schema: { params: IdParams, body: ResetPasswordBody, response: { 200: PasswordChanged } } }, async (request) => {
      const actor = requireUser(request);
      const { id } = request.params;
      const body = request.body;
      await users.changePassword(id, body.password);
      const revoked = tokens.revokeAllForUser(id);
      request.log.info({ actorId: actor.id, userId: id, revoked }, 'users: password reset');
      return { ok: true, revokedTokens: revoked };
    });
  };
}
