// Compares found figures with expected ones on (metric, value, unit, year), as multisets.
export interface FigureKeyed {
  metric: string;
  value: number;
  unit: string;
  year: number | null;
}

export const figureKey = (f: FigureKeyed) => `${f.metric}|${f.value}|${f.unit}|${f.year}`;

export function compareFigures(found: FigureKeyed[], expected: FigureKeyed[]) {
  const missing = expected.map(figureKey);
  const extra: string[] = [];
  for (const key of found.map(figureKey)) {
    const at = missing.indexOf(key);
    if (at >= 0) missing.splice(at, 1);
    else extra.push(key);
  }
  const truePositives = found.length - extra.length;
  const precision = found.length === 0 ? 1 : truePositives / found.length;
  const recall = expected.length === 0 ? 1 : truePositives / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { missing, extra, precision, recall, f1, truePositives };
}

export interface TableKeyed {
  title: string | null;
  year: number | null;
  kind: string;
  columns: string[];
  rows: { label: string; parent: string | null; cells: Record<string, number | null> }[];
  checks?: { row: string | null; kind: string; ok: boolean }[];
}

export interface WrongCell {
  row: string;
  column: string;
  found: number | null | undefined;
  expected: number | null | undefined;
  /** whether a failed check of the found table names the cell's row or column */
  flagged: boolean;
}

/**
 * Compares found tables with expected ones, each expected table with the found one of the same
 * kind and year: cells by row position and column (a missing row or column makes its cells wrong),
 * labels and parents by row position.
 */
export function compareTables(found: TableKeyed[], expected: TableKeyed[]) {
  let cells = 0;
  let exactCells = 0;
  let labels = 0;
  let exactLabels = 0;
  const wrong: string[] = [];
  const wrongCells: WrongCell[] = [];
  for (const want of expected) {
    const got = found.find((t) => t.kind === want.kind && t.year === want.year);
    if (!got) wrong.push(`missing table ${want.kind} ${want.year} “${want.title}”`);
    else if (got.columns.join() !== want.columns.join()) wrong.push(`columns ${got.columns.join()} ≠ ${want.columns.join()}`);
    want.rows.forEach((row, i) => {
      const gotRow = got?.rows[i];
      labels += 1;
      if (gotRow && gotRow.label === row.label && gotRow.parent === row.parent) exactLabels += 1;
      else wrong.push(`row ${i + 1}: “${gotRow?.label}” (${gotRow?.parent}) ≠ “${row.label}” (${row.parent})`);
      for (const column of want.columns) {
        cells += 1;
        const value = gotRow?.cells[column];
        if (value === row.cells[column]) exactCells += 1;
        else {
          wrong.push(`${row.label} / ${column}: ${value} ≠ ${row.cells[column]}`);
          const failed = (got?.checks ?? []).filter((c) => !c.ok);
          const flagged = failed.some((c) => (c.kind === 'column_sum' ? c.row === column : c.row === gotRow?.label));
          wrongCells.push({ row: row.label, column, found: value, expected: row.cells[column], flagged });
        }
      }
    });
  }
  return { cells, exactCells, labels, exactLabels, wrong, wrongCells };
}
