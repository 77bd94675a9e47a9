// Reading a table grid: where the header ends, what each column holds, the rows with their numbers,
// which rows are totals and which are sub-rows of a unit (a company under its city, a branch under
// its company), the table's kind and year from its title.
import type { Table, TableRowSchema } from '../../core/records.js';
import { fold } from '../../lang/vietnamese.js';
import { isColumnNumbers, readColumns } from './columns.js';
import { cellNumber, type TableGrid } from './grid.js';
import type { z } from 'zod';

type TableRow = z.infer<typeof TableRowSchema>;

export interface ReadTable {
  table: Omit<Table, 'checks'>;
  /** per row, whether it is the table's total row */
  totals: boolean[];
  /** per row, whether it heads a group of the rows under it ("I. Khu vực đồng bằng") */
  groups: boolean[];
  /** per row, the page it was printed on */
  rowPages: number[];
  /** per row, the text of each of its number cells that held any, by column key */
  texts: Record<string, string>[];
  /** cells that held text where a number belongs: (row label, column key, text) */
  unreadable: { row: string; column: string; text: string }[];
  /** columns with a cell kept from print ("x": confidential, or no meaning): their totals count it */
  hidden: Set<string>;
}

const ROW_NUMBER = /^\d{1,3}[.)]?$/u;
// a cell with nothing to count: "-", "…"; and one whose number is kept from print: "x"
const NONE = /^(?:[-–—]|…|\.{2,3})$/u;
const HIDDEN = /^[xX]$/u;
const TOTAL_ROW = /^(?:tong cong|tong so|tong|cong|toan tinh|toan huyen|toan thanh pho|toan thi xa|ca tinh)(?: chung)?\s*:?$/u;
// a label that carries its row number ("1. TP. Quảng Ngãi") or its group's Roman numeral ("I. Khu vực đồng bằng")
const NUMBERED_LABEL = /^(\d{1,3})[.)]\s+(?=\S)/u;
const GROUP_LABEL = /^([IVX]{1,5})[.)]\s+(?=\S)/u;
// a group's Roman numeral alone in the row number's column, as printed or as OCR reads its I (L, l, |)
const GROUP_NUMERAL = /^[IVXLl|]{1,5}[.)]?$/u;
// "TỔNG SỐ - TOTAL", "Khu vực đồng bằng - Plain districts": a label and its second-language name
const SECOND_LANGUAGE = /\s+[-–]\s*([A-Za-z][A-Za-z ,.&()/'-]*)?$/u;

// the words of a yearbook's English line under a label ("TOTAL", "Thai Nguyen city", "Plain districts")
const ENGLISH_ADMIN = /\b(?:total|district|districts|city|town|towns|province|commune|communes|ward|wards|urban|rural|of which|region|area|areas|by|residence|sex|male|female|others?|group|type|sector)\b/iu;

// the English of a yearbook's region names
const ENGLISH_PLACE = /\b(?:plain|mountain|mountainous|midland|highland|coastal|delta|island)\b/iu;

/** A label without its second language ("TỔNG SỐ - TOTAL", "Khu vực đồng bằng - Plain districts"); "Công ty Than Hòn Gai - TKV" keeps its own. */
function withoutSecondLanguage(label: string): string {
  const tail = SECOND_LANGUAGE.exec(label);
  if (!tail) return label;
  // a bare dash stays until the next line says whether it led to an English name or went on
  if (tail[1] === undefined) return label;
  const english = ENGLISH_ADMIN.test(tail[1]) || ENGLISH_PLACE.test(tail[1]);
  return english ? label.slice(0, tail.index) : label;
}

/** A label line in a second language under the label above ("TỔNG SỐ -" then "TOTAL"). */
function isSecondLanguageLine(label: string, above: string): boolean {
  return /^[A-Za-z][A-Za-z ,.&()/'-]*$/u.test(label) && (SECOND_LANGUAGE.test(above) || ENGLISH_ADMIN.test(label));
}

// the words a heading over a section of rows starts with
const SECTION = /^(?:phan theo|chia theo|theo|khoi|khu vuc|nhom|vung|loai hinh|trong do)\b/u;

// administrative levels a row's name may start with: a commune-level unit listed under a district is part of it
const DISTRICT_LEVEL = /^(?:huyen|quan|thi xa|thanh pho|tp|tx)\b/u;
const COMMUNE_LEVEL = /^(?:xa|phuong|thi tran|tt)\b/u;

/** Whether a row names a unit one administrative level below the row above it (Thị trấn Hùng Sơn under Huyện Đại Từ). */
const isWithin = (label: string, above: string) => COMMUNE_LEVEL.test(fold(label)) && DISTRICT_LEVEL.test(fold(above));

/** A total row's name: Tổng cộng, Tổng số, Cộng */
export const isTotalLabel = (label: string) => TOTAL_ROW.test(fold(label).replace(/\s*[-–]$/u, ''));

/** The table's kind from its title: giao/phân bổ chỉ tiêu = allocation; thực hiện, kết quả = achieved. */
function tableKind(title: string | null): Table['kind'] {
  const text = fold(title ?? '');
  if (/\b(?:giao chi tieu|phan bo|du kien giao|giao ke hoach)\b/u.test(text)) return 'allocation';
  if (/\b(?:thuc hien|ket qua|tiep nhan|da dat)\b/u.test(text)) return 'achieved';
  return 'target';
}

function titleYear(title: string | null): number | null {
  const years = [...(title ?? '').matchAll(/\b(?:19|20)\d{2}\b/gu)].map((m) => Number(m[0]));
  return years.at(-1) ?? null;
}

/** Words of a table's header: STT, Đơn vị, Tháng, Tỷ lệ, Chỉ tiêu, Kế hoạch. */
const HEADER_WORD = /^(?:stt|so tt|tt)$|\b(?:don vi|thang|ty le|ti le|chi tieu|ke hoach|so bo|chia ra)\b/u;

// the row under a header that numbers its columns: "A | B | 1 | 2 | … | 6=2+3+4+5 | 7=6/1", "(1) | (2)"
/** A row with the words of a table's header, or the row numbering its columns. */
export const isHeaderRow = (row: string[]) => row.some((cell) => HEADER_WORD.test(fold(cell))) || isColumnNumbers(row);

// a bare year (2022, not 2.022) in a header, not a count in the body
const BARE_YEAR = /^(?:19|20)\d{2}$/u;

/**
 * A body row starts with a row number, or names something and has a number after it; a row with
 * header words, or only small numbers (1 … 12 under "Tháng"), is part of the header.
 */
export function isBodyRow(row: string[]): boolean {
  // a numbered row, or a group's row under its Roman numeral ("I | Khối xã, thị trấn"), even with no number printed
  const hasName = row.slice(1).some((cell) => /\p{L}/u.test(cell));
  if (ROW_NUMBER.test(row[0] ?? '') && hasName) return true;
  if (isHeaderRow(row)) return false;
  if (GROUP_NUMERAL.test(row[0] ?? '') && hasName) return true;
  const named = row.findIndex((cell) => /\p{L}/u.test(cell));
  // (numbers in at least half of the cells after the name: a header line with a stray digit is none)
  const after = row.slice(named + 1).filter((cell) => cell.trim() !== '');
  const numbers = after.filter((cell) => cellNumber(cell) !== null && !BARE_YEAR.test(cell.trim()));
  return named >= 0 && numbers.length > 0 && 2 * numbers.length >= after.length;
}

/**
 * Which rows carry a row number. A row without one is a unit's sub-row, unless the numbers around
 * it leave a gap its size (… 20, ?, 22 …): then OCR lost its number.
 */
function rowsWithNumbers(body: string[][], indexAt: number, hasValue: (k: number) => boolean): boolean[] {
  if (indexAt < 0) return body.map(() => false);
  const numbers = body.map((cells) => (ROW_NUMBER.test(cells[indexAt] ?? '') ? parseInt(cells[indexAt]!, 10) : null));
  const numbered = numbers.map((n) => n !== null);
  for (let k = 0; k < body.length; k++) {
    if (numbered[k] || k === 0) continue;
    const before = k - 1;
    let after = k;
    while (after < body.length && numbers[after] === null) after++;
    const [from, to] = [numbers[before], numbers[after]];
    if (from === null || from === undefined || to === null || to === undefined) continue;
    // rows with no number at all continue a name above them: they do not fill the gap
    const lost = Array.from({ length: after - before - 1 }, (_, j) => before + 1 + j).filter(hasValue);
    if (to - from - 1 === lost.length) for (const j of lost) numbered[j] = true;
  }
  return numbered;
}

/**
 * A body row's cells where a text layer dropped one: the name in the row number's column ("TỔNG SỐ"
 * with no STT cell), or no name cell at all (the name printed on the lines above and below the
 * row's numbers).
 */
function restoredCells(cells: string[], indexAt: number, labelAt: number): string[] {
  if ((cells.at(-1) ?? '') !== '' || indexAt < 0 || indexAt >= labelAt) return cells;
  const [first, name] = [cells[indexAt] ?? '', cells[labelAt] ?? ''];
  if (indexAt === 0 && labelAt === 1 && /\p{L}/u.test(first) && cellNumber(name) !== null) return ['', ...cells.slice(0, -1)];
  if (ROW_NUMBER.test(first) && cellNumber(name) !== null) return [...cells.slice(0, labelAt), '', ...cells.slice(labelAt, -1)];
  return cells;
}

// a name's line that cannot end it: "Tập đoàn Công nghiệp Than -", "Văn phòng Đoàn đại biểu Quốc hội và"
const UNFINISHED = /(?:[-–,(&]|\b(?:và|của|các|cho|trên|tại|thuộc|về))$/u;

/** Whether a line of words with no numbers starts the name of the row after it. */
function startsNextName(line: string, next: string[] | undefined): boolean {
  if (UNFINISHED.test(line.trim())) return true;
  return next !== undefined && ROW_NUMBER.test(next[0] ?? '') && cellNumber(next[1] ?? '') !== null;
}

export function readTable(grid: TableGrid, documentYear: number | null): ReadTable | null {
  let bodyStart = grid.rows.findIndex(isBodyRow);
  if (bodyStart <= 0) return null;
  // a first row printed as a name alone, its numbers on its English line ("TỔNG SỐ", "TOTAL⇥…")
  const above = grid.rows[bodyStart - 1]!.filter((cell) => cell !== '');
  const firstName = grid.rows[bodyStart]!.find((cell) => /\p{L}/u.test(cell)) ?? '';
  if (bodyStart > 1 && above.length === 1 && isTotalLabel(above[0]!) && isSecondLanguageLine(firstName, above[0]!)) bodyStart--;
  const year = titleYear(grid.title) ?? documentYear;
  const columns = readColumns(grid.rows.slice(0, bodyStart), year, grid.rows.slice(bodyStart));
  // a first column of row numbers is the index, whatever its heading says (none, its "STT" merged
  // into the next, or OCR's "T")
  const first = columns[0];
  const firstCells = grid.rows.slice(bodyStart).map((row) => row[0] ?? '');
  const rowNumbers = firstCells.filter((cell) => ROW_NUMBER.test(cell) || GROUP_NUMERAL.test(cell)).length;
  if (first && first.role !== 'index' && firstCells.every((cell) => cell === '' || !/\d{4}|\.\d{3}|,\d/u.test(cell)) && rowNumbers * 2 >= firstCells.length) {
    columns[0] = { role: 'index', key: 'index' };
    // the unit's name, taken for the first column for want of a heading, is the next one
    if (first.role === 'label' && columns[1]) columns[1] = { role: 'label', key: 'label' };
  }
  const labelAt = columns.findIndex((c) => c.role === 'label');
  const indexAt = columns.findIndex((c) => c.role === 'index');
  const values = columns.map((c, j) => ({ ...c, j })).filter((c) => c.role === 'value');
  if (labelAt < 0 || values.length === 0) return null;

  const rows: TableRow[] = [];
  const totals: boolean[] = [];
  const rowPages: number[] = [];
  const texts: ReadTable['texts'] = [];
  const unreadable: ReadTable['unreadable'] = [];
  const hidden = new Set<string>();
  let lastNumbered: TableRow | null = null;
  const body = grid.rows.slice(bodyStart);
  const numberedRows = rowsWithNumbers(body, indexAt, (k) => values.some((c) => cellNumber(body[k]![c.j] ?? '') !== null));
  let group: TableRow | null = null;
  const groups: boolean[] = [];
  // the start of a name printed on the line above its row's numbers
  let pending = '';
  body.forEach((printedCells, k) => {
    const cells = restoredCells(printedCells, indexAt, labelAt);
    // a wrapped name's last line may come alone, in the first cell (a text layer's line break)
    const filled = cells.filter((cell) => cell !== '');
    // … and a name merged over the row number's column and its own ("Tổng cộng") sits in the first
    const mergedName = indexAt >= 0 && indexAt < labelAt && /\p{L}{2}/u.test(cells[indexAt] ?? '') && !GROUP_LABEL.test(`${cells[indexAt]} `) ? cells[indexAt]! : '';
    const printed = cells[labelAt] || mergedName || (filled.length === 1 && !/\d/u.test(filled[0]!) ? filled[0]! : '');
    const ownNumber = NUMBERED_LABEL.exec(printed);
    // a group's Roman numeral in its own label or in the row number's column
    const groupMark = GROUP_LABEL.exec(printed) ?? (indexAt >= 0 ? GROUP_NUMERAL.exec(cells[indexAt] ?? '') : null);
    const asPrinted = printed.slice((ownNumber ?? GROUP_LABEL.exec(printed))?.[0].length ?? 0);
    const own = withoutSecondLanguage(asPrinted);
    const label = pending && own ? `${pending} ${own}` : pending || own;
    const numbered = numberedRows[k]! || ownNumber !== null;
    const parsed = values.map((c) => {
      const text = cells[c.j] ?? '';
      const value = text === '' ? null : cellNumber(text);
      if (HIDDEN.test(text)) hidden.add(c.key);
      else if (text !== '' && value === null && !NONE.test(text)) unreadable.push({ row: label, column: c.key, text });
      return [c.key, value] as const;
    });
    const hasValue = parsed.some(([, value]) => value !== null);
    const cellTexts = Object.fromEntries(values.flatMap((c) => (cells[c.j] ? [[c.key, cells[c.j]!] as const] : [])));
    if (label === '' && !hasValue) return;
    const previous = rows.at(-1);
    // a label printed alone, its numbers on its English line under it ("TỔNG SỐ", then "TOTAL⇥101.317⇥…")
    if (hasValue && !numbered && previous && Object.values(previous.cells).every((v) => v === null) && isSecondLanguageLine(label, previous.label)) {
      previous.cells = Object.fromEntries(parsed);
      texts[texts.length - 1] = cellTexts;
      return;
    }
    // a heading over the rows under it ("Phân theo thành thị, nông thôn", "Khối huyện") is a group
    const section = !numbered && !groupMark && !hasValue && SECTION.test(fold(label));
    // a name with no number and no row number continues the name above (a wrapped label), unless
    // it is that name in a second language ("TOTAL", "Plain districts") under "TỔNG SỐ -"
    if (!numbered && !groupMark && !hasValue && !section && (previous || startsNextName(asPrinted, body[k + 1]))) {
      if (isSecondLanguageLine(label, body[k - 1]?.[labelAt] ?? '')) return;
      // … or, where it ends unfinished or the next row has numbers but no name, starts the name below
      if (startsNextName(asPrinted, body[k + 1])) pending = pending ? `${pending} ${asPrinted}` : asPrinted;
      else previous!.label = `${previous!.label} ${label}`;
      return;
    }
    pending = '';
    const total = isTotalLabel(label);
    // a "Cộng" under a group's members, with rows still to come, is that group's sum
    const groupSum = total && group !== null && body.slice(k + 1).some((cells) => cells.some((cell) => cell !== ''));
    const isGroup = (groupMark !== null || section) && !total;
    // a numbered row under a group row is its member; a row with no number, a sub-row of the unit above
    const within = lastNumbered !== null && isWithin(label, lastNumbered.label);
    const parent = groupSum
      ? group!.label
      : total || isGroup
        ? null
        : numbered ? (group?.label ?? null) : indexAt >= 0 || group || within ? (lastNumbered?.label ?? group?.label ?? null) : null;
    const row: TableRow = { label, scope: null, parent, cells: Object.fromEntries(parsed) };
    rows.push(row);
    totals.push(total);
    groups.push(isGroup);
    rowPages.push(grid.rowPages[bodyStart + k] ?? grid.page);
    texts.push(cellTexts);
    if (isGroup) {
      group = row;
      lastNumbered = null;
    } else if (groupSum) {
      group = null;
      lastNumbered = null;
    } else if (numbered || parent === null) lastNumbered = row;
  });
  // a name's bare dash that led to its English line ("TỔNG SỐ -", then "TOTAL") goes with it
  const bare = (label: string) => label.replace(/\s+[-–]$/u, '');
  for (const row of rows) [row.label, row.parent] = [bare(row.label), row.parent === null ? null : bare(row.parent)];
  return {
    table: {
      page: grid.page,
      title: grid.title,
      year,
      kind: tableKind(grid.title),
      columns: values.map((c) => c.key),
      rows,
    },
    totals,
    groups,
    rowPages,
    texts,
    unreadable,
    hidden,
  };
}
