// `sohoa ingest`: stores the originals and runs every document through the stages — in this process
// without REDIS_URL, on the queues (for `sohoa worker` processes) with it — then one summary line
// per document. A document that fails is said so and the rest go on; exit 1 if any failed.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { InputError } from '../core/errors.js';
import type { Settings } from '../core/settings.js';
import { admit, type Admitted } from '../pipeline/run.js';
import { openIntake } from '../workers/intake.js';
import type { StoredSummary } from '../workers/processors.js';

/** Files a folder holds that may be documents (a named file is always tried). */
const DOCUMENT_FILE = /\.(?:pdf|png|jpe?g|tiff?|txt)$/iu;

async function documentFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(given, { recursive: true, withFileTypes: true });
      files.push(...entries.filter((e) => e.isFile() && DOCUMENT_FILE.test(e.name) && !e.name.startsWith('.')).map((e) => path.join(e.parentPath, e.name)).sort());
    } else files.push(given);
  }
  return files;
}

const summaryLine = (s: StoredSummary) =>
  `✓ ${s.filename}: ${s.documents > 1 ? `${s.documents} văn bản, ` : ''}${s.pages} trang, ${s.figures} số liệu, ${s.tables} bảng, ${s.warnings} cảnh báo${s.copy_of ? ` · bản sao của ${s.copy_of}` : ''}`;

export async function ingest(paths: string[], options: { wait: boolean }, settings: Settings): Promise<number> {
  let failed = 0;
  const fail = (name: string, message: string) => {
    failed += 1;
    process.stdout.write(`✗ ${name}: ${message}\n`);
  };
  const prepared: Admitted[] = [];
  for (const name of await documentFiles(paths)) {
    try {
      const bytes = await readFile(name).catch((error: NodeJS.ErrnoException) => {
        throw new InputError('unreadable_file', error.code === 'ENOENT' ? 'tệp không tồn tại.' : `không đọc được (${error.code}).`);
      });
      prepared.push(await admit({ filename: path.basename(name), bytes }, settings));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(path.basename(name), error.message);
    }
  }
  const totalPages = prepared.reduce((n, p) => n + p.pages, 0);

  const intake = await openIntake(settings);
  if (!options.wait) {
    // --no-wait is refused without REDIS_URL and DATABASE_URL: the workers store
    try {
      for (const p of prepared) await intake.enqueue!(p);
    } finally {
      await intake.close();
    }
    process.stdout.write(`Đã xếp ${prepared.length} tệp vào hàng đợi.\n`);
    return failed > 0 ? 1 : 0;
  }

  const bar = process.stdout.isTTY ? new SingleBar({ format: 'trang {bar} {value}/{total} · {eta}s', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(totalPages, 0);
  // on a terminal the line goes above the bar, which is drawn again under it
  const say = (line: string) => process.stdout.write(`${bar ? '\r\x1b[K' : ''}${line}\n`);
  const mine = new Set(prepared.map((p) => p.file.sha256));
  intake.onProgress((sha256, progress) => mine.has(sha256) && 'page' in progress && bar?.increment(1));
  try {
    await Promise.all(
      prepared.map(async (p) => {
        try {
          say(summaryLine(await intake.submit(p)));
        } catch (error) {
          if (!(error instanceof InputError) && !settings.REDIS_URL) throw error;
          fail(p.file.filename, error instanceof Error ? error.message : String(error));
        }
      }),
    );
  } finally {
    bar?.stop();
    await intake.close();
  }
  return failed > 0 ? 1 : 0;
}
