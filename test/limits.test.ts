// The readers' limits, in process and in a worker: a document (in process) or a page (a worker's
// page job) that takes longer than its time allows, or a document that needs more memory than its
// reader may take, fails with the reason, and the next document is read (by a new reader process).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { loadSettings, type Settings } from '../core/settings.js';
import { admit } from '../pipeline/run.js';
import { seedFile } from '../samples/seeds.js';
import { openIntake, type Intake } from '../workers/intake.js';
import { startWorkers, type RunningWorkers } from '../workers/worker.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { dropQueues, queuePrefix, REDIS_SERVER } from './queue-harness.js';
import { samplePath } from './samples.js';

/** An intake of these settings on a fresh PGlite database, opened and closed around the tests of the block it is called in. */
function intakeOn(env: Record<string, string>): { settings: Settings; intake: Intake } {
  const held = {} as { settings: Settings; intake: Intake };
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    held.settings = { ...loadSettings(env), dataDir: database.settings.dataDir };
    held.intake = await openIntake(held.settings);
  });
  afterAll(async () => {
    await held.intake.close();
    await database.drop();
  });
  return held;
}

/** A scan of four pages, and forty pages of text (twenty seconds to read them at half a second a page). */
async function slowAndQuick(settings: Settings) {
  return {
    scan: await admit({ filename: '000-office.pdf', bytes: readFileSync(samplePath('scans/000-office.pdf')) }, settings),
    text: await admit({ filename: 'thông báo.txt', bytes: Buffer.from(Array(40).fill(readFileSync(seedFile('000'), 'utf8')).join('\f')) }, settings),
  };
}

describe('a document past its time limit (in process)', () => {
  // half a second a page: no scanned page is read so fast, every page of a text file is
  const run = intakeOn({ SOHOA_PAGE_SECONDS: '0.5' });

  it('fails with the reason, and the next document is read and stored', async () => {
    const { settings, intake } = run;
    const { scan, text } = await slowAndQuick(settings);
    const [slow, quick] = await Promise.allSettled([intake.submit(scan), intake.submit(text)]);
    expect(slow.status).toBe('rejected');
    const reason = (slow as PromiseRejectedResult).reason as InputError;
    expect(reason).toBeInstanceOf(InputError);
    expect([reason.code, reason.message]).toEqual(['time_limit', 'Đọc quá 2 giây (0,5 giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.']);
    expect(quick.status).toBe('fulfilled');
    expect((quick as PromiseFulfilledResult<{ pages: number; figures: number }>).value).toMatchObject({ pages: 40, figures: 200 });
  }, 120_000);
});

describe('a document past its memory limit (in process)', () => {
  // a reader of 128 MB of heap reads a short text, not three thousand pages at once
  const run = intakeOn({ SOHOA_READER_MEMORY_MB: '128', SOHOA_MAX_PAGES: '5000' });

  it('fails with the reason, this process goes on, and the next document is read and stored', async () => {
    const { settings, intake } = run;
    const seed = readFileSync(seedFile('000'), 'utf8');
    const huge = await admit({ filename: 'ba nghìn trang.txt', bytes: Buffer.from(Array(3000).fill(seed).join('\f')) }, settings);
    const small = await admit({ filename: 'thông báo.txt', bytes: Buffer.from(seed) }, settings);
    const [big, next] = await Promise.allSettled([intake.submit(huge), intake.submit(small)]);
    expect(big.status).toBe('rejected');
    const reason = (big as PromiseRejectedResult).reason as InputError;
    expect([reason.code, reason.message]).toEqual(['memory_limit', 'Đọc văn bản này cần quá 128 MB bộ nhớ (SOHOA_READER_MEMORY_MB): đã dừng nó.']);
    expect(next.status).toBe('fulfilled');
    expect((next as PromiseFulfilledResult<{ pages: number; figures: number }>).value).toMatchObject({ pages: 1, figures: 5 });
  }, 120_000);
});

describe('a page past its time limit (a worker on the queues)', () => {
  const run = intakeOn({ SOHOA_PAGE_SECONDS: '0.5', REDIS_URL: REDIS_SERVER, SOHOA_QUEUE_PREFIX: queuePrefix('limits'), SOHOA_WORKER_CONCURRENCY: '2' });
  let workers: RunningWorkers;
  beforeAll(() => {
    workers = startWorkers({ ...run.settings, REDIS_URL: REDIS_SERVER }, { queues: ['pages', 'documents'] });
  });
  // (hooks after all run last registered first: the workers stop before the intake closes)
  afterAll(async () => {
    await workers.close();
    await dropQueues(REDIS_SERVER, run.settings.SOHOA_QUEUE_PREFIX);
  });

  it("fails the page's document with the reason at once, and the next document is read and stored", async () => {
    const { settings, intake } = run;
    const { scan, text } = await slowAndQuick(settings);
    const [slow, quick] = await Promise.allSettled([intake.submit(scan), intake.submit(text)]);
    expect(slow.status).toBe('rejected');
    // the workers take the scan's four pages in no set order: the first past its limit fails the document
    expect(((slow as PromiseRejectedResult).reason as Error).message).toMatch(/^Đọc trang [1-4] quá 0,5 giây \(SOHOA_PAGE_SECONDS\): đã dừng văn bản này\.$/u);
    expect(quick.status).toBe('fulfilled');
    expect((quick as PromiseFulfilledResult<{ pages: number; figures: number }>).value).toMatchObject({ pages: 40, figures: 200 });
  }, 120_000);
});
