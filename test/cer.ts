// Character error rate as the OCR issues define it: edit distance over the reference length, on
// NFC text with whitespace collapsed and typographic punctuation folded to what OCR writes.
import { distance } from 'fastest-levenshtein';

export function normalizeForCer(text: string): string {
  return text
    .normalize('NFC')
    .replace(/…/gu, '...')
    .replace(/[“”„]/gu, '"')
    .replace(/[‘’]/gu, "'")
    .replace(/[–—]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function characterErrorRate(hypothesis: string, reference: string): number {
  const ref = normalizeForCer(reference);
  return distance(normalizeForCer(hypothesis), ref) / Math.max(ref.length, 1);
}
