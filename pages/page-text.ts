// The text of every page: a PDF's own text layer where it is good Vietnamese; otherwise the page is
// rasterised, preprocessed and OCRed, and the better of the two texts is kept.
import pLimit from 'p-limit';
import type { IngestedFile } from './ingest.js';
import type { OcrEngine } from './ocr-engine.js';
import type { OcrPage } from './ocr-result.js';
import { rereadNumbers } from './number-reread.js';
import { readMissedCells } from './missed-cells.js';
import { findRuledLines, type RuledLines } from './ruled-lines.js';
import { withPdf, type PdfFile } from './pdf-file.js';
import { preprocess, turnOver, type PageTransform } from './preprocess.js';
import { imagePageCount, rasterise, type PageImage } from './rasterise.js';
import type { Page, Warning } from '../core/records.js';
import { warning } from '../core/warnings.js';
import { textFilePages } from './text-file.js';
import { textQuality } from '../lang/text-quality.js';

/** Mean word confidence of a page read the right way up (measured 0.94–0.97 on the samples). */
const SURE_READING = 0.8;
/** A page read with less confidence than this may as well have been read upside down. */
const GUESSING = 0.5;

/** A text layer scoring at least this is kept without OCR. */
export const GOOD_LAYER = 0.8;

export interface OcrProvider {
  engine(): Promise<OcrEngine>;
}

interface PageText extends Page {
  /** OCR words and where they were found, for pages that were OCRed */
  ocr?: OcrPage & {
    transform: PageTransform;
    dpi: number;
    width: number;
    height: number;
    /** the ruled lines of the prepared image (table grids), in the words' coordinates */
    rules: RuledLines;
  };
}

export interface PageTexts {
  pages: PageText[];
  warnings: Warning[];
}

const round = (value: number) => Math.round(value * 1000) / 1000;

async function ocrPage(image: PageImage, engine: OcrEngine): Promise<NonNullable<PageText['ocr']>> {
  let prepared = await preprocess(image);
  let read = await engine.recognize(prepared);
  // an upside-down page reads as garbage: only then ask orientation detection — which needs more
  // text than a short page has, so a reading hardly better than guessing is tried turned over too;
  // the turned reading is kept if it is the surer one
  if (read.confidence < SURE_READING && (read.confidence < GUESSING || (await engine.isUpsideDown(prepared)))) {
    const turned = await turnOver(prepared);
    const again = await engine.recognize(turned);
    if (again.words.length > 0 && (again.confidence > read.confidence || read.words.length === 0)) [prepared, read] = [turned, again];
  }
  const rules = findRuledLines(prepared);
  const ocr = await readMissedCells(engine, prepared, await rereadNumbers(engine, prepared, read), rules);
  return {
    ...ocr,
    transform: prepared.transform,
    dpi: prepared.dpi,
    width: prepared.width,
    height: prepared.height,
    rules,
  };
}

/** A PDF page's own text with its quality, judged once. */
interface JudgedLayer {
  text: string;
  quality: ReturnType<typeof textQuality>;
}

const judged = (text: string): JudgedLayer => ({ text, quality: textQuality(text) });

/** A page's text: its text layer where that reads as good Vietnamese, else the better of layer and OCR. */
function choosePageText(number: number, layer: JudgedLayer | null, read: PageText['ocr'] | undefined): { page: PageText; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const layerText = layer?.text ?? null;
  const layerScore = layer?.quality ?? null;
  if (!read) {
    return { page: { page: number, text: layerText ?? '', source: 'text_layer', quality: round(layerScore?.score ?? 0), ocr_confidence: null }, warnings };
  }
  const ocrScore = textQuality(read.text).score;
  if (layerScore && layerScore.words > 0 && layerScore.score >= ocrScore) {
    warnings.push(warning('text_layer_kept', { page: number, layer: round(layerScore.score), ocr: round(ocrScore) }, number));
    const page: PageText = { page: number, text: layerText ?? '', source: 'text_layer', quality: round(layerScore.score), ocr_confidence: round(read.confidence) };
    return { page, warnings };
  }
  if (layerScore && layerScore.words > 0) {
    warnings.push(warning('text_layer_replaced', { page: number, layer: round(layerScore.score), ocr: round(ocrScore) }, number));
  }
  if (read.words.length === 0) {
    warnings.push(warning('blank_page', { page: number }, number));
  }
  return { page: { page: number, text: read.text, source: 'ocr', quality: round(ocrScore), ocr_confidence: round(read.confidence), ocr: read }, warnings };
}

function textPages(file: IngestedFile): PageText[] {
  return textFilePages(file.bytes).map((text, i) => ({
    page: i + 1,
    text,
    source: 'text_layer' as const,
    quality: round(textQuality(text).score),
    ocr_confidence: null,
  }));
}

/** How to read a document's pages: through its PDF if the caller has it open, telling of each page. */
interface ReadOptions {
  pdf?: PdfFile;
  /** told of each page as its text is had */
  onPage?: (page: number) => void;
}

/** Runs `work` with the document's PDF (open already, or opened for it), null for an image file. */
const withDocument = <T>(file: IngestedFile, given: PdfFile | undefined, work: (pdf: PdfFile | null) => Promise<T>): Promise<T> =>
  file.type === 'pdf' ? withPdf(file.bytes, given, work) : work(null);

/** How many pages a document has. */
export async function countPages(file: IngestedFile, pdf?: PdfFile): Promise<number> {
  if (file.type === 'text') return textFilePages(file.bytes).length;
  return withDocument(file, pdf, (opened) => (opened ? opened.pageCount() : imagePageCount(file.bytes)));
}

/** One page's text (1-based): what a queue's page job does. */
export async function readPageText(file: IngestedFile, number: number, provider: OcrProvider, pdf?: PdfFile): Promise<PageTexts> {
  if (file.type === 'text') return { pages: textPages(file).filter((page) => page.page === number), warnings: [] };
  return withDocument(file, pdf, async (opened) => {
    const layer = opened ? judged((await opened.textLayer())[number - 1]?.text ?? '') : null;
    if (layer !== null && layer.quality.score >= GOOD_LAYER) return { pages: [choosePageText(number, layer, undefined).page], warnings: [] };
    const image = (await rasterise(file, new Set([number]), opened ?? undefined)).find((page) => page.page === number);
    const read = image ? await ocrPage(image, await provider.engine()) : undefined;
    const { page, warnings } = choosePageText(number, layer, read);
    return { pages: [page], warnings };
  });
}

/** Every page's text, the pages to OCR read in parallel by the engine's workers. */
export async function readPageTexts(file: IngestedFile, provider: OcrProvider, options: ReadOptions = {}): Promise<PageTexts> {
  if (file.type === 'text') {
    const pages = textPages(file);
    for (const page of pages) options.onPage?.(page.page);
    return { pages, warnings: [] };
  }
  return withDocument(file, options.pdf, (pdf) => readPages(file, pdf, provider, options));
}

async function readPages(file: IngestedFile, pdf: PdfFile | null, provider: OcrProvider, options: ReadOptions): Promise<PageTexts> {
  const layer = pdf ? (await pdf.textLayer()).map((page) => judged(page.text)) : null;
  // an image file is all pages to read; a PDF only the pages whose own text layer is poor
  const poor = new Set((layer ?? []).flatMap((page, i) => (page.quality.score < GOOD_LAYER ? [i + 1] : [])));
  layer?.forEach((page, i) => page.quality.score >= GOOD_LAYER && options.onPage?.(i + 1));
  const images = !layer ? await rasterise(file) : poor.size > 0 ? await rasterise(file, poor, pdf ?? undefined) : [];
  const engine = images.length > 0 ? await provider.engine() : null;
  // one page more than the engine reads at once: the next page is prepared while the lanes read
  const page = pLimit((engine?.lanes ?? 0) + 1);
  const reading = images.map((image) =>
    page(async () => {
      const read = await ocrPage(image, engine!);
      options.onPage?.(image.page);
      return [image.page, read] as const;
    }),
  );
  const read = new Map(await Promise.all(reading));
  const pageCount = layer ? layer.length : images.length;
  const chosen = Array.from({ length: pageCount }, (_, i) => choosePageText(i + 1, layer ? (layer[i] ?? judged('')) : null, read.get(i + 1)));
  return { pages: chosen.map((c) => c.page), warnings: chosen.flatMap((c) => c.warnings) };
}
