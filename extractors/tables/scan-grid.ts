// Tables on scanned pages: the ruled grid (pages/ruled-lines.ts) gives rows and columns, and
// each OCR word goes to the cell its centre falls in. A grid whose first row is already a body row
// continues the table before it (on this page or the previous one), in that table's columns.
// A page with no ruled grid goes to the unruled reader (unruled-grid.ts).
import { centresWithin, visualLines, type OcrWord } from '../../pages/ocr-result.js';
import { ruledBlocks, SAME_LINE } from '../../pages/ruled-lines.js';
import { cellText, type TableGrid } from './grid.js';
import { mendLostDecimals } from './decimals.js';
import { isBodyRow } from './read-table.js';
import { titleAbove, type ScannedPage } from './scan-page.js';
import { unruledGrids, type Unruled } from './unruled-grid.js';

/** The text of the words in a box, line by line, left to right. */
function textIn(words: OcrWord[], x0: number, x1: number, y0: number, y1: number): string {
  const inside = words.filter((w) => {
    const [cx, cy] = [(w.box.x0 + w.box.x1) / 2, (w.box.y0 + w.box.y1) / 2];
    return cx >= x0 && cx < x1 && cy >= y0 && cy < y1;
  });
  // a short mark (a dash) sits on the line of the letters around it: compare with the taller
  const lines = visualLines(inside, ([first], word) =>
    centresWithin(first!.box, word.box, Math.max(first!.box.y1 - first!.box.y0, word.box.y1 - word.box.y0)),
  );
  const joined = cellText(lines.map((line) => line.map((w) => w.text).join(' ')).join(' '));
  // a ruled line at the cell's edge read as a mark (J is no Vietnamese letter)
  const text = joined.replace(/^[_|[\]J!]+(?=\s|\p{Lu}|\d)\s*/u, '').replace(/\s*[|[\]_]$/u, '');
  // a number OCR split into pieces ("1 202", "1. 202") is one number in its cell
  return /^[\d.,\s]+$/u.test(text) ? text.replace(/\s+/gu, '') : text;
}

/**
 * OCR sometimes reads across a ruled line, as one word (17001|19116, 11231251): such a word is
 * cut at the line, at the rule's mark when it printed one, else where the line falls among its
 * evenly spaced characters.
 */
function splitAtEdges(words: OcrWord[], columns: number[]): OcrWord[] {
  return words.flatMap((word) => {
    const { x0, x1 } = word.box;
    const margin = (x1 - x0) / Math.max(1, word.text.length) / 2;
    const edge = columns.find((x) => x > x0 + margin && x < x1 - margin);
    if (edge === undefined || word.text.length < 2) return [word];
    const mark = /[|\[\]J]/u.exec(word.text.slice(1, -1));
    const cut = mark ? mark.index + 1 : Math.round((word.text.length * (edge - x0)) / (x1 - x0));
    const left = { ...word, text: word.text.slice(0, cut), box: { ...word.box, x1: edge - 1 } };
    const right = { ...word, text: word.text.slice(mark ? cut + 1 : cut), box: { ...word.box, x0: edge + 1 } };
    return splitAtEdges([left, right].filter((w) => w.text !== ''), columns);
  });
}

/**
 * The cells of a ruled block, band by band. A cell merged over several columns (a heading over its
 * sub-headings, "Tổng cộng" over the row number and the name) has no rule between them in its band:
 * its text goes to the first of its columns, as a text layer prints it.
 */
function cellsOf(words: OcrWord[], rows: number[], columns: number[], walls: number[][] | null, dpi: number): string[][] {
  const split = splitAtEdges(words, columns);
  return rows.slice(0, -1).map((top, r) => {
    const bandWalls = walls?.[r] ?? columns;
    const ruled = (x: number) => bandWalls.some((wall) => Math.abs(wall - x) <= SAME_LINE * dpi);
    const cells = columns.slice(0, -1).map(() => '');
    let start = 0;
    for (let c = 1; c < columns.length; c++) {
      if (c < columns.length - 1 && !ruled(columns[c]!)) continue;
      cells[start] = textIn(split, columns[start]!, columns[c]!, top, rows[r + 1]!);
      start = c;
    }
    return cells;
  });
}

export function findScanGrids(pages: ScannedPage[]): TableGrid[] {
  const grids: TableGrid[] = [];
  let previous: { grid: TableGrid; columns: number[] } | null = null;
  let unruled: Unruled | null = null;
  for (const page of pages) {
    const blocks = ruledBlocks(page.rules, page.dpi);
    if (blocks.length === 0) {
      const found = unruledGrids(page, unruled);
      grids.push(...found.map((f) => f.grid));
      unruled = found.at(-1) ?? unruled;
      continue;
    }
    for (const block of blocks) {
      const own = cellsOf(page.words, block.rows, block.columns, block.walls, page.dpi);
      if (previous && own.length > 0 && isBodyRow(own[0]!)) {
        // the same table, drawn again on this page: its columns, moved by how far the right edges moved
        const shift = block.columns.at(-1)! - previous.columns.at(-1)!;
        const columns = previous.columns.map((x) => x + shift);
        const rows = cellsOf(page.words, block.rows, columns, null, page.dpi);
        previous.grid.rows.push(...rows);
        previous.grid.rowPages.push(...rows.map(() => page.page));
        continue;
      }
      const grid: TableGrid = { page: page.page, title: titleAbove(page, block.rows[0]!), rows: own, rowPages: own.map(() => page.page) };
      grids.push(grid);
      previous = { grid, columns: block.columns };
    }
  }
  return grids.map((grid) => ({ ...grid, rows: mendLostDecimals(grid.rows) }));
}
