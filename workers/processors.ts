// The job handlers: each calls the stages of pipeline/ (a page read and a document assembled in a
// reader process, within its limits) and the store of db/, and nothing else. One job type, one handler.
import { UnrecoverableError, type Job } from 'bullmq';
import { InputError } from '../core/errors.js';
import type { ReadDocument } from '../core/records.js';
import { isUnreachable, type Db } from '../db/connection.js';
import type { PageTexts } from '../pages/page-text.js';
import type { DocumentJob, PageJob } from './queues.js';
import { storeDocument } from './reporting.js';
import type { Readers } from './reader.js';

export interface StoredSummary {
  filename: string;
  pages: number;
  figures: number;
  tables: number;
  warnings: number;
  /** the documents the file holds (more than one in a bound scan) */
  documents: number;
  /** the names of its documents that an earlier stored file holds other copies of (`54/BC-BCĐ`) */
  copy_of: string | null;
}

/** Stores a document (and the facts made again with it) and sums up what was stored. */
export async function storeAndSummarize(db: Db, { extraction, ...aside }: ReadDocument): Promise<StoredSummary> {
  const { copy_of } = await storeDocument(db, extraction, aside);
  return {
    filename: extraction.document.filename,
    pages: extraction.pages.length,
    figures: extraction.figures.length,
    tables: extraction.tables.length,
    warnings: extraction.warnings.length,
    documents: extraction.parts.length,
    copy_of,
  };
}

/** Bad input fails its document at once: retrying cannot mend a damaged file. */
async function failingOnce<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

export function processors(deps: { db: () => Promise<Db>; readers: Readers }) {
  return {
    page: (job: Job<PageJob>): Promise<PageTexts> => failingOnce(() => deps.readers.readPage(job.data, job.data.page)),

    assemble: async (job: Job<DocumentJob>): Promise<ReadDocument> => {
      const read = Object.values(await job.getChildrenValues<PageTexts>());
      const pages = read.flatMap((r) => r.pages).sort((a, b) => a.page - b.page);
      const warnings = read.flatMap((r) => r.warnings).sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
      return failingOnce(() => deps.readers.assemble(job.data, { pages, warnings }));
    },

    store: async (job: Job<DocumentJob>): Promise<StoredSummary> => {
      const [read] = Object.values(await job.getChildrenValues<ReadDocument>());
      if (!read) throw new Error(`Không có kết quả xử lý cho ${job.data.filename}.`);
      try {
        return await storeAndSummarize(await deps.db(), read);
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        throw new Error(`Không kết nối được cơ sở dữ liệu (${(error as Error).message || (error as { code?: string }).code}); sẽ thử lại.`);
      }
    },
  };
}
