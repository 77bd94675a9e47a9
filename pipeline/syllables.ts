// Vietnamese syllables by orthography: an optional onset, a rhyme from the language's closed
// set, and at most one tone mark, with the rule that rhymes ending in -c, -ch, -p, -t take only
// the sắc or nặng tone.

const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

const OPEN_RHYMES = [
  'a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'iêu', 'oa', 'oai', 'oay', 'oao', 'oe', 'oeo',
  'oi', 'ôi', 'ơi', 'ua', 'uây', 'ui', 'uôi', 'ưa', 'ưi', 'ươi', 'ưu', 'ươu', 'uê', 'uơ', 'uy', 'uya', 'uyu',
  'yêu', 'uyê', 'ya',
];

// nucleus → the codas it takes
const CLOSED: Record<string, string[]> = {
  a: ['m', 'n', 'ng', 'nh', 'c', 'ch', 'p', 't'],
  ă: ['m', 'n', 'ng', 'c', 'p', 't'],
  â: ['m', 'n', 'ng', 'c', 'p', 't'],
  e: ['m', 'n', 'ng', 'c', 'p', 't'],
  ê: ['m', 'n', 'nh', 'ch', 'p', 't'],
  i: ['m', 'n', 'nh', 'ch', 'p', 't'],
  o: ['m', 'n', 'ng', 'c', 'p', 't'],
  oo: ['ng', 'c'],
  ô: ['m', 'n', 'ng', 'c', 'p', 't'],
  ơ: ['m', 'n', 'p', 't'],
  u: ['m', 'n', 'ng', 'c', 'p', 't'],
  ư: ['m', 'n', 'ng', 'c', 't'],
  iê: ['m', 'n', 'ng', 'c', 'p', 't'],
  yê: ['m', 'n', 'ng', 't'],
  uô: ['m', 'n', 'ng', 'c', 't'],
  ươ: ['m', 'n', 'ng', 'c', 'p', 't'],
  oa: ['m', 'n', 'ng', 'nh', 'c', 'ch', 'p', 't'],
  oă: ['m', 'n', 'ng', 'c', 't'],
  oe: ['m', 'n', 'ng', 'c', 't'],
  uâ: ['n', 'ng', 't'],
  uê: ['n', 'nh', 'ch'],
  uy: ['n', 'nh', 'ch', 'p', 't'],
  uyê: ['n', 't'],
};

export const RHYMES: ReadonlySet<string> = new Set([
  ...OPEN_RHYMES,
  ...Object.entries(CLOSED).flatMap(([nucleus, codas]) => codas.map((coda) => nucleus + coda)),
]);

const TONE_MARKS = new Map([
  ['\u0301', 'sac'],
  ['\u0300', 'huyen'],
  ['\u0309', 'hoi'],
  ['\u0303', 'nga'],
  ['\u0323', 'nang'],
]);

export type Tone = 'ngang' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

export interface Syllable {
  onset: string;
  rhyme: string;
  tone: Tone;
}

/** Splits a lowercase NFC letter string into its tone and its letters without the tone mark. */
export function splitTone(word: string): { base: string; tone: Tone } | null {
  let tone: Tone = 'ngang';
  let marks = 0;
  const base = word
    .normalize('NFD')
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/gu, (mark) => {
      marks += 1;
      tone = (TONE_MARKS.get(mark) ?? 'ngang') as Tone;
      return '';
    })
    .normalize('NFC');
  return marks > 1 ? null : { base, tone };
}

/** The syllable a word spells, or null when it is not a Vietnamese syllable. */
export function parseSyllable(word: string): Syllable | null {
  const lower = word.toLocaleLowerCase('vi');
  if (lower.length === 0 || lower.length > 8 || !/^\p{L}+$/u.test(lower)) return null;
  const split = splitTone(lower);
  if (!split) return null;
  const { base, tone } = split;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    let rhyme = base.slice(onset.length);
    // "gi" lends its i to the rhyme: gì = gi + ì, gìn = gi + ìn, giếng = gi + iếng
    if (onset === 'gi' && (rhyme === '' || /^[mnpctê]/u.test(rhyme)) && RHYMES.has(`i${rhyme}`)) rhyme = `i${rhyme}`;
    if (!RHYMES.has(rhyme)) continue;
    if (onset === 'qu' && /^u/u.test(rhyme)) continue;
    // spelling rules: k, gh, ngh before i, e, ê only; c, g, ng never before them
    const front = /^[ieêy]/u.test(rhyme);
    if ((onset === 'k' || onset === 'gh' || onset === 'ngh') && !front) continue;
    if ((onset === 'c' || onset === 'g' || onset === 'ng') && /^[ieê]/u.test(rhyme)) continue;
    if (/(c|ch|p|t)$/u.test(rhyme) && tone !== 'sac' && tone !== 'nang') continue;
    return { onset, rhyme, tone };
  }
  return null;
}

export const isSyllable = (word: string) => parseSyllable(word) !== null;
