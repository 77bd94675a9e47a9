// Tables on a scanned page with no ruled grid: rows of words parted by wide gaps, whose columns come
// from where the numbered rows' pieces overlap, as in space-aligned text. Where rules run across the
// table (a yearbook's, above and under its header and under its last row), they say where its header
// and its body are.
import { distinctLines } from '../../pages/ruled-lines.js';
import { alignedColumns, alignedRows, collapsedHeader, isNumber, isNumberLine, type Extent } from './aligned.js';
import type { TableGrid } from './grid.js';
import { isBodyRow, isHeaderRow, isTotalLabel } from './read-table.js';
import { pieceRows, titleAbove, type ScannedPage } from './scan-page.js';

export interface Unruled {
  grid: TableGrid;
  columns: Extent[];
}

type PieceRow = ReturnType<typeof pieceRows>[number];

/** The rows of one table on the page: from `start`, its body from `body` where rules say so, to `end`. */
interface Range {
  start: number;
  body: number | null;
  end: number;
}

const texts = (row: PieceRow) => row.pieces.map((piece) => piece.text);
/** A row of a table's body: at least half its pieces numbers (not a header line with a stray digit). */
const isBodyLine = (row: PieceRow) => !isHeaderRow(texts(row)) && isNumberLine(row.pieces);

/** A rule this long (inches) runs across a table: a yearbook's rules above and under its header and under its last row. */
const TABLE_RULE = 2.5;
/** A header stands at most this high (inches) above its body. */
const HEADER_HEIGHT = 3;

/**
 * The row ranges of tables drawn with rules across them but none between the columns (a yearbook):
 * each band between two rules that holds body rows, with the bands above it that hold none (its
 * header), and the rows under the last rule while they read as the table's.
 */
function ruledBands(page: ScannedPage, rows: PieceRow[]): Range[] {
  const across = page.rules.horizontal
    .filter((rule) => rule.to - rule.from >= TABLE_RULE * page.dpi)
    .map((rule) => rule.at)
    .sort((a, b) => a - b);
  const rules = distinctLines(across, (y) => y, page.dpi);
  if (rules.length < 2) return [];
  const bandOf = (row: PieceRow) => rules.filter((y) => y <= row.top).length;
  const bands = Array.from({ length: rules.length + 1 }, (_, b) => rows.map((row, k) => k).filter((k) => bandOf(rows[k]!) === b));
  const ranges: Range[] = [];
  // a band of the body: most of its lines are rows of numbers (a header's lines may hold a stray one)
  const isBodyBand = (band: number[]) => 2 * band.filter((k) => isBodyLine(rows[k]!)).length >= Math.max(1, band.length);
  for (let b = 1; b <= rules.length; b++) {
    let members = bands[b]!;
    if (!isBodyBand(members)) continue;
    // under the last rule, the rows that go on like a table's (a page break before its bottom rule)
    if (b === rules.length) members = members.filter((k, i) => i === 0 || (members.slice(0, i + 1).every((m) => rows[m]!.pieces.length >= 2 || rows[m + 1]?.pieces.length! >= 2)));
    let first = b;
    while (first > 1 && !isBodyBand(bands[first - 1]!) && rules[b - 1]! - rules[first - 2]! <= HEADER_HEIGHT * page.dpi) first--;
    const header = bands.slice(first, b).flat();
    const all = [...header, ...members];
    if (all.length > 0) ranges.push({ start: Math.min(...all), body: Math.min(...members), end: Math.max(...all) + 1 });
  }
  return ranges;
}

/**
 * The row ranges of tables with no rules at all: runs of rows with three or more pieces, two inside
 * a run, where a row of one piece (a wrapped name) does not end the run if the next row goes on.
 */
function pieceRuns(rows: PieceRow[], continuing: boolean): Range[] {
  const ranges: Range[] = [];
  const inRun = (k: number) => (rows[k]?.pieces.length ?? 0) >= 2 || ((rows[k]?.pieces.length ?? 0) === 1 && (rows[k + 1]?.pieces.length ?? 0) >= 2);
  for (let i = 0; i < rows.length; i++) {
    // at the top of a page, a table from the page before may go on with rows of a name and a number
    const top = i === 0 && continuing && rows[i]!.pieces.some((piece) => isNumber(piece.text));
    if (rows[i]!.pieces.length < (top ? 2 : 3)) continue;
    let end = i + 1;
    const isBody = (k: number) => !isHeaderRow(texts(rows[k]!)) && texts(rows[k]!).some(isNumber);
    let bodyRows = isBody(i) ? 1 : 0;
    // a header after the body starts the next table; a total row after the units ends this one (a
    // yearbook prints its total first)
    const ended = (k: number) => (bodyRows > 0 && isHeaderRow(texts(rows[k]!))) || (bodyRows > 1 && isBody(k - 1) && texts(rows[k - 1]!).some(isTotalLabel));
    while (end < rows.length && inRun(end) && !ended(end)) {
      if (isBody(end)) bodyRows++;
      end++;
    }
    ranges.push({ start: i, body: null, end });
    i = end - 1;
  }
  return ranges;
}

/**
 * Tables on a page without a ruled grid, from the row ranges that hold them. A range that starts
 * with a body row continues the table before it, in its columns.
 */
export function unruledGrids(page: ScannedPage, previous: Unruled | null): Unruled[] {
  const rows = pieceRows(page);
  const found: Unruled[] = [];
  const banded = ruledBands(page, rows);
  const ranges = banded.length > 0 ? banded : pieceRuns(rows, previous !== null);
  for (const { start, body, end } of ranges) {
    const run = rows.slice(start, end).map((row) => row.pieces);
    const numbers = (cells: string[][]) => cells.map((row) => row.map((cell) => (/^[\d.,\s]+$/u.test(cell) ? cell.replace(/\s+/gu, '') : cell)));
    // between a yearbook's rules the header's lines break anywhere: the body alone gives the columns
    const own = body === null ? alignedColumns(run) : alignedColumns(rows.slice(body, end).map((row) => row.pieces), false);
    const cells =
      body === null
        ? numbers(alignedRows(run, own))
        : [...collapsedHeader(rows.slice(start, body).map((row) => row.pieces), own), ...numbers(alignedRows(rows.slice(body, end).map((row) => row.pieces), own))];
    const last = found.at(-1) ?? previous;
    if (last && isBodyRow(cells[0]!)) {
      const continued = numbers(alignedRows(run, last.columns));
      last.grid.rows.push(...continued);
      last.grid.rowPages.push(...continued.map(() => page.page));
    } else if (cells.some(isBodyRow)) {
      found.push({ grid: { page: page.page, title: titleAbove(page, rows[start]!.top), rows: cells, rowPages: cells.map(() => page.page) }, columns: own });
    }
  }
  return found;
}
