// Throwaway databases for tests: a fresh PostgreSQL database on the machine's server
// (127.0.0.1:5432, trust auth) or a fresh PGlite directory, dropped afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../db/connection.js';
import { openMigrated } from '../db/migrations.js';

export const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** the settings that reach it: DATABASE_URL for PostgreSQL, the data directory for PGlite */
  settings: { DATABASE_URL?: string; dataDir: string };
  open(): Promise<Db>;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sohoa-db-'));
  if (kind === 'pglite') {
    const settings = { dataDir };
    return { kind, settings, open: () => openMigrated(settings), drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `sohoa_test_${process.pid}_${Date.now()}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  const settings = { DATABASE_URL: url.toString(), dataDir };
  return {
    kind,
    settings,
    open: () => openMigrated(settings),
    drop: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The rows a table holds (the name is one of the schema's tables, never a value). */
export async function countRows(db: Db, table: string): Promise<number> {
  return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
}
