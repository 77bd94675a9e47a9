// The reporting database on PostgreSQL and on embedded PGlite: the same schema and SQL; a document
// stored whole in one transaction and replaced when stored again; figures, comparisons and cells.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection.js';
import { compareYears, queryCells, queryFigures } from '../db/queries.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import type { Extraction } from '../core/records.js';
import { runPipeline } from '../pipeline/run.js';
import { storeDocument } from '../workers/reporting.js';
import { countRows, createTestDatabase, type TestDatabase } from './databases.js';
import { seedFile } from '../samples/seeds.js';
import { golden } from './seeds.js';

const ocr = new LazyOcrProvider('tesseractjs');
const extractions = new Map<string, Extraction>();

beforeAll(async () => {
  for (const seed of ['000', '003', '004']) {
    const file = seedFile(seed);
    extractions.set(seed, await runPipeline({ filename: file.split('/').pop()!, bytes: readFileSync(file) }, { maxFileBytes: 1e9, ocr }));
  }
});
afterAll(() => ocr.close());


describe.each(['pglite', 'postgres'] as const)('database on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
    for (const extraction of extractions.values()) await storeDocument(db, extraction);
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('holds every record of each document', async () => {
    const all = [...extractions.values()];
    expect(await countRows(db, 'documents')).toBe(3);
    expect(await countRows(db, 'figures')).toBe(all.reduce((n, e) => n + e.figures.length, 0));
    expect(await countRows(db, 'doc_tables')).toBe(3);
    const cells = all.flatMap((e) => e.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells).filter((v) => v !== null))));
    expect(await countRows(db, 'table_cells')).toBe(cells.length);
    const figures = await queryFigures(db, { document: extractions.get('000')!.document.sha256 });
    expect(figures.map((f) => [f.metric, f.value, f.unit, f.year])).toEqual(golden('000').figures.map((f) => [f.metric, f.value, f.unit, f.year]));
  });

  it('replaces a document stored again, and keeps others whole when a store fails', async () => {
    const before = await countRows(db, 'figures');
    await storeDocument(db, extractions.get('000')!);
    expect(await countRows(db, 'figures')).toBe(before);
    expect(await countRows(db, 'documents')).toBe(3);
    // a record the schema refuses (no page) fails the whole document: nothing of it is written
    const broken = { ...extractions.get('004')!, document: { ...extractions.get('004')!.document, sha256: 'f'.repeat(64) } };
    broken.figures = [...broken.figures, { ...broken.figures[0]!, page: null as unknown as number }];
    await expect(storeDocument(db, broken)).rejects.toThrow();
    expect(await countRows(db, 'documents')).toBe(3);
    expect(await countRows(db, 'figures')).toBe(before);
  });

  it('filters figures by metric, year and document', async () => {
    const targets = await queryFigures(db, { metric: 'target', year: 2024 });
    expect(targets.map((f) => f.value)).toContain(23100);
    expect(targets.every((f) => f.metric === 'target' && f.year === 2024)).toBe(true);
  });

  it("compares 000's 2023 result with its 2024 target, and 003's units from 2020 to 2021, from the facts", async () => {
    const area = await compareYears(db, { metric: 'achieved', years: [2023, 2024] });
    expect(area).toContainEqual({
      scope: 'Tỉnh Kiên Giang',
      unit: 'đơn vị máu',
      measure: 'blood_units',
      from: { year: 2023, metric: 'achieved', value: 21600 },
      to: { year: 2024, metric: 'target', value: 23100 },
      change: 1500,
      ratio: 1.069,
      change_percent: 6.9,
    });
    const units = await compareYears(db, { metric: 'achieved', years: [2020, 2021], scope: 'Rach Gia' });
    expect(units).toEqual([
      {
        scope: 'Thành phố Rạch Giá',
        unit: 'đơn vị máu',
        measure: 'blood_units',
        from: { year: 2020, metric: 'achieved', value: 1202 },
        to: { year: 2021, metric: 'target', value: 1057 },
        change: -145,
        ratio: 0.879,
        change_percent: -12.1,
      },
    ]);
    expect((await compareYears(db, { metric: 'achieved', years: [2020, 2021] })).filter((c) => c.to !== null).length).toBeGreaterThanOrEqual(24);
    // any metric against any other: 2023's target against 2023's result
    const sameYear = await compareYears(db, { metric: 'target', toMetric: 'achieved', years: [2023, 2023] });
    expect(sameYear).toContainEqual(expect.objectContaining({ scope: 'Tỉnh Kiên Giang', from: { year: 2023, metric: 'target', value: 18000 }, to: { year: 2023, metric: 'achieved', value: 21600 } }));
  });

  it('names the units of all three tables from one registry', async () => {
    const cells = await queryCells(db);
    const rachGia = cells.filter((c) => c.unit === 'Thành phố Rạch Giá');
    expect(new Set(rachGia.map((c) => `${c.kind} ${c.year}`))).toEqual(new Set(['achieved 2020', 'allocation 2021', 'target 2020']));
    expect(await countRows(db, 'units')).toBeLessThan(45);
  });
});
