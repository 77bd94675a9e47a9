// Reading in a thread of this process: the in-process driver reads whole documents there (the
// server's event loop stays free), `sohoa worker` reads its page jobs there. Each task has a time
// limit (by its pages) and the thread a memory limit; a task that passes either fails with the
// reason, the thread and the OCR commands it started are stopped, and a new thread takes the next.
import { Worker } from 'node:worker_threads';
import { InputError, type InputErrorCode } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { ReadDocument } from '../core/records.js';
import type { Settings } from '../core/settings.js';
import type { PageTexts } from '../pages/page-text.js';

interface StoredOriginal {
  sha256: string;
  filename: string;
  /** where the original is kept */
  stored: string;
}

export type ThreadTask = (StoredOriginal & { kind: 'document' }) | (StoredOriginal & { kind: 'page'; page: number });

export type ThreadAnswer =
  | { kind: 'ready' }
  | { kind: 'progress'; progress: Progress }
  | { kind: 'read'; read: ReadDocument }
  | { kind: 'page'; texts: PageTexts }
  | { kind: 'failed'; message: string; input: InputErrorCode | null }
  | { kind: 'stopped' };

type Limits = Pick<Settings, 'OCR_ENGINE' | 'maxFileBytes' | 'SOHOA_PAGE_SECONDS' | 'SOHOA_READER_MEMORY_MB'>;

/** How long a thread told to stop its OCR commands is given before it is ended anyway. */
const STOP_GRACE_MS = 2000;

const vi = (n: number) => n.toLocaleString('vi-VN');

export class ThreadReader {
  private thread: Promise<Worker> | null = null;

  /** @param lanes pages the thread reads at once (default: one per core) */
  constructor(
    private readonly limits: Limits,
    private readonly lanes?: number,
  ) {}

  /** A thread ready for a task: the one running, or a new one once it says it is ready. */
  private ready(): Promise<Worker> {
    this.thread ??= new Promise((resolve, reject) => {
      const thread = new Worker(new URL('./reader-thread.js', import.meta.url), {
        workerData: { engine: this.limits.OCR_ENGINE, lanes: this.lanes, maxFileBytes: this.limits.maxFileBytes },
        resourceLimits: { maxOldGenerationSizeMb: this.limits.SOHOA_READER_MEMORY_MB },
      });
      thread.once('message', (message: ThreadAnswer) => (message.kind === 'ready' ? resolve(thread) : reject(new Error(`reader thread: ${message.kind}`))));
      // a thread that fails or ends, reading or idle, is replaced by a new one for the next task
      thread.on('error', (error) => {
        this.forget(thread);
        reject(error);
      });
      thread.on('exit', () => {
        this.forget(thread);
        reject(new Error('Luồng đọc văn bản dừng trước khi sẵn sàng.'));
      });
    });
    return this.thread;
  }

  private forget(thread: Worker): void {
    void this.thread?.then(
      (current) => current === thread && (this.thread = null),
      () => (this.thread = null),
    );
  }

  /** Ends the thread at a limit: its OCR commands first (they are processes of their own), then the thread. */
  private async stop(): Promise<void> {
    const thread = await this.thread?.catch(() => null);
    this.thread = null;
    if (!thread) return;
    const stopped = new Promise((resolve) => {
      thread.on('message', (message: ThreadAnswer) => message.kind === 'stopped' && resolve(true));
      setTimeout(resolve, STOP_GRACE_MS).unref();
    });
    thread.postMessage('stop');
    await stopped;
    await thread.terminate();
  }

  /** Reads a document (`pages` set its time limit), telling each step; rejects with the reason it could not. */
  read(original: StoredOriginal, pages: number, onProgress: (progress: Progress) => void): Promise<ReadDocument> {
    const seconds = Math.max(1, pages) * this.limits.SOHOA_PAGE_SECONDS;
    const late = `Đọc quá ${vi(seconds)} giây (${vi(this.limits.SOHOA_PAGE_SECONDS)} giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.`;
    return this.run({ ...original, kind: 'document' }, seconds, late, onProgress, (answer) => (answer.kind === 'read' ? answer.read : undefined));
  }

  /** Reads one page (1-based) of a stored original, within the time limit of a page. */
  readPage(original: StoredOriginal, page: number): Promise<PageTexts> {
    const seconds = this.limits.SOHOA_PAGE_SECONDS;
    const late = `Đọc trang ${page} quá ${vi(seconds)} giây (SOHOA_PAGE_SECONDS): đã dừng văn bản này.`;
    return this.run({ ...original, kind: 'page', page }, seconds, late, () => {}, (answer) => (answer.kind === 'page' ? answer.texts : undefined));
  }

  private async run<T>(task: ThreadTask, seconds: number, late: string, onProgress: (progress: Progress) => void, result: (answer: ThreadAnswer) => T | undefined): Promise<T> {
    const thread = await this.ready();
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        outcome();
      };
      const timer = setTimeout(() => {
        settle(() => reject(new InputError('time_limit', late)));
        void this.stop();
      }, seconds * 1000);
      const onMessage = (message: ThreadAnswer) => {
        const value = result(message);
        if (value !== undefined) settle(() => resolve(value));
        else if (message.kind === 'progress') onProgress(message.progress);
        else if (message.kind === 'failed') settle(() => reject(message.input ? new InputError(message.input, message.message) : new Error(message.message)));
      };
      const onError = (error: Error & { code?: string }) => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
        const reason = memory ? new InputError('memory_limit', `Đọc văn bản này cần quá ${this.limits.SOHOA_READER_MEMORY_MB} MB bộ nhớ (SOHOA_READER_MEMORY_MB): đã dừng nó.`) : error;
        settle(() => reject(reason));
      };
      const onExit = () => {
        settle(() => reject(new Error('Luồng đọc văn bản dừng bất ngờ.')));
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      thread.postMessage(task);
    });
  }

  async close(): Promise<void> {
    const thread = await this.thread?.catch(() => null);
    this.thread = null;
    if (!thread) return;
    // the thread closes its OCR engines, then its port: it ends when nothing is left to run
    const ended = new Promise((resolve) => thread.once('exit', resolve));
    thread.postMessage('close');
    // (the wait for it holds no process open)
    const stopped = await Promise.race([ended.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000).unref())]);
    if (!stopped) await thread.terminate();
  }
}

/** Threads reading pages side by side (a worker's page jobs): each page goes to a free one. */
export class PageReaders {
  private readonly free: ThreadReader[];
  private readonly all: ThreadReader[];
  private readonly waiting: ((reader: ThreadReader) => void)[] = [];

  constructor(limits: Limits, threads: number) {
    this.all = Array.from({ length: threads }, () => new ThreadReader(limits, 1));
    this.free = [...this.all];
  }

  async readPage(original: StoredOriginal, page: number): Promise<PageTexts> {
    const reader = this.free.pop() ?? (await new Promise<ThreadReader>((resolve) => this.waiting.push(resolve)));
    try {
      return await reader.readPage(original, page);
    } finally {
      const next = this.waiting.shift();
      if (next) next(reader);
      else this.free.push(reader);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((reader) => reader.close()));
  }
}
