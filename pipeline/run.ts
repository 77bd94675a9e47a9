// The stages on one document, the same for both drivers: admit (identify, keep the original, count
// its pages), read every page's text, assemble the records (repair, header and figures, tables),
// then name the table rows' units for storing (store-batch.ts). The in-process intake calls these
// in turn; the queue workers call readDocumentPage per page job and assembleDocument per document.
import { InputError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { Settings } from '../core/settings.js';
import type { Extraction, Page, ReadDocument, Table, TableShape, TextSource, Warning } from '../core/records.js';
import { ExtractionSchema } from '../core/records.js';
import { extractRecords } from '../extractors/extract.js';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findScanGrids } from '../extractors/tables/scan-grid.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { identify, storeOriginal, type IngestedFile, type SourceFile } from '../pages/ingest.js';
import { countPages, readPageTexts, type OcrProvider, type PageTexts } from '../pages/page-text.js';
import { PdfFile } from '../pages/pdf-file.js';
import { pageLayouts } from './layouts.js';
import { repairPages } from './repair.js';
import { newUnitRegistry } from './store-batch.js';

interface RunOptions {
  maxFileBytes: number;
  ocr: OcrProvider;
  onProgress?: (progress: Progress) => void;
}

/** A document taken in: identified, its original kept, its pages counted, its PDF open until read. */
export interface Admitted {
  file: IngestedFile;
  /** where the original is stored, readable by every worker */
  stored: string;
  pages: number;
  /** the parsed PDF, for a reader in this process (closed by `runStages` or `release`) */
  pdf: PdfFile | null;
}

/**
 * Identifies a file, keeps its original and counts its pages; an InputError for a file that is no
 * document. @param sha256 the file's hash when the caller has made it already
 */
export async function admit(source: SourceFile, settings: Pick<Settings, 'maxFileBytes' | 'dataDir' | 'SOHOA_MAX_PAGES'>, sha256?: string): Promise<Admitted> {
  const file = identify(source, settings.maxFileBytes, sha256);
  const pdf = file.type === 'pdf' ? new PdfFile(file.bytes) : null;
  try {
    const pages = await countPages(file, pdf ?? undefined);
    if (pages > settings.SOHOA_MAX_PAGES) {
      throw new InputError('too_many_pages', `Tệp có ${pages} trang, quá giới hạn ${settings.SOHOA_MAX_PAGES} trang (SOHOA_MAX_PAGES): hãy tách thành nhiều tệp.`);
    }
    return { file, stored: await storeOriginal(file, settings.dataDir), pages, pdf };
  } catch (error) {
    await pdf?.close();
    throw error;
  }
}

/** Lets go of an admitted document's parsed PDF (a queue's workers parse it themselves). */
export const release = (admitted: Admitted): Promise<void> => admitted.pdf?.close() ?? Promise.resolve();

function documentSource(pages: Page[]): TextSource {
  const sources = new Set(pages.map((page) => page.source));
  return sources.size === 1 ? ([...sources][0] ?? 'text_layer') : sources.size === 0 ? 'text_layer' : 'mixed';
}

/** Every stage of a file given as bytes, without storing (`sohoa extract`, tests). */
export async function runPipeline(source: SourceFile, options: RunOptions): Promise<Extraction> {
  return (await runStages({ file: identify(source, options.maxFileBytes), pdf: null }, options)).extraction;
}

/** The stages after admission, on a document in hand; closes its PDF. */
export async function runStages({ file, pdf }: Pick<Admitted, 'file' | 'pdf'>, options: RunOptions): Promise<ReadDocument> {
  options.onProgress?.({ stage: 'reading' });
  try {
    const read = await readPageTexts(file, options.ocr, { pdf: pdf ?? undefined, onPage: (page) => options.onProgress?.({ page }) });
    options.onProgress?.({ stage: 'extracting' });
    return assembleDocument(file, read);
  } finally {
    await pdf?.close();
  }
}

/** The records of a document whose pages have their text (the layouts aside). */
export const assembleExtraction = (file: Pick<IngestedFile, 'sha256' | 'filename'>, read: PageTexts): Extraction => assembleDocument(file, read).extraction;

/** The stages after every page has its text: repair, header and figures, tables; and where the words stand. */
export function assembleDocument(file: Pick<IngestedFile, 'sha256' | 'filename'>, read: PageTexts): ReadDocument {
  const layered: Page[] = read.pages.map(({ page, text, source: from, quality, ocr_confidence }) => ({
    page,
    text,
    source: from,
    quality,
    ocr_confidence,
  }));
  const { pages, warnings: repairWarnings, changes } = repairPages(layered);
  const { header, figures, parts, warnings: extractionWarnings } = extractRecords(pages);
  const units = newUnitRegistry();
  const tables: Table[] = [];
  const shapes: TableShape[] = [];
  const tableWarnings: Warning[] = [];
  for (const part of parts) {
    const inPart = (page: { page: number }) => part.pages.includes(page.page);
    const scanned = read.pages.filter(inPart).flatMap(({ page, ocr }) => (ocr ? [{ page, dpi: ocr.dpi, words: ocr.words, lines: ocr.lines, rules: ocr.rules }] : []));
    const grids = [...findTextGrids(pages.filter(inPart)), ...findScanGrids(scanned)].sort((a, b) => a.page - b.page);
    const found = extractTables(grids, part.year, units);
    tables.push(...found.tables);
    shapes.push(...found.shapes);
    tableWarnings.push(...found.warnings);
  }
  const extraction = ExtractionSchema.parse({
    document: {
      sha256: file.sha256,
      filename: file.filename,
      ...header,
      page_count: pages.length,
      text_source: documentSource(pages),
    },
    pages,
    figures,
    tables,
    warnings: [...read.warnings, ...repairWarnings, ...extractionWarnings, ...tableWarnings],
    parts: parts.map((part, index) => ({ part: index + 1, pages: [part.pages[0], part.pages.at(-1)], ...part.header })),
  });
  return { extraction, layouts: pageLayouts(read, pages, changes), shapes };
}
