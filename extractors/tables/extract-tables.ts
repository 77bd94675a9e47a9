// The table stage: every table found in the pages (tab-separated text, or the ruled grid of a
// scanned page), read, checked, and each failed identity reported as a warning.
import type { Table, Warning } from '../../pipeline/records.js';
import { checkTable } from './checks.js';
import type { TableGrid } from './grid.js';
import { readTable } from './read-table.js';

export interface ExtractedTables {
  tables: Table[];
  warnings: Warning[];
}

const KIND_NAMES: Record<Table['checks'][number]['kind'], string> = {
  row_sum: 'tổng các tháng của dòng',
  column_sum: 'tổng của cột',
  percent: 'tỷ lệ',
};

export function extractTables(grids: TableGrid[], documentYear: number | null): ExtractedTables {
  const tables: Table[] = [];
  const warnings: Warning[] = [];
  for (const grid of grids) {
    const read = readTable(grid, documentYear);
    if (!read) continue;
    const checks = checkTable(read);
    const name = read.table.title ?? `bảng ở trang ${read.table.page}`;
    for (const check of checks.filter((c) => !c.ok)) {
      const where = check.kind === 'column_sum' ? `cột ${check.row}` : `dòng “${check.row}”`;
      warnings.push({
        code: 'table_check_failed',
        message: `${name}: ${KIND_NAMES[check.kind]} (${where}) là ${check.expected} nhưng in ${check.printed}.`,
        page: read.table.page,
      });
    }
    for (const cell of read.unreadable) {
      warnings.push({
        code: 'table_cell_unreadable',
        message: `${name}: ô “${cell.text}” (dòng “${cell.row}”, cột ${cell.column}) không đọc được thành số.`,
        page: read.table.page,
      });
    }
    tables.push({ ...read.table, checks });
  }
  return { tables, warnings };
}
