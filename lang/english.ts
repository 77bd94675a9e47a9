// Whether a text is English rather than Vietnamese (with or without its marks): English function
// words that no Vietnamese syllable spells, stripped or not ("the" is "thể" stripped, "an" is "an"),
// make up a good share of any English prose and of no Vietnamese. Words are compared without marks:
// OCR with the Vietnamese model reads English with marks of its own ("ïts", "thế year").
import { fold } from './vietnamese.js';

const ENGLISH_ONLY = new Set([
  'and', 'of', 'with', 'that', 'this', 'these', 'those', 'from', 'was', 'were', 'are', 'is', 'have', 'has', 'had', 'for', 'which', 'their', 'they',
  'will', 'been', 'would', 'its', 'into', 'or', 'we', 'our', 'you', 'your', 'all', 'more', 'about', 'during', 'within',
]);

/** Of a text's words, the share English would need at least: one in eight. */
const ENGLISH_SHARE = 0.125;
/** Fewer words than this say too little to tell. */
const FEW_WORDS = 8;

export function isEnglish(text: string): boolean {
  const words = fold(text).match(/\p{L}+/gu) ?? [];
  if (words.length < FEW_WORDS) return false;
  return words.filter((word) => ENGLISH_ONLY.has(word)).length >= words.length * ENGLISH_SHARE;
}
