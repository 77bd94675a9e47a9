// Reading documents in a thread of this process (the in-process driver): the server's event loop
// stays free while pages are read. Each document has a time limit by its pages and the thread a
// memory limit; a document that passes either fails with the reason, the thread is ended and a new
// one reads the next document.
import { Worker } from 'node:worker_threads';
import { InputError, type InputErrorCode } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { ReadDocument } from '../core/records.js';
import type { Settings } from '../core/settings.js';

export interface ThreadTask {
  sha256: string;
  filename: string;
  /** where the original is kept */
  stored: string;
}

export type ThreadAnswer =
  | { kind: 'ready' }
  | { kind: 'progress'; progress: Progress }
  | { kind: 'read'; read: ReadDocument }
  | { kind: 'failed'; message: string; input: InputErrorCode | null };

type Limits = Pick<Settings, 'OCR_ENGINE' | 'maxFileBytes' | 'SOHOA_PAGE_SECONDS' | 'SOHOA_READER_MEMORY_MB'>;

export class ThreadReader {
  private thread: Promise<Worker> | null = null;

  constructor(private readonly limits: Limits) {}

  /** A thread ready for a task: the one running, or a new one once it says it is ready. */
  private ready(): Promise<Worker> {
    this.thread ??= new Promise((resolve, reject) => {
      const thread = new Worker(new URL('./reader-thread.js', import.meta.url), {
        workerData: { engine: this.limits.OCR_ENGINE, maxFileBytes: this.limits.maxFileBytes },
        resourceLimits: { maxOldGenerationSizeMb: this.limits.SOHOA_READER_MEMORY_MB },
      });
      thread.once('message', (message: ThreadAnswer) => (message.kind === 'ready' ? resolve(thread) : reject(new Error(`reader thread: ${message.kind}`))));
      // a thread that fails or ends, reading or idle, is replaced by a new one for the next document
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

  /** Ends the thread (a document passed a limit, or the reader closes). */
  private async end(): Promise<void> {
    const thread = await this.thread?.catch(() => null);
    this.thread = null;
    await thread?.terminate();
  }

  /** Reads a document (`pages` set its time limit), telling each step; rejects with the reason it could not. */
  async read(task: ThreadTask, pages: number, onProgress: (progress: Progress) => void): Promise<ReadDocument> {
    const thread = await this.ready();
    const seconds = Math.max(1, pages) * this.limits.SOHOA_PAGE_SECONDS;
    return new Promise<ReadDocument>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        outcome();
      };
      const timer = setTimeout(() => {
        const vi = (n: number) => n.toLocaleString('vi-VN');
        settle(() => reject(new InputError('time_limit', `Đọc quá ${vi(seconds)} giây (${vi(this.limits.SOHOA_PAGE_SECONDS)} giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.`)));
        void this.end();
      }, seconds * 1000);
      const onMessage = (message: ThreadAnswer) => {
        if (message.kind === 'progress') onProgress(message.progress);
        else if (message.kind === 'read') settle(() => resolve(message.read));
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
