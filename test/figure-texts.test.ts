// Figures in short texts written in other phrasings than the seeds (district reports, news,
// plans, notices from other provinces), each with the figures a reader finds and the traps
// (dates, codes, numbering, names, durations) that are not figures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findFigures } from '../extractors/figures.js';
import { compareFigures, type FigureKeyed } from './golden-compare.js';

interface FigureText {
  id: string;
  kind: string;
  text: string;
  document_year: number;
  figures: (FigureKeyed & { text: string })[];
  traps: { text: string; reason: string }[];
}

const texts = JSON.parse(
  readFileSync(path.resolve(fileURLToPath(import.meta.url), '../fixtures/figure-texts.json'), 'utf8'),
) as FigureText[];

const extract = (t: FigureText) =>
  findFigures(t.text.normalize('NFC'), { year: t.document_year, kind: t.kind === 'plan' ? 'ke_hoach' : null }).figures;

describe('figures in texts of other provinces and newspapers', () => {
  it(`reach F1 ≥ 0.95 on every field of every figure over ${texts.length} texts`, () => {
    let truePositives = 0;
    let found = 0;
    let expected = 0;
    for (const t of texts) {
      const figures = extract(t);
      const result = compareFigures(figures, t.figures);
      truePositives += result.truePositives;
      found += figures.length;
      expected += t.figures.length;
    }
    const precision = truePositives / found;
    const recall = truePositives / expected;
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(`own texts: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)} (${expected} figures)`);
    expect(f1).toBeGreaterThanOrEqual(0.95);
  });

  it.each(texts.map((t) => [t.id, t] as const))('%s: no trap is read as a figure', (_, t) => {
    const text = t.text.normalize('NFC');
    const spans = extract(t).map((f) => text.slice(f.start, f.end));
    for (const trap of t.traps) {
      const at = text.indexOf(trap.text.normalize('NFC'));
      const inside = extract(t).filter((f) => f.start < at + trap.text.length && at < f.end);
      expect(inside, `${trap.text} (${trap.reason}) vs ${spans.join(' | ')}`).toEqual([]);
    }
  });
});
