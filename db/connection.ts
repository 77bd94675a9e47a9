// The reporting database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in
// SOHOA_DATA_DIR/db. Both take the same SQL with $1 parameters; nothing builds SQL from values.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';

export interface Db {
  /** the rows of one parameterised statement */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** several statements without parameters (migrations) */
  exec(sql: string): Promise<void>;
  /** runs `work` in one transaction: all of it is committed, or none */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

function pgliteDb(lite: PGlite | Transaction, close: () => Promise<void>): Db {
  return {
    kind: 'pglite',
    query: async <T>(sql: string, params: unknown[] = []) => (await lite.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await lite.exec(sql);
    },
    transaction: (work) => {
      if (!('transaction' in lite)) return work(pgliteDb(lite, close));
      return lite.transaction((tx) => work(pgliteDb(tx, close)));
    },
    close,
  };
}

function clientDb(client: pg.PoolClient | pg.Pool, close: () => Promise<void>, inTransaction: boolean): Db {
  const db: Db = {
    kind: 'postgres',
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: async (work) => {
      if (inTransaction) return work(db);
      const connection = await (client as pg.Pool).connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await work(clientDb(connection, close, true));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        // a connection that cannot even roll back is broken: the pool must not lend it again
        await connection.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    close,
  };
  return db;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** Whether an error says the database could not be reached (as opposed to a statement it refused). */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return /Connection terminated|timeout exceeded when trying to connect|connection timeout/iu.test(error.message);
}

export async function openDb(settings: { DATABASE_URL?: string | undefined; dataDir: string }): Promise<Db> {
  if (settings.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: settings.DATABASE_URL, max: 4, connectionTimeoutMillis: 5000 });
    // an idle connection that breaks (the server restarted) is dropped, not thrown at the process
    pool.on('error', () => undefined);
    return clientDb(pool, () => pool.end(), false);
  }
  const dir = path.join(settings.dataDir, 'db');
  await mkdir(dir, { recursive: true });
  const lite = await PGlite.create(dir);
  return pgliteDb(lite, () => lite.close());
}

/** A JSONB column's value: parsed already by PostgreSQL's and PGlite's drivers alike (a TEXT column would not be). */
export const parsedJson = <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
