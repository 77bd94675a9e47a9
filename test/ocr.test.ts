// Scanned tables read in process (tesseract.js, the default engine) from the clean scans of 003 and
// 004: once from the ruled grid found on the page, once from the OCR word boxes alone (as if no grid
// had been printed), both from the same OCR pass. The OCR accuracy of every sample scan is measured
// on what the queue workers store (test/queue.test.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findScanGrids } from '../extractors/tables/scan-grid.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { identify } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { readPageTexts, type PageTexts } from '../pages/page-text.js';
import type { Extraction } from '../core/records.js';
import { assembleExtraction } from '../pipeline/run.js';
import { compareFigures, compareTables } from './golden-compare.js';
import { loadManifest, samplePath } from './samples.js';
import { golden } from './seeds.js';

const ocr = new LazyOcrProvider('tesseractjs');
const read: { seed: string; pages: PageTexts['pages']; extraction: Extraction }[] = [];

beforeAll(async () => {
  for (const entry of loadManifest().filter((e) => e.variant === 'clean' && ['003', '004'].some((seed) => e.seed[0]!.startsWith(seed)))) {
    const file = identify({ filename: entry.file, bytes: readFileSync(samplePath(entry.file)) }, 1e9);
    const texts = await readPageTexts(file, ocr);
    read.push({ seed: entry.seed[0]!.slice(0, 3), pages: texts.pages, extraction: assembleExtraction(file, texts) });
  }
}, 900_000);

afterAll(() => ocr.close());

describe('tables of the clean 003 and 004 scans, read in process', () => {
  it('from the ruled grid: ≥ 99.5% of cells exact, every wrong cell pointed at by a failed check; the golden figures', () => {
    let cells = 0;
    let exact = 0;
    for (const { seed, extraction } of read) {
      const expected = golden(seed);
      const result = compareTables(extraction.tables, expected.tables);
      for (const cell of result.wrongCells) console.log(`${seed}: ${cell.row} / ${cell.column} read ${cell.found}, printed ${cell.expected}${cell.flagged ? ' (a check fails)' : ' (NOT flagged)'}`);
      expect(result.wrongCells.filter((c) => !c.flagged)).toEqual([]);
      cells += result.cells;
      exact += result.exactCells;
      const figures = compareFigures(extraction.figures, expected.figures);
      // every golden figure, every field of it, through OCR
      expect({ missing: figures.missing, extra: figures.extra }, seed).toEqual({ missing: [], extra: [] });
    }
    console.log(`tables from the ruled grid (clean): ${exact}/${cells} cells exact (${((exact / cells) * 100).toFixed(2)}%)`);
    expect(cells).toBe(1146);
    expect(exact / cells).toBeGreaterThanOrEqual(0.995);
  });

  // the word-box fallback finds the columns from where the numbered rows' pieces overlap
  it('from the word boxes alone (ruled lines ignored): ≥ 98% of cells exact', () => {
    let cells = 0;
    let exact = 0;
    for (const { seed, pages } of read) {
      const unruled = pages.flatMap(({ page, ocr: words }) =>
        words ? [{ page, dpi: words.dpi, words: words.words, lines: words.lines, rules: { horizontal: [], vertical: [] } }] : [],
      );
      const { tables } = extractTables(findScanGrids(unruled), 2020, new UnitRegistry());
      const result = compareTables(tables, golden(seed).tables);
      cells += result.cells;
      exact += result.exactCells;
    }
    console.log(`tables from word boxes (clean): ${exact}/${cells} cells exact (${((exact / cells) * 100).toFixed(2)}%)`);
    expect(cells).toBe(1146);
    expect(exact / cells).toBeGreaterThanOrEqual(0.98);
  });
});
