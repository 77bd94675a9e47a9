// Headers of several levels as a text layer gives them: each row prints its cells one after another
// from the first column, with nothing to say which heading they sit under: the sub-headings of a
// spanning heading ("Thực hiện theo tháng" over "Tháng 1 … Tháng 12"), and a heading's wrapped words
// ("Thực hiện" then "năm 2023"). Row by row, each lower cell is put under a heading of the row above
// so that the headers end as wide as the body: a heading takes none, one (its next line) or several
// (its sub-headings, one column each) of them. Which is read from the words (months under "tháng",
// Nam and Nữ under "giới tính", a lowercase line goes on the heading above) and from the body (the
// parts of a "Tổng số" never exceed it).
import { fold } from '../../lang/vietnamese.js';
import { cellNumber, trimEnd } from './grid.js';

// the row number's and the unit's headings never span sub-headings
const ROW_HEADING = /^(?:stt|so tt|tt|so thu tu|don vi|ten|dia phuong|co quan|noi dung|huyen|xa)\b/u;
const SPAN_WORDS = /\b(?:theo|chia ra|trong do|gom|bao gom|phan theo|so luong)\b/u;
const PERCENT = /\b(?:ty le|ti le)\b|%/u;
const MONTH = /^(?:thang|t)\s*\d{1,2}$/u;
const QUARTER = /^quy\s*(?:[ivx]+|\d)$/u;
const WHOLE = /^(?:tong so|tong cong|tong|cong|chung)$/u;

/** A lower header row printed from the first column with no gaps: its cells sit under spanning headings. */
const isCompact = (row: string[]) => {
  const cells = trimEnd(row);
  return cells.length >= 2 && cells.every((cell) => cell !== '');
};

/** How well sub-headings fit under a heading, by their words. */
function wordFit(heading: string, subs: string[]): number {
  const upper = fold(heading);
  const lower = subs.map((s) => fold(s).replace(/\s+/gu, ' ').trim());
  let score = 0;
  const months = lower.every((s) => MONTH.test(s)) || lower.every((s, i) => s === String(i + 1));
  if (months && /\bthang\b/u.test(upper)) score += 3;
  if (lower.every((s) => /\b(?:19|20)\d{2}$/u.test(s))) score += 1;
  if (lower.every((s) => QUARTER.test(s)) && /\bquy\b/u.test(upper)) score += 3;
  // "Phân theo thành thị, nông thôn" over "Thành thị | Nông thôn"
  if (SPAN_WORDS.test(upper)) score += 1 + 2 * lower.filter((s) => s.length >= 2 && upper.includes(s)).length;
  if (PERCENT.test(upper)) score -= 2;
  // a total's heading ("Tổng diện tích", "Tổng số") is no heading over a "Tổng số" of its own
  if (/\btong\b/u.test(upper) && WHOLE.test(lower[0] ?? '')) score -= 2;
  // a heading that gives its own unit ("Chỉ tiêu năm 2024 (đơn vị máu)") names one measure
  if (/\([^)]*\)$/u.test(upper.trim())) score -= 2;
  return score;
}

/** Whether the body agrees: under a "Tổng số" sub-heading, the other sub-columns never exceed it. */
function bodyFit(subs: string[], firstColumn: number, body: string[][]): number {
  if (!WHOLE.test(fold(subs[0] ?? '').trim())) return 0;
  let [agree, disagree] = [0, 0];
  for (const row of body) {
    const whole = cellNumber(row[firstColumn] ?? '');
    if (whole === null) continue;
    const parts = subs.slice(1).map((_, k) => cellNumber(row[firstColumn + 1 + k] ?? '') ?? 0);
    if (parts.some((part) => part > whole)) disagree++;
    else agree++;
  }
  // (by most rows: a total row printed one cell short does not decide)
  if (disagree * 4 > agree + disagree) return -3;
  return agree > 0 ? 2 : 0;
}

/** A lower cell that reads as the next line of the heading above it: "năm 2023", "so với KH", "(%)". */
const continues = (cell: string) => /^(?:\p{Ll}|\()/u.test(cell.trim());

// English words of a yearbook's header ("Total households", "Number (Household)")
const ENGLISH = /\b(?:total|number|rate|households?|of which|area|population|density|male|female|urban|rural|heads?|thous|unit|persons?|enterprises?|output|yield|value|index|prel|by|sex|residence)\b/iu;

/** A header cell in English only, under or beside its Vietnamese: a gloss, no column of its own. */
const isGloss = (cell: string) => /^[\x20-\x7e]+$/u.test(cell) && ENGLISH.test(cell);

/** The block a row of sub-headings repeats ("Số hộ | Tỷ lệ (%)" four times), or null. */
function repeatedBlock(row: string[]): string[] | null {
  for (let size = 2; 2 * size <= row.length; size++) {
    if (row.length % size !== 0) continue;
    if (row.every((cell, i) => cell === row[i % size])) return row.slice(0, size);
  }
  return null;
}

/** The score of a heading taking `cells` of the row below, its first column at `column`. */
function takeScore(heading: string, cells: string[], column: number, body: string[][], block: string[] | null): number {
  const rowHeading = ROW_HEADING.test(fold(heading).trim());
  if (cells.length === 0) return 0;
  if (cells.length === 1) {
    if (heading === '') return -0.5;
    // a heading's next line starts in lowercase; a single sub-heading of its own is rarer
    if (rowHeading) return -1;
    return continues(cells[0]!) ? 1 : -0.5;
  }
  if (heading === '' || rowHeading) return -Infinity;
  // each heading over the same sub-headings, where the row repeats them
  const repeats = block !== null && cells.length === block.length && cells.every((cell, i) => cell === block[i]) ? 2 : 0;
  // (of two places that fit alike, the leftmost heading spans)
  return wordFit(heading, cells) + bodyFit(cells, column, body) + repeats - 2 * cells.filter(continues).length - column / 1000;
}

interface Placement {
  score: number;
  /** per upper column, how many lower cells it takes */
  takes: number[];
}

/**
 * The best way for the headings of `upper` (one per column, '' for none) to take the cells of
 * `lower`, in order, ending `width` columns wide: each heading takes 0 or 1 cell (one column) or
 * k ≥ 2 (k columns).
 */
function place(upper: string[], lower: string[], width: number, body: string[][]): Placement | null {
  const [n, m] = [upper.length, lower.length];
  // best[j][c][w]: the first j headings have taken c cells and make w columns
  const block = repeatedBlock(lower);
  const best = new Map<string, Placement>();
  best.set('0:0:0', { score: 0, takes: [] });
  for (let j = 0; j < n; j++) {
    for (const [key, state] of [...best]) {
      const [sj, c, w] = key.split(':').map(Number) as [number, number, number];
      if (sj !== j) continue;
      for (let k = 0; c + k <= m; k++) {
        const columns = w + Math.max(1, k);
        if (columns > width) break;
        const score = state.score + takeScore(upper[j]!, lower.slice(c, c + k), w, body, block);
        if (score === -Infinity) continue;
        const next = `${j + 1}:${c + k}:${columns}`;
        if ((best.get(next)?.score ?? -Infinity) < score) best.set(next, { score, takes: [...state.takes, k] });
      }
    }
  }
  return best.get(`${n}:${m}:${width}`) ?? null;
}

/** Rows over columns that were split: each cell keeps its first column, the rest of its span empty. */
function widen(row: string[], takes: number[]): string[] {
  return takes.flatMap((k, j) => [row[j] ?? '', ...new Array<string>(Math.max(1, k) - 1).fill('')]);
}

/** Per column, the lowest heading printed over it: what a row below may sit under. */
function lowestHeadings(rows: string[][], width: number): string[] {
  return Array.from({ length: width }, (_, j) => rows.map((row) => row[j] ?? '').filter((cell) => cell !== '').at(-1) ?? '');
}

interface Aligned {
  score: number;
  rows: string[][];
}

/** The best alignment of the compact rows `rest` under the aligned `rows`, ending `width` wide. */
function alignRest(rows: string[][], rest: string[][], width: number, body: string[][]): Aligned | null {
  const now = rows[0]!.length;
  if (rest.length === 0) return now === width ? { score: 0, rows } : null;
  const lower = trimEnd(rest[0]!);
  const upper = lowestHeadings(rows, now);
  let found: Aligned | null = null;
  for (let to = now; to <= width; to++) {
    const placed = place(upper, lower, to, body);
    if (!placed) continue;
    const placedRow = placed.takes.flatMap((k, j) => (k === 0 ? [''] : lower.slice(placed.takes.slice(0, j).reduce((a, b) => a + b, 0), placed.takes.slice(0, j + 1).reduce((a, b) => a + b, 0))));
    const below = alignRest([...rows.map((row) => widen(row, placed.takes)), placedRow], rest.slice(1), width, body);
    if (below && (found === null || placed.score + below.score > found.score)) found = { score: placed.score + below.score, rows: below.rows };
  }
  return found;
}

/** How many columns the body prints before its first number: the row number and the unit's name. */
function leadingColumns(body: string[][]): number {
  const counts = new Map<number, number>();
  for (const row of body) {
    const named = row.findIndex((cell) => /\p{L}/u.test(cell));
    const first = row.findIndex((cell, j) => j > named && cellNumber(cell) !== null);
    if (named >= 0 && first > 0) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1;
}

/**
 * Header rows as a ruled or space-aligned header prints them: every row as wide as the body, each
 * heading in the first column it spans. Rows already laid out so (with empty cells where a heading
 * spans or stands above) are kept; compact rows are placed under the row above them. A header that
 * names no row number or unit's name stands over the value columns only, at the right.
 */
export function alignHeaderRows(printed: string[][], width: number, body: string[][]): string[][] {
  // a heading's wrapped end alone on a row ("Sơ bộ - Prel." then "2023") goes on its heading; English glosses go
  const rows: string[][] = [];
  for (const row of printed) {
    const cells = trimEnd(row);
    const own = rows.length > 0 && cells.some((cell) => !isGloss(cell)) ? cells.filter((cell) => !isGloss(cell)) : cells;
    const above = rows.at(-1);
    if (above && own.length === 1 && own[0] !== '') {
      const last = trimEnd(above).length - 1;
      above[last] = `${above[last]} ${own[0]!.trim()}`;
    } else if (own.length > 0) rows.push(own.length === cells.length ? [...row] : own);
  }
  const top = rows[0];
  if (!top) return [];
  const compactBelow = rows.slice(1).every(isCompact);
  if (rows.length === 1 || !compactBelow) {
    return rows.map((row) => (trimEnd(row).length < width && !row.some((cell) => ROW_HEADING.test(fold(cell).trim())) && row[0] !== '' ? [...new Array<string>(width - trimEnd(row).length).fill(''), ...trimEnd(row)] : row));
  }
  // a header with no heading for the row number and the unit's name leaves their columns out
  const unheaded = !top.some((cell) => ROW_HEADING.test(fold(cell).trim())) && top[0] !== '';
  const lead = unheaded ? leadingColumns(body) : 0;
  const valueBody = body.map((row) => row.slice(lead));
  const start = trimEnd(top);
  const aligned = start.length <= width - lead ? alignRest([start], rows.slice(1).map(trimEnd), width - lead, valueBody) : null;
  if (!aligned) return rows;
  return aligned.rows.map((row) => [...new Array<string>(lead).fill(''), ...row]);
}
