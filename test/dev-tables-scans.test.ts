// The first set of development tables (test/data/written-tables) printed from their layouts in
// another serif face than the samples, ruled and in a yearbook's rules, scanned (skew, noise, JPEG)
// and read as uploaded scans are. The other sets are measured by `npm run eval -- tables --scans`.
import { afterAll, describe, expect, it } from 'vitest';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { loadTableSet, readScannedTable, scoreTable } from './table-sets.js';

// native tesseract where installed (.ci/run installs it), else tesseract.js, as the pipeline chooses
const ocr = new LazyOcrProvider('auto');
afterAll(() => ocr.close());

describe.each(['grid', 'yearbook'] as const)('development tables scanned (%s rules)', (ruling) => {
  it('≥ 95% of cells exact, one table per page', async () => {
    let [cells, exact] = [0, 0];
    for (const table of loadTableSet('written-tables')) {
      const tables = await readScannedTable(table, ruling, ocr);
      expect(tables, table.golden.id).toHaveLength(1);
      const score = scoreTable(table.golden, tables[0]);
      cells += score.cells;
      exact += score.exact;
    }
    console.log(`written-tables scanned (${ruling}): ${exact}/${cells} cells exact`);
    expect(exact / cells).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
