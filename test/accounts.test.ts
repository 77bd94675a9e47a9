// Accounts on PostgreSQL, as several server processes share them: two servers starting on an empty
// database at the same moment make one first admin between them, and sign-ins work from either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection.js';
import { Accounts } from '../web/accounts.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

let database: TestDatabase;
let first: Db;
let second: Db;

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  first = await database.open();
  second = await database.open();
}, 60_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.drop();
});

describe('accounts shared by server processes (PostgreSQL)', () => {
  it('two servers starting at once make one first admin; its password signs in on either', async () => {
    const made = await Promise.all([new Accounts(first).firstAdmin(), new Accounts(second).firstAdmin()]);
    const admins = made.filter((m) => m !== null);
    expect(admins.length).toBe(1);
    const { password } = admins[0]!;
    const session = await new Accounts(second).signIn('admin', password);
    expect(session?.user.role).toBe('admin');
    expect((await new Accounts(first).session(session!.token))?.user.username).toBe('admin');
    expect(await new Accounts(first).firstAdmin()).toBeNull();
  });
});
