// How text becomes language-model tokens: sentences of lower-case syllables, with numbers folded
// into one token and the tone mark placed by one convention, so that training text and the text
// being repaired are read the same way.
import { normaliseTonePlacement } from '../lang/syllables.js';

export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';
export const UNKNOWN = '<unk>';
export const NUMBER = '<num>';

/**
 * A word of the text: a run of letters and digits, with the symbols OCR prints for letters
 * (s6, V@, bi€u, ¥ for Ý, ¢4 for cá).
 * Codes and numbers come apart at their punctuation (152/QĐ-BCĐ: 152, QĐ, BCĐ; 21.600: 21, 600),
 * so that their letters are repaired like other words.
 */
export const WORD = /(?:[\p{L}\p{M}\p{N}]|(?<=[\p{L}\p{N}])@|[€¢¥])+/gu;

const tokenCache = new Map<string, string>();

/** The model's token for one word as printed. */
export function lmToken(word: string): string {
  let token = tokenCache.get(word);
  if (token === undefined) {
    token = /\p{N}/u.test(word) && !/\p{L}/u.test(word) ? NUMBER : normaliseTonePlacement(word.normalize('NFC').toLocaleLowerCase('vi'));
    // words repeat: a bounded cache makes training and repair several times faster
    if (tokenCache.size < 200_000) tokenCache.set(word, token);
  }
  return token;
}

export interface TextWord {
  text: string;
  /** where the word starts in the text (UTF-16 code units) */
  offset: number;
}

const isUpper = (word: string) => word !== word.toLocaleLowerCase('vi');
const isAllCaps = (word: string) => /\p{L}{2}/u.test(word) && word === word.toLocaleUpperCase('vi');

/**
 * Whether a sentence ends between two words: after . ! ? ; : …, or at a line break before a
 * capital or after a heading in capitals. Other line breaks are wrapping: scans, text layers and
 * typed documents break lines mid-sentence.
 */
function endsSentence(gap: string, before: string, after: string): boolean {
  if (/[.!?;:…](?:\s|$)/u.test(gap)) return true;
  return /\n/u.test(gap) && (isUpper(after[0] ?? '') || isAllCaps(before));
}

/** The words of a text, in sentences. */
export function sentencesOf(text: string): TextWord[][] {
  const words = [...text.matchAll(WORD)].map((m) => ({ text: m[0], offset: m.index ?? 0 }));
  const out: TextWord[][] = [];
  let current: TextWord[] = [];
  words.forEach((word, i) => {
    current.push(word);
    const next = words[i + 1];
    if (!next || endsSentence(text.slice(word.offset + word.text.length, next.offset), word.text, next.text)) {
      out.push(current);
      current = [];
    }
  });
  return out;
}

/** Sentences of model tokens from running text. */
export function lmSentences(text: string): string[][] {
  return sentencesOf(text.normalize('NFC')).map((sentence) => sentence.map((word) => lmToken(word.text)));
}
