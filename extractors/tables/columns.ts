// What each column of a table holds, from its header cells: the row number (STT), the unit's name
// (Đơn vị), months (Tháng 1 … Tháng 12, T1 …, or 1 … 12 under a "Tháng" heading), a year, the
// target (Chỉ tiêu, Kế hoạch, or the table's own year), the total (Tổng cộng, Cộng) and the rate
// (Tỷ lệ, %). Column keys follow the contract: T1…T12, target, total, percent; other years by
// their number; anything else by its header text.
import { fold } from '../../pipeline/vietnamese.js';

export type ColumnRole = 'index' | 'label' | 'value';

export interface Column {
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
const TARGET = /\b(?:chi tieu|ke hoach)\b/u;
const MONTH = /\b(?:thang|t)\s*(\d{1,2})\b/gu;
const YEAR = /\b((?:19|20)\d{2})\b/u;

function readColumn(header: string, year: number | null, monthHeading: boolean): Column {
  const text = fold(header).replace(/\s+/gu, ' ').trim();
  if (INDEX.test(text)) return { role: 'index', key: 'index' };
  if (LABEL.test(text)) return { role: 'label', key: 'label' };
  if (PERCENT.test(text)) return { role: 'value', key: 'percent' };
  if (TOTAL.test(text)) return { role: 'value', key: 'total' };
  const months = [...text.matchAll(MONTH)].map((m) => Number(m[1]));
  const bare = /^\d{1,2}$/u.test(text) && monthHeading ? Number(text) : null;
  const month = months.at(-1) ?? bare;
  if (month !== null && month >= 1 && month <= 12) return { role: 'value', key: `T${month}` };
  const printedYear = YEAR.exec(text)?.[1];
  if (printedYear) {
    const value = Number(printedYear);
    return { role: 'value', key: value === year || TARGET.test(text) ? 'target' : printedYear };
  }
  if (TARGET.test(text)) return { role: 'value', key: 'target' };
  return { role: 'value', key: header.trim() || 'value' };
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

export function readColumns(printedRows: string[][], year: number | null): Column[] {
  const headerRows = printedRows.filter((row, i) => i === 0 || !isSecondLanguage(row));
  const width = Math.max(0, ...headerRows.map((row) => row.length));
  const spanned = headerRows.map((row) => {
    const out: string[] = [];
    let carry = '';
    for (let j = 0; j < width; j++) {
      const cell = row[j] ?? '';
      // a spanning heading carries only over columns that have a heading below it
      const below = headerRows.slice(headerRows.indexOf(row) + 1).some((r) => (r[j] ?? '') !== '');
      if (cell !== '') carry = cell;
      out.push(cell !== '' ? cell : below ? carry : '');
    }
    return out;
  });
  const columns = Array.from({ length: width }, (_, j) => {
    const header = spanned.map((row) => row[j] ?? '').filter((cell) => cell !== '').join(' ');
    return readColumn(header, year, /\bthang\b/u.test(fold(header)));
  });
  // without a "Đơn vị" heading, the unit's name is the first column that is not the row number
  if (!columns.some((c) => c.role === 'label')) {
    const first = columns.findIndex((c) => c.role !== 'index');
    if (first >= 0) columns[first] = { role: 'label', key: 'label' };
  }
  return columns;
}
