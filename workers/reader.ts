// Reading in a process of its own: the in-process driver reads whole documents there (the server's
// event loop stays free), `sohoa worker` reads its page jobs and assembles documents there. Each
// task has a time limit (by its pages) and the process a heap limit; a task that passes either
// fails with the reason, the process is killed with the OCR commands it started (it leads a process
// group of its own), and a new one takes the next task. A process, not a worker thread: a thread past its heap limit can
// abort the whole process it runs in (nodejs/node#47224).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InputError, type InputErrorCode } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { ReadDocument } from '../core/records.js';
import type { Settings } from '../core/settings.js';
import type { PageTexts } from '../pages/page-text.js';
import type { DocumentJob } from './queues.js';

export type ReaderTask =
  | (DocumentJob & { kind: 'document' })
  | (DocumentJob & { kind: 'page'; page: number })
  | { kind: 'assemble'; sha256: string; filename: string; read: PageTexts };

export type ReaderAnswer =
  | { kind: 'ready' }
  | { kind: 'progress'; progress: Progress }
  | { kind: 'read'; read: ReadDocument }
  | { kind: 'page'; texts: PageTexts }
  | { kind: 'failed'; message: string; input: InputErrorCode | null };

type Limits = Pick<Settings, 'OCR_ENGINE' | 'maxFileBytes' | 'SOHOA_PAGE_SECONDS' | 'SOHOA_READER_MEMORY_MB'>;

const ENTRY = fileURLToPath(new URL('./reader-process.js', import.meta.url));

const vi = (n: number) => n.toLocaleString('vi-VN');

/** Kills a reader process and its process group (the OCR commands it started); resolves once it has ended. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await exited;
}

/** A reader process, with the end of what it wrote on stderr (where V8 says it ran out of heap). */
interface Running {
  child: ChildProcess;
  stderr: () => string;
}

export class Reader {
  private running: Promise<Running> | null = null;

  /** @param lanes pages the process reads at once (default: one per core) */
  constructor(
    private readonly limits: Limits,
    private readonly lanes?: number,
  ) {}

  /** A process ready for a task: the one running, or a new one once it says it is ready. */
  private ready(): Promise<Running> {
    this.running ??= new Promise((resolve, reject) => {
      const child = fork(ENTRY, [JSON.stringify({ engine: this.limits.OCR_ENGINE, lanes: this.lanes, maxFileBytes: this.limits.maxFileBytes })], {
        execArgv: [`--max-old-space-size=${this.limits.SOHOA_READER_MEMORY_MB}`],
        serialization: 'advanced',
        detached: true,
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      });
      let tail = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        tail = (tail + chunk.toString()).slice(-8192);
      });
      const running = { child, stderr: () => tail };
      child.once('message', (message: ReaderAnswer) => (message.kind === 'ready' ? resolve(running) : reject(new Error(`reader: ${message.kind}`))));
      // a process that fails or ends, reading or idle, is replaced by a new one for the next task
      child.on('error', (error) => {
        this.forget(child);
        reject(error);
      });
      child.on('exit', () => {
        this.forget(child);
        reject(new Error('Tiến trình đọc văn bản dừng trước khi sẵn sàng.'));
      });
    });
    return this.running;
  }

  private forget(child: ChildProcess): void {
    void this.running?.then(
      (current) => current.child === child && (this.running = null),
      () => (this.running = null),
    );
  }

  /** Kills the process at a limit, with the OCR commands it started. */
  private async kill(): Promise<void> {
    const running = await this.running?.catch(() => null);
    this.running = null;
    if (running) await killGroup(running.child);
  }

  /** Reads a document (`pages` set its time limit), telling each step; rejects with the reason it could not. */
  read(original: DocumentJob, pages: number, onProgress: (progress: Progress) => void): Promise<ReadDocument> {
    const seconds = Math.max(1, pages) * this.limits.SOHOA_PAGE_SECONDS;
    const late = `Đọc quá ${vi(seconds)} giây (${vi(this.limits.SOHOA_PAGE_SECONDS)} giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.`;
    return this.run({ ...original, kind: 'document' }, seconds, late, onProgress, (answer) => (answer.kind === 'read' ? answer.read : undefined));
  }

  /** Reads one page (1-based) of a stored original, within the time limit of a page. */
  readPage(original: DocumentJob, page: number): Promise<PageTexts> {
    const seconds = this.limits.SOHOA_PAGE_SECONDS;
    const late = `Đọc trang ${page} quá ${vi(seconds)} giây (SOHOA_PAGE_SECONDS): đã dừng văn bản này.`;
    return this.run({ ...original, kind: 'page', page }, seconds, late, () => {}, (answer) => (answer.kind === 'page' ? answer.texts : undefined));
  }

  /** Assembles a document from its pages' texts (repair, header, figures, tables), within the time limit of its pages. */
  assemble(file: { sha256: string; filename: string }, read: PageTexts): Promise<ReadDocument> {
    const seconds = Math.max(1, read.pages.length) * this.limits.SOHOA_PAGE_SECONDS;
    const late = `Trích xuất quá ${vi(seconds)} giây (${vi(this.limits.SOHOA_PAGE_SECONDS)} giây mỗi trang, SOHOA_PAGE_SECONDS): đã dừng văn bản này.`;
    return this.run({ kind: 'assemble', ...file, read }, seconds, late, () => {}, (answer) => (answer.kind === 'read' ? answer.read : undefined));
  }

  private async run<T>(task: ReaderTask, seconds: number, late: string, onProgress: (progress: Progress) => void, result: (answer: ReaderAnswer) => T | undefined): Promise<T> {
    const { child, stderr } = await this.ready();
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        outcome();
      };
      const timer = setTimeout(() => {
        settle(() => reject(new InputError('time_limit', late)));
        void this.kill();
      }, seconds * 1000);
      const onMessage = (message: ReaderAnswer) => {
        const value = result(message);
        if (value !== undefined) settle(() => resolve(value));
        else if (message.kind === 'progress') onProgress(message.progress);
        else if (message.kind === 'failed') settle(() => reject(message.input ? new InputError(message.input, message.message) : new Error(message.message)));
      };
      const onExit = () => {
        const memory = /heap out of memory|Reached heap limit/u.test(stderr());
        const reason = memory
          ? new InputError('memory_limit', `Đọc văn bản này cần quá ${vi(this.limits.SOHOA_READER_MEMORY_MB)} MB bộ nhớ (SOHOA_READER_MEMORY_MB): đã dừng nó.`)
          : new Error('Tiến trình đọc văn bản dừng bất ngờ.');
        settle(() => reject(reason));
        void this.kill();
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send(task);
    });
  }

  async close(): Promise<void> {
    const running = await this.running?.catch(() => null);
    this.running = null;
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
    // the process closes its OCR engines, then ends
    const ended = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.send('close');
    // (the wait for it holds no process open)
    const stopped = await Promise.race([ended.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 10_000).unref())]);
    if (!stopped) await killGroup(running.child);
  }
}

/** Reader processes side by side (a worker's page and assemble jobs): each task goes to a free one. */
export class Readers {
  private readonly free: Reader[];
  private readonly all: Reader[];
  private readonly waiting: ((reader: Reader) => void)[] = [];

  constructor(limits: Limits, readers: number) {
    this.all = Array.from({ length: readers }, () => new Reader(limits, 1));
    this.free = [...this.all];
  }

  private async withReader<T>(task: (reader: Reader) => Promise<T>): Promise<T> {
    const reader = this.free.pop() ?? (await new Promise<Reader>((resolve) => this.waiting.push(resolve)));
    try {
      return await task(reader);
    } finally {
      const next = this.waiting.shift();
      if (next) next(reader);
      else this.free.push(reader);
    }
  }

  readPage(original: DocumentJob, page: number): Promise<PageTexts> {
    return this.withReader((reader) => reader.readPage(original, page));
  }

  assemble(file: { sha256: string; filename: string }, read: PageTexts): Promise<ReadDocument> {
    return this.withReader((reader) => reader.assemble(file, read));
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((reader) => reader.close()));
  }
}
