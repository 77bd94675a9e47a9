// The table stage: every table found in the pages (tab-separated text, or the ruled grid of a
// scanned page), read, checked, and each failed identity reported as a warning.
import type { Table, TableShape, Warning } from '../../core/records.js';
import { warning } from '../../core/warnings.js';
import { checkTable, lacksRows, shapeOf, suspectCells } from './checks.js';
import type { TableGrid } from './grid.js';
import { mendExtraCharacters } from './mend.js';
import { readTable } from './read-table.js';
import type { UnitRegistry } from '../unit-registry.js';

interface ExtractedTables {
  tables: Table[];
  /** each table's shape, by which its checks are made again after a correction */
  shapes: TableShape[];
  warnings: Warning[];
}

const KIND_NAMES: Record<Table['checks'][number]['kind'], string> = {
  row_sum: 'tổng các tháng của dòng',
  column_sum: 'tổng của cột',
  percent: 'tỷ lệ',
};

/** @param units the registry that names each row's unit (shared across documents by the database) */
export function extractTables(grids: TableGrid[], documentYear: number | null, units: UnitRegistry): ExtractedTables {
  const tables: Table[] = [];
  const shapes: TableShape[] = [];
  const warnings: Warning[] = [];
  for (const grid of grids) {
    const read = readTable(grid, documentYear);
    if (!read) continue;
    for (const row of read.table.rows) row.scope = units.resolve(row.label)?.name ?? null;
    const mended = mendExtraCharacters(read);
    const checks = checkTable(read);
    const name = read.table.title ?? `bảng ở trang ${read.table.page}`;
    // a warning points at the page its row was printed on (a table may run over several)
    const pageOf = (label: string | null) => {
      const at = label === null ? -1 : read.table.rows.findIndex((row) => row.label === label);
      return read.rowPages[at] ?? read.table.page;
    };
    const totalRow = read.table.rows[read.totals.lastIndexOf(true)]?.label ?? null;
    if (lacksRows(checks, read.table.columns)) {
      warnings.push(warning('table_incomplete', { table: name }, pageOf(totalRow)));
    }
    for (const check of checks.filter((c) => !c.ok)) {
      const where = check.kind === 'column_sum' ? `cột ${check.row}` : `dòng “${check.row}”`;
      const facts = { table: name, check: KIND_NAMES[check.kind], where, expected: check.expected, printed: check.printed };
      warnings.push(warning('table_check_failed', facts, pageOf(check.kind === 'column_sum' ? totalRow : check.row)));
    }
    for (const cell of mended) {
      warnings.push(warning('table_cell_mended', { table: name, ...cell }, pageOf(cell.row)));
    }
    for (const cell of suspectCells(read, checks)) {
      warnings.push(warning('table_cell_suspect', { table: name, ...cell }, pageOf(cell.row)));
    }
    for (const cell of read.unreadable) {
      warnings.push(warning('table_cell_unreadable', { table: name, ...cell }, pageOf(cell.row)));
    }
    tables.push({ ...read.table, checks });
    shapes.push(shapeOf(read));
  }
  return { tables, shapes, warnings };
}
