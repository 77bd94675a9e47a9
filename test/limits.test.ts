// The in-process driver's limits: a document that takes longer than its pages allow fails with the
// reason, and the next document is read (by a new reader thread).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { loadSettings, type Settings } from '../core/settings.js';
import { admit } from '../pipeline/run.js';
import { seedFile } from '../samples/seeds.js';
import { openIntake, type Intake } from '../workers/intake.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { samplePath } from './samples.js';

describe('a document past its time limit (in process)', () => {
  let database: TestDatabase;
  let settings: Settings;
  let intake: Intake;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    // half a second a page: no scanned page is read so fast, every page of a text file is
    settings = { ...loadSettings({ SOHOA_PAGE_SECONDS: '0.5' }), dataDir: database.settings.dataDir };
    intake = await openIntake(settings);
  });
  afterAll(async () => {
    await intake.close();
    await database.drop();
  });

  it('fails with the reason, and the next document is read and stored', async () => {
    const scan = await admit({ filename: '000-office.pdf', bytes: readFileSync(samplePath('scans/000-office.pdf')) }, settings);
    // forty pages of text: twenty seconds to read them
    const text = await admit({ filename: 'thông báo.txt', bytes: Buffer.from(Array(40).fill(readFileSync(seedFile('000'), 'utf8')).join('\f')) }, settings);
    const [slow, quick] = await Promise.allSettled([intake.submit(scan), intake.submit(text)]);
    expect(slow.status).toBe('rejected');
    const reason = (slow as PromiseRejectedResult).reason as InputError;
    expect(reason).toBeInstanceOf(InputError);
    expect([reason.code, reason.message]).toEqual(['time_limit', 'Đọc quá 2 giây (0,5 giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.']);
    expect(quick.status).toBe('fulfilled');
    expect((quick as PromiseFulfilledResult<{ pages: number; figures: number }>).value).toMatchObject({ pages: 40, figures: 200 });
  }, 120_000);
});
