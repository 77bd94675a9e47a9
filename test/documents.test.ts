// A file that binds several documents: each read in its own context (kind, year), none found in
// the middle of a single document.
import { describe, expect, it } from 'vitest';
import { extractRecords } from '../extractors/extract.js';
import { assembleExtraction } from '../pipeline/run.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { compareFigures, compareTables } from './golden-compare.js';
import { golden } from './seeds.js';
import { pagesOf, reportAndPlan, seed } from './bundles.js';

describe('a bundle of two documents', () => {
  const { report, plan } = reportAndPlan();

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

  it('holds each document as a part of its own: its pages and its own header', () => {
    const extraction = assembleExtraction({ sha256: 'a'.repeat(64), filename: 'bundle.txt' }, { pages: [...report, ...plan], warnings: [] });
    const header = (id: string) => {
      const { kind, number, issuer, place, date, subject } = golden(id).document;
      return { kind, number, issuer, place, date, subject };
    };
    expect(extraction.parts).toEqual([
      { part: 1, pages: [1, report.length], ...header('003') },
      { part: 2, pages: [plan[0]!.page, plan.at(-1)!.page], ...header('004') },
    ]);
    // the file's header is its first document's
    expect(extraction.document).toMatchObject(header('003'));
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
