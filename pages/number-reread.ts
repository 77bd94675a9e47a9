// Second look at the numbers of table rows: in a row of numbers, a word that OCR read as letters
// ("O" for 75, "D7" for 57) or read with low confidence is cut out and read again as digits only.
import sharp from 'sharp';
import { INK, inkRuns, NOT_PAPER } from './ink.js';
import type { OcrEngine } from './ocr-engine.js';
import { assemblePage, byEngineLine, type OcrPage, type OcrWord } from './ocr-result.js';
import type { PreparedPage } from './preprocess.js';
import { toGray } from './rasterise.js';
import { isSyllable } from '../lang/syllables.js';

/** A number as OCR should read a table's cell. */
export const NUMBER = /^\d[\d.,]*%?$/u;
const PAD = 8;

/** A number with a digit read as its look-alike: "S5.683,9", "3./93,0", "5.3/2,8". */
const misreadNumber = (text: string) => /^[\d.,SsOoIl|/B]+$/u.test(text) && (text.match(/\d/gu)?.length ?? 0) >= 2 && !NUMBER.test(text);

function suspicious(word: OcrWord, rowWords: OcrWord[]): boolean {
  const numbers = rowWords.filter((w) => NUMBER.test(w.text));
  // a row of figures: three numbers or more, and more numbers than words after the first one
  const rowNumber = [...rowWords].sort((a, b) => a.box.x0 - b.box.x0).find((w) => /^\d{1,3}[.)]?$/u.test(w.text));
  const leftmostNumber = Math.min(...numbers.filter((w) => w !== rowNumber).map((w) => w.box.x0));
  const after = rowWords.filter((w) => w.box.x0 >= leftmostNumber);
  if (numbers.length < 3 || after.filter((w) => NUMBER.test(w.text) || misreadNumber(w.text)).length < after.length / 2) return false;
  if (NUMBER.test(word.text)) return word.confidence < 0.6;
  if (misreadNumber(word.text)) return true;
  if (word.text.length > 4 || !/[\p{L}\d]/u.test(word.text)) return false;
  // the unit's name comes first (after its row number); once the row's figures begin, a word of
  // letters is a misread number
  const leftmost = Math.min(...rowWords.map((w) => w.box.x0));
  const firstNumber = Math.min(...numbers.filter((w) => w.box.x0 > leftmost).map((w) => w.box.x0));
  return word.box.x0 > firstNumber || !(word.text.length > 1 && isSyllable(word.text));
}

/**
 * Whitens ruled lines in a cell's crop: runs of ink across or down nearly the whole crop, longer
 * than any digit, which OCR would read as "|", "1" or "J" beside the number.
 */
function removeRules(gray: Buffer, width: number, height: number): Buffer {
  const mask = new Uint8Array(gray.length);
  // runs of ink along each line of pixels; `at` maps (line, position) to the pixel index
  const markRuns = (lines: number, length: number, at: (line: number, position: number) => number) => {
    for (let line = 0; line < lines; line++) {
      for (const run of inkRuns(length, (position) => (gray[at(line, position)] ?? 255) < NOT_PAPER)) {
        if (run.to + 1 - run.from >= length * 0.8) for (let p = run.from; p <= run.to; p++) mask[at(line, p)] = 1;
      }
    }
  };
  markRuns(height, width, (y, x) => y * width + x);
  markRuns(width, height, (x, y) => y * width + x);
  const out = Buffer.from(gray);
  // the rule's soft edges go too: two pixels around the run
  const reach = 2;
  for (let y = reach; y < height - reach; y++) {
    for (let x = reach; x < width - reach; x++) {
      let near = 0;
      for (let d = -reach; d <= reach && !near; d++) near = (mask[(y + d) * width + x] ?? 0) | (mask[y * width + x + d] ?? 0);
      if (near) out[y * width + x] = 255;
    }
  }
  return out;
}

/** A digits-only reading sure enough to stand for the cell. */
export const readable = (read: { text: string; confidence: number }) => NUMBER.test(read.text) && read.confidence >= 0.5;

/** The ink columns of a crop that run down nearly all of it: a ruled line inside the word box. */
function ruleColumns(gray: Buffer, width: number, height: number): number[] {
  const columns: number[] = [];
  for (let x = 0; x < width; x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) if ((gray[y * width + x] ?? 255) < INK) ink++;
    if (ink >= height * 0.8) columns.push(x);
  }
  return columns;
}

/** Reads a crop of the page as digits, at twice then three times its size. */
export async function readCrop(engine: OcrEngine, page: PreparedPage, gray: Buffer, width: number, height: number) {
  const clean = removeRules(gray, width, height);
  let best = { text: '', confidence: 0 };
  // larger reads small table digits far better (measured: 3 of 3 cells at 2×, 0 of 3 at 1×)
  for (const scale of [2, 3]) {
    const image = await sharp(clean, { raw: { width, height, channels: 1 } })
      .resize(width * scale)
      // paper to white, so that the crop's own edge draws no box around the number
      .normalise()
      .extend({ top: 40, bottom: 40, left: 40, right: 40, background: '#ffffff' })
      .withDensity(page.dpi)
      .png()
      .toBuffer();
    const read = await engine.readNumber(image);
    if (readable(read)) return read;
    if (read.confidence > best.confidence) best = read;
  }
  return best;
}

interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A region of 8-bit gray pixels. */
const cropGray = async (gray: Buffer, width: number, height: number, region: Region): Promise<Buffer> =>
  (await toGray(sharp(gray, { raw: { width, height, channels: 1 } }).extract(region))).gray;

/** The page's pixels around `box`, `pad` pixels wider on every side, kept inside the page. */
export async function cropAround(page: PreparedPage, box: OcrWord['box'], pad: number): Promise<{ region: Region; gray: Buffer }> {
  const left = Math.max(0, box.x0 - pad);
  const top = Math.max(0, box.y0 - pad);
  const region = {
    left,
    top,
    width: Math.min(page.width - left, box.x1 - box.x0 + 2 * pad),
    height: Math.min(page.height - top, box.y1 - box.y0 + 2 * pad),
  };
  return { region, gray: await cropGray(page.gray, page.width, page.height, region) };
}

/** The word read again; a number that swallowed a ruled line ("1123|1251") comes back as two. */
async function reread(engine: OcrEngine, page: PreparedPage, word: OcrWord): Promise<OcrWord[]> {
  const { region, gray: crop } = await cropAround(page, word.box, PAD);
  const { left } = region;
  const inner = ruleColumns(crop, region.width, region.height).filter((x) => x > PAD * 2 && x < region.width - PAD * 2);
  if (inner.length > 0 && NUMBER.test(word.text.replace(/[|]/gu, ''))) {
    const cut = inner[Math.floor(inner.length / 2)] ?? 0;
    const parts: OcrWord[] = [];
    for (const [x0, x1] of [[0, cut], [cut, region.width]] as const) {
      const part = await cropGray(crop, region.width, region.height, { left: x0, top: 0, width: x1 - x0, height: region.height });
      const read = await readCrop(engine, page, part, x1 - x0, region.height);
      if (!readable(read)) return [word];
      parts.push({ ...word, text: read.text, confidence: read.confidence, box: { ...word.box, x0: left + x0, x1: left + x1 } });
    }
    return parts;
  }
  const read = await readCrop(engine, page, crop, region.width, region.height);
  // a second reading that only drops or mends the first one's look-alikes is taken however unsure
  const mended = lookAlikeDigits(word.text);
  const agrees = NUMBER.test(read.text) && (read.text === mended || read.text === word.text.replace(/[^\d.,%]/gu, ''));
  if (readable(read) || agrees) return [{ ...word, text: read.text, confidence: Math.max(read.confidence, 0.5) }];
  return GROUPED.test(mended) ? [{ ...word, text: mended, confidence: 0.5 }] : [word];
}

// letters and marks a serif digit is misread as: S 5, O 0, I l | 1, / 7, B 8
const LOOK_ALIKES: Record<string, string> = { S: '5', s: '5', O: '0', o: '0', I: '1', l: '1', '|': '1', '/': '7', B: '8' };
/** A number whose digits thousands are grouped as printed: 5.683,9 */
const GROUPED = /^\d{1,3}(?:\.\d{3})*(?:,\d+)?%?$/u;

// (one glyph read twice, "S5" for 5, is one digit)
const lookAlikeDigits = (text: string) =>
  [...text].map((c, i) => (LOOK_ALIKES[c] === undefined ? c : LOOK_ALIKES[c] === text[i + 1] ? '' : LOOK_ALIKES[c])).join('');

export async function rereadNumbers(engine: OcrEngine, page: PreparedPage, ocr: OcrPage): Promise<OcrPage> {
  const rows = byEngineLine(ocr.words);
  // rows of a table: lines sharing a height across cells count together
  const rowOf = (word: OcrWord) =>
    rows
      .filter((line) => line.some((w) => Math.min(w.box.y1, word.box.y1) - Math.max(w.box.y0, word.box.y0) > 0))
      .flat();
  const words: OcrWord[] = [];
  for (const word of ocr.words) {
    if (!suspicious(word, rowOf(word))) {
      words.push(word);
      continue;
    }
    words.push(...(await reread(engine, page, word)));
  }
  return assemblePage(words, page.width);
}
