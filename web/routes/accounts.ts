// Signing in and out, one's own password and API tokens, and (admins) the users.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Access, grantsOf, Role, UserRecord } from '../../core/accounts.js';
import type { Accounts } from '../accounts.js';
import { clearSessionCookie, setSessionCookie, SESSION_COOKIE } from '../auth.js';

const Id = z.object({ id: z.coerce.number().int().positive() });
const ErrorAnswer = z.object({ error: z.string() });
const SessionAnswer = z.object({ user: UserRecord, csrf_token: z.string().nullable(), access: z.array(Access).describe('những gì người này được làm') });
const answerFor = <U extends UserRecord | null>(user: U, csrfToken: string | null) => ({ user, csrf_token: csrfToken, access: user ? grantsOf(user.role) : [] });
const TokenRecord = z.object({ id: z.number(), name: z.string(), created_at: z.string(), last_used_at: z.string().nullable() });

/** Signing in is slow on purpose (scrypt) and limited per address and name. */
const SIGN_IN_LIMIT = { max: 10, timeWindow: '1 minute' };

export function accountRoutes(accounts: Accounts) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/session',
      {
        config: {
          access: 'public',
          rateLimit: { ...SIGN_IN_LIMIT, keyGenerator: (request) => `${request.ip}|${String((request.body as { username?: unknown } | undefined)?.username ?? '')}` },
        },
        schema: {
          tags: ['tài khoản'],
          summary: 'Đăng nhập (đặt cookie phiên)',
          body: z.object({ username: z.string().max(64), password: z.string().max(200) }),
          response: { 200: SessionAnswer, 401: ErrorAnswer },
        },
      },
      async (request, reply) => {
        const session = await accounts.signIn(request.body.username, request.body.password);
        if (!session) return reply.code(401).send({ error: 'Sai tên đăng nhập hoặc mật khẩu.' });
        setSessionCookie(reply, session);
        return answerFor(session.user, session.csrfToken);
      },
    );

    // answered without an account too (user null), so that the page asks without an error
    app.get(
      '/api/session',
      {
        config: { access: 'public' },
        schema: { tags: ['tài khoản'], summary: 'Người đang đăng nhập (null nếu chưa) và mã CSRF của phiên', response: { 200: SessionAnswer.extend({ user: UserRecord.nullable() }) } },
      },
      async (request) => answerFor(request.user, request.csrfToken),
    );

    app.delete('/api/session', { config: { access: 'public' }, schema: { tags: ['tài khoản'], summary: 'Đăng xuất' } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await accounts.signOut(token);
      clearSessionCookie(reply);
      return reply.code(204).send();
    });

    app.put(
      '/api/session/password',
      {
        schema: {
          tags: ['tài khoản'],
          summary: 'Đổi mật khẩu của mình (mọi phiên kết thúc)',
          body: z.object({ current: z.string().max(200), password: z.string().max(200) }),
        },
      },
      async (request, reply) => {
        await accounts.changePassword(request.user!.id, request.body.current, request.body.password);
        clearSessionCookie(reply);
        return reply.code(204).send();
      },
    );

    app.get('/api/tokens', { schema: { tags: ['tài khoản'], summary: 'Mã API của mình', response: { 200: z.object({ tokens: z.array(TokenRecord) }) } } }, async (request) => ({
      tokens: await accounts.listTokens(request.user!.id),
    }));

    app.post(
      '/api/tokens',
      {
        schema: {
          tags: ['tài khoản'],
          summary: 'Tạo mã API (hiện một lần): gửi kèm "Authorization: Bearer <mã>"',
          body: z.object({ name: z.string().max(100) }),
          response: { 201: z.object({ token: z.string(), record: TokenRecord }) },
        },
      },
      async (request, reply) => reply.code(201).send(await accounts.addToken(request.user!.id, request.body.name)),
    );

    app.delete('/api/tokens/:id', { schema: { tags: ['tài khoản'], summary: 'Thu hồi mã API', params: Id } }, async (request, reply) => {
      const gone = await accounts.deleteToken(request.user!.id, request.params.id);
      return gone ? reply.code(204).send() : reply.code(404).send({ error: 'Không có mã này.' });
    });

    const admin = { access: 'admin' as const };
    app.get('/api/users', { config: admin, schema: { tags: ['quản trị'], summary: 'Người dùng', response: { 200: z.object({ users: z.array(UserRecord) }) } } }, async () => ({
      users: await accounts.listUsers(),
    }));

    app.post(
      '/api/users',
      {
        config: admin,
        schema: {
          tags: ['quản trị'],
          summary: 'Thêm người dùng (mật khẩu tạo ngẫu nhiên nếu không gửi, hiện một lần)',
          body: z.object({ username: z.string(), role: Role, password: z.string().optional() }),
          response: { 201: z.object({ user: UserRecord, password: z.string() }) },
        },
      },
      async (request, reply) => reply.code(201).send(await accounts.addUser(request.body.username, request.body.role, request.body.password)),
    );

    app.patch(
      '/api/users/:id',
      {
        config: admin,
        schema: {
          tags: ['quản trị'],
          summary: 'Đổi vai trò, khóa/mở, hoặc cấp mật khẩu mới',
          params: Id,
          body: z.object({ role: Role.optional(), disabled: z.boolean().optional(), reset_password: z.boolean().optional() }),
          response: { 200: z.object({ user: UserRecord, password: z.string().nullable() }), 404: ErrorAnswer },
        },
      },
      async (request, reply) => {
        const { role, disabled, reset_password: resetPassword } = request.body;
        const changed = await accounts.updateUser(request.params.id, { role, disabled, resetPassword });
        return changed ?? reply.code(404).send({ error: 'Không có người dùng này.' });
      },
    );

    app.delete('/api/users/:id', { config: admin, schema: { tags: ['quản trị'], summary: 'Xóa người dùng', params: Id } }, async (request, reply) => {
      const gone = await accounts.deleteUser(request.params.id);
      return gone ? reply.code(204).send() : reply.code(404).send({ error: 'Không có người dùng này.' });
    });
  };
}
