// The arithmetic a table promises: each row's months add up to its total (a unit's sub-rows count
// towards it), each column adds up to the total row, and the rate is total ÷ target. A check that
// fails is reported, never corrected silently: the printed value stays.
import type { Table, TableShape } from '../../core/records.js';
import { fold } from '../../lang/vietnamese.js';
import { monthOf } from './columns.js';
import type { ReadTable } from './read-table.js';

type TableCheck = Table['checks'][number];
/** what the checks look at: the rows, which are totals and group heads, which columns hold hidden cells */
type Checkable = Pick<ReadTable, 'table' | 'totals' | 'groups' | 'hidden'>;

const round2 = (value: number) => Math.round(value * 100) / 100;
// columns that do not add up across rows: densities, rates, shares, averages per unit
// columns that do not add up across rows: densities, rates, shares, averages, yields, indices and
// changes against another year ("So với cùng kỳ", "Tăng (+), giảm (-)")
// ("Dân số trung bình", a year's average population, does add up)
const NOT_ADDITIVE = /\b(?:mat do|ty le|ti le|binh quan|nang suat|chi so|so voi|tang|giam)\b|%|\/\s*[a-z]/u;

/**
 * Whether the rows read fall short of the printed total in every column: rows were lost (the table
 * was cut short or mis-split), rather than a printed figure being wrong.
 */
export function lacksRows(checks: TableCheck[], columns: string[]): boolean {
  const totals = checks.filter((c) => c.kind === 'column_sum' && columns.includes(c.row ?? ''));
  return totals.length > 0 && totals.every((c) => c.printed !== null && c.expected < c.printed);
}

/** Indices of each row's sub-rows (rows naming it as parent, after it and before the next unit). */
function subRowsOf(read: Checkable): number[][] {
  const { rows } = read.table;
  const children = rows.map(() => [] as number[]);
  let unit = -1;
  rows.forEach((row, i) => {
    if (row.parent === null) unit = i;
    else if (unit >= 0 && rows[unit]!.label === row.parent) children[unit]!.push(i);
  });
  return children;
}

/**
 * The column the rate is taken of: the total, unless another column gives the printed rate in most
 * rows (a table with "Số lượt người" and "Số đơn vị máu" under its results rates the one its target
 * counts).
 */
function resultColumn(read: Checkable): string | null {
  const { rows, columns } = read.table;
  const rated = (key: string) =>
    rows.filter((row) => {
      const [target, result, printed] = [row.cells.target ?? null, row.cells[key] ?? null, row.cells.percent ?? null];
      return target !== null && result !== null && printed !== null && target !== 0 && Math.abs((result / target) * 100 - printed) < 1;
    }).length;
  const candidates = columns.filter((key) => key !== 'target' && key !== 'percent');
  const best = candidates.reduce<string | null>((top, key) => (top === null || rated(key) > rated(top) ? key : top), null);
  if (columns.includes('total') && (best === null || rated(best) <= rated('total'))) return 'total';
  return best !== null && rated(best) > 0 ? best : columns.includes('total') ? 'total' : null;
}

export function checkTable(read: Checkable): TableCheck[] {
  const { rows, columns } = read.table;
  const months = columns.filter((key) => monthOf(key) !== null);
  const children = subRowsOf(read);
  const value = (i: number, key: string) => rows[i]!.cells[key] ?? null;
  const sum = (indices: number[], keys: string[]) => indices.reduce((s, i) => s + keys.reduce((t, key) => t + (value(i, key) ?? 0), 0), 0);
  const checks: TableCheck[] = [];

  if (months.length > 0 && columns.includes('total')) {
    rows.forEach((row, i) => {
      const printed = value(i, 'total');
      if (printed === null) return;
      const expected = sum([i, ...children[i]!], months);
      checks.push({ row: row.label, kind: 'row_sum', expected, printed, ok: expected === printed });
    });
  }
  const result = resultColumn(read);
  if (columns.includes('percent') && columns.includes('target') && result !== null) {
    rows.forEach((row, i) => {
      const [target, total, printed] = [value(i, 'target'), value(i, result), value(i, 'percent')];
      if (target === null || total === null || printed === null || target === 0) return;
      // to the printed precision, one unit of its last digit either way (rounded or cut)
      const decimals = String(printed).split('.')[1]?.length ?? 0;
      const unit = 10 ** -decimals;
      const expected = Math.round((total / target) * 100 / unit) * unit;
      checks.push({ row: row.label, kind: 'percent', expected: round2(expected), printed, ok: Math.abs(expected - printed) <= unit + 1e-9 });
    });
  }
  // a column with a cell printed as a mark ("x": confidential) adds up to a total that counts it
  const additive = columns.filter((key) => key !== 'percent' && !NOT_ADDITIVE.test(fold(key)) && !read.hidden.has(key));
  // with group rows ("I. Khu vực đồng bằng"), the groups add up to the total and their members to each group
  const groupRows = rows.map((_, i) => i).filter((i) => read.groups[i]);
  // a group's own sum, on its row or, where its row only heads it, on its "Cộng" row
  const subtotal = (g: number) => rows.findIndex((row, i) => read.totals[i] && row.parent === rows[g]!.label);
  const groupValue = (g: number, key: string) => value(g, key) ?? (subtotal(g) >= 0 ? value(subtotal(g), key) : null);
  const counts = (i: number, key: string) => (read.groups[i] ? groupValue(i, key) : value(i, key));
  const sumCounts = (indices: number[], key: string) => indices.reduce((total, i) => total + (counts(i, key) ?? 0), 0);
  for (const g of groupRows) {
    const members = rows.map((_, i) => i).filter((i) => rows[i]!.parent === rows[g]!.label && !read.groups[i] && !read.totals[i]);
    for (const key of additive) {
      const printed = groupValue(g, key);
      if (printed === null || members.length === 0) continue;
      const expected = round2(sum(members, [key]));
      checks.push({ row: `${key} — ${rows[g]!.label}`, kind: 'column_sum', expected, printed, ok: expected === printed });
    }
  }
  // the table's own total: the last total row that is no group's "Cộng"
  const totalRow = rows.reduce((last, row, i) => (read.totals[i] && row.parent === null ? i : last), -1);
  if (totalRow >= 0) {
    const counted =
      groupRows.length > 0
        ? rows.map((_, i) => i).filter((i) => read.groups[i] || (rows[i]!.parent === null && !read.totals[i]))
        : rows.map((_, i) => i).filter((i) => !read.totals[i]);
    // a unit's sub-rows either add to it (a company beside its city's own count) or are part of it
    // (a town inside its district: never more than the district in any column, and the total
    // adds up in more columns without it)
    const units = counted.filter((i) => read.groups[i] || rows[i]!.parent === null);
    const printedTotals = additive.filter((key) => value(totalRow, key) !== null);
    const matches = (indices: number[]) => printedTotals.filter((key) => round2(sumCounts(indices, key)) === value(totalRow, key)).length;
    const within = children.every((subRows, unit) => subRows.every((i) => additive.every((key) => (value(i, key) ?? 0) <= (value(unit, key) ?? 0))));
    const summed = units.length < counted.length && within && matches(units) > matches(counted) ? units : counted;
    // groups that only head their rows, with no sum of their own ("Phân theo thành thị, nông
    // thôn", "Phân theo huyện"), each break the total down once: each adds up to it
    const sections = groupRows.filter((g) => additive.every((key) => groupValue(g, key) === null));
    const breakdowns = sections.length > 0 && counted.every((i) => sections.includes(i) || !read.groups[i])
      ? sections.map((g) => ({ name: rows[g]!.label, rows: rows.map((_, i) => i).filter((i) => rows[i]!.parent === rows[g]!.label && !read.totals[i]) }))
      : [{ name: null, rows: summed }];
    for (const breakdown of breakdowns) {
      for (const key of printedTotals) {
        const printed = value(totalRow, key)!;
        const expected = round2(sumCounts(breakdown.rows, key));
        // for a column_sum, `row` names the column
        checks.push({ row: breakdown.name ? `${key} — ${breakdown.name}` : key, kind: 'column_sum', expected, printed, ok: expected === printed });
      }
    }
  }
  return checks;
}

/** The shape of a read table, kept beside it to check it again. */
export const shapeOf = (read: Checkable): TableShape => ({ totals: read.totals, groups: read.groups, hidden: [...read.hidden] });

/** The checks of a stored table, made again from its rows (after a person corrected a cell) and its shape. */
export const checkStored = (table: Checkable['table'], shape: TableShape): TableCheck[] =>
  checkTable({ table, totals: shape.totals, groups: shape.groups, hidden: new Set(shape.hidden) });

interface SuspectCell {
  row: string;
  column: string;
  printed: number | null;
  proposed: number;
}

/** Whether two numbers differ in exactly one digit (same length): one digit misread. */
function oneDigitApart(a: number, b: number): boolean {
  const [x, y] = [String(a), String(b)];
  return x.length === y.length && [...x].filter((digit, i) => digit !== y[i]).length === 1;
}

/**
 * Cells that alone break both their row's sum and their column's sum, where changing one digit
 * mends both: proposals for a reviewer, never applied.
 */
export function suspectCells(read: ReadTable, checks: TableCheck[]): SuspectCell[] {
  const { rows, columns } = read.table;
  const failedColumns = new Map(checks.filter((c) => c.kind === 'column_sum' && !c.ok).map((c) => [c.row, c]));
  const suspects: SuspectCell[] = [];
  rows.forEach((row, i) => {
    const rowCheck = checks.find((c) => c.kind === 'row_sum' && c.row === row.label && !c.ok);
    if (!rowCheck || rowCheck.printed === null) return;
    const found: SuspectCell[] = [];
    for (const column of columns.filter((key) => monthOf(key) !== null || key === 'total')) {
      const columnCheck = failedColumns.get(column);
      const printed = row.cells[column] ?? null;
      if (!columnCheck || columnCheck.printed === null || printed === null || read.totals[i]) continue;
      const byRow = column === 'total' ? rowCheck.expected : printed + (rowCheck.printed - rowCheck.expected);
      const byColumn = printed + (columnCheck.printed - columnCheck.expected);
      if (byRow === byColumn && byRow >= 0 && oneDigitApart(printed, byRow)) found.push({ row: row.label, column, printed, proposed: byRow });
    }
    if (found.length === 1) suspects.push(found[0]!);
  });
  return suspects;
}
