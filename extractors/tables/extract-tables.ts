// The table stage: every table found in the pages (tab-separated text, or the ruled grid of a
// scanned page), read, checked, and each failed identity reported as a warning.
import type { Table, Warning } from '../../core/records.js';
import { checkTable, lacksRows, suspectCells } from './checks.js';
import type { TableGrid } from './grid.js';
import { readTable } from './read-table.js';
import type { UnitRegistry } from '../unit-registry.js';

export interface ExtractedTables {
  tables: Table[];
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
  const warnings: Warning[] = [];
  for (const grid of grids) {
    const read = readTable(grid, documentYear);
    if (!read) continue;
    for (const row of read.table.rows) row.scope = units.resolve(row.label)?.name ?? null;
    const checks = checkTable(read);
    const name = read.table.title ?? `bảng ở trang ${read.table.page}`;
    // a warning points at the page its row was printed on (a table may run over several)
    const pageOf = (label: string | null) => {
      const at = label === null ? -1 : read.table.rows.findIndex((row) => row.label === label);
      return read.rowPages[at] ?? read.table.page;
    };
    const totalRow = read.table.rows[read.totals.lastIndexOf(true)]?.label ?? null;
    if (lacksRows(checks, read.table.columns)) {
      warnings.push({
        code: 'table_incomplete',
        message: `${name}: các dòng đọc được cộng lại đều thấp hơn dòng tổng ở mọi cột — bảng có thể bị cắt hoặc tách sai, thiếu dòng.`,
        page: pageOf(totalRow),
      });
    }
    for (const check of checks.filter((c) => !c.ok)) {
      const where = check.kind === 'column_sum' ? `cột ${check.row}` : `dòng “${check.row}”`;
      warnings.push({
        code: 'table_check_failed',
        message: `${name}: ${KIND_NAMES[check.kind]} (${where}) là ${check.expected} nhưng in ${check.printed}.`,
        page: pageOf(check.kind === 'column_sum' ? totalRow : check.row),
      });
    }
    for (const cell of suspectCells(read, checks)) {
      warnings.push({
        code: 'table_cell_suspect',
        message: `${name}: ô dòng “${cell.row}”, cột ${cell.column} in ${cell.printed}; nếu là ${cell.proposed} thì cả tổng dòng lẫn tổng cột đều khớp — cần kiểm tra lại.`,
        page: pageOf(cell.row),
      });
    }
    for (const cell of read.unreadable) {
      warnings.push({
        code: 'table_cell_unreadable',
        message: `${name}: ô “${cell.text}” (dòng “${cell.row}”, cột ${cell.column}) không đọc được thành số.`,
        page: pageOf(cell.row),
      });
    }
    tables.push({ ...read.table, checks });
  }
  return { tables, warnings };
}
