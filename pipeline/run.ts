// The in-process run of every stage on one file: file → pages → text → records. Queue workers
// call the same stage functions; this is the other way to drive them.
import { extractRecords } from '../extractors/extract.js';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findScanGrids } from '../extractors/tables/scan-grid.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { identify, type IngestedFile, type SourceFile } from '../pages/ingest.js';
import { readPageTexts, type OcrProvider, type PageTexts } from '../pages/page-text.js';
import { repairPages } from './repair.js';
import type { Extraction, Page, Table, TextSource, Warning } from '../core/records.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { shippedSpellingScore } from '../repair/model.js';
import { ExtractionSchema } from '../core/records.js';

export interface RunOptions {
  maxFileBytes: number;
  ocr: OcrProvider;
  /** told of each stage as it starts, for progress displays */
  onStage?: (stage: string) => void;
  /** the units that name table rows; a fresh registry per document when not given */
  units?: UnitRegistry;
}

/** A registry whose ties between spellings the shipped language model breaks (loaded when needed). */
export const newUnitRegistry = () => new UnitRegistry([], shippedSpellingScore);

function documentSource(pages: Page[]): TextSource {
  const sources = new Set(pages.map((page) => page.source));
  return sources.size === 1 ? ([...sources][0] ?? 'text_layer') : sources.size === 0 ? 'text_layer' : 'mixed';
}

export async function runPipeline(source: SourceFile, options: RunOptions): Promise<Extraction> {
  options.onStage?.('ingest');
  return runStages(identify(source, options.maxFileBytes), options);
}

/** The stages after ingest, on a file already identified. */
export async function runStages(file: IngestedFile, options: RunOptions): Promise<Extraction> {
  options.onStage?.('pages');
  return assembleExtraction(file, await readPageTexts(file, options.ocr), options);
}

/** The stages after every page has its text: repair, header and figures, tables. */
export function assembleExtraction(file: Pick<IngestedFile, 'sha256' | 'filename'>, read: PageTexts, options: Pick<RunOptions, 'onStage' | 'units'> = {}): Extraction {
  const layered: Page[] = read.pages.map(({ page, text, source: from, quality, ocr_confidence }) => ({
    page,
    text,
    source: from,
    quality,
    ocr_confidence,
  }));
  options.onStage?.('repair');
  const { pages, warnings: repairWarnings } = repairPages(layered);
  options.onStage?.('extract');
  const { header, figures, parts, warnings: extractionWarnings } = extractRecords(pages);
  options.onStage?.('tables');
  const units = options.units ?? newUnitRegistry();
  const tables: Table[] = [];
  const tableWarnings: Warning[] = [];
  for (const part of parts) {
    const inPart = (page: { page: number }) => part.pages.includes(page.page);
    const scanned = read.pages.filter(inPart).flatMap(({ page, ocr }) => (ocr ? [{ page, dpi: ocr.dpi, words: ocr.words, lines: ocr.lines, rules: ocr.rules }] : []));
    const grids = [...findTextGrids(pages.filter(inPart)), ...findScanGrids(scanned)].sort((a, b) => a.page - b.page);
    const found = extractTables(grids, part.year, units);
    tables.push(...found.tables);
    tableWarnings.push(...found.warnings);
  }
  return ExtractionSchema.parse({
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
  });
}
