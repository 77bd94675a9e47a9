// Figures and headers of the seed documents against the golden records, read as text documents.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRecords } from '../extractors/extract.js';
import { runPipeline } from '../pipeline/run.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { GoldenSchema } from '../samples/golden-schema.js';
import { compareFigures } from './golden-compare.js';
import { SAMPLES_DIR } from './samples.js';
import { seedFile, seedText } from '../samples/seeds.js';

const golden = (id: string) =>
  GoldenSchema.parse(JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'golden', `${id}.json`), 'utf8')));

async function extractSeed(id: string) {
  const bytes = readFileSync(seedFile(id));
  // a text document never needs OCR: an engine asked for would fail the test
  const ocr = { engine: () => Promise.reject(new Error('no OCR for text documents')) };
  return runPipeline({ filename: `${id}.txt`, bytes }, { maxFileBytes: 1e8, ocr });
}

describe.each(['000_5d7240f5e3e37f89', '001_6c15229d760a6031', '003_a3ef00ab117a0ba4', '004_be4b1999ee6b929b'])(
  'seed %s',
  (id) => {
    it('has every golden figure, every field of it, and no other', async () => {
      const extraction = await extractSeed(id);
      const result = compareFigures(extraction.figures, golden(id).figures);
      expect({ missing: result.missing, extra: result.extra }).toEqual({ missing: [], extra: [] });
    });

    it('has the golden header', async () => {
      const { document } = await extractSeed(id);
      const { kind, number, issuer, place, date, subject } = document;
      expect({ kind, number, issuer, place, date, subject }).toEqual(golden(id).document);
    });

    it('points every figure at the words it came from', async () => {
      const extraction = await extractSeed(id);
      for (const figure of extraction.figures) {
        const page = extraction.pages.find((p) => p.page === figure.page)!;
        expect(page.text.slice(figure.span[0], figure.span[1])).toBe(figure.text);
        expect(figure.text).toMatch(/\d/u);
      }
    });
  },
);

describe('seed 002, the garbled OCR layer of 000, before any repair', () => {
  it('reads the header number and date exactly', async () => {
    const { document } = await extractSeed('002_248d99dcd443ce19');
    const expected = golden('002_248d99dcd443ce19').document;
    expect([document.kind, document.number, document.date, document.place]).toEqual([
      expected.kind,
      expected.number,
      expected.date,
      expected.place,
    ]);
  });

  it("finds 000's figures", async () => {
    const extraction = await extractSeed('002_248d99dcd443ce19');
    const result = compareFigures(extraction.figures, golden('000_5d7240f5e3e37f89').figures);
    console.log(`002 before repair: ${result.truePositives}/5 of 000's figures, precision ${result.precision}`);
    expect(result.recall).toBe(1);
    expect(result.precision).toBe(1);
  });
});

describe('seeds stripped of every diacritic', () => {
  it.each(['000_5d7240f5e3e37f89', '001_6c15229d760a6031', '003_a3ef00ab117a0ba4', '004_be4b1999ee6b929b'])(
    '%s: the same figures, units spelt properly, scopes as printed, and the header number and date',
    (id) => {
      const text = foldDiacritics(seedText(id).normalize('NFC'));
      const { figures, header } = extractRecords([{ page: 1, text, source: 'text_layer', quality: null, ocr_confidence: null }]);
      // a scope is named as the text prints it: without its diacritics here
      const expected = golden(id).figures.map((f) => ({ ...f, scope: f.scope && foldDiacritics(f.scope) }));
      const result = compareFigures(figures, expected);
      console.log(`${id} without diacritics: ${result.truePositives}/${golden(id).figures.length}, precision ${result.precision.toFixed(2)}`);
      expect(result.recall).toBeGreaterThanOrEqual(0.95);
      expect(result.precision).toBeGreaterThanOrEqual(0.95);
      expect(header.kind).toBe(golden(id).document.kind);
      expect(header.date).toBe(golden(id).document.date);
      expect(header.number).toBe(golden(id).document.number && foldDiacritics(golden(id).document.number!));
    },
  );
});
