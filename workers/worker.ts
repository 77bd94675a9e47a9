// Worker processes: BullMQ workers on the three queues, calling the processors. A worker that
// goes silent (killed) loses its job's lock, and another worker takes the job over; on SIGTERM a
// worker finishes its current jobs and stops taking new ones.
import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { Db } from '../db/connection.js';
import { openReportingDb } from './reporting.js';
import type { Settings } from '../core/settings.js';
import { processors } from './processors.js';
import { QUEUES, redisConnection, type DocumentJob, type PageJob } from './queues.js';
import { Readers } from './reader.js';

export interface RunningWorkers {
  workers: Worker[];
  /** finishes the jobs in hand, then closes queues, OCR engine and database */
  close(): Promise<void>;
}

/**
 * @param options.queues the queues this process works on: the store queue only where the database
 *   can be written (any process on PostgreSQL; on embedded PGlite only the one that owns its files)
 * @param options.db a database this process already holds (not closed here); else one is opened
 * @param options.log where a worker process tells of each job
 */
export function startWorkers(
  settings: Settings & { REDIS_URL: string },
  options: { queues: (keyof typeof QUEUES)[]; db?: Db; log?: { info(line: string): void; error(line: string): void } },
): RunningWorkers {
  const pagesAtOnce = settings.SOHOA_WORKER_CONCURRENCY ?? availableParallelism();
  // opened on the first store job; a database that was away is tried again on the next one
  let opened: Promise<Db> | null = null;
  const given = options.db;
  const db = () => {
    if (given) return Promise.resolve(given);
    opened ??= openReportingDb(settings).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
  // pages are read and documents assembled in reader processes, within the time and memory limits (started with the first job)
  const readers = new Readers(settings, pagesAtOnce);
  const handlers = processors({ db, readers });
  const lockDuration = settings.SOHOA_JOB_LOCK_SECONDS * 1000;
  const common = {
    prefix: settings.SOHOA_QUEUE_PREFIX,
    lockDuration,
    stalledInterval: Math.max(1000, lockDuration / 2),
    maxStalledCount: 3,
  };
  const connection = () => redisConnection(settings.REDIS_URL);
  const concurrency = { pages: pagesAtOnce, documents: 1, store: 1 };
  const handlerOf = { pages: handlers.page, documents: handlers.assemble, store: handlers.store };
  const workers = options.queues.map(
    (queue) => new Worker(QUEUES[queue], handlerOf[queue] as never, { ...common, connection: connection(), concurrency: concurrency[queue] }),
  );
  const { log } = options;
  if (log) {
    // one line per job started, done or failed (a failed attempt is retried by the queue)
    const what = (job: Job<DocumentJob | PageJob>) => `${job.name} ${job.data.filename}${'page' in job.data ? ` trang ${job.data.page}` : ''}`;
    for (const worker of workers) {
      worker.on('active', (job: Job<DocumentJob | PageJob>) => log.info(`bắt đầu ${what(job)}`));
      worker.on('completed', (job: Job<DocumentJob | PageJob>) => log.info(`xong ${what(job)}`));
      worker.on('failed', (job: Job<DocumentJob | PageJob> | undefined, error) =>
        log.error(`lỗi ${job ? what(job) : worker.name} (lần ${job?.attemptsMade ?? 0}): ${error.message}`),
      );
      worker.on('error', (error) => log.error(`${worker.name}: ${error.message}`));
    }
  }
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      await readers.close();
      await (await opened?.catch(() => null))?.close();
    },
  };
}
