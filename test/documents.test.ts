// A file that binds several documents: each read in its own context (kind, year), none found in
// the middle of a single document.
import { describe, expect, it } from 'vitest';
import { extractRecords } from '../extractors/extract.js';
import type { Page } from '../core/records.js';
import { assembleExtraction } from '../pipeline/run.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { compareFigures, compareTables } from './golden-compare.js';
import { seedText } from '../samples/seeds.js';
import { golden } from './seeds.js';

const seed = (prefix: string) => seedText(prefix).normalize('NFC');

/** A text cut into pages of `lines` lines, numbered from `first`. */
function pagesOf(text: string, lines: number, first = 1): Page[] {
  const all = text.split('\n');
  const pages: Page[] = [];
  for (let at = 0; at < all.length; at += lines) {
    pages.push({ page: first + pages.length, text: all.slice(at, at + lines).join('\n'), source: 'text_layer', quality: 1, ocr_confidence: null });
  }
  return pages;
}

describe('a bundle of two documents', () => {
  const report = pagesOf(seed('003'), 40);
  const plan = pagesOf(seed('004'), 40, report.length + 1);

  it("reads each document's figures and tables in its own context, and says where the second begins", () => {
    const extraction = assembleExtraction({ sha256: 'a'.repeat(64), filename: 'bundle.txt' }, { pages: [...report, ...plan], warnings: [] });
    expect(extraction.document.number).toBe('54/BC-BCĐ');
    const figures = compareFigures(extraction.figures, [...golden('003').figures, ...golden('004').figures]);
    expect(figures.missing).toEqual([]);
    expect(figures.extra).toEqual([]);
    const tables = compareTables(extraction.tables, [...golden('003').tables, ...golden('004').tables]);
    expect(tables.wrong).toEqual([]);
    expect(extraction.warnings.filter((w) => w.code === 'another_document').map((w) => w.page)).toEqual([plan[0]!.page]);
  });

  it('finds the second document without diacritics too', () => {
    const stripped = [...report, ...plan].map((page) => ({ ...page, text: foldDiacritics(page.text) }));
    expect(extractRecords(stripped).parts.map((part) => [part.pages[0], part.year])).toEqual([
      [1, 2021],
      [plan[0]!.page, 2020],
    ]);
  });
});

describe('a single document over many pages', () => {
  it.each(['000', '001', '002', '003', '004'])('seed %s cut into pages of 12 lines is one document', (id) => {
    expect(extractRecords(pagesOf(seed(id), 12)).parts).toHaveLength(1);
  });
});
