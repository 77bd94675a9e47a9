import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GoldenSchema } from '../samples/golden-schema.js';
import { seedIds, seedText } from '../samples/seeds.js';

const GOLDEN_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples/golden');
// Every value a number printed in the quote can stand for: `21.600` → 21600, `99,5` → 99.5,
// `1,3 triệu` → 1300000, `600 triệu đồng` → 600000000 (magnitude words are multiplied in).
function printedValues(quote: string): number[] {
  return [...quote.matchAll(/\d+(?:[.,]\d+)*/g)].flatMap(([token]) => {
    const value = /^\d{1,3}(\.\d{3})+$/.test(token)
      ? Number(token.replaceAll('.', ''))
      : Number(token.replaceAll('.', '').replace(',', '.'));
    return [value, Math.round(value * 1e3 * 1e6) / 1e6, Math.round(value * 1e6 * 1e6) / 1e6, Math.round(value * 1e9 * 1e6) / 1e6];
  });
}

const collapse = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');

describe.each(seedIds())('golden file of seed %s', (id) => {
  const file = path.join(GOLDEN_DIR, `${id}.json`);

  it('exists and validates against the record schemas', () => {
    expect(existsSync(file)).toBe(true);
    const golden = GoldenSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(golden.seed).toBe(id);
  });

  it('quotes every figure from the seed, once, with its number as printed', () => {
    const golden = GoldenSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const seed = collapse(seedText(id));
    for (const figure of golden.figures) {
      const quote = collapse(figure.text);
      const first = seed.indexOf(quote);
      expect(first, `"${figure.text}" is in seed ${id}`).toBeGreaterThanOrEqual(0);
      expect(seed.indexOf(quote, first + 1), `"${figure.text}" is unique in seed ${id}`).toBe(-1);
      expect(printedValues(quote), `"${figure.text}" prints ${figure.value}`).toContain(figure.value);
    }
  });
});
