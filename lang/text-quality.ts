// How much a page's text looks like real Vietnamese, 0–1: the share of its words that are valid
// syllables, whether the diacritics Vietnamese needs are there, and how little junk it holds. A
// clean text layer scores near 1; a layer whose diacritics were stripped or garbled scores low.
import { isSyllable } from './syllables.js';

/** Vietnamese prose marks about three syllables in four; text with none lost its diacritics. */
export const EXPECTED_MARKED_SHARE = 0.5;

interface TextQuality {
  score: number;
  words: number;
  validShare: number;
  markedShare: number;
  junkShare: number;
}

export function textQuality(raw: string): TextQuality {
  const text = raw.normalize('NFC');
  const words = (text.match(/\p{L}+/gu) ?? []).filter(
    // acronyms (UBND, HMTN) and single letters say nothing about the language
    (word) => word.length > 1 && !(word === word.toLocaleUpperCase('vi') && !isSyllable(word)),
  );
  const visible = text.replace(/\s+/gu, '');
  const junk = (visible.match(/[^\p{L}\p{N}.,;:!?()"'“”‘’\-–—/%+&…*#<>=]/gu) ?? []).length;
  if (words.length === 0) return { score: 0, words: 0, validShare: 0, markedShare: 0, junkShare: visible.length ? junk / visible.length : 0 };
  const valid = words.filter(isSyllable);
  const marked = valid.filter((word) => /[^a-zA-Z]/u.test(word)).length;
  const validShare = valid.length / words.length;
  const markedShare = valid.length ? marked / valid.length : 0;
  const junkShare = junk / Math.max(visible.length, 1);
  const score = validShare * Math.min(1, markedShare / EXPECTED_MARKED_SHARE) * (1 - Math.min(1, junkShare * 5));
  return { score: Math.round(score * 1000) / 1000, words: words.length, validShare, markedShare, junkShare };
}
