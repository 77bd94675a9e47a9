// Facts made again from every stored record on embedded PGlite, with 10,000 stored figures: the
// seeds' extractions stored as many documents (each its own number, their years spread over four
// decades so that documents of a year restate each other, one in seven saying its numbers 1% off),
// against the aim of one second (medians of three): from an empty facts table, and after one
// more document is stored (every fact made again, only the changed ones written). Reading every
// figure and table cell is measured beside them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Extraction } from '../core/records.js';
import { remakeFacts } from '../db/facts.js';
import { persistExtraction } from '../db/store.js';
import { FACT_RULES, reconcile } from '../facts/reconcile.js';
import { runPipeline } from '../pipeline/run.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { storeBatch } from '../pipeline/store-batch.js';
import { seedFile, seedIds } from '../samples/seeds.js';
import { createTestDatabase, countRows } from '../test/databases.js';

const FIGURES = 10_000;
const AIM_SECONDS = 1;

const shiftYear = (year: number | null, by: number) => (year === null ? null : year + by);

/** The extraction as another document: its own sha256 and number, its years moved by `years`, its values off by `off`. */
function variant(extraction: Extraction, copy: number, years: number, off: number): Extraction {
  const { document } = extraction;
  const suffix = document.number?.split('/')[1] ?? 'TB';
  const value = (v: number) => Math.round(v * off);
  return {
    ...extraction,
    document: {
      ...document,
      sha256: createHash('sha256').update(`bench ${copy} ${document.sha256}`).digest('hex'),
      filename: `bench-${copy}-${document.filename}`,
      number: `${copy}/${suffix}`,
      date: document.date ? `${Number(document.date.slice(0, 4)) + years}${document.date.slice(4)}` : null,
    },
    figures: extraction.figures.map((f) => ({ ...f, year: shiftYear(f.year, years), value: value(f.value) })),
    tables: extraction.tables.map((t) => ({
      ...t,
      year: shiftYear(t.year, years),
      rows: t.rows.map((r) => ({ ...r, cells: Object.fromEntries(Object.entries(r.cells).map(([c, v]) => [c, v === null ? null : value(v)])) })),
    })),
  };
}

export async function benchFacts(): Promise<void> {
  const ocr = new LazyOcrProvider('tesseractjs');
  const seeds: Extraction[] = [];
  for (const id of seedIds()) {
    const file = seedFile(id);
    seeds.push(await runPipeline({ filename: path.basename(file), bytes: readFileSync(file) }, { maxFileBytes: 1e9, ocr }));
  }
  await ocr.close();
  const database = await createTestDatabase('pglite');
  let db = await database.open();
  try {
    let figures = 0;
    let copy = 0;
    const storeOne = async () => {
      const extraction = variant(seeds[copy % seeds.length]!, copy, Math.floor(copy / seeds.length) % 40, copy % 7 === 6 ? 1.01 : 1);
      await persistExtraction(db, extraction.document.sha256, (units) => storeBatch(extraction, units), async () => undefined);
      copy += 1;
      return extraction.figures.length;
    };
    while (figures < FIGURES) figures += await storeOne();
    // timed as a server would see it after a restart, not in the process that wrote every row
    await db.close();
    db = await database.open();
    const [documents, cells] = [await countRows(db, 'documents'), await countRows(db, 'table_cells')];
    const remake = () => db.transaction((tx) => remakeFacts(tx, reconcile, FACT_RULES));
    /** the median of three timings, each after its `before` */
    const median = async (work: () => Promise<unknown>, before: () => Promise<unknown> = async () => undefined) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        await before();
        const start = performance.now();
        await work();
        times.push((performance.now() - start) / 1000);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    await remake(); // warm-up
    const read = await median(() => Promise.all([db.query('SELECT * FROM figures'), db.query('SELECT * FROM table_cells')]));
    const fromEmpty = await median(remake, () => db.exec('DELETE FROM facts'));
    const afterStore = await median(remake, storeOne);
    const [facts, conflicts] = [await countRows(db, 'facts'), Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM facts WHERE jsonb_array_length(conflicts) > 0'))[0]!.n)];
    console.log(`facts  PGlite: ${documents} văn bản, ${figures} số liệu, ${cells} ô bảng → ${facts} dữ kiện (${conflicts} có nguồn nói khác)`);
    console.log(`facts  làm lại mọi dữ kiện từ bảng trống: ${fromEmpty.toFixed(2)} s; tỉ lệ so với mục tiêu ${AIM_SECONDS} s: ${(fromEmpty / AIM_SECONDS).toFixed(2)}× (≤ 1 là đạt)`);
    console.log(`facts  làm lại sau khi lưu thêm một văn bản (chỉ ghi dữ kiện đổi): ${afterStore.toFixed(2)} s (${(afterStore / AIM_SECONDS).toFixed(2)}× mục tiêu); chỉ đọc các dòng số liệu và ô bảng: ${read.toFixed(2)} s`);
  } finally {
    await db.close();
    await database.drop();
  }
}
