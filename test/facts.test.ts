// The reporting database's facts, on PostgreSQL and on embedded PGlite alike: copies of one document
// (three scans, the text and its garbled OCR layer) count once; a fact has one value with every
// mention that says it; a document that says otherwise is a conflict that names both sources and
// leaves the value alone; facts are made again from stored records after a migration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection.js';
import { queryFacts, type StoredFactRow } from '../db/facts.js';
import { compareYears, listDocuments } from '../db/queries.js';
import { areaOf } from '../facts/area.js';
import { measureOf } from '../facts/measure.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import type { Extraction } from '../core/records.js';
import { assembleExtraction, runPipeline } from '../pipeline/run.js';
import { deleteDocument, openReportingDb, storeDocument } from '../workers/reporting.js';
import { seedFile } from '../samples/seeds.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { samplePath } from './samples.js';
import { golden } from './seeds.js';

const PLAN = path.resolve(import.meta.dirname, 'fixtures/facts/rach-gia-plan-2021.txt');

/** In the order they are stored: 003 and 004 (text), three scans of 000, 000's text, its garbled layer, a plan restating 2020. */
const FILES = [
  seedFile('003'),
  seedFile('004'),
  samplePath('scans/000-clean.pdf'),
  samplePath('scans/000-office.pdf'),
  samplePath('scans/000-stripped-layer.pdf'),
  seedFile('000'),
  seedFile('002'),
  PLAN,
];

const ocr = new LazyOcrProvider('tesseractjs');
const extractions: Extraction[] = [];

beforeAll(async () => {
  for (const file of FILES) extractions.push(await runPipeline({ filename: path.basename(file), bytes: readFileSync(file) }, { maxFileBytes: 1e9, ocr }));
}, 900_000);
afterAll(() => ocr.close());

const KG = 'Tỉnh Kiên Giang';

const strip = (facts: StoredFactRow[]) => facts.map(({ id: _id, ...f }) => f);

/** The facts of one scope, year, metric and measure, year-wide (no campaign). */
const factsOf = (facts: StoredFactRow[], scope: string, year: number, metric: string, unit = 'đơn vị máu') =>
  facts.filter((f) => f.scope === scope && f.year === year && f.metric === metric && f.unit === unit && f.campaign === null);

describe('rules', () => {
  it('knows what a figure counts from its unit and words', () => {
    expect(measureOf('achieved', 'đơn vị máu')).toBe('blood_units');
    expect(measureOf('achieved', 'đơn vị tiểu cầu')).toBe('blood_units');
    expect(measureOf('target', 'người', '19.200 người đăng ký hiến máu')).toBe('registrations');
    expect(measureOf('participants', 'lượt', '25.000 lượt người tham dự')).toBe('people');
    expect(measureOf('events', 'đợt')).toBe('events');
    expect(measureOf('change', 'lần')).toBe('other');
    expect(measureOf('target', 'đồng')).toBe('money');
    expect(measureOf('percent_of_target', '%')).toBe('percent');
    expect(measureOf('other', 'băng rôn')).toBe('other');
  });

  it("finds the area a document speaks for in its issuer's name, else where it was signed", () => {
    expect(areaOf({ issuer: 'Văn phòng UBND tỉnh Kiên Giang', place: null })).toBe('tỉnh Kiên Giang');
    expect(areaOf({ issuer: 'Ban Chỉ đạo vận động hiến máu tình nguyện huyện Tân Hiệp', place: 'Tân Hiệp' })).toBe('huyện Tân Hiệp');
    expect(areaOf({ issuer: 'Văn phòng HĐND và UBND Huyện', place: null })).toBe('Huyện');
    expect(areaOf({ issuer: 'Hội Chữ thập đỏ', place: 'Kiên Giang' })).toBe('Kiên Giang');
    expect(areaOf({ issuer: null, place: null })).toBeNull();
  });
});

describe.each(['pglite', 'postgres'] as const)('facts on %s', (kind) => {
  let database: TestDatabase;
  let db: Db;
  const copyOf: (string | null)[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    db = await database.open();
    for (const extraction of extractions) copyOf.push((await storeDocument(db, extraction)).copy_of);
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('knows the scans, the text and the garbled layer of 000 as copies of one document, and says so', async () => {
    // the first copy stored is no copy; the others name the document by the number one of them
    // prints (000's header is cut in all but its garbled layer), else by its first copy's file
    expect(copyOf).toEqual([null, null, null, '000-clean.pdf', '000-clean.pdf', '000-clean.pdf', '253/TB-VP', null]);
    const documents = await listDocuments(db);
    const of000 = documents.filter((d) => /^00[02]/u.test(d.filename));
    expect(of000.length).toBe(5);
    expect(of000.filter((d) => d.read).length).toBe(1);
    // the copy read is one whose text was not restored from a stripped layer
    expect(of000.find((d) => d.read)!.text_source).not.toBe('repaired');
  });

  it("counts each of 000's facts once, with the words of the copy read", async () => {
    const facts = await queryFacts(db, {});
    for (const [year, metric, value] of [[2023, 'achieved', 21600], [2023, 'target', 18000], [2024, 'target', 23100]] as const) {
      const found = factsOf(facts, KG, year, metric);
      expect(found.map((f) => f.value), `${year} ${metric}`).toEqual([value]);
      expect(found[0]!.sources.length).toBe(1);
      expect(found[0]!.sources[0]).toMatchObject({ page: 1, text: expect.stringContaining(value.toLocaleString('vi-VN')) });
      expect(found[0]!.conflicts).toEqual([]);
    }
    // no two facts share a key and a value
    const keys = facts.map((f) => [f.scope_key, f.year, f.metric, f.measure, f.unit, f.campaign, f.value].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("takes Rạch Giá's 2020 result and 2021 target from the report's tables, and lists the plan restating 2020 otherwise as a conflict", async () => {
    const facts = await queryFacts(db, { scope: 'Rạch Giá' });
    const achieved = factsOf(facts, 'Thành phố Rạch Giá', 2020, 'achieved');
    expect(achieved.map((f) => f.value)).toEqual([1202]);
    const report = extractions[0]!.document.sha256;
    const plan = extractions.at(-1)!.document.sha256;
    expect(achieved[0]!.sources).toEqual([{ sha256: report, page: 1, table: 1, row: 'BCĐ. TP. Rạch Giá', column: 'total' }]);
    expect(achieved[0]!.conflicts).toEqual([{ value: 1220, sources: [{ sha256: plan, page: 1, text: '1.220 đơn vị máu' }] }]);
    expect(factsOf(facts, 'Thành phố Rạch Giá', 2021, 'target').map((f) => f.value)).toEqual([1057]);
    expect(factsOf(facts, 'Thành phố Rạch Giá', 2020, 'target').map((f) => f.value)).toEqual([978]);
    // a campaign's result is a fact of its own, not the year's
    expect(facts.filter((f) => f.campaign === 'Xuân hồng 2020' && f.metric === 'achieved').map((f) => f.value)).toEqual([442]);

    const conflicts = await queryFacts(db, { conflicting: true });
    expect(conflicts.map((f) => [f.scope, f.year, f.metric, f.value])).toContainEqual(['Thành phố Rạch Giá', 2020, 'achieved', 1202]);
  });

  it('agrees a table total with the prose that says it, as one fact with both sources', async () => {
    const facts = await queryFacts(db, { year: 2020, metric: 'achieved', measure: 'blood_units' });
    const province = factsOf(facts, KG, 2020, 'achieved');
    expect(province.map((f) => f.value)).toEqual([20695]);
    expect(province[0]!.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 'Tổng cộng', column: 'total' }), expect.objectContaining({ text: expect.stringContaining('20.695') })]),
    );
  });

  it('compares from facts: 2023 achieved against 2024 target once, whatever the copies', async () => {
    const rows = await compareYears(db, { metric: 'achieved', toMetric: 'target', years: [2023, 2024] });
    expect(rows).toEqual([
      expect.objectContaining({ scope: KG, from: { year: 2023, metric: 'achieved', value: 21600 }, to: { year: 2024, metric: 'target', value: 23100 }, change: 1500 }),
    ]);
  });

  it('stores a scan binding the report and the plan as a record per document, each counted once with its other copy', async () => {
    const before = strip(await queryFacts(db, {}));
    const [report, plan] = [extractions[0]!, extractions[1]!];
    const pages = [...report.pages, ...plan.pages.map((page, i) => ({ ...page, page: report.pages.length + i + 1 }))];
    const bundle = assembleExtraction({ sha256: 'b'.repeat(64), filename: 'ho-so-dong-tap.pdf' }, { pages, warnings: [] });
    expect((await storeDocument(db, bundle)).copy_of).toBe('54/BC-BCĐ, 8A/KH-BCĐ');
    const [stored] = await listDocuments(db, 'b'.repeat(64));
    const [first, last] = [report.pages.length + 1, pages.length];
    expect(stored!.parts.map((p) => [p.part, p.pages, p.kind, p.number, p.date, p.figures, p.tables, p.copy_of, p.read])).toEqual([
      [1, [1, report.pages.length], 'bao_cao', '54/BC-BCĐ', '2021-03-23', golden('003').figures.length, golden('003').tables.length, '54/BC-BCĐ', false],
      [2, [first, last], 'ke_hoach', '8A/KH-BCĐ', '2020-04-24', golden('004').figures.length, golden('004').tables.length, '8A/KH-BCĐ', false],
    ]);
    // the files stored first are read; the bound copies add no fact and change none
    expect(strip(await queryFacts(db, {}))).toEqual(before);
    // a document is found by its number, in whichever file holds it
    const planFacts = strip(await queryFacts(db, { document: '8A/KH-BCĐ' }));
    expect(planFacts.length).toBeGreaterThan(0);
    expect(planFacts).toEqual(strip(await queryFacts(db, { document: plan.document.filename })));
    // deleted, it leaves no part behind and the facts as they were
    expect(await deleteDocument(db, 'b'.repeat(64))).toBe(true);
    expect(await db.query('SELECT 1 FROM document_parts WHERE document = $1', ['b'.repeat(64)])).toEqual([]);
    expect(strip(await queryFacts(db, {}))).toEqual(before);
  });

  it('makes the facts again from the stored records when the schema is migrated, without reading a page', async () => {
    const before = await queryFacts(db, {});
    // the database as migration 1 left it (and without the documents' parts of migration 7)
    await db.exec(`
      DROP TABLE facts; DROP TABLE facts_made; DROP TABLE document_parts;
      ALTER TABLE figures DROP COLUMN words_after;
      DELETE FROM schema_migrations WHERE id IN (2, 7);
    `);
    await db.close();
    db = await openReportingDb(database.settings);
    const after = await queryFacts(db, {});
    expect(strip(after)).toEqual(strip(before));
  });
});
