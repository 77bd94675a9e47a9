// The OCR confusion channel: how OCR prints the letters of a syllable, learned from pairs of
// (printed token, syllable drawn) made by rendering corpus text and OCRing it (tools/ocr-pairs.ts).
// Letters are compared without marks (an engine that loses diacritics prints them at random), as
// edits: one letter for another (6 for o, @ for e), two for one (ii for u), one too many.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alignPath, type Moves } from '../lang/align.js';
import { isSyllable } from '../lang/syllables.js';
import { fold } from '../lang/vietnamese.js';

export const PAIRS_FILE = path.resolve(fileURLToPath(import.meta.url), '../data/ocr-pairs.tsv');

export interface OcrPair {
  observed: string;
  truth: string;
  count: number;
}

/** An edit from what OCR printed to the syllable's letters: `from` printed where `to` was meant. */
interface Edit {
  from: string;
  to: string;
  logProbability: number;
}

/** The edits that turn `printed` into `meant` (both folded), by a minimum-cost alignment, last edit first. */
function alignEdits(printed: string, meant: string): { from: string; to: string }[] {
  const p = [...printed];
  const m = [...meant];
  // a letter misread costs 1, printed too many 1, lost 1.5 (1 before the first printed letter), two printed for one 1.2
  const moves: Moves = (i, j) => [
    [1, 1, p[i - 1] === m[j - 1] ? 0 : 1],
    [2, 1, 1.2],
    [1, 0, 1],
    [0, 1, i === 0 ? 1 : 1.5],
  ];
  return alignPath(p.length, m.length, moves)
    .filter((step) => !(step.di === 1 && step.dj === 1 && p[step.i] === m[step.j]))
    .map((step) => ({ from: p.slice(step.i, step.i + step.di).join(''), to: m.slice(step.j, step.j + step.dj).join('') }))
    .reverse();
}

export function readOcrPairs(file = PAIRS_FILE): OcrPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [observed = '', truth = '', count = '0'] = line.split('\t');
      return { observed, truth, count: Number(count) };
    });
}

/** Letters that edits learned from this few pairs are not trusted. */
const MIN_EDIT_COUNT = 2;
const LOG_UNSEEN_SYMBOL = Math.log(0.001);
const VOWELS = 'aeiouy';
/** A vowel lost, or a consonant printed for one, where no learned edit explains the word. */
const LOG_DROPPED_VOWEL = Math.log(0.0005);
/** At most this many edits in one word: more is a different word. */
const MAX_EDITS = 2;

export class OcrChannel {
  private readonly edits = new Map<string, Edit[]>();
  private readonly found = new Map<string, { syllable: string; logProbability: number }[]>();

  /**
   * @param pairs printed/meant pairs from OCRed renders
   * @param spellings the syllables (and known words) spelled by some letters without marks
   */
  constructor(
    pairs: OcrPair[],
    private readonly spellings: (letters: string) => readonly string[],
  ) {
    const editCounts = new Map<string, number>();
    const letterCounts = new Map<string, number>();
    for (const { observed, truth, count } of pairs) {
      const meant = fold(truth);
      for (const letter of meant) letterCounts.set(letter, (letterCounts.get(letter) ?? 0) + count);
      for (const { from, to } of alignEdits(fold(observed), meant)) {
        // an insertion (a letter OCR dropped) could go anywhere: too many candidates to try
        if (from === '') continue;
        const key = `${from}\t${to}`;
        editCounts.set(key, (editCounts.get(key) ?? 0) + count);
      }
    }
    for (const [key, count] of editCounts) {
      if (count < MIN_EDIT_COUNT) continue;
      const [from = '', to = ''] = key.split('\t');
      // P(printed `from` | meant `to`): per occurrence of the meant letter (or of any letter)
      const base = to === '' ? [...letterCounts.values()].reduce((a, b) => a + b, 0) : (letterCounts.get(to) ?? count);
      this.edits.set(from, [...(this.edits.get(from) ?? []), { from, to, logProbability: Math.log(Math.min(1, count / base)) }]);
    }
  }

  /** Edits for one printed piece: the learned ones and, for a digit or symbol inside a word (never
   * part of a syllable), any vowel, as a rare edit: other fonts and scanners misread differently. */
  private editsFor(piece: string): Edit[] {
    const learned = this.edits.get(piece) ?? [];
    if (piece.length !== 1 || /\p{L}/u.test(piece)) return learned;
    const unseen = [...VOWELS].filter((to) => !learned.some((edit) => edit.to === to));
    return [...learned, ...unseen.map((to) => ({ from: piece, to, logProbability: LOG_UNSEEN_SYMBOL }))];
  }

  /** The syllables a printed word may stand for, with log P(printed | syllable) from its edits. */
  sources(printed: string): { syllable: string; logProbability: number }[] {
    let found = this.found.get(printed);
    if (!found) {
      found = this.search(printed);
      // words repeat: the search, thousands of edit chains for a long word, is made once per word
      if (this.found.size < 100_000) this.found.set(printed, found);
    }
    return found;
  }

  private search(printed: string): { syllable: string; logProbability: number }[] {
    const best = new Map<string, number>();
    const folded = fold(printed);
    // a word that spells no syllable (a known abbreviation such as cp is no excuse in garbled text)
    // lost or misread letters beyond what the pairs taught: a dropped vowel (marked vowels are the
    // faintest letters) or a consonant printed where a vowel was
    const damaged = !this.spellings(folded).some(isSyllable);
    const visit = (letters: string, logProbability: number, editsLeft: number, from: number) => {
      for (const syllable of this.spellings(letters)) best.set(syllable, Math.max(best.get(syllable) ?? -Infinity, logProbability));
      if (editsLeft === 0) return;
      for (let i = from; i <= letters.length; i++) {
        const go = (to: string, length: number, log: number) =>
          visit(letters.slice(0, i) + to + letters.slice(i + length), logProbability + log, editsLeft - 1, i + to.length);
        for (const length of [1, 2]) {
          if (i + length > letters.length) continue;
          for (const edit of this.editsFor(letters.slice(i, i + length))) go(edit.to, length, edit.logProbability);
        }
        if (!damaged) continue;
        for (const vowel of VOWELS) {
          go(vowel, 0, LOG_DROPPED_VOWEL);
          if (i < letters.length && !VOWELS.includes(letters[i]!)) go(vowel, 1, LOG_DROPPED_VOWEL);
        }
      }
    };
    visit(folded, 0, MAX_EDITS, 0);
    return [...best].map(([syllable, logProbability]) => ({ syllable, logProbability }));
  }
}
