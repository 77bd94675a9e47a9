// A table as a grid of cell texts, however it was found: tab-separated lines of a text layer, or
// OCR words placed in the ruled cells of a scanned page. Reading the grid (header, rows, numbers,
// checks) is the same for both.
import { parseNumeral } from '../numbers.js';

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

/**
 * A table's title from the line printed above it, without what only numbers it: a heading's
 * markup, list numbering (5., b), II.), a "Bảng 2." label, the closing colon.
 */
export function tableTitle(printed: string): string | null {
  if (isNoteUnderTitle(cellText(printed))) return null;
  const text = cellText(printed)
    .replace(/^#+\s*/u, '')
    .replace(/^(?:\d{1,2}|[a-zđ]|[IVX]{1,4})[.)]\s+/iu, '')
    .replace(/^(?:bảng|biểu|phụ lục)\s+(?:số\s+)?[\dIVX]+\s*[.:-]\s*/iu, '')
    .replace(/[:.]\s*$/u, '')
    .trim();
  return text === '' ? null : text;
}

/**
 * Lines between a table's title and the table that are not its title: the unit note ("Đơn vị tính:
 * ha", "ĐVT: Người - Unit: Person"), a note in brackets ("(Kèm theo Báo cáo số …)"), the title in a
 * second language ("Average population in 2023 by district").
 */
function isNoteUnderTitle(line: string): boolean {
  // (OCR may put Vietnamese marks on the English: "populatton đenstty im 2022 by đistrtct")
  const english = (line.match(/\b(?:by|of|and|in|the|area|population|number|district|province|total|unit)\b/giu) ?? []).length >= 2;
  return /^(?:đơn vị tính|đvt)\b/iu.test(line) || /^\(/u.test(line) || (/^[\x20-\x7e]+$/u.test(line) && /[A-Za-z]{3,}/u.test(line)) || english;
}

/** A row without its trailing empty cells (a text layer keeps them or not). */
export function trimEnd(row: string[]): string[] {
  let end = row.length;
  while (end > 0 && (row[end - 1] ?? '').trim() === '') end--;
  return row.slice(0, end);
}

/**
 * A table cell's number: as in prose (1.234,5), and with a sign where a change is printed
 * ("-1,5", "+3,8"); "-", "…", "x" are no number.
 */
export function cellNumber(text: string): number | null {
  const signed = /^([-−–+])\s?(?=\d)/u.exec(text.trim());
  const value = parseNumeral(signed ? text.trim().slice(signed[0].length) : text);
  return value === null || !signed || signed[1] === '+' ? value : -value;
}

/** Markup a text layer may carry in a cell: <b>Cộng</b>, **Cộng** */
export function cellText(raw: string): string {
  return raw
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/\*\*/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}
