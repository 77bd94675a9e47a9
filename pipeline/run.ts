// The in-process run of every stage on one file: file → pages → text → records. Queue workers
// call the same stage functions; this is the other way to drive them.
import type { Extraction, Page, Warning } from './records.js';
import { ExtractionSchema } from './records.js';
import { countImagePages } from './image-pages.js';
import { identify, type IngestedFile, type SourceFile } from './ingest.js';
import { readPdfTextLayer } from './pdf-text-layer.js';
import { textFilePages } from './text-file.js';
import { extractRecords } from '../extractors/extract.js';

export interface RunOptions {
  maxFileBytes: number;
  /** told of each stage as it starts, for progress displays */
  onStage?: (stage: string) => void;
}

const layerPage = (page: number, text: string): Page => ({
  page,
  text,
  source: 'text_layer',
  quality: null,
  ocr_confidence: null,
});

async function readPages(file: IngestedFile): Promise<{ pages: Page[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  if (file.type === 'text') {
    return { pages: textFilePages(file.bytes).map((text, i) => layerPage(i + 1, text)), warnings };
  }
  if (file.type === 'pdf') {
    const pages = (await readPdfTextLayer(file.bytes)).map(({ page, text }) => layerPage(page, text));
    for (const page of pages.filter((p) => p.text.trim() === '')) {
      warnings.push({
        code: 'no_text_layer',
        message: `Trang ${page.page} không có lớp chữ (ảnh quét); bước OCR chưa có nên trang này chưa được đọc.`,
        page: page.page,
      });
    }
    return { pages, warnings };
  }
  const count = await countImagePages(file.bytes);
  const pages = Array.from({ length: count }, (_, i) => layerPage(i + 1, ''));
  for (const page of pages) {
    warnings.push({
      code: 'no_text_layer',
      message: `Trang ${page.page} là ảnh; bước OCR chưa có nên trang này chưa được đọc.`,
      page: page.page,
    });
  }
  return { pages, warnings };
}

export async function runPipeline(source: SourceFile, options: RunOptions): Promise<Extraction> {
  options.onStage?.('ingest');
  const file = identify(source, options.maxFileBytes);
  options.onStage?.('pages');
  const { pages, warnings } = await readPages(file);
  options.onStage?.('extract');
  const { header, figures, warnings: extractionWarnings } = extractRecords(pages);
  // tables come with the table extractor (not built yet): empty, never guessed
  return ExtractionSchema.parse({
    document: {
      sha256: file.sha256,
      filename: file.filename,
      ...header,
      page_count: pages.length,
      text_source: 'text_layer',
    },
    pages,
    figures,
    tables: [],
    warnings: [...warnings, ...extractionWarnings],
  });
}
