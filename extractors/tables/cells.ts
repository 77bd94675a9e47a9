// A table's cells as records for the database and for year-over-year questions: one per unit and
// column that holds a number, with the unit from the registry and the month of a month column.
import type { Table, TableCell } from '../../core/records.js';
import type { UnitRegistry } from '../unit-registry.js';
import { monthOf } from './columns.js';

export function tableCells(table: Table, units: UnitRegistry): TableCell[] {
  return table.rows.flatMap((row, index) => {
    const unit = units.resolve(row.label)?.id ?? null;
    return Object.entries(row.cells).flatMap(([column, value]) => {
      if (value === null) return [];
      return [{ table: table.title, year: table.year, kind: table.kind, unit, row: index, label: row.label, column, month: monthOf(column), value }];
    });
  });
}
