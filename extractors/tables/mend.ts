// OCR adds a character to a table's number now and then: a ruled line read as a 1 beside it
// ("119116" for 19.116), a thousands dot read as a digit ("176811" for 17.811), a digit read twice
// or a speck after it ("17.8111" for 17.811, which then parses as a decimal). The table's arithmetic
// tells: where its checks fail, a number whose text one character shorter makes failed checks hold
// and breaks none is read that way, and said so. Only when one cell alone mends the most checks:
// a change that another cell could make as well is left to the reader of the warnings.
import type { Table } from '../../core/records.js';
import { checkTable } from './checks.js';
import { cellNumber } from './grid.js';
import type { ReadTable } from './read-table.js';

export interface MendedCell {
  row: string;
  column: string;
  /** the text OCR read */
  read: string;
  value: number;
}

type TableCheck = Table['checks'][number];

/** The failed checks, by kind and what they check. */
const failedChecks = (checks: TableCheck[]) => new Map(checks.filter((c) => !c.ok).map((c) => [`${c.kind}\t${c.row}`, c]));

/** Whether a failed check is about this cell: its column's sum, or its row's sum or rate. */
const touches = (failed: Map<string, TableCheck>, label: string, column: string) =>
  [...failed.values()].some(({ kind, row }) => (kind === 'column_sum' ? row === column || (row ?? '').startsWith(`${column} — `) : row === label));

/** The numbers a text stands for with one of its digits or separators left out. */
function shorterReadings(text: string, value: number | null): number[] {
  const values = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    if (!/[\d.,]/u.test(text[i]!)) continue;
    const shorter = text.slice(0, i) + text.slice(i + 1);
    if (/^0\d/u.test(shorter)) continue;
    const candidate = cellNumber(shorter);
    if (candidate !== null && candidate !== value) values.add(candidate);
  }
  return [...values];
}

/** Mends the cells of `read` that the sums show OCR gave one character too many; what it changed. */
export function mendExtraCharacters(read: ReadTable): MendedCell[] {
  const mended: MendedCell[] = [];
  const { rows } = read.table;
  // each mend can make the next one clear; a table has few
  for (let round = 0; round < rows.length; round++) {
    const failed = failedChecks(checkTable(read));
    if (failed.size === 0) break;
    let best: { row: number; column: string; value: number; fixed: number }[] = [];
    rows.forEach((row, i) => {
      for (const [column, text] of Object.entries(read.texts[i] ?? {})) {
        if (!touches(failed, row.label, column)) continue;
        const value = row.cells[column] ?? null;
        for (const candidate of shorterReadings(text, value)) {
          row.cells[column] = candidate;
          const after = failedChecks(checkTable(read));
          row.cells[column] = value;
          if (![...after.keys()].every((key) => failed.has(key))) continue;
          const fixed = failed.size - after.size;
          if (fixed === 0 || (best[0] && fixed < best[0].fixed)) continue;
          if (best[0] && fixed > best[0].fixed) best = [];
          best.push({ row: i, column, value: candidate, fixed });
        }
      }
    });
    if (best.length !== 1) break;
    const [{ row: i, column, value }] = best as [(typeof best)[number]];
    const text = read.texts[i]![column]!;
    rows[i]!.cells[column] = value;
    delete read.texts[i]![column];
    mended.push({ row: rows[i]!.label, column, read: text, value });
  }
  return mended;
}
