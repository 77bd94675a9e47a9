// The development tables (test/data/written-tables*): each set's tables as a text layer gives them,
// how they look printed, and their golden cells; scoring a reading of them cell by cell; and their
// scans (drawn ruled and in a yearbook's rules, skewed, noisy, JPEG) read by the pipeline.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { z } from 'zod';
import { identify } from '../pages/ingest.js';
import { readPageTexts, type OcrProvider } from '../pages/page-text.js';
import type { Table } from '../core/records.js';
import { assembleExtraction } from '../pipeline/run.js';
import { PrintedTableSchema, renderTable, type Ruling } from '../samples/render-table.js';
import { scanPage, type ScanProfile } from '../samples/scan.js';
import { writeScanPdf } from '../samples/scan-pdf.js';

const DATA = path.resolve(import.meta.dirname, 'data');

const GoldenTableSchema = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().nullable(),
  columns: z.array(z.string()),
  rows: z.array(z.object({ label: z.string(), parent: z.string().nullable(), cells: z.record(z.string(), z.number().nullable()) })),
  inconsistent: z.string().nullable().default(null),
});
export type GoldenTable = z.infer<typeof GoldenTableSchema>;

export interface DevTable {
  set: string;
  golden: GoldenTable;
  /** the table as a PDF text layer gives it */
  text: string;
  printed: z.infer<typeof PrintedTableSchema> | null;
}

/** The sets of development tables: folders test/data/written-tables, written-tables-2, … */
export const tableSets = () => readdirSync(DATA).filter((name) => /^written-tables(?:-\d+)?$/u.test(name)).sort();

export function loadTableSet(set: string): DevTable[] {
  const dir = path.join(DATA, set);
  const goldens = z.array(GoldenTableSchema).parse(JSON.parse(readFileSync(path.join(dir, 'golden.json'), 'utf8')));
  const printFile = path.join(dir, 'print.json');
  const printed = readdirSync(dir).includes('print.json') ? z.array(PrintedTableSchema).parse(JSON.parse(readFileSync(printFile, 'utf8'))) : [];
  return goldens.map((golden) => ({
    set,
    golden,
    text: readFileSync(path.join(dir, `${golden.id}.txt`), 'utf8').normalize('NFC'),
    printed: printed.find((p) => p.id === golden.id) ?? null,
  }));
}

export interface TableScore {
  cells: number;
  exact: number;
  /** wrong rows and cells, as "row / column: found ≠ golden" */
  wrong: string[];
}

/**
 * A reading's cells against the golden ones: rows in printed order, value columns in order (the
 * reader names a measure by its header, the golden file by a short key of its own).
 */
export function scoreTable(golden: GoldenTable, got: Table | undefined): TableScore {
  let exact = 0;
  const wrong: string[] = [];
  golden.rows.forEach((row, i) => {
    const gotRow = got?.rows[i];
    if (gotRow && (gotRow.label !== row.label || gotRow.parent !== row.parent)) wrong.push(`row ${i + 1}: «${gotRow.label}» (${gotRow.parent}) ≠ «${row.label}» (${row.parent})`);
    golden.columns.forEach((key, j) => {
      const value = gotRow?.cells[got!.columns[j] ?? ''];
      if (value === row.cells[key]) exact += 1;
      else wrong.push(`${row.label} / ${key}: ${value} ≠ ${row.cells[key]}`);
    });
  });
  return { cells: golden.rows.length * golden.columns.length, exact, wrong };
}

/** An office scanner at 300 DPI: the sheet skewed by up to 1°, soft focus, noise, JPEG ~70. */
function officeProfile(random: () => number): ScanProfile {
  return {
    dpi: 300,
    skewDegrees: (random() < 0.5 ? -1 : 1) * (0.2 + 0.8 * random()),
    noise: 3 + 2 * random(),
    blurSigma: 0.4 + 0.3 * random(),
    unevenBackground: true,
    jpegQuality: 65 + Math.floor(10 * random()),
    rotation: 0,
  };
}

/** A table drawn, scanned into a PDF, and read by the pipeline as an uploaded scan is. */
export async function readScannedTable(table: DevTable, ruling: Ruling, ocr: OcrProvider): Promise<Table[]> {
  if (!table.printed) throw new Error(`${table.set}/${table.golden.id}: no print.json entry`);
  const random = seedrandom.alea(`sohoa:${table.set}:${table.golden.id}:${ruling}`);
  const pages = [];
  for (const page of renderTable(table.printed, ruling)) pages.push({ image: await scanPage(page, officeProfile(random), random) });
  const bytes = await writeScanPdf(pages);
  const file = identify({ filename: `${table.golden.id}-${ruling}.pdf`, bytes }, 1e9);
  const texts = await readPageTexts(file, ocr);
  return assembleExtraction(file, texts).tables;
}
