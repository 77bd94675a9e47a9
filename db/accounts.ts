// Users, their sessions and API tokens as stored. Secrets arrive hashed: this module never sees a
// password or a token.
import type { Role, UserRecord } from '../core/accounts.js';
import type { Db } from './connection.js';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  created_at: Date | string;
}

const USER_COLUMNS = 'u.id, u.username, u.role, u.disabled, u.created_at';

const userRecord = (row: UserRow): UserRecord => ({
  id: Number(row.id),
  username: row.username,
  role: row.role,
  disabled: row.disabled,
  created_at: new Date(row.created_at).toISOString(),
});

/** A new user; null when the name is taken (also by another process at the same moment). */
export async function insertUser(db: Db, user: { username: string; role: Role; passwordHash: string }): Promise<UserRecord | null> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO users AS u (username, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [user.username, user.role, user.passwordHash],
  );
  return row ? userRecord(row) : null;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.query<{ count: string | number }>('SELECT count(*) AS count FROM users');
  return Number(row?.count ?? 0);
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.username`)).map(userRecord);
}

export async function userById(db: Db, id: number): Promise<UserRecord | null> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return row ? userRecord(row) : null;
}

/** A user with the stored hash of their password, to check a login against. */
export async function userForLogin(db: Db, username: string): Promise<(UserRecord & { passwordHash: string }) | null> {
  const [row] = await db.query<UserRow & { password_hash: string }>(`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = $1`, [username]);
  return row ? { ...userRecord(row), passwordHash: row.password_hash } : null;
}

export async function updateUser(db: Db, id: number, change: { role?: Role; disabled?: boolean; passwordHash?: string }): Promise<UserRecord | null> {
  const [row] = await db.query<UserRow>(
    `UPDATE users u SET role = COALESCE($2, u.role), disabled = COALESCE($3, u.disabled), password_hash = COALESCE($4, u.password_hash)
     WHERE u.id = $1 RETURNING ${USER_COLUMNS}`,
    [id, change.role ?? null, change.disabled ?? null, change.passwordHash ?? null],
  );
  return row ? userRecord(row) : null;
}

export async function deleteUser(db: Db, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM users WHERE id = $1 RETURNING id', [id])).length > 0;
}

/** Admins who can still sign in: the last one may not be demoted, disabled or deleted. */
export async function activeAdmins(db: Db): Promise<number> {
  const [row] = await db.query<{ count: string | number }>("SELECT count(*) AS count FROM users WHERE role = 'admin' AND NOT disabled");
  return Number(row?.count ?? 0);
}

export async function insertSession(db: Db, session: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at < now()');
  await db.query('INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [
    session.tokenHash,
    session.userId,
    session.csrfToken,
    session.expiresAt.toISOString(),
  ]);
}

/** The signed-in user of a live session, with the session's CSRF token; null for an expired or unknown one or a disabled user. */
export async function sessionUser(db: Db, tokenHash: string): Promise<{ user: UserRecord; csrfToken: string } | null> {
  const [row] = await db.query<UserRow & { csrf_token: string }>(
    `SELECT ${USER_COLUMNS}, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  return row ? { user: userRecord(row), csrfToken: row.csrf_token } : null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user (a new password, a disabled account). */
export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export interface ApiTokenRecord {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
}

const tokenRecord = (row: TokenRow): ApiTokenRecord => ({
  id: Number(row.id),
  name: row.name,
  created_at: new Date(row.created_at).toISOString(),
  last_used_at: row.last_used_at === null ? null : new Date(row.last_used_at).toISOString(),
});

export async function insertToken(db: Db, token: { userId: number; name: string; tokenHash: string }): Promise<ApiTokenRecord> {
  const [row] = await db.query<TokenRow>('INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, $2, $3) RETURNING id, name, created_at, last_used_at', [
    token.userId,
    token.name,
    token.tokenHash,
  ]);
  return tokenRecord(row!);
}

export async function listTokens(db: Db, userId: number): Promise<ApiTokenRecord[]> {
  return (await db.query<TokenRow>('SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY id', [userId])).map(tokenRecord);
}

export async function deleteToken(db: Db, userId: number, id: number): Promise<boolean> {
  return (await db.query('DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId])).length > 0;
}

/** The user an API token belongs to (noting its use); null for an unknown token or a disabled user. */
export async function tokenUser(db: Db, tokenHash: string): Promise<UserRecord | null> {
  const [row] = await db.query<UserRow>(
    `UPDATE api_tokens t SET last_used_at = now() FROM users u
     WHERE t.token_hash = $1 AND u.id = t.user_id AND NOT u.disabled RETURNING ${USER_COLUMNS}`,
    [tokenHash],
  );
  return row ? userRecord(row) : null;
}
