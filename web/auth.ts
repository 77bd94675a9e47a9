// Who is asking, and may they: every /api route names the access it needs in its config (`read`
// when it says nothing, `public` for signing in and health); /admin/ is for admins. A browser is known by its session
// cookie and must send the session's CSRF token with every request that changes something; a script
// by its API token (`Authorization: Bearer sohoa_…`), which no other site can make a browser send.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayDo, type Access, type UserRecord } from '../core/accounts.js';
import type { Accounts, Session } from './accounts.js';

export const SESSION_COOKIE = 'sohoa_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
    /** the session's CSRF token, for a request signed in by cookie */
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access | 'public';
  }
}

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Whether a browser says the request comes from a page of this server (Origin, else Referer). */
function sameSite(request: FastifyRequest): boolean {
  const from = request.headers.origin ?? request.headers.referer;
  if (!from) return false;
  try {
    return new URL(from).host === request.headers.host;
  } catch {
    return false;
  }
}

const refuse = (reply: FastifyReply, status: 401 | 403, error: string) => reply.code(status).send({ error });

export function installAuth(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.routeOptions.url ?? '';
    const admin = url.startsWith('/admin/');
    if (!url.startsWith('/api/') && !admin) return; // the UI's files, the API's documentation
    const access = admin ? 'admin' : (request.routeOptions.config.access ?? 'read');
    const bearer = /^Bearer\s+(\S+)$/iu.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer) {
      request.user = await accounts.bearer(bearer);
      if (!request.user && access !== 'public') return refuse(reply, 401, 'Mã API không hợp lệ hoặc đã bị thu hồi.');
    } else if (cookie) {
      const session = await accounts.session(cookie);
      request.user = session?.user ?? null;
      request.csrfToken = session?.csrfToken ?? null;
    }
    if (access === 'public') return;
    if (!request.user) return refuse(reply, 401, 'Cần đăng nhập.');
    if (!mayDo(request.user.role, access)) return refuse(reply, 403, 'Tài khoản này không có quyền làm việc này.');
    if (request.csrfToken !== null && !SAFE_METHODS.has(request.method)) {
      // the queue board's own page cannot send the token: there the request must come from this site
      if (admin) return sameSite(request) ? undefined : refuse(reply, 403, 'Yêu cầu không đến từ trang này (CSRF).');
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, request.csrfToken)) return refuse(reply, 403, 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang.');
    }
  });
}

/** The session cookie: not readable by scripts, not sent by other sites, over HTTPS only when served over HTTPS. */
export function setSessionCookie(reply: FastifyReply, session: Session): void {
  reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', expires: session.expiresAt });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
