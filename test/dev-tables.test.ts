// The development tables (test/data/written-tables*: thirty per-unit tables in the layouts of
// provincial reports, plan appendices and statistical yearbooks, composed with golden cells by
// helpers who never saw the reader) read from their text layers: every cell, and the checks say
// exactly where a table's printed arithmetic is wrong.
import { describe, expect, it } from 'vitest';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { loadTableSet, scoreTable, tableSets } from './table-sets.js';

describe.each(tableSets())('development tables %s, from text', (set) => {
  const read = loadTableSet(set).map((table) => ({
    table,
    ...extractTables(findTextGrids([{ page: 1, text: table.text }]), table.golden.year, new UnitRegistry()),
  }));

  it('≥ 99% of cells exact, one table found per text', () => {
    let [cells, exact] = [0, 0];
    for (const { table, tables } of read) {
      expect(tables, table.golden.id).toHaveLength(1);
      const score = scoreTable(table.golden, tables[0]);
      cells += score.cells;
      exact += score.exact;
    }
    console.log(`${set} from text: ${exact}/${cells} cells exact`);
    expect(exact / cells).toBeGreaterThanOrEqual(0.99);
  });

  it('fails a check in each table printed with a wrong figure, and in no other', () => {
    for (const { table, tables, warnings } of read) {
      const failed = tables[0]!.checks.filter((check) => !check.ok);
      if (table.golden.inconsistent) expect(failed.length, table.golden.id).toBeGreaterThan(0);
      else expect(failed, table.golden.id).toEqual([]);
      expect(warnings.filter((w) => w.code === 'table_incomplete'), table.golden.id).toEqual([]);
    }
  });
});
