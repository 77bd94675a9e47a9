// What each column of a table holds, from its header cells: the row number (STT), the unit's name
// (Đơn vị), months (Tháng 1 … Tháng 12, T1 …, or 1 … 12 under a "Tháng" heading), a year, the
// target (Chỉ tiêu, Kế hoạch, or the table's own year), the total (Tổng cộng, Cộng) and the rate
// (Tỷ lệ, %). Column keys follow the contract: T1…T12, target, total, percent; other years by
// their number; anything else by its header text.
import { fold } from '../../lang/vietnamese.js';
import { alignHeaderRows } from './header-spans.js';
import { trimEnd } from './grid.js';

type ColumnRole = 'index' | 'label' | 'value';

interface Column {
  role: ColumnRole;
  /** the key of a value column in the table's cells */
  key: string;
}

/** The month a column key counts (T1 … T12), or null. */
export function monthOf(key: string): number | null {
  const month = /^T([1-9]|1[0-2])$/u.exec(key)?.[1];
  return month ? Number(month) : null;
}

// (a header may carry its second-language word: "STT No.")
const INDEX = /^(?:stt|so tt|tt|so thu tu)(?:\s|$)/u;
// the unit's name heads its column ("Đơn vị", "Đơn vị hành chính"); "Thực hiện (đơn vị máu)" is a measure
const LABEL = /^(?:don vi|ten|dia phuong|co quan|noi dung|huyen|xa)\b/u;
const PERCENT = /\b(?:ty le|ti le)\b|%/u;
const TOTAL = /\b(?:tong cong|tong so|tong|cong|ca nam)\b/u;
const TARGET = /\b(?:chi tieu|ke hoach|du toan)\b/u;
// (a yearbook's preliminary figures, "Sơ bộ 2023", are results too)
const ACHIEVED = /\b(?:thuc hien|ket qua|tiep nhan|da dat|so bo)\b/u;
const MONTH = /\b(?:thang|t)\s*(\d{1,2})\b/gu;
const QUARTER = /^quy\s*([ivx]+|[1-4])$/u;
// a sub-heading that names a part of the heading above it ("Trong đó: Thu tiền sử dụng đất")
const PART = /^(?:trong do|chia ra|gom|bao gom)\b/u;
const YEAR = /\b((?:19|20)\d{2})\b/u;
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * A value column's key from its headings, top to bottom: the lowest heading says what the column
 * counts (a month, a quarter, a part), the ones above it what measure and year.
 */
function valueKey(levels: string[], year: number | null, monthHeading: boolean, series: boolean): string {
  // (OCR may put a mark before a heading: ", Quý I")
  const folded = levels.map((level) => fold(level).replace(/\s+/gu, ' ').replace(/^[^\p{L}\d(%]+/u, '').trim());
  const text = folded.join(' ');
  const lowest = folded.at(-1) ?? '';
  const printed = levels.join(' ').replace(/\s+/gu, ' ').trim();
  if (PERCENT.test(text)) return 'percent';
  const months = [...lowest.matchAll(MONTH)].map((m) => Number(m[1]));
  const bare = /^\d{1,2}$/u.test(lowest) && monthHeading ? Number(lowest) : null;
  const month = months.at(-1) ?? bare;
  if (month !== null && month >= 1 && month <= 12) return `T${month}`;
  const quarter = QUARTER.exec(lowest)?.[1];
  if (quarter) return `Q${ROMAN[quarter] ?? quarter}`;
  // a part ("Trong đó: Thu tiền sử dụng đất", or a crop under "Chia ra") is named by its words
  if (PART.test(lowest)) return levels.at(-1)!.trim();
  if (folded.slice(0, -1).some((level) => PART.test(level))) return printed;
  if (TOTAL.test(text)) return 'total';
  const printedYear = YEAR.exec(text)?.[1];
  if (printedYear) {
    const value = Number(printedYear);
    // in a series of years (2019 … 2023) the table's own year is one of them, not its target
    if (value !== year || series) return printedYear;
    return ACHIEVED.test(text) && !TARGET.test(text) ? 'total' : 'target';
  }
  if (TARGET.test(text)) return 'target';
  if (ACHIEVED.test(text)) return 'total';
  return printed || 'value';
}

function readColumn(levels: string[], year: number | null, series: boolean): Column {
  const text = fold(levels.join(' ')).replace(/\s+/gu, ' ').trim();
  if (INDEX.test(text)) return { role: 'index', key: 'index' };
  if (LABEL.test(text)) return { role: 'label', key: 'label' };
  return { role: 'value', key: valueKey(levels, year, /\bthang\b/u.test(text), series) };
}

/**
 * A month or quarter whose heading did not read (OCR's "Quy IH") between the ones before and after
 * it (Q2, ?, Q4) takes its place in the run.
 */
function fillSequences(columns: Column[]): void {
  const step = (key: string | undefined) => /^([TQ])(\d{1,2})$/u.exec(key ?? '');
  columns.forEach((column, j) => {
    const [before, after] = [step(columns[j - 1]?.key), step(columns[j + 1]?.key)];
    if (column.role !== 'value' || step(column.key) || !before || !after || before[1] !== after[1]) return;
    if (Number(after[2]) - Number(before[2]) === 2) column.key = `${before[1]}${Number(before[2]) + 1}`;
  });
}

/** Keys printed twice (two "Tổng số" under two headings) take their headings' words, then a count. */
function uniqueKeys(columns: Column[], headers: string[]): Column[] {
  const seen = new Set<string>();
  return columns.map((column, j) => {
    if (column.role !== 'value') return column;
    let key = seen.has(column.key) ? headers[j] || column.key : column.key;
    for (let n = 2; seen.has(key); n++) key = `${headers[j] || column.key} (${n})`;
    seen.add(key);
    return { ...column, key };
  });
}

/**
 * The columns of a table from its header rows (top to bottom). A heading that spans several columns
 * ("THÁNG" over 1 … 12) is printed once, in its first column: the columns to its right whose cell
 * is empty in that row share it.
 */
/** A header row in a second language only ("No. | Administrative unit | Area (km2)"). */
const isSecondLanguage = (row: string[]) => {
  const cells = row.filter((cell) => cell.trim() !== '');
  return cells.length >= 2 && cells.every((cell) => /^[\x20-\x7e]+$/u.test(cell)) && cells.some((cell) => /[A-Za-z]{3,}/u.test(cell));
};

export function readColumns(printedRows: string[][], year: number | null, body: string[][]): Column[] {
  const width = Math.max(0, ...printedRows.map((row) => row.length), ...body.map((row) => row.length));
  const headerRows = alignHeaderRows(
    printedRows.filter((row, i) => (i === 0 || !isSecondLanguage(row)) && !isColumnNumbers(row)),
    width,
    body,
  );
  const spanned = headerRows.map((row, r) => {
    const out: string[] = [];
    let carry = '';
    for (let j = 0; j < width; j++) {
      const cell = row[j] ?? '';
      // a spanning heading carries only over columns that have a heading below it
      const below = headerRows.slice(r + 1).some((lower) => (lower[j] ?? '') !== '');
      if (cell !== '') carry = cell;
      out.push(cell !== '' ? cell : below ? carry : '');
    }
    return out;
  });
  // (without the marks OCR sees at a cell's edge: ", " or ": Đơn vị")
  const clean = (cell: string) => cell.replace(/^[^\p{L}\d(%]+|[^\p{L}\d)%.]+$/gu, '');
  const levels = Array.from({ length: width }, (_, j) => spanned.map((row) => clean(row[j] ?? '')).filter((cell) => cell !== ''));
  const series = levels.filter((headings) => /^(?:năm\s+)?(?:19|20)\d{2}$/iu.test(headings.at(-1)?.trim() ?? '')).length >= 3;
  const columns = uniqueKeys(
    levels.map((headings) => readColumn(headings, year, series)),
    levels.map((headings) => headings.join(' ').replace(/\s+/gu, ' ').trim()),
  );
  fillSequences(columns);
  // without a "Đơn vị" heading, the unit's name is the first column that is not the row number
  if (!columns.some((c) => c.role === 'label')) {
    const first = columns.findIndex((c) => c.role !== 'index');
    if (first >= 0) columns[first] = { role: 'label', key: 'label' };
  }
  return columns;
}

const COLUMN_NUMBER = /^(?:[A-D]|\(?\d{1,2}\)?|\(?\d{1,2}\)?\s*=\s*[\d\s+\-*/x:()]+)$/u;

/**
 * The row that numbers a table's columns (A, B, 1, 2, 3 …, with their formulas), as printed or as
 * OCR gives it ("A | 8 | 1 | 2 | … | =2+3+4+§"): it numbers every column, the row number's and the
 * name's too, and its letters, brackets or formulas set it apart from month numbers under "Tháng".
 */
export function isColumnNumbers(row: string[]): boolean {
  const cells = trimEnd(row).map((cell) => cell.trim());
  if (cells.length < 3 || cells.some((cell) => cell === '' || /\p{L}{2}/u.test(cell))) return false;
  if (!cells.some((cell) => /^[A-D]$|[()=]/u.test(cell))) return false;
  if (cells.filter((cell) => COLUMN_NUMBER.test(cell)).length < 0.7 * cells.length) return false;
  // the plain numbers among them count up one by one
  const numbers = cells.filter((cell) => /^\(?\d{1,2}\)?$/u.test(cell)).map((cell) => Number(cell.replace(/[()]/gu, '')));
  return numbers.filter((n, i) => i > 0 && n === numbers[i - 1]! + 1).length >= Math.min(2, numbers.length - 1);
}
