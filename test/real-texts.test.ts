// Figures in real excerpts of other provinces' news and official pages (test/data/real-texts, every
// figure labelled by reading), read as `sohoa extract` reads a text: with their diacritics, and
// stripped of them (through the repair stage).
import { describe, expect, it } from 'vitest';
import { extractText, realTexts, scoreTexts, writtenTexts, type RealText } from './figure-scoring.js';


async function readAll(variant: 'figures' | 'stripped') {
  return read(realTexts(variant));
}

async function read(texts: RealText[]) {
  const results = [];
  for (const t of texts) {
    const extraction = await extractText(t.id, t.text);
    results.push({ id: t.id, found: extraction.figures, labels: t.figures });
  }
  return results;
}

// What a figure's words never are: a date, a time, an ordinal, a document number, a duration.
const NOT_FIGURES: [RegExp, string][] = [
  [/^\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?$/u, 'a date'],
  [/^\d{1,2}\s*(?:giờ|h)\b/u, 'a time'],
  [/^\d+\s*\/\s*[A-ZĐ]/u, 'a document number'],
  [/^\d+\s+(?:ngày|tháng|năm|tuần|giờ)$/u, 'a duration'],
  [/^(?:19|20)\d{2}$/u, 'a year'],
];

describe('figures in real texts of other provinces', () => {
  it('with diacritics: strict F1 (value, metric, year) ≥ 0.95, no date, time, ordinal, code or duration', async () => {
    const results = await readAll('figures');
    const { strict, value } = scoreTexts(results);
    console.log(`real texts: strict F1 ${strict.f1.toFixed(3)}, value + year F1 ${value.f1.toFixed(3)}`);
    expect(strict.f1).toBeGreaterThanOrEqual(0.95);
    for (const { id, found } of results) {
      for (const figure of found) {
        const words = figure.text.replace(/^(?:hơn|trên|gần|khoảng|ít nhất|tối thiểu)\s+/u, '');
        // a least interval ("cách nhau 90 ngày trở lên") is a norm, labelled as a figure
        const norms = figure.qualifier === 'at_least' ? NOT_FIGURES.filter(([, what]) => what !== 'a duration') : NOT_FIGURES;
        for (const [pattern, what] of norms) expect(pattern.test(words), `${id}: «${figure.text}» is ${what}`).toBe(false);
      }
    }
  });

  it('stripped of their diacritics, through repair: strict F1 ≥ 0.90', async () => {
    const { strict } = scoreTexts(await readAll('stripped'));
    console.log(`real texts without diacritics: strict F1 ${strict.f1.toFixed(3)}`);
    expect(strict.f1).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['written-texts', 'written-texts-2', 'written-texts-3', 'written-texts-4'] as const)('%s, written and labelled by writers who never saw the extractor: strict F1 ≥ 0.95', async (set) => {
    const { strict } = scoreTexts(await read(writtenTexts(set)));
    console.log(`${set}: strict F1 ${strict.f1.toFixed(3)}`);
    expect(strict.f1).toBeGreaterThanOrEqual(0.95);
  });
});
