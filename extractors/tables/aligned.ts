// Columns of a table laid out by position without ruled lines: text aligned with spaces, or OCR
// words on a page whose grid was not printed. Positions are characters or pixels alike.
import { cellText } from './grid.js';

export interface Segment {
  text: string;
  start: number;
  end: number;
}

export interface Extent {
  start: number;
  end: number;
}

/**
 * Columns of space-aligned lines: where the pieces of the lines with numbers overlap (a label
 * left-aligned, numbers right-aligned, all inside their column), and header pieces over no such
 * column (a month with no number on this page) unless the header is known to stand over the body's
 * columns only (`headerColumns` false).
 */
/** A piece that is a number as printed or read: digits, dots and commas. */
export const isNumber = (text: string) => /^[\d.,]+$/u.test(text);

/**
 * A line of a table's body: at least half its pieces numbers, one of them no bare year (a header
 * line with a stray digit OCR saw, a line of years or of the columns' numbers over them, is none).
 */
export const isNumberLine = (line: Segment[]) =>
  2 * line.filter((piece) => isNumber(piece.text)).length >= line.length &&
  line.some((piece) => isNumber(piece.text) && !/^(?:19|20)\d{2}$/u.test(piece.text)) &&
  !countsColumns(line);

/** A header line that counts columns: 1 2 3 … 12 under "Tháng", the columns' numbers. */
function countsColumns(line: Segment[]): boolean {
  const small = line.map((piece) => piece.text).filter((text) => /^\d{1,2}$/u.test(text)).map(Number);
  // one by one (OCR may misread one or two): a body's small counts rarely run so
  return small.length >= 4 && small.filter((n, i) => i > 0 && n === small[i - 1]! + 1).length >= small.length - 3;
}

export function alignedColumns(pieces: Segment[][], headerColumns = true): Extent[] {
  const columns: Extent[] = [];
  const overlapping = (piece: Extent) => columns.filter((c) => piece.start <= c.end && piece.end >= c.start);
  // narrow pieces first: a wide one over two columns is a cell spanning them ("Tổng cộng" over
  // STT and name), not a sign that they are one
  for (const piece of pieces.filter(isNumberLine).flat().sort((a, b) => a.end - a.start - (b.end - b.start))) {
    const under = overlapping(piece);
    if (under.length === 0) columns.push({ start: piece.start, end: piece.end });
    else if (under.length === 1) {
      under[0]!.start = Math.min(under[0]!.start, piece.start);
      under[0]!.end = Math.max(under[0]!.end, piece.end);
    }
  }
  for (const piece of headerColumns ? pieces.filter((line) => !isNumberLine(line)).flat() : []) {
    if (!columns.some((c) => piece.start <= c.end && piece.end >= c.start)) columns.push({ start: piece.start, end: piece.end });
  }
  return columns.sort((a, b) => a.start - b.start);
}

/**
 * Each piece of a line goes to the column it overlaps most; in a header line, a heading that spans
 * several columns (it covers two or more whole) goes to the first column it reaches, as a text
 * layer prints it.
 */
export function alignedRows(pieces: Segment[][], columns: Extent[]): string[][] {
  return pieces.map((line) => {
    const cells = columns.map(() => '');
    const header = !line.some((piece) => isNumber(piece.text));
    for (const piece of line.flatMap((p) => splitAcross(p, columns))) {
      const overlap = (c: Extent) => Math.min(c.end, piece.end) - Math.max(c.start, piece.start);
      const covered = columns.filter((c) => overlap(c) > 0);
      const spans = header && covered.filter((c) => piece.start <= c.start && piece.end >= c.end).length >= 2;
      // (a piece over no column goes to the nearest: overlap is then minus the distance)
      const at = spans ? columns.indexOf(covered[0]!) : columns.reduce((best, c, k) => (overlap(c) > overlap(columns[best]!) ? k : best), 0);
      cells[at] = cellText(`${cells[at]} ${piece.text}`);
    }
    return cells;
  });
}

// a number as a table prints it: 857.713, 100,1, 96,17
const PRINTED_NUMBER = /^\d{1,3}(?:\.\d{3})*(?:,\d{1,3})?$/u;

/**
 * Numbers OCR ran together across columns ("857.713872.000873.127" over three columns) cut where
 * the columns part, each cut moved to the nearest place that leaves printed numbers on both sides.
 */
function splitAcross(piece: Segment, columns: Extent[]): Segment[] {
  const covered = columns.filter((c) => Math.min(c.end, piece.end) - Math.max(c.start, piece.start) > 0);
  if (covered.length < 2 || !isNumber(piece.text) || PRINTED_NUMBER.test(piece.text)) return [piece];
  const perChar = (piece.end - piece.start) / piece.text.length;
  const cuts: number[] = [];
  for (let k = 1; k < covered.length; k++) {
    const between = (covered[k - 1]!.end + covered[k]!.start) / 2;
    const guess = Math.round((between - piece.start) / perChar);
    const from = cuts.at(-1) ?? 0;
    const fits = (at: number) => at > from && at < piece.text.length && PRINTED_NUMBER.test(piece.text.slice(from, at));
    const cut = [0, -1, 1, -2, 2, -3, 3].map((d) => guess + d).find(fits);
    if (cut === undefined) return [piece];
    cuts.push(cut);
  }
  const bounds = [0, ...cuts, piece.text.length];
  const parts = bounds.slice(0, -1).map((at, i) => ({
    text: piece.text.slice(at, bounds[i + 1]),
    start: piece.start + at * perChar,
    end: piece.start + bounds[i + 1]! * perChar,
  }));
  return parts.every((part) => PRINTED_NUMBER.test(part.text)) ? parts : [piece];
}

/**
 * A header laid out by position whose cells run over several lines at different heights (a
 * yearbook's, centred in tall cells) as one row per level: the headings over two or more whole
 * columns, at the first they reach, then each column's own words top to bottom.
 */
export function collapsedHeader(lines: Segment[][], columns: Extent[]): string[][] {
  if (lines.length === 0) return [];
  const spanning = columns.map(() => '');
  const own = columns.map(() => '');
  for (const piece of lines.flat()) {
    const overlap = (c: Extent) => Math.min(c.end, piece.end) - Math.max(c.start, piece.start);
    const whole = columns.filter((c) => piece.start <= c.start && piece.end >= c.end);
    if (whole.length >= 2) {
      const at = columns.indexOf(columns.find((c) => overlap(c) > 0)!);
      spanning[at] = cellText(`${spanning[at]} ${piece.text}`);
      continue;
    }
    const at = columns.reduce((best, c, k) => (overlap(c) > overlap(columns[best]!) ? k : best), 0);
    own[at] = cellText(`${own[at]} ${piece.text}`);
  }
  return spanning.some((cell) => cell !== '') ? [spanning, own] : [own];
}
