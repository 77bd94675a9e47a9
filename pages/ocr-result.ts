// What an OCR engine returns for a page, whatever the engine: words with boxes and confidences,
// grouped into lines and blocks, and the page's text in reading order. Both engines write
// Tesseract's TSV, read here.

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  /** 0–1 */
  confidence: number;
  box: Box;
  block: number;
  line: number;
}

export interface OcrLine {
  words: OcrWord[];
  box: Box;
  block: number;
}

/** A word where it stands in the page's text: [start, end) in UTF-16 code units. */
export interface PlacedWord {
  start: number;
  end: number;
  word: OcrWord;
}

export interface OcrPage {
  words: OcrWord[];
  lines: OcrLine[];
  /** the text in reading order, one visual line per line */
  text: string;
  /** every word of `text`, in its order */
  placed: PlacedWord[];
  /** mean word confidence, 0–1 */
  confidence: number;
}

// A vertical bar in a scanned administrative document is a table's ruled line read as a letter.
const RULE_MARKS = /^[|¦]+|[|¦]+$/gu;
// The time stamp of a digital signature (2024-03-13T16:00:54+0700): the letter between date and
// time is always T, which OCR often reads as 7 or 1.
const SIGNATURE_TIME = /^(\d{4}-\d{2}-\d{2})[7Tt1Il]{1,2}(\d{2}:\d{2}(?::\d{2})?)/u;

/** Words of Tesseract's TSV output (level 5 rows), in the engine's order. */

export function parseTsv(tsv: string): OcrWord[] {
  const words: OcrWord[] = [];
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== '5' || cells.length < 12) continue;
    const text = (cells[11] ?? '')
      .trim()
      .replace(RULE_MARKS, '')
      .replace(SIGNATURE_TIME, '$1T$2')
      // the Vietnamese model sometimes prints Icelandic eth (Ð) for Đ: the two look alike
      .replace(/Ð/gu, 'Đ')
      .replace(/ð/gu, 'đ');
    if (text === '') continue;
    const [block, paragraph, line, left, top, width, height, confidence] = [2, 3, 4, 6, 7, 8, 9, 10].map((i) =>
      Number(cells[i]),
    ) as [number, number, number, number, number, number, number, number];
    words.push({
      text: text.normalize('NFC'),
      confidence: Math.max(0, confidence) / 100,
      box: { x0: left, y0: top, x1: left + width, y1: top + height },
      block,
      line: block * 1e6 + paragraph * 1e3 + line,
    });
  }
  return words;
}

const union = (boxes: Box[]): Box => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});

/** Words by the line the engine put them in, lines in the engine's order. */
export function byEngineLine(words: OcrWord[]): OcrWord[][] {
  const byLine = new Map<number, OcrWord[]>();
  for (const word of words) byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  return [...byLine.values()];
}

const engineLines = (words: OcrWord[]): OcrLine[] =>
  byEngineLine(words).map((lineWords) => ({
    words: lineWords,
    box: union(lineWords.map((w) => w.box)),
    block: lineWords[0]?.block ?? 0,
  }));

/**
 * Words or lines as the page shows them in lines: taken top to bottom, each joins the first line
 * `sameLine` accepts it on, else starts a line of its own; lines top to bottom, each left to right.
 */
export function visualLines<T extends { box: Box }>(items: T[], sameLine: (line: T[], item: T) => boolean): T[][] {
  const lines: T[][] = [];
  for (const item of [...items].sort((a, b) => a.box.y0 - b.box.y0)) {
    const line = lines.find((l) => sameLine(l, item));
    if (line) line.push(item);
    else lines.push([item]);
  }
  for (const line of lines) line.sort((a, b) => a.box.x0 - b.box.x0);
  return lines;
}

/** Whether the vertical centres of two boxes are closer than half of `height`. */
export const centresWithin = (a: Box, b: Box, height: number) => Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < height / 2;

const verticalOverlap = (a: Box, b: Box) =>
  (Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)) / Math.max(1, Math.min(a.y1 - a.y0, b.y1 - b.y0));

/** A line this many times as tall as the page's median line is no line of text. */
const TALL_LINE = 2;

/**
 * Reading order: lines that share a height form a row, read left to right (table rows, a number
 * and its label); rows read top to bottom. A run of rows that each split into exactly two text
 * parts with a wide gap between is two columns side by side (issuer | national motto, recipients
 * | signature): the left column is read down first, then the right.
 */
export function readingOrder(lines: OcrLine[], pageWidth: number): OcrWord[][] {
  // a line far taller than the page's lines (a signature, a seal read as letters) would join the
  // rows of text beside it into one: it is a row of its own
  const heights = lines.map((line) => line.box.y1 - line.box.y0).sort((a, b) => a - b);
  const usual = heights[Math.floor(heights.length / 2)] ?? 0;
  const tall = (line: OcrLine) => line.box.y1 - line.box.y0 > TALL_LINE * usual;
  const rows = visualLines(lines, (row, line) => !tall(line) && row.every((other) => !tall(other)) && row.some((other) => verticalOverlap(other.box, line.box) > 0.5));

  const text = (line: OcrLine) => line.words.map((w) => w.text).join(' ');
  const isTwoColumns = (row: OcrLine[]) =>
    row.length === 2 &&
    row.every((line) => /\p{L}{2}/u.test(text(line))) &&
    (row[1]?.box.x0 ?? 0) - (row[0]?.box.x1 ?? 0) > pageWidth * 0.05;

  const out: OcrWord[][] = [];
  for (let i = 0; i < rows.length; ) {
    if (isTwoColumns(rows[i] ?? [])) {
      let end = i;
      while (end < rows.length && isTwoColumns(rows[end] ?? [])) end++;
      const band = rows.slice(i, end);
      out.push(...band.map((row) => row[0]!.words), ...band.map((row) => row[1]!.words));
      i = end;
      continue;
    }
    out.push((rows[i] ?? []).flatMap((line) => line.words));
    i++;
  }
  return out;
}

/** The text of lines of words (words apart by a space, lines by a line break), each word placed in it. */
export function placeWords(textLines: OcrWord[][]): { text: string; placed: PlacedWord[] } {
  const placed: PlacedWord[] = [];
  let text = '';
  textLines.forEach((words, i) => {
    if (i > 0) text += '\n';
    words.forEach((word, j) => {
      if (j > 0) text += ' ';
      placed.push({ start: text.length, end: text.length + word.text.length, word });
      text += word.text;
    });
  });
  return { text, placed };
}

export function assemblePage(words: OcrWord[], pageWidth: number): OcrPage {
  const lines = engineLines(words);
  const confidence = words.length ? words.reduce((sum, w) => sum + w.confidence, 0) / words.length : 0;
  return { words, lines, ...placeWords(readingOrder(lines, pageWidth)), confidence };
}
