// The job handlers: each calls the stage functions of pipeline/, extractors/ and db/ and nothing
// else. One job type, one handler.
import { readFile } from 'node:fs/promises';
import { UnrecoverableError, type Job } from 'bullmq';
import { isUnreachable, type Db } from '../db/connection.js';
import { persistExtraction } from '../db/store.js';
import { InputError } from '../core/errors.js';
import { identify } from '../pages/ingest.js';
import { readPageText, type OcrProvider, type PageTexts } from '../pages/page-text.js';
import type { Extraction } from '../core/records.js';
import { assembleExtraction } from '../pipeline/run.js';
import { shippedSpellingScore } from '../repair/model.js';
import type { DocumentJob, PageJob } from './queues.js';

export interface StoredSummary {
  filename: string;
  pages: number;
  figures: number;
  tables: number;
  warnings: number;
}

export const summaryOf = (extraction: Extraction): StoredSummary => ({
  filename: extraction.document.filename,
  pages: extraction.pages.length,
  figures: extraction.figures.length,
  tables: extraction.tables.length,
  warnings: extraction.warnings.length,
});

/** Bad input fails its document at once: retrying cannot mend a damaged file. */
async function failingOnce<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

export function processors(deps: { ocr: OcrProvider; db: () => Promise<Db>; maxFileBytes: number }) {
  return {
    page: (job: Job<PageJob>): Promise<PageTexts> =>
      failingOnce(async () => {
        const file = identify({ filename: job.data.filename, bytes: await readFile(job.data.path) }, deps.maxFileBytes);
        return readPageText(file, job.data.page, deps.ocr);
      }),

    assemble: async (job: Job<DocumentJob>): Promise<Extraction> => {
      const read = Object.values(await job.getChildrenValues<PageTexts>());
      const pages = read.flatMap((r) => r.pages).sort((a, b) => a.page - b.page);
      const warnings = read.flatMap((r) => r.warnings).sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
      return assembleExtraction(job.data, { pages, warnings });
    },

    store: async (job: Job<DocumentJob>): Promise<StoredSummary> => {
      const [extraction] = Object.values(await job.getChildrenValues<Extraction>());
      if (!extraction) throw new Error(`Không có kết quả xử lý cho ${job.data.filename}.`);
      try {
        await persistExtraction(await deps.db(), extraction, shippedSpellingScore);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        throw new Error(`Không kết nối được cơ sở dữ liệu (${(error as Error).message || (error as { code?: string }).code}); sẽ thử lại.`);
      }
      return summaryOf(extraction);
    },
  };
}
