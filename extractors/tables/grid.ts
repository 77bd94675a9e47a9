// A table as a grid of cell texts, however it was found: tab-separated lines of a text layer, or
// OCR words placed in the ruled cells of a scanned page. Reading the grid (header, rows, numbers,
// checks) is the same for both.

export interface TableGrid {
  /** the page the table starts on */
  page: number;
  /** the heading printed above the table, as printed */
  title: string | null;
  /** header and body rows, top to bottom; every row has the same number of cells */
  rows: string[][];
  /** per row, the page it was found on (a table may continue on the next page) */
  rowPages: number[];
}

/** Markup a text layer may carry in a cell: <b>Cộng</b>, **Cộng** */
export function cellText(raw: string): string {
  return raw
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/\*\*/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
