// Vietnamese syllables by orthography: an optional onset, a rhyme from the language's closed
// set, and at most one tone mark, with the rule that rhymes ending in -c, -ch, -p, -t take only
// the sắc or nặng tone.
import { withCaseOf } from './vietnamese.js';

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

const RHYMES: ReadonlySet<string> = new Set([
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

type Tone = 'ngang' | 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

interface Syllable {
  onset: string;
  rhyme: string;
  tone: Tone;
}

/** Splits a lowercase NFC letter string into its tone and its letters without the tone mark. */
function splitTone(word: string): { base: string; tone: Tone } | null {
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

const syllableCache = new Map<string, boolean>();

export function isSyllable(word: string): boolean {
  let known = syllableCache.get(word);
  if (known === undefined) {
    known = parseSyllable(word) !== null;
    // words repeat; a bounded cache spares most of the parsing in long texts
    if (syllableCache.size < 200_000) syllableCache.set(word, known);
  }
  return known;
}

const TONE_MARK: Record<Tone, string> = { ngang: '', sac: '\u0301', huyen: '\u0300', hoi: '\u0309', nga: '\u0303', nang: '\u0323' };
const VOWELS = 'aăâeêioôơuưy';
const MARKED_VOWELS = 'ăâêôơư';

/**
 * Where the tone mark sits in a rhyme, by the traditional convention used in most administrative
 * text (hòa, khỏe, ủy; not hoà, khoẻ, uỷ): on the last vowel that carries its own mark (ươ → ơ),
 * else the middle of three vowels, else the second of two before a final consonant, else the first.
 */
function toneIndex(rhyme: string): number {
  const vowels = [...rhyme].flatMap((letter, i) => (VOWELS.includes(letter) ? [i] : []));
  const marked = vowels.filter((i) => MARKED_VOWELS.includes(rhyme[i]!));
  if (marked.length > 0) return marked[marked.length - 1]!;
  if (vowels.length === 3) return vowels[1]!;
  if (vowels.length === 2) return vowels[vowels.length - 1]! < rhyme.length - 1 ? vowels[1]! : vowels[0]!;
  return vowels[0] ?? 0;
}

/** Letters with the tone mark put on the letter at `at`, in NFC. */
const markAt = (letters: string, at: number, tone: Tone) =>
  (letters.slice(0, at + 1) + TONE_MARK[tone] + letters.slice(at + 1)).normalize('NFC');

/** A syllable written out in lower case NFC, its tone mark placed by the traditional convention. */
function spell({ onset, rhyme, tone }: Syllable): string {
  // "gi" before a rhyme starting with i lends it its own i: gi + ìn → gìn, gi + iếng → giếng
  if (onset === 'gi' && rhyme.startsWith('i')) {
    const rest = rhyme.slice(1);
    const hasVowel = [...rest].some((letter) => VOWELS.includes(letter));
    return markAt(`gi${rest}`, hasVowel ? 2 + toneIndex(rest) : 1, tone);
  }
  return markAt(onset + rhyme, onset.length + toneIndex(rhyme), tone);
}

/** The same syllable with its tone mark where the traditional convention puts it (hoà → hòa). */
export function normaliseTonePlacement(word: string): string {
  const syllable = parseSyllable(word);
  if (!syllable) return word;
  const spelled = spell(syllable);
  return spelled === word ? word : withCaseOf(word, spelled);
}

const TONES: Tone[] = ['ngang', 'sac', 'huyen', 'hoi', 'nga', 'nang'];

/** Every syllable Vietnamese spelling allows, lower case, traditional tone placement. */
export function allSyllables(): string[] {
  const out = new Set<string>();
  for (const onset of ONSETS) {
    for (const rhyme of RHYMES) {
      for (const tone of TONES) {
        const word = spell({ onset, rhyme, tone });
        const parsed = parseSyllable(word);
        // keep spellings that read back as the same syllable (gi + i is gì, not "gii")
        if (parsed && parsed.onset === onset && parsed.rhyme === rhyme && parsed.tone === tone) out.add(word);
      }
    }
  }
  return [...out];
}
