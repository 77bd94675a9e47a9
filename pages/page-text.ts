// The text of every page: a PDF's own text layer where it is good Vietnamese; otherwise the page is
// rasterised, preprocessed and OCRed, and the better of the two texts is kept.
import type { IngestedFile } from './ingest.js';
import type { OcrEngine } from './ocr-engine.js';
import type { OcrPage, OcrWord } from './ocr-result.js';
import { toOriginalBox } from './page-geometry.js';
import { rereadNumbers } from './number-reread.js';
import { readMissedCells } from './missed-cells.js';
import { findRuledLines, type RuledLines } from './ruled-lines.js';
import { readPdfTextLayer } from './pdf-text-layer.js';
import { preprocess, turnOver, type PageTransform } from './preprocess.js';
import { rasterise, type PageImage } from './rasterise.js';
import type { Page, Warning } from '../core/records.js';
import { textFilePages } from './text-file.js';
import { textQuality } from '../lang/text-quality.js';

/** Mean word confidence of a page read the right way up (measured 0.94–0.97 on the samples). */
const SURE_READING = 0.8;

/** A text layer scoring at least this is kept without OCR. */
export const GOOD_LAYER = 0.8;

export interface OcrProvider {
  engine(): Promise<OcrEngine>;
}

export interface PageText extends Page {
  /** OCR words and where they were found, for pages that were OCRed */
  ocr?: OcrPage & {
    transform: PageTransform;
    dpi: number;
    width: number;
    height: number;
    /** the words with their boxes on the original page image (before preprocessing) */
    originalWords: OcrWord[];
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
  // an upside-down page reads as garbage: only then ask orientation detection, and read again
  if (read.confidence < SURE_READING && (await engine.isUpsideDown(prepared))) {
    prepared = await turnOver(prepared);
    read = await engine.recognize(prepared);
  }
  const rules = findRuledLines(prepared);
  const ocr = await readMissedCells(engine, prepared, await rereadNumbers(engine, prepared, read), rules);
  const originalWords = ocr.words.map((word) => ({ ...word, box: toOriginalBox(word.box, prepared.transform) }));
  return {
    ...ocr,
    transform: prepared.transform,
    dpi: prepared.dpi,
    width: prepared.width,
    height: prepared.height,
    originalWords,
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
    warnings.push({
      code: 'text_layer_kept',
      message: `Lớp chữ của trang ${number} kém (điểm ${round(layerScore.score)}) nhưng OCR không tốt hơn (điểm ${round(ocrScore)}): giữ lớp chữ.`,
      page: number,
    });
    const page: PageText = { page: number, text: layerText ?? '', source: 'text_layer', quality: round(layerScore.score), ocr_confidence: round(read.confidence) };
    return { page, warnings };
  }
  if (layerScore && layerScore.words > 0) {
    warnings.push({
      code: 'text_layer_replaced',
      message: `Lớp chữ của trang ${number} kém (điểm ${round(layerScore.score)}): dùng chữ OCR (điểm ${round(ocrScore)}).`,
      page: number,
    });
  }
  if (read.words.length === 0) {
    warnings.push({ code: 'blank_page', message: `Trang ${number} không có chữ (trang trắng?).`, page: number });
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

/** How many pages a document has. */
export async function countPages(file: IngestedFile): Promise<number> {
  if (file.type === 'text') return textFilePages(file.bytes).length;
  if (file.type === 'pdf') return (await readPdfTextLayer(file.bytes)).length;
  return (await rasterise(file.bytes, file.type)).length;
}

/** One page's text (1-based): what a queue's page job does. */
export async function readPageText(file: IngestedFile, number: number, provider: OcrProvider): Promise<PageTexts> {
  if (file.type === 'text') return { pages: textPages(file).filter((page) => page.page === number), warnings: [] };
  const layer = file.type === 'pdf' ? judged((await readPdfTextLayer(file.bytes))[number - 1]?.text ?? '') : null;
  if (layer !== null && layer.quality.score >= GOOD_LAYER) return { pages: [choosePageText(number, layer, undefined).page], warnings: [] };
  const image = (await rasterise(file.bytes, file.type, new Set([number]))).find((page) => page.page === number);
  const read = image ? await ocrPage(image, await provider.engine()) : undefined;
  const { page, warnings } = choosePageText(number, layer, read);
  return { pages: [page], warnings };
}

/** Every page's text, the pages to OCR read in parallel by the engine's workers. */
export async function readPageTexts(file: IngestedFile, provider: OcrProvider): Promise<PageTexts> {
  if (file.type === 'text') return { pages: textPages(file), warnings: [] };
  const layer = file.type === 'pdf' ? (await readPdfTextLayer(file.bytes)).map((page) => judged(page.text)) : null;
  // an image file is all pages to read; a PDF only the pages whose own text layer is poor
  const poor = new Set((layer ?? []).flatMap((page, i) => (page.quality.score < GOOD_LAYER ? [i + 1] : [])));
  const images = !layer ? await rasterise(file.bytes, file.type) : poor.size > 0 ? await rasterise(file.bytes, file.type, poor) : [];
  const engine = images.length > 0 ? await provider.engine() : null;
  const read = new Map(await Promise.all(images.map(async (image) => [image.page, await ocrPage(image, engine!)] as const)));
  const pageCount = layer ? layer.length : images.length;
  const chosen = Array.from({ length: pageCount }, (_, i) => choosePageText(i + 1, layer ? (layer[i] ?? judged('')) : null, read.get(i + 1)));
  return { pages: chosen.map((c) => c.page), warnings: chosen.flatMap((c) => c.warnings) };
}
