// What a document's run tells as it goes: its stages in order and each page once, with the same
// events whichever driver runs it (in process, or BullMQ queues worked here by in-process workers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Progress } from '../core/progress.js';
import { loadSettings, type Settings } from '../core/settings.js';
import { admit } from '../pipeline/run.js';
import { seedText } from '../samples/seeds.js';
import { openIntake, type Intake } from '../workers/intake.js';
import { startWorkers, type RunningWorkers } from '../workers/worker.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { dropQueues, queuePrefix, REDIS_SERVER } from './queue-harness.js';

const twoPages = () => Buffer.from([seedText('001'), seedText('004')].join('\f'), 'utf8');

describe.each(['in process', 'on the queues'] as const)('progress %s', (driver) => {
  let database: TestDatabase;
  let settings: Settings;
  let intake: Intake;
  let readers: RunningWorkers | null = null;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const queued = driver === 'on the queues' ? { REDIS_URL: REDIS_SERVER, SOHOA_QUEUE_PREFIX: queuePrefix('progress'), SOHOA_WORKER_CONCURRENCY: '1' } : {};
    settings = { ...loadSettings(queued), dataDir: database.settings.dataDir };
    // embedded PGlite on the queues: this process stores, and here it reads the pages too
    if (settings.REDIS_URL) readers = startWorkers({ ...settings, REDIS_URL: settings.REDIS_URL }, { queues: ['pages', 'documents'] });
    intake = await openIntake(settings);
  });
  afterAll(async () => {
    await intake.close();
    await readers?.close();
    if (settings.REDIS_URL) await dropQueues(settings.REDIS_URL, settings.SOHOA_QUEUE_PREFIX);
    await database.drop();
  });

  it('tells reading, each page, extracting and storing, for the document it is about', async () => {
    const told: [string, Progress][] = [];
    intake.onProgress((sha256, progress) => told.push([sha256, progress]));
    const document = await admit({ filename: 'two-pages.txt', bytes: twoPages() }, settings);
    expect(document.pages).toBe(2);
    expect((await intake.submit(document)).pages).toBe(2);
    expect(told.every(([sha256]) => sha256 === document.file.sha256)).toBe(true);
    const events = told.map(([, progress]) => progress);
    // on the queues each page job tells its start, so 'reading' comes once per page
    const stages = events.flatMap((event) => ('stage' in event ? [event.stage] : []));
    expect([...new Set(stages)]).toEqual(['reading', 'extracting', 'storing']);
    expect(events.flatMap((event) => ('page' in event ? [event.page] : [])).sort()).toEqual([1, 2]);
    const extracting = events.findIndex((event) => 'stage' in event && event.stage === 'extracting');
    expect(events.slice(extracting).some((event) => 'page' in event)).toBe(false);
  });
});
