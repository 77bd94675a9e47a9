// Tables in text: runs of lines split into cells by tabs (a text layer, a spreadsheet export) or
// by runs of spaces (pdftotext -layout, typed tables). Blank lines inside a run (a page break in
// the source) do not end it; a line of prose does. A table whose run starts with a body row on a
// later page continues the table before it.
import { cellText, tableTitle, type TableGrid } from './grid.js';
import { alignedColumns, alignedRows, type Extent, type Segment } from './aligned.js';
import { isBodyRow, isHeaderRow } from './read-table.js';

/** A table line has at least this many cells. */
const MIN_CELLS = 3;
/** Space-aligned cells are parted by at least two spaces. */
const GAP = /\s{2,}/u;

const isTabbed = (line: string) => line.split('\t').length >= MIN_CELLS;

function segments(line: string): Segment[] {
  const found: Segment[] = [];
  for (const match of line.matchAll(/\S+(?: \S+)*/gu)) found.push({ text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  return found;
}

const isSpaced = (line: string) => !line.includes('\t') && line.trim().split(GAP).length >= MIN_CELLS;

/** How long a line of words inside a table may be. */
const INTERLUDE_CHARS = 60;

/** A short line of words, or a heading's wrapped end ("2023", "(%)⇥(%)"). */
const isInterlude = (line: string) => {
  const text = line.trim();
  // a heading's wrapped words may hold a year ("2024⇥với dự toán"), a row's numbers never stand alone here
  return text.length <= INTERLUDE_CHARS && (!/\d/u.test(text.replace(/\b(?:19|20)\d{2}\b/gu, '')) || text.split(/\s+/u).length <= 2);
};

/** How many short lines in a row may stand inside a table (a header's lines, a label and its English). */
const INTERLUDE_LINES = 8;

/**
 * A row whose cell broke over two lines (a wrapped name: "5⇥Huyện Đức" then "Thọ⇥16⇥16⇥100,0"), as
 * one line, when the two together make a row as wide as the table; else null.
 */
function brokenCell(line: string, next: string, width: number): string | null {
  const [head, tail] = [line.split('\t'), next.split('\t')];
  if (head.length < 2 || head.length >= width || head.length + tail.length - 1 !== width) return null;
  if ((head.at(-1) ?? '').trim() === '' || (tail[0] ?? '').trim() === '') return null;
  return [...head.slice(0, -1), `${head.at(-1)!.trim()} ${tail[0]!.trim()}`, ...tail.slice(1)].join('\t');
}

/** The table line that comes next from `from`, past blank lines and a few short ones, or null. */
function nextTableLine(lines: string[], from: number, isTableLine: (line: string) => boolean): string | null {
  let short = 0;
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.trim() === '') continue;
    if (isTableLine(line)) return line;
    if (!isInterlude(line) || ++short > INTERLUDE_LINES) return null;
  }
  return null;
}

/** The last line of a name that wrapped below its table's last row: "Bình Phước", "(tiếp nhận tại chỗ)". */
const isNameEnd = (line: string) => line.trim().length <= 40 && !/[\d:]/u.test(line) && /^(?:\p{Lu}[\p{L} ]*\p{Ll}|\()/u.test(line.trim());

/** The line above a table that names it: the closest non-empty one. */
function titleAbove(lines: string[], index: number): string | null {
  for (let i = index - 1; i >= Math.max(0, index - 4); i--) {
    const title = tableTitle(lines[i] ?? '');
    if (title !== null) return title;
  }
  return null;
}

export function findTextGrids(pages: { page: number; text: string }[]): TableGrid[] {
  const grids: TableGrid[] = [];
  // the columns of the last space-aligned table: a continuation on the next page keeps them
  let lastColumns: Extent[] | null = null;
  for (const { page, text } of pages) {
    const lines = text.split('\n');
    let i = 0;
    while (i < lines.length) {
      const tabbed = isTabbed(lines[i]!);
      if (!tabbed && !isSpaced(lines[i]!)) {
        i++;
        continue;
      }
      // inside a space-aligned table a row may have only a name and one number (a sub-row)
      const isTableLine = tabbed ? isTabbed : (line: string) => !line.includes('\t') && line.trim().split(GAP).length >= 2;
      // a header's upper row of two cells ("Đơn vị⇥Năm" over the years) starts the table
      const start = tabbed && i > 0 && lines[i - 1]!.split('\t').length === 2 && lines[i - 1]!.trim() !== '' ? i - 1 : i;
      const block: string[] = [];
      // the block's widest row and whether a body row is in it yet, kept as rows are added
      let widest = 0;
      let inBody = false;
      const add = (row: string) => {
        block.push(row);
        widest = Math.max(widest, row.split('\t').length);
        inBody ||= isBodyRow(row.split(tabbed ? '\t' : GAP).map(cellText));
      };
      if (start < i) add(lines[start]!);
      let end = i;
      for (let j = i; j < lines.length; j++) {
        const line = lines[j]!;
        // (in the body, or a row's start: a header's wrapped words over the first row are no broken name)
        const startsRow = /^(?:\d{1,3}|[IVX]{1,5})[.)]?\t/u.test(line);
        const broken = tabbed && (inBody || startsRow) ? brokenCell(line, lines[j + 1] ?? '', widest) : null;
        if (broken !== null) {
          add(broken);
          end = j + 2;
          j++;
        } else if (isTableLine(line)) {
          add(line);
          end = j + 1;
        } else if (line.trim() !== '') {
          // a short line of words between table lines (a label's second-language line, "TOTAL",
          // a wrapped name, a heading's wrapped words) belongs to the table, unless a new header
          // follows it (it is the next table's title); so does a wrapped name's end right under
          // the last row; anything else ends the table
          const next = isInterlude(line) ? nextTableLine(lines, j + 1, isTableLine) : null;
          const nextCells = next?.split(tabbed ? '\t' : GAP).map(cellText) ?? [];
          const newTable = inBody && isHeaderRow(nextCells) && !isBodyRow(nextCells);
          const nameEnd = next === null && inBody && j === end && isNameEnd(line);
          if ((next === null || newTable) && !nameEnd) break;
          add(tabbed ? `${line.trim()}\t` : line);
          end = j + 1;
          if (nameEnd) break;
        }
      }
      i = end;
      const previous = grids[grids.length - 1];
      const continues = (first: string[]) => previous !== undefined && previous.page < page && isBodyRow(first);
      let rows: string[][];
      if (tabbed) rows = block.map((line) => line.split('\t').map(cellText));
      else {
        const pieces = block.map(segments);
        const own = alignedColumns(pieces);
        const columns: Extent[] = lastColumns && continues(alignedRows(pieces, own)[0]!) ? lastColumns : own;
        rows = alignedRows(pieces, columns);
        lastColumns = columns;
      }
      const width = Math.max(...rows.map((row) => row.length));
      const padded = rows.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]);
      if (continues(padded[0]!) && previous!.rows[0]?.length === width) {
        previous!.rows.push(...padded);
        previous!.rowPages.push(...padded.map(() => page));
        continue;
      }
      grids.push({ page, title: titleAbove(lines, start), rows: padded, rowPages: padded.map(() => page) });
    }
  }
  return grids;
}
