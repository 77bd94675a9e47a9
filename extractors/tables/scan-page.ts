// A scanned page as the table readers see it: its OCR words and lines, its ruled lines, and what
// both readers take from it: the title printed above a table, and the page's visual rows cut into
// pieces (a cell's words) where the gaps between words are wide.
import { centresWithin, visualLines, type OcrLine, type OcrWord } from '../../pages/ocr-result.js';
import type { RuledLines } from '../../pages/ruled-lines.js';
import type { Segment } from './aligned.js';
import { tableTitle } from './grid.js';

export interface ScannedPage {
  page: number;
  dpi: number;
  words: OcrWord[];
  lines: OcrLine[];
  rules: RuledLines;
}

/** The title of a table is printed at most this far (inches) above it. */
const TITLE_DISTANCE = 1.2;

/** The title printed above a table whose top is at `top`, without the notes between them. */
export function titleAbove(page: ScannedPage, top: number): string | null {
  const above = page.lines.filter((line) => line.box.y1 <= top && line.box.y1 >= top - TITLE_DISTANCE * page.dpi).sort((a, b) => b.box.y1 - a.box.y1);
  const textOf = (nearest: OcrLine) =>
    above
      .filter((line) => Math.abs(line.box.y1 - nearest.box.y1) < (nearest.box.y1 - nearest.box.y0) / 2)
      .sort((a, b) => a.box.x0 - b.box.x0)
      .flatMap((line) => line.words.map((w) => w.text))
      .join(' ');
  const centre = (line: OcrLine) => (line.box.x0 + line.box.x1) / 2;
  // the closest line that is a title, not the unit note or the title's second language under it,
  // with the lines of the same centred title above it
  for (const [i, nearest] of above.entries()) {
    if (tableTitle(textOf(nearest)) === null) continue;
    const lines = [nearest];
    for (const line of above.slice(i + 1)) {
      const last = lines.at(-1)!;
      const height = last.box.y1 - last.box.y0;
      if (last.box.y0 - line.box.y1 > height || Math.abs(centre(line) - centre(last)) > 0.3 * page.dpi) break;
      if (Math.abs(line.box.y1 - last.box.y1) >= height / 2) lines.push(line);
    }
    return tableTitle(lines.reverse().map(textOf).join(' '));
  }
  return null;
}

/** A gap between words this many times the line's height parts two cells. */
const CELL_GAP = 0.8;

/** The page's visual rows, top to bottom, each as pieces of words (a cell's text) left to right. */
export function pieceRows(page: ScannedPage): { top: number; pieces: Segment[] }[] {
  // specks OCR read as marks (".", "`", "¬") are no cell's text; a dash or "…" for none is
  const inked = page.words.filter((word) => !/^[^\p{L}\d\-–—…]+$/u.test(word.text));
  const rows = visualLines(inked, ([first], word) => centresWithin(first!.box, word.box, first!.box.y1 - first!.box.y0));
  return rows.map((words) => {
    const height = Math.max(...words.map((w) => w.box.y1 - w.box.y0));
    const pieces: Segment[] = [];
    // a dash OCR saw in the gap between two numbers ("222.305 — 90,62") is no cell's mark: it parts them
    const isNumberWord = (word: OcrWord | undefined) => /^\d[\d.,]*$/u.test(word?.text ?? '');
    const kept = words.filter((word, i) => !(/^[-–—]$/u.test(word.text) && isNumberWord(words[i - 1]) && isNumberWord(words[i + 1])));
    for (const word of kept) {
      const last = pieces[pieces.length - 1];
      // a row number stands in its own column however close the name after it is
      const afterRowNumber = pieces.length === 1 && /^\d{1,3}[.)]?$/u.test(last?.text ?? '') && /^\p{L}/u.test(word.text);
      if (last && !afterRowNumber && word.box.x0 - last.end < CELL_GAP * height) {
        last.text = `${last.text} ${word.text}`;
        last.end = word.box.x1;
      } else pieces.push({ text: word.text, start: word.box.x0, end: word.box.x1 });
    }
    return { top: Math.min(...words.map((w) => w.box.y0)), pieces };
  });
}
