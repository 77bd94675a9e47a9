// Per-unit tables from the seeds' text: every cell against the golden tables, and every identity
// the document breaks reported.
import { describe, expect, it } from 'vitest';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { compareTables } from './golden-compare.js';
import { golden, seedFile } from './seeds.js';
import { readFileSync } from 'node:fs';

const tablesOf = (seed: string) => extractTables(findTextGrids([{ page: 1, text: readFileSync(seedFile(seed), 'utf8') }]), 2020);

describe('tables from text', () => {
  it.each(['003', '004'])('seed %s: every cell, label and parent as in the golden tables', (seed) => {
    const { tables } = tablesOf(seed);
    const result = compareTables(tables, golden(seed).tables);
    console.log(`tables ${seed}: ${result.exactCells}/${result.cells} cells, ${result.exactLabels}/${result.labels} rows exact`);
    expect(result.wrong).toEqual([]);
    expect(tables).toHaveLength(golden(seed).tables.length);
  });

  it("checks every row and column of 003 and reports the identities it breaks, keeping the printed values", () => {
    const { tables, warnings } = tablesOf('003');
    const [achieved, allocation] = tables;
    const failed = (table: typeof achieved) => table!.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.row}`);
    // as printed: the month columns T4–T10 and T12 of the 2020 results do not add up to the total row
    expect(failed(achieved)).toEqual(['T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T12'].map((m) => `column_sum ${m}`));
    expect(failed(allocation)).toEqual([]);
    // every row with a total is checked (a company's sub-rows count towards it), every column, every rate
    expect(achieved!.checks.filter((c) => c.kind === 'row_sum')).toHaveLength(achieved!.rows.filter((r) => r.cells.total !== null).length);
    expect(achieved!.checks.filter((c) => c.kind === 'column_sum')).toHaveLength(14);
    expect(achieved!.checks.filter((c) => c.kind === 'percent')).toHaveLength(
      achieved!.rows.filter((r) => r.cells.percent !== null && r.cells.target !== null && r.cells.total !== null).length,
    );
    expect(warnings.filter((w) => w.code === 'table_check_failed')).toHaveLength(8);
    expect(achieved!.rows.at(-1)!.cells.T4).toBe(1704);
  });

  it('reads a table without row numbers or totals, space-free labels and a month heading over numbers', () => {
    const text = ['Bảng 2. Kết quả hiến máu năm 2023', 'Đơn vị\tTháng\t\t', '\t1\t2\t3', 'Huyện A\t10\t20\t30', 'Huyện B\t1.200\t\t5', 'Cộng\t1.210\t20\t35'].join('\n');
    const { tables, warnings } = extractTables(findTextGrids([{ page: 1, text }]), null);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table).toMatchObject({ title: 'Kết quả hiến máu năm 2023', year: 2023, kind: 'achieved', columns: ['T1', 'T2', 'T3'] });
    expect(table!.rows.map((r) => r.cells)).toEqual([
      { T1: 10, T2: 20, T3: 30 },
      { T1: 1200, T2: null, T3: 5 },
      { T1: 1210, T2: 20, T3: 35 },
    ]);
    expect(table!.checks.every((c) => c.ok)).toBe(true);
    expect(warnings).toEqual([]);
  });
});
