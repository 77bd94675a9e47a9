// Tables in text: runs of tab-separated lines, as a text layer or a spreadsheet export writes them.
// Blank lines inside a run (a page break in the source) do not end it; a line of prose does.
import { cellText, type TableGrid } from './grid.js';

/** A table line has at least this many tab-separated cells. */
const MIN_CELLS = 3;

const isTableLine = (line: string) => line.split('\t').length >= MIN_CELLS;

/** The line above a table that names it: the closest non-empty line, without list numbering. */
function titleAbove(lines: string[], index: number): string | null {
  for (let i = index - 1; i >= Math.max(0, index - 4); i--) {
    const text = cellText(lines[i] ?? '')
      .replace(/^#+\s*/u, '')
      .replace(/^(?:\d{1,2}|[a-zđ]|[IVX]{1,4})[.)]\s+/iu, '')
      .replace(/^(?:bảng|biểu|phụ lục)\s+(?:số\s+)?[\dIVX]+\s*[.:-]\s*/iu, '')
      .replace(/[:.]\s*$/u, '')
      .trim();
    if (text !== '') return text;
  }
  return null;
}

export function findTextGrids(pages: { page: number; text: string }[]): TableGrid[] {
  const grids: TableGrid[] = [];
  for (const { page, text } of pages) {
    const lines = text.split('\n');
    let i = 0;
    while (i < lines.length) {
      if (!isTableLine(lines[i]!)) {
        i++;
        continue;
      }
      const start = i;
      const rows: string[][] = [];
      let end = i;
      for (let j = i; j < lines.length; j++) {
        const line = lines[j]!;
        if (isTableLine(line)) {
          rows.push(line.split('\t').map(cellText));
          end = j + 1;
        } else if (line.trim() !== '') break;
      }
      const width = Math.max(...rows.map((row) => row.length));
      grids.push({
        page,
        title: titleAbove(lines, start),
        rows: rows.map((row) => [...row, ...new Array<string>(width - row.length).fill('')]),
        rowPages: rows.map(() => page),
      });
      i = end;
    }
  }
  return grids;
}
