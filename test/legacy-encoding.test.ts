import { describe, expect, it } from 'vitest';
import { detectLegacyEncoding, fromLegacy, type LegacyEncoding } from '../repair/legacy-encoding.js';

// The expected letters are built from a base letter and combining marks, not from the module's
// tables: ngang, sắc, huyền, hỏi, ngã, nặng.
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const BASES: Record<string, string> = {
  a: 'a', ă: 'a\u0306', â: 'a\u0302', e: 'e', ê: 'e\u0302', i: 'i',
  o: 'o', ô: 'o\u0302', ơ: 'o\u031b', u: 'u', ư: 'u\u031b', y: 'y',
};
const withTones = (base: string) => TONE_MARKS.map((mark) => (base + mark).normalize('NFC'));

// Legacy forms in the same tone order, written out by hand from the standard tables.
const TCVN3: Record<string, string[]> = {
  a: ['a', '¸', 'µ', '¶', '·', '¹'],
  ă: ['¨', '¾', '»', '¼', '½', 'Æ'],
  â: ['©', 'Ê', 'Ç', 'È', 'É', 'Ë'],
  e: ['e', 'Ð', 'Ì', 'Î', 'Ï', 'Ñ'],
  ê: ['ª', 'Õ', 'Ò', 'Ó', 'Ô', 'Ö'],
  i: ['i', 'Ý', '×', 'Ø', 'Ü', 'Þ'],
  o: ['o', 'ã', 'ß', 'á', 'â', 'ä'],
  ô: ['«', 'è', 'å', 'æ', 'ç', 'é'],
  ơ: ['¬', 'í', 'ê', 'ë', 'ì', 'î'],
  u: ['u', 'ó', 'ï', 'ñ', 'ò', 'ô'],
  ư: ['\u00ad', 'ø', 'õ', 'ö', '÷', 'ù'],
  y: ['y', 'ý', 'ú', 'û', 'ü', 'þ'],
};

const VNI_LOWER: Record<string, string[]> = {
  a: ['a', 'aù', 'aø', 'aû', 'aõ', 'aï'],
  ă: ['aê', 'aé', 'aè', 'aú', 'aü', 'aë'],
  â: ['aâ', 'aá', 'aà', 'aå', 'aã', 'aä'],
  e: ['e', 'eù', 'eø', 'eû', 'eõ', 'eï'],
  ê: ['eâ', 'eá', 'eà', 'eå', 'eã', 'eä'],
  i: ['i', 'í', 'ì', 'æ', 'ó', 'ò'],
  o: ['o', 'où', 'oø', 'oû', 'oõ', 'oï'],
  ô: ['oâ', 'oá', 'oà', 'oå', 'oã', 'oä'],
  ơ: ['ô', 'ôù', 'ôø', 'ôû', 'ôõ', 'ôï'],
  u: ['u', 'uù', 'uø', 'uû', 'uõ', 'uï'],
  ư: ['ö', 'öù', 'öø', 'öû', 'öõ', 'öï'],
  y: ['y', 'yù', 'yø', 'yû', 'yõ', 'î'],
};

const VNI_UPPER: Record<string, string[]> = {
  a: ['A', 'AÙ', 'AØ', 'AÛ', 'AÕ', 'AÏ'],
  ă: ['AÊ', 'AÉ', 'AÈ', 'AÚ', 'AÜ', 'AË'],
  â: ['AÂ', 'AÁ', 'AÀ', 'AÅ', 'AÃ', 'AÄ'],
  e: ['E', 'EÙ', 'EØ', 'EÛ', 'EÕ', 'EÏ'],
  ê: ['EÂ', 'EÁ', 'EÀ', 'EÅ', 'EÃ', 'EÄ'],
  i: ['I', 'Í', 'Ì', 'Æ', 'Ó', 'Ò'],
  o: ['O', 'OÙ', 'OØ', 'OÛ', 'OÕ', 'OÏ'],
  ô: ['OÂ', 'OÁ', 'OÀ', 'OÅ', 'OÃ', 'OÄ'],
  ơ: ['Ô', 'ÔÙ', 'ÔØ', 'ÔÛ', 'ÔÕ', 'ÔÏ'],
  u: ['U', 'UÙ', 'UØ', 'UÛ', 'UÕ', 'UÏ'],
  ư: ['Ö', 'ÖÙ', 'ÖØ', 'ÖÛ', 'ÖÕ', 'ÖÏ'],
  y: ['Y', 'YÙ', 'YØ', 'YÛ', 'YÕ', 'Î'],
};

const convertAll = (forms: string[], encoding: LegacyEncoding) => forms.map((form) => fromLegacy(form, encoding));

describe('TCVN3 letters', () => {
  it.each(Object.entries(TCVN3))('%s with its six tones', (vowel, forms) => {
    expect(convertAll(forms, 'tcvn3')).toEqual(withTones(BASES[vowel]!));
  });

  it('đ and the capitals TCVN3 encodes', () => {
    expect(convertAll(['®', '§'], 'tcvn3')).toEqual(['\u0111', '\u0110']);
    const capitals = ['ă', 'â', 'ê', 'ô', 'ơ', 'ư'].map((vowel) => BASES[vowel]!.toUpperCase().normalize('NFC'));
    expect(convertAll(['¡', '¢', '£', '¤', '¥', '¦'], 'tcvn3')).toEqual(capitals);
  });

  it('reads toned letters in capital text as lower case, the codes being shared', () => {
    expect(fromLegacy('VIÖT NAM', 'tcvn3')).toBe('VI\u1ec7T NAM');
  });
});

describe('VNI letters', () => {
  it.each(Object.entries(VNI_LOWER))('%s with its six tones', (vowel, forms) => {
    expect(convertAll(forms, 'vni')).toEqual(withTones(BASES[vowel]!));
  });

  it.each(Object.entries(VNI_UPPER))('capital %s with its six tones', (vowel, forms) => {
    expect(convertAll(forms, 'vni')).toEqual(withTones(BASES[vowel]!.toUpperCase()));
  });

  it('đ and Đ', () => {
    expect(convertAll(['ñ', 'Ñ'], 'vni')).toEqual(['\u0111', '\u0110']);
  });
});

const SENTENCES: [LegacyEncoding, string, string][] = [
  // TCVN3 has no capital Ủ: documents write "Uû", Uỷ with the tone on the second vowel
  ['tcvn3', 'Uû ban nh©n d©n tØnh Kiªn Giang', 'Uỷ ban nhân dân tỉnh Kiên Giang'],
  ['tcvn3', 'Céng hßa x· héi chñ nghÜa ViÖt Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
  ['tcvn3', '§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
  ['tcvn3', 'tiÕp nhËn ®\u00adîc 21.600 ®¬n vÞ m¸u', 'tiếp nhận được 21.600 đơn vị máu'],
  ['vni', 'UÛy ban nhaân daân tænh Kieân Giang', 'Ủy ban nhân dân tỉnh Kiên Giang'],
  ['vni', 'Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
  ['vni', 'Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
  ['vni', 'tieáp nhaän ñöôïc 21.600 ñôn vò maùu', 'tiếp nhận được 21.600 đơn vị máu'],
];

describe('sentences', () => {
  it.each(SENTENCES)('%s: %s', (encoding, legacy, unicode) => {
    expect(fromLegacy(legacy, encoding)).toBe(unicode.normalize('NFC'));
    expect(detectLegacyEncoding(legacy)).toBe(encoding);
  });

  it.each(['tcvn3', 'vni'] as const)('a %s document is detected and converted as a whole', (encoding) => {
    const rows = SENTENCES.filter(([rowEncoding]) => rowEncoding === encoding);
    const legacy = rows.map(([, text]) => text).join('\n');
    expect(detectLegacyEncoding(legacy)).toBe(encoding);
    expect(fromLegacy(legacy, encoding)).toBe(rows.map(([, , unicode]) => unicode.normalize('NFC')).join('\n'));
  });

  it('keeps characters outside the encoding', () => {
    const text = 'Số 12/QĐ-UBND: 3,5% (€) "x"';
    expect(fromLegacy(text, 'tcvn3')).toBe(text);
    expect(fromLegacy(text, 'vni')).toBe(text);
  });
});

describe('not legacy text', () => {
  const vietnamese = 'Ủy ban nhân dân tỉnh Kiên Giang. Cộng hòa xã hội chủ nghĩa Việt Nam';
  it.each([
    ['Unicode Vietnamese (NFC)', vietnamese.normalize('NFC')],
    ['Unicode Vietnamese (NFD)', vietnamese.normalize('NFD')],
    ['Vietnamese with only Latin-1 letters', 'Tôi là ai'],
    ['English', 'The committee received 21,600 units of blood this year.'],
    ['French', 'Café Müller à Paris'],
    ['French with où', 'Je ne sais pas où il est, ni où elle est allée.'],
    ['German', 'Schöne Grüße aus München, Frau Müller!'],
    ['empty', ''],
  ])('%s', (_name, text) => {
    expect(detectLegacyEncoding(text)).toBeNull();
  });
});
