// The text of every page: a PDF's own text layer where it is good Vietnamese; otherwise the page is
// rasterised, preprocessed and OCRed, and the better of the two texts is kept.
import type { IngestedFile } from './ingest.js';
import type { OcrEngine } from './ocr-engine.js';
import type { OcrPage, OcrWord } from './ocr-result.js';
import { toOriginalBox } from './page-geometry.js';
import { rereadNumbers } from './number-reread.js';
import { findRuledLines, type RuledLines } from './ruled-lines.js';
import { readPdfTextLayer } from './pdf-text-layer.js';
import { preprocess, turnOver, type PageTransform } from './preprocess.js';
import { rasterise, type PageImage } from './rasterise.js';
import type { Page, Warning } from './records.js';
import { textFilePages } from './text-file.js';
import { textQuality } from './text-quality.js';

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

async function ocrPages(images: PageImage[], provider: OcrProvider): Promise<Map<number, PageText['ocr']>> {
  if (images.length === 0) return new Map();
  const engine = await provider.engine();
  const results = await Promise.all(
    images.map(async (image) => {
      let prepared = await preprocess(image);
      let read = await engine.recognize(prepared);
      // an upside-down page reads as garbage: only then ask orientation detection, and read again
      if (read.confidence < SURE_READING && (await engine.isUpsideDown(prepared))) {
        prepared = await turnOver(prepared);
        read = await engine.recognize(prepared);
      }
      const ocr = await rereadNumbers(engine, prepared, read);
      const originalWords = ocr.words.map((word) => ({ ...word, box: toOriginalBox(word.box, prepared.transform) }));
      return [
        image.page,
        {
          ...ocr,
          transform: prepared.transform,
          dpi: prepared.dpi,
          width: prepared.width,
          height: prepared.height,
          originalWords,
          rules: findRuledLines(prepared),
        },
      ] as const;
    }),
  );
  return new Map(results);
}

export async function readPageTexts(file: IngestedFile, provider: OcrProvider): Promise<PageTexts> {
  const warnings: Warning[] = [];
  if (file.type === 'text') {
    const pages = textFilePages(file.bytes).map((text, i) => ({
      page: i + 1,
      text,
      source: 'text_layer' as const,
      quality: round(textQuality(text).score),
      ocr_confidence: null,
    }));
    return { pages, warnings };
  }

  const layer = file.type === 'pdf' ? await readPdfTextLayer(file.bytes) : null;
  const layerQuality = new Map((layer ?? []).map((page) => [page.page, textQuality(page.text)]));
  // an image file is all pages to read; a PDF only the pages whose own text layer is poor
  const poor = new Set((layer ?? []).filter((page) => (layerQuality.get(page.page)?.score ?? 0) < GOOD_LAYER).map((page) => page.page));
  const images = !layer ? await rasterise(file.bytes, file.type) : poor.size > 0 ? await rasterise(file.bytes, file.type, poor) : [];
  const pageCount = layer ? layer.length : images.length;
  const ocr = await ocrPages(images, provider);

  const pages: PageText[] = Array.from({ length: pageCount }, (_, i) => {
    const number = i + 1;
    const layerText = layer?.[i]?.text ?? '';
    const layerScore = layerQuality.get(number);
    const read = ocr.get(number);
    if (!read) {
      return { page: number, text: layerText, source: 'text_layer', quality: round(layerScore?.score ?? 0), ocr_confidence: null };
    }
    const ocrScore = textQuality(read.text).score;
    if (layerScore && layerScore.words > 0 && layerScore.score >= ocrScore) {
      warnings.push({
        code: 'text_layer_kept',
        message: `Lớp chữ của trang ${number} kém (điểm ${round(layerScore.score)}) nhưng OCR không tốt hơn (điểm ${round(ocrScore)}): giữ lớp chữ.`,
        page: number,
      });
      return { page: number, text: layerText, source: 'text_layer', quality: round(layerScore.score), ocr_confidence: round(read.confidence) };
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
    return { page: number, text: read.text, source: 'ocr', quality: round(ocrScore), ocr_confidence: round(read.confidence), ocr: read };
  });
  return { pages, warnings };
}
