// Taking in stored originals and seeing them through every stage into the database, by one of two
// drivers: in this process (no REDIS_URL), one document at a time, read in a reader process, or
// on the queues for `sohoa worker` processes. `sohoa ingest` and the server both submit here;
// neither knows which driver runs.
import type { Progress } from '../core/progress.js';
import type { Settings } from '../core/settings.js';
import type { Db } from '../db/connection.js';
import { release, type Admitted } from '../pipeline/run.js';
import { DocumentQueue } from './documents.js';
import { storeAndSummarize, type StoredSummary } from './processors.js';
import { openReportingDb } from './reporting.js';
import { forgetTakenIn, noteTakenIn } from '../db/store.js';
import { Reader } from './reader.js';
import { startWorkers, type RunningWorkers } from './worker.js';

type ProgressListener = (sha256: string, progress: Progress) => void;

export interface Intake {
  /** resolves once the document's records are stored; rejects with a message for the user */
  submit(document: Admitted): Promise<StoredSummary>;
  /** on the queues only: hands the document to the workers and returns (`ingest --no-wait`) */
  enqueue?(document: Admitted): Promise<void>;
  /** tells of each document's stages and pages as they are done */
  onProgress(listener: ProgressListener): void;
  /** on the queues only: throws, or never settles, when the queue's Redis does not answer */
  ping?(): Promise<void>;
  close(): Promise<void>;
}

class StoppedBeforeReading extends Error {
  constructor() {
    super('Đã dừng trước khi xử lý; tệp sẽ được đọc khi sohoa serve chạy lại (hoặc hãy gửi lại tệp).');
  }
}

class InProcessIntake implements Intake {
  private readonly reader: Reader;
  private last: Promise<unknown> = Promise.resolve();
  private readonly listeners: ProgressListener[] = [];

  constructor(
    private readonly db: Db,
    settings: Settings,
  ) {
    this.reader = new Reader(settings);
  }

  private closing = false;

  submit(document: Admitted): Promise<StoredSummary> {
    const tell = (progress: Progress) => {
      for (const listener of this.listeners) listener(document.file.sha256, progress);
    };
    // noted first, so that a process stopped before it is stored reads it again when it starts
    const noted = noteTakenIn(this.db, document.file.sha256, document.file.filename);
    // one document at a time: its pages already use every core
    const done = Promise.all([this.last, noted]).then(async () => {
      // the reader process reads the stored original: this one lets its parsed PDF go
      await release(document);
      if (this.closing) throw new StoppedBeforeReading();
      const { file, stored, pages } = document;
      const read = await this.reader.read({ sha256: file.sha256, filename: file.filename, path: stored }, pages, tell);
      tell({ stage: 'storing' });
      return storeAndSummarize(this.db, read);
    });
    this.last = done.catch(() => undefined);
    // a document that failed is forgotten, one refused because this process stops is read at the next start
    return done.catch(async (error: unknown) => {
      if (!(error instanceof StoppedBeforeReading)) await forgetTakenIn(this.db, document.file.sha256).catch(() => undefined);
      throw error;
    });
  }

  onProgress(listener: ProgressListener): void {
    this.listeners.push(listener);
  }

  /** finishes the document in hand; those still waiting are refused */
  async close(): Promise<void> {
    this.closing = true;
    await this.last;
    await this.reader.close();
  }
}

class QueuedIntake implements Intake {
  constructor(
    private readonly queue: DocumentQueue,
    private readonly storing: RunningWorkers | null,
  ) {}

  async submit(document: Admitted): Promise<StoredSummary> {
    return this.queue.finished(await this.queued(document));
  }

  async enqueue(document: Admitted): Promise<void> {
    await this.queued(document);
  }

  /** the workers read the stored original: this process lets its parsed PDF go */
  private async queued(document: Admitted): Promise<string> {
    await release(document);
    const { file, stored, pages } = document;
    return this.queue.enqueue({ sha256: file.sha256, filename: file.filename, path: stored }, pages);
  }

  onProgress(listener: ProgressListener): void {
    this.queue.onProgress(listener);
  }

  ping(): Promise<void> {
    return this.queue.ping();
  }

  async close(): Promise<void> {
    await this.storing?.close();
    await this.queue.close();
  }
}

/**
 * The intake these settings call for. It stores in this process without REDIS_URL, and on the
 * queues with embedded PGlite (workers cannot write those files, so this process must be the only
 * one holding them); there it uses `db` if given (the caller keeps it), else opens its own.
 */
export async function openIntake(settings: Settings, db?: Db): Promise<Intake> {
  const storesHere = !settings.REDIS_URL || !settings.DATABASE_URL;
  const own = storesHere && !db ? await openReportingDb(settings) : null;
  const database = db ?? own;
  let intake: Intake;
  if (!settings.REDIS_URL) intake = new InProcessIntake(database!, settings);
  else {
    const storing = database ? startWorkers({ ...settings, REDIS_URL: settings.REDIS_URL }, { queues: ['store'], db: database }) : null;
    intake = new QueuedIntake(new DocumentQueue(settings.REDIS_URL, settings.SOHOA_QUEUE_PREFIX), storing);
  }
  if (!own) return intake;
  return {
    submit: (document) => intake.submit(document),
    ...(intake.enqueue ? { enqueue: (document: Admitted) => intake.enqueue!(document) } : {}),
    onProgress: (listener) => intake.onProgress(listener),
    ...(intake.ping ? { ping: () => intake.ping!() } : {}),
    close: async () => {
      await intake.close();
      await own.close();
    },
  };
}
