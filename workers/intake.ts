// Taking in stored originals and seeing them through every stage into the database, by one of two
// drivers: in this process (no REDIS_URL), one document at a time, or on the queues for `sohoa
// worker` processes. `sohoa ingest` and the server both submit here; neither knows which driver runs.
import type { Db } from '../db/connection.js';
import { openMigrated } from '../db/migrations.js';
import { persistExtraction } from '../db/store.js';
import type { IngestedFile } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { runStages } from '../pipeline/run.js';
import type { Settings } from '../core/settings.js';
import { shippedSpellingScore } from '../repair/model.js';
import { DocumentQueue } from './documents.js';
import { summaryOf, type StoredSummary } from './processors.js';
import { startWorkers, type RunningWorkers } from './worker.js';

export interface Submission {
  file: IngestedFile;
  /** where the original is stored, readable by every worker */
  stored: string;
  pages: number;
}

export interface Intake {
  /** resolves once the document's records are stored; rejects with a message for the user */
  submit(submission: Submission): Promise<StoredSummary>;
  /** tells of each page read, by document hash */
  onPage(listener: (sha256: string, pages: number) => void): void;
  close(): Promise<void>;
}

class InProcessIntake implements Intake {
  private readonly ocr: LazyOcrProvider;
  private last: Promise<unknown> = Promise.resolve();
  private readonly listeners: ((sha256: string, pages: number) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly settings: Settings,
  ) {
    this.ocr = new LazyOcrProvider(settings.OCR_ENGINE);
  }

  private closing = false;

  submit({ file, pages }: Submission): Promise<StoredSummary> {
    // one document at a time: its pages already use every core
    const done = this.last.then(async () => {
      if (this.closing) throw new Error('Đã dừng trước khi xử lý; hãy gửi lại tệp.');
      const extraction = await runStages(file, { maxFileBytes: this.settings.maxFileBytes, ocr: this.ocr });
      await persistExtraction(this.db, extraction, shippedSpellingScore);
      for (const listener of this.listeners) listener(file.sha256, pages);
      return summaryOf(extraction);
    });
    this.last = done.catch(() => undefined);
    return done;
  }

  onPage(listener: (sha256: string, pages: number) => void): void {
    this.listeners.push(listener);
  }

  /** finishes the document in hand; those still waiting are refused */
  async close(): Promise<void> {
    this.closing = true;
    await this.last;
    await this.ocr.close();
  }
}

class QueuedIntake implements Intake {
  constructor(
    private readonly queue: DocumentQueue,
    private readonly storing: RunningWorkers | null,
  ) {}

  async submit({ file, stored, pages }: Submission): Promise<StoredSummary> {
    return this.queue.finished(await this.queue.enqueue({ sha256: file.sha256, filename: file.filename, path: stored }, pages));
  }

  onPage(listener: (sha256: string, pages: number) => void): void {
    this.queue.onPage((sha256) => listener(sha256, 1));
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
  const own = storesHere && !db ? await openMigrated(settings) : null;
  const database = db ?? own;
  let intake: Intake;
  if (!settings.REDIS_URL) intake = new InProcessIntake(database!, settings);
  else {
    const storing = database ? startWorkers({ ...settings, REDIS_URL: settings.REDIS_URL }, { queues: ['store'], db: database }) : null;
    intake = new QueuedIntake(new DocumentQueue(settings.REDIS_URL, settings.SOHOA_QUEUE_PREFIX), storing);
  }
  if (!own) return intake;
  return {
    submit: (submission) => intake.submit(submission),
    onPage: (listener) => intake.onPage(listener),
    close: async () => {
      await intake.close();
      await own.close();
    },
  };
}
