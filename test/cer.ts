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

/** The words of a text as OCR is scored on them: NFC, punctuation trimmed off their ends. */
const scoredWords = (text: string) =>
  normalizeForCer(text)
    .split(' ')
    .map((word) => word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((word) => word !== '');

/** Word errors (substituted, missing, extra) of a reading against its reference, and the reference's words. */
export function wordErrors(hypothesis: string, reference: string): { errors: number; words: number } {
  // each distinct word one character of the private use area, so that a string edit distance counts words
  const codes = new Map<string, string>();
  const code = (word: string) => {
    if (!codes.has(word)) codes.set(word, String.fromCharCode(0xe000 + codes.size));
    return codes.get(word)!;
  };
  const encode = (words: string[]) => words.map(code).join('');
  const ref = scoredWords(reference);
  return { errors: distance(encode(scoredWords(hypothesis)), encode(ref)), words: ref.length };
}
