// OCR accuracy measures against the text drawn on a sample page.
import { characterErrorRate } from './cer.js';

const numbers = (text: string) => text.match(/\d+(?:[.,/]\d+)*/gu) ?? [];

/** Share of the reference's numbers (as printed, with repeats) that the OCR text has exactly. */
export function numbersExact(hypothesis: string, reference: string): { found: number; total: number } {
  const available = new Map<string, number>();
  for (const n of numbers(hypothesis)) available.set(n, (available.get(n) ?? 0) + 1);
  let found = 0;
  const expected = numbers(reference);
  for (const n of expected) {
    const left = available.get(n) ?? 0;
    if (left > 0) {
      found += 1;
      available.set(n, left - 1);
    }
  }
  return { found, total: expected.length };
}

export interface PageScore {
  file: string;
  page: number;
  table: boolean;
  cer: number;
  chars: number;
  numbersFound: number;
  numbersTotal: number;
}

export function scorePage(file: string, page: number, hypothesis: string, referenceLines: string[], table: boolean): PageScore {
  const reference = referenceLines.join('\n');
  const { found, total } = numbersExact(hypothesis, reference);
  return {
    file,
    page,
    table,
    cer: characterErrorRate(hypothesis, reference),
    chars: reference.length,
    numbersFound: found,
    numbersTotal: total,
  };
}

/** CER over several pages, weighted by their reference length. */
export const pooledCer = (scores: PageScore[]) =>
  scores.reduce((sum, s) => sum + s.cer * s.chars, 0) / Math.max(1, scores.reduce((sum, s) => sum + s.chars, 0));

export const numberShare = (scores: PageScore[]) =>
  scores.reduce((sum, s) => sum + s.numbersFound, 0) / Math.max(1, scores.reduce((sum, s) => sum + s.numbersTotal, 0));
