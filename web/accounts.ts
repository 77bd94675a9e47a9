// The accounts service: users, signing in and out, sessions and API tokens. It knows nothing of
// HTTP; web/auth.ts puts it on the routes, `sohoa user add` and the first start call it directly.
import { createHash, randomBytes } from 'node:crypto';
import { Password, Username, type Role, type UserRecord } from '../core/accounts.js';
import { InputError } from '../core/errors.js';
import type { Db } from '../db/connection.js';
import * as stored from '../db/accounts.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

const SESSION_HOURS = 12;
export const TOKEN_PREFIX = 'sohoa_';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/** A user's input, checked: a message the user can act on, never a stack trace. */
function checked<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InputError('invalid_account', result.error.issues.map((issue) => issue.message).join('; '));
  return result.data;
}

export interface Session {
  /** the cookie's value, given to the browser only */
  token: string;
  csrfToken: string;
  user: UserRecord;
  expiresAt: Date;
}

export class Accounts {
  constructor(private readonly db: Db) {}

  /** A new user; with no password given, one is generated and returned to be shown once. */
  async addUser(username: string, role: Role, password?: string): Promise<{ user: UserRecord; password: string }> {
    const name = checked(Username, username);
    const chosen = password ?? generatePassword();
    checked(Password, chosen);
    const user = await stored.insertUser(this.db, { username: name, role, passwordHash: await hashPassword(chosen) });
    if (!user) throw new InputError('invalid_account', `Tài khoản ${name} đã có.`);
    return { user, password: chosen };
  }

  /**
   * On a database with no account at all: an admin with a generated password, shown once; else
   * null (also when another server starting at the same moment made it).
   */
  async firstAdmin(): Promise<{ user: UserRecord; password: string } | null> {
    if ((await stored.countUsers(this.db)) > 0) return null;
    return this.addUser('admin', 'admin').catch((error: unknown) => {
      if (error instanceof InputError) return null;
      throw error;
    });
  }

  /** A session for a right name and password, else null (the same answer for a wrong name or password). */
  async signIn(username: string, password: string): Promise<Session | null> {
    const found = await stored.userForLogin(this.db, username.trim());
    // a hash checked even for an unknown name: the answer takes as long either way
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyHash()));
    if (!found || !ok || found.disabled) return null;
    const { passwordHash: _checked, ...user } = found;
    const session: Session = { token: secret(), csrfToken: secret(), user, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) };
    await stored.insertSession(this.db, { tokenHash: sha256(session.token), userId: user.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    return session;
  }

  signOut(token: string): Promise<void> {
    return stored.deleteSession(this.db, sha256(token));
  }

  /** The user of a session cookie and the session's CSRF token; null for none. */
  session(token: string): Promise<{ user: UserRecord; csrfToken: string } | null> {
    return stored.sessionUser(this.db, sha256(token));
  }

  /** The user of an API token (`Authorization: Bearer sohoa_…`); null for none. */
  bearer(token: string): Promise<UserRecord | null> {
    return token.startsWith(TOKEN_PREFIX) ? stored.tokenUser(this.db, sha256(token)) : Promise.resolve(null);
  }

  async changePassword(userId: number, current: string, next: string): Promise<void> {
    const user = await stored.userById(this.db, userId);
    const login = user && (await stored.userForLogin(this.db, user.username));
    if (!login || !(await verifyPassword(current, login.passwordHash))) throw new InputError('invalid_account', 'Mật khẩu hiện tại không đúng.');
    await stored.updateUser(this.db, userId, { passwordHash: await hashPassword(checked(Password, next)) });
    await stored.deleteSessionsOf(this.db, userId);
  }

  listUsers(): Promise<UserRecord[]> {
    return stored.listUsers(this.db);
  }

  /** An admin's change to a user; a new password (generated unless given) ends the user's sessions. */
  async updateUser(id: number, change: { role?: Role; disabled?: boolean; resetPassword?: boolean }): Promise<{ user: UserRecord; password: string | null } | null> {
    const user = await stored.userById(this.db, id);
    if (!user) return null;
    const losesAdmin = user.role === 'admin' && !user.disabled && ((change.role && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin && (await stored.activeAdmins(this.db)) <= 1) throw new InputError('invalid_account', 'Không thể bỏ quyền của quản trị viên cuối cùng.');
    const password = change.resetPassword ? generatePassword() : null;
    const updated = await stored.updateUser(this.db, id, { role: change.role, disabled: change.disabled, passwordHash: password ? await hashPassword(password) : undefined });
    if (password || change.disabled) await stored.deleteSessionsOf(this.db, id);
    return updated && { user: updated, password };
  }

  async deleteUser(id: number): Promise<boolean> {
    const user = await stored.userById(this.db, id);
    if (!user) return false;
    if (user.role === 'admin' && !user.disabled && (await stored.activeAdmins(this.db)) <= 1) throw new InputError('invalid_account', 'Không thể xóa quản trị viên cuối cùng.');
    return stored.deleteUser(this.db, id);
  }

  /** A new API token for a user: its value is returned once and kept only as a hash. */
  async addToken(userId: number, name: string): Promise<{ token: string; record: stored.ApiTokenRecord }> {
    const token = `${TOKEN_PREFIX}${secret()}`;
    return { token, record: await stored.insertToken(this.db, { userId, name: name.trim() || 'token', tokenHash: sha256(token) }) };
  }

  listTokens(userId: number): Promise<stored.ApiTokenRecord[]> {
    return stored.listTokens(this.db, userId);
  }

  deleteToken(userId: number, id: number): Promise<boolean> {
    return stored.deleteToken(this.db, userId, id);
  }
}

// a hash of a random password nobody knows, checked when the name is unknown
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
