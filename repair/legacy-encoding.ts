// Vietnamese text in the two legacy 8-bit font encodings, TCVN3 (ABC, .VnTime) and VNI
// (VNI-Times), as it comes out of old Word files and PDF text layers read as Latin-1/CP1252:
// which encoding a text is in, and its conversion to Unicode NFC.
import { isSyllable } from '../lang/syllables.js';

export type LegacyEncoding = 'tcvn3' | 'vni';

/** Combining tone marks in the order the tables list a vowel's forms: ngang, sắc, huyền, hỏi, ngã, nặng. */
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];

/** TCVN3: one character per letter, lower case only (the capital fonts reuse the lower-case codes). */
const TCVN3_VOWELS: Record<string, string[]> = {
  a: [...'a¸µ¶·¹'],
  ă: [...'¨¾»¼½Æ'],
  â: [...'©ÊÇÈÉË'],
  e: [...'eÐÌÎÏÑ'],
  ê: [...'ªÕÒÓÔÖ'],
  i: [...'iÝ×ØÜÞ'],
  o: [...'oãßáâä'],
  ô: [...'«èåæçé'],
  ơ: [...'¬íêëìî'],
  u: [...'uóïñòô'],
  ư: [...'\u00adøõö÷ù'],
  y: [...'yýúûüþ'],
};
/** đ, and the only capitals TCVN3 encodes. */
const TCVN3_OTHERS = { '®': 'đ', '¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ' };

// VNI: a base letter followed by a mark character for the tone, or for the tone and the vowel's
// own mark together; ơ and ư are single characters, and so are the toned i forms and ỵ.
const PLAIN = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
const CIRCUMFLEX = ['â', 'á', 'à', 'å', 'ã', 'ä'];
const BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
const marked = (base: string, marks: string[]) => marks.map((mark) => base + mark);
/** Lower-case forms; a capital is its lower-case form in capitals ("aù" á, "AÙ" Á). */
const VNI_VOWELS: Record<string, string[]> = {
  a: marked('a', PLAIN),
  ă: marked('a', BREVE),
  â: marked('a', CIRCUMFLEX),
  e: marked('e', PLAIN),
  ê: marked('e', CIRCUMFLEX),
  i: ['i', 'í', 'ì', 'æ', 'ó', 'ò'],
  o: marked('o', PLAIN),
  ô: marked('o', CIRCUMFLEX),
  ơ: marked('ô', PLAIN),
  u: marked('u', PLAIN),
  ư: marked('ö', PLAIN),
  y: ['y', 'yù', 'yø', 'yû', 'yõ', 'î'],
};
const VNI_OTHERS = { ñ: 'đ', Ñ: 'Đ' };

/** Legacy form → Unicode letter, for every form that differs from the letter. */
function table(vowels: Record<string, string[]>, others: Record<string, string>, capitals: boolean): Map<string, string> {
  const map = new Map(Object.entries(others));
  const add = (legacy: string, unicode: string) => {
    if (legacy !== unicode) map.set(legacy, unicode);
  };
  for (const [vowel, forms] of Object.entries(vowels)) {
    forms.forEach((form, tone) => {
      const letter = (vowel + TONES[tone]!).normalize('NFC');
      add(form, letter);
      if (capitals) add(form.toUpperCase(), letter.toUpperCase());
    });
  }
  return map;
}

const TABLES: Record<LegacyEncoding, Map<string, string>> = {
  tcvn3: table(TCVN3_VOWELS, TCVN3_OTHERS, false),
  vni: table(VNI_VOWELS, VNI_OTHERS, true),
};

/** The text converted to Unicode NFC (characters outside the encoding's letters are kept). */
export function fromLegacy(text: string, encoding: LegacyEncoding): string {
  const letters = TABLES[encoding];
  let out = '';
  for (let i = 0; i < text.length; ) {
    // a VNI letter may take two characters: the longer form wins
    const pair = letters.get(text.slice(i, i + 2));
    if (pair !== undefined) {
      out += pair;
      i += 2;
    } else {
      out += letters.get(text[i]!) ?? text[i];
      i += 1;
    }
  }
  return out.normalize('NFC');
}

/** Letters only Unicode text holds (ă đ ĩ ũ ơ ư, the Vietnamese block) and combining marks (NFD text). */
const UNICODE_VIETNAMESE = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u036f]/u;
/** Between words: whitespace, ASCII punctuation and digits, “ ” – … (Latin-1 symbols are TCVN3 letters). */
const SEPARATORS = /[\s!-@[-`{-~\u2000-\u206f]+/u;

/**
 * How many words the encoding turns from non-syllables into Vietnamese syllables, or 0 unless it
 * repairs at least half of the words with non-ASCII letters and half of all words read as
 * syllables after it.
 */
function repairedWords(words: string[], encoding: LegacyEncoding): number {
  let repaired = 0;
  let valid = 0;
  for (const word of words) {
    if (!isSyllable(fromLegacy(word, encoding))) continue;
    valid += 1;
    if (!isSyllable(word)) repaired += 1;
  }
  const nonAscii = words.filter((word) => /[^\0-\x7f]/u.test(word)).length;
  return repaired * 2 >= nonAscii && valid * 2 >= words.length ? repaired : 0;
}

/** Which legacy encoding the text is in, or null for Unicode (or plain ASCII) text. */
export function detectLegacyEncoding(text: string): LegacyEncoding | null {
  if (UNICODE_VIETNAMESE.test(text)) return null;
  const words = text.split(SEPARATORS).filter((word) => /\p{L}/u.test(word));
  const tcvn3 = repairedWords(words, 'tcvn3');
  const vni = repairedWords(words, 'vni');
  if (tcvn3 > vni) return 'tcvn3';
  if (vni > tcvn3) return 'vni';
  return null;
}
