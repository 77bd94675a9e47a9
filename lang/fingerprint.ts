// A text's fingerprint (MinHash): the least hashes of its runs of three words, folded so that the
// marks an OCR engine or a repair got wrong do not count. Two readings of one document share most
// of them; two documents on one subject share few.
import { fold } from './vietnamese.js';

const SIZE = 64;

/** One seed per hash function, fixed so that fingerprints stored years apart stay comparable. */
const SEEDS = Array.from({ length: SIZE }, (_, k) => mix32(0x9e3779b9 + k * 0x85ebca6b));

function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The fingerprint of a text; empty for a text of fewer than three words. */
export function fingerprint(text: string): number[] {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return [];
  const least = new Array<number>(SIZE).fill(0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    const h = hashText(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let k = 0; k < SIZE; k++) {
      const v = mix32(h ^ SEEDS[k]!);
      if (v < least[k]!) least[k] = v;
    }
  }
  return least;
}

/** The share of word triples two texts have in common (estimated from their fingerprints), 0–1. */
export function resemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== SIZE || b.length !== SIZE) return 0;
  let same = 0;
  for (let k = 0; k < SIZE; k++) if (a[k] === b[k]) same += 1;
  return same / SIZE;
}
