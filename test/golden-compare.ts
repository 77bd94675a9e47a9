// Compares found figures with expected ones as multisets, on every field the expected figure
// gives: metric, value, unit, year, and where given scope, campaign and qualifier; an expected
// figure's `text` is a passage of the document that holds the found figure's numbers (its words
// may differ where OCR or repair changed letters).
export interface FigureKeyed {
  metric: string;
  value: number;
  unit: string;
  year: number | null;
  scope?: string | null;
  campaign?: string | null;
  qualifier?: string | null;
  text?: string;
}

const FIELDS = ['metric', 'value', 'unit', 'year', 'scope', 'campaign', 'qualifier'] as const;
const collapse = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();
const numerals = (text: string) => text.match(/\d+(?:[.,/]\s?\d+)*/gu) ?? [];

export const figureKey = (f: FigureKeyed) =>
  FIELDS.filter((field) => f[field] !== undefined)
    .map((field) => String(f[field]))
    .join('|') + (f.text === undefined ? '' : ` «${collapse(f.text)}»`);

function fits(found: FigureKeyed, expected: FigureKeyed): boolean {
  if (FIELDS.some((field) => expected[field] !== undefined && found[field] !== expected[field])) return false;
  if (expected.text === undefined || found.text === undefined) return true;
  const passage = numerals(collapse(expected.text)).join(' ');
  return numerals(collapse(found.text)).every((numeral) => passage.includes(numeral));
}

export function compareFigures(found: FigureKeyed[], expected: FigureKeyed[]) {
  const missing = [...expected];
  const extra: FigureKeyed[] = [];
  for (const figure of found) {
    const at = missing.findIndex((want) => fits(figure, want));
    if (at >= 0) missing.splice(at, 1);
    else extra.push(figure);
  }
  const truePositives = found.length - extra.length;
  const precision = found.length === 0 ? 1 : truePositives / found.length;
  const recall = expected.length === 0 ? 1 : truePositives / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { missing: missing.map(figureKey), extra: extra.map(figureKey), precision, recall, f1, truePositives };
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
