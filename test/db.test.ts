// The reporting database on PostgreSQL and on embedded PGlite: the same schema and SQL; a document
// stored whole in one transaction and replaced when stored again; figures, comparisons and cells.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection.js';
import { compareYears, queryCells, queryFigures } from '../db/queries.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import type { Extraction, ReadDocument } from '../core/records.js';
import { identify } from '../pages/ingest.js';
import { runStages } from '../pipeline/run.js';
import { correctStoredCell, storeDocument } from '../workers/reporting.js';
import { countRows, createTestDatabase, type TestDatabase } from './databases.js';
import { seedFile } from '../samples/seeds.js';
import { golden } from './seeds.js';

const ocr = new LazyOcrProvider('tesseractjs');
const reads = new Map<string, ReadDocument>();
const extractions = new Map<string, Extraction>();

beforeAll(async () => {
  for (const seed of ['000', '003', '004']) {
    const file = seedFile(seed);
    const read = await runStages({ file: identify({ filename: file.split('/').pop()!, bytes: readFileSync(file) }, 1e9), pdf: null }, { maxFileBytes: 1e9, ocr });
    reads.set(seed, read);
    extractions.set(seed, read.extraction);
  }
});
afterAll(() => ocr.close());


describe.each(['pglite', 'postgres'] as const)('database on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
    for (const { extraction, ...aside } of reads.values()) await storeDocument(db, extraction, aside);
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

  it("corrects a table cell: its record, its table's checks and the fact change; corrected back, all is as read", async () => {
    // 003's 2020 results: "01 BCĐ. TP. Rạch Giá 978 442 8 69 … 215 1202 123"
    const { extraction } = reads.get('003')!;
    const table = extraction.tables.findIndex((t) => t.kind === 'achieved' && t.year === 2020);
    const row = extraction.tables[table]!.rows.findIndex((r) => r.label === 'BCĐ. TP. Rạch Giá');
    const cell = { document: extraction.document.sha256, table: table + 1, row, column: 'total' };
    const by = { id: 0, username: 'lưu trữ' };
    const state = async () => {
      const [stored] = await db.query<{ checks: { kind: string; row: string; ok: boolean }[] }>('SELECT checks FROM doc_tables WHERE document = $1 AND position = $2', [cell.document, table]);
      const [value] = await db.query<{ value: number; reviewed: boolean }>('SELECT value, reviewed FROM table_cells WHERE document = $1 AND label = $2 AND col = $3 AND month IS NULL AND kind = $4', [cell.document, 'BCĐ. TP. Rạch Giá', 'total', 'achieved']);
      const facts = await compareYears(db, { metric: 'achieved', years: [2020, 2021], scope: 'Rach Gia' });
      return { failed: stored!.checks.filter((c) => !c.ok).map((c) => `${c.kind} ${c.row}`), cell: value, fact: facts[0]!.from!.value };
    };
    const read = await state();
    expect([read.cell, read.fact]).toEqual([{ value: 1202, reviewed: false }, 1202]);
    expect(await correctStoredCell(db, cell, 1290, by, null)).toMatchObject({ field: 'value', before: 1202, after: 1290, cell: { table: table + 1, row, column: 'total' } });
    const corrected = await state();
    expect(corrected.cell).toEqual({ value: 1290, reviewed: true });
    expect(corrected.fact).toBe(1290);
    // the months add up to 1202, the rows' totals to 88 more than the total row's, and 1290 ÷ 978 is 132%, not the printed 123%
    expect(corrected.failed.sort()).toEqual([...read.failed, 'row_sum BCĐ. TP. Rạch Giá', 'column_sum total', 'percent BCĐ. TP. Rạch Giá'].sort());
    await correctStoredCell(db, cell, 1202, by, 'đọc lại bản giấy');
    const back = await state();
    expect(back).toEqual({ ...read, cell: { value: 1202, reviewed: true } });
    expect(await correctStoredCell(db, { ...cell, column: 'nonsense' }, 1, by, null)).toBe('no_cell');
  });

  it('names the units of all three tables from one registry', async () => {
    const cells = await queryCells(db);
    const rachGia = cells.filter((c) => c.unit === 'Thành phố Rạch Giá');
    expect(new Set(rachGia.map((c) => `${c.kind} ${c.year}`))).toEqual(new Set(['achieved 2020', 'allocation 2021', 'target 2020']));
    expect(await countRows(db, 'units')).toBeLessThan(45);
  });
});
