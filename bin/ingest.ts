// `sohoa ingest`: stores the originals and runs every document through the stages — in this process
// without REDIS_URL, on the queues (for `sohoa worker` processes) with it — then one summary line
// per document. A document that fails is said so and the rest go on; exit 1 if any failed.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { openMigrated } from '../db/migrations.js';
import { persistExtraction } from '../db/store.js';
import { InputError } from '../pipeline/errors.js';
import { identify, storeOriginal, type IngestedFile } from '../pipeline/ingest.js';
import { LazyOcrProvider } from '../pipeline/ocr-provider.js';
import { countPages } from '../pipeline/page-text.js';
import { runStages } from '../pipeline/run.js';
import type { Settings } from '../pipeline/settings.js';
import { shippedSpellingScore } from '../repair/model.js';
import { DocumentQueue } from '../workers/documents.js';
import { summaryOf, type StoredSummary } from '../workers/processors.js';
import { startWorkers } from '../workers/worker.js';

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

const summaryLine = (s: StoredSummary) => `✓ ${s.filename}: ${s.pages} trang, ${s.figures} số liệu, ${s.tables} bảng, ${s.warnings} cảnh báo`;

interface Prepared {
  file: IngestedFile;
  stored: string;
  pages: number;
}

export async function ingest(paths: string[], options: { wait: boolean }, settings: Settings): Promise<number> {
  let failed = 0;
  const fail = (name: string, message: string) => {
    failed += 1;
    process.stdout.write(`✗ ${name}: ${message}\n`);
  };
  const prepared: Prepared[] = [];
  for (const name of await documentFiles(paths)) {
    try {
      const bytes = await readFile(name).catch((error: NodeJS.ErrnoException) => {
        throw new InputError('unreadable_file', error.code === 'ENOENT' ? 'tệp không tồn tại.' : `không đọc được (${error.code}).`);
      });
      const file = identify({ filename: path.basename(name), bytes }, settings.maxFileBytes);
      prepared.push({ file, stored: await storeOriginal(file, settings.dataDir), pages: await countPages(file) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(path.basename(name), error.message);
    }
  }
  const totalPages = prepared.reduce((n, p) => n + p.pages, 0);
  const bar = process.stdout.isTTY ? new SingleBar({ format: 'trang {bar} {value}/{total} · {eta}s', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(totalPages, 0);
  // on a terminal the line goes above the bar, which is drawn again under it
  const say = (line: string) => process.stdout.write(`${bar ? '\r\x1b[K' : ''}${line}\n`);

  if (!settings.REDIS_URL) {
    const db = await openMigrated(settings);
    const ocr = new LazyOcrProvider(settings.OCR_ENGINE);
    try {
      for (const { file, pages } of prepared) {
        try {
          const extraction = await runStages(file, { maxFileBytes: settings.maxFileBytes, ocr });
          await persistExtraction(db, extraction, shippedSpellingScore);
          bar?.increment(pages);
          say(summaryLine(summaryOf(extraction)));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          fail(file.filename, error.message);
        }
      }
    } finally {
      bar?.stop();
      await ocr.close();
      await db.close();
    }
    return failed > 0 ? 1 : 0;
  }

  const queue = new DocumentQueue(settings.REDIS_URL, settings.SOHOA_QUEUE_PREFIX);
  // embedded PGlite can be written by one process only: this one, while it waits
  const storing = !settings.DATABASE_URL && options.wait ? startWorkers({ ...settings, REDIS_URL: settings.REDIS_URL }, { queues: ['store'] }) : null;
  const mine = new Set(prepared.map((p) => p.file.sha256));
  queue.onPage((sha256) => mine.has(sha256) && bar?.increment());
  try {
    const ids = await Promise.all(prepared.map((p) => queue.enqueue({ sha256: p.file.sha256, filename: p.file.filename, path: p.stored }, p.pages)));
    if (!options.wait) {
      process.stdout.write(`Đã xếp ${ids.length} tệp vào hàng đợi.\n`);
      return failed > 0 ? 1 : 0;
    }
    await Promise.all(
      prepared.map(async (p, i) => {
        try {
          say(summaryLine(await queue.finished(ids[i]!)));
        } catch (error) {
          fail(p.file.filename, error instanceof Error ? error.message : String(error));
        }
      }),
    );
  } finally {
    bar?.stop();
    await storing?.close();
    await queue.close();
  }
  return failed > 0 ? 1 : 0;
}
