// Vietnamese numerals. "." groups thousands and "," is the decimal mark (21.600 = 21600,
// 99,5 = 99.5); OCR and line breaks may put a space inside a group ("21. 600"); scale words
// multiply (1,3 triệu = 1300000).

/** A numeral as printed: thousands groups (possibly split by OCR spaces) and an optional decimal part. */
export const NUMERAL_SOURCE = String.raw`\d{1,3}(?:\.[ \t]?\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d+)?`;

const SCALES: [RegExp, number][] = [
  [/^(?:nghìn|ngàn|ngan|nghin)(?![\p{L}\d])/iu, 1e3],
  [/^(?:triệu|trieu)(?![\p{L}\d])/iu, 1e6],
  [/^(?:tỷ|tỉ|ty|ti)(?![\p{L}\d])/iu, 1e9],
];

/** The value of one numeral token, or null if it is not one. */
export function parseNumeral(token: string): number | null {
  const compact = token.replace(/[ \t]/g, '');
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/u.test(compact)) {
    return Number(compact.replaceAll('.', '').replace(',', '.'));
  }
  if (/^\d+,\d+$/u.test(compact)) return Number(compact.replace(',', '.'));
  // "2.5" with a group that is not three digits long can only be a decimal point
  if (/^\d+(\.\d+)?$/u.test(compact)) return Number(compact);
  return null;
}

/** The multiplier of a scale word at the start of `rest` ("triệu người" → 1e6), with its length. */
export function scaleAt(rest: string): { factor: number; length: number } | null {
  // a line break may stand between a number and its magnitude word
  const trimmed = rest.replace(/^[^\S\r\n]*(?:\r?\n[^\S\r\n]*)?/u, '');
  for (const [pattern, factor] of SCALES) {
    const match = pattern.exec(trimmed);
    if (match) return { factor, length: rest.length - trimmed.length + match[0].length };
  }
  return null;
}

/** Rounds away floating-point noise: 1.3 × 1e6 = 1300000, not 1299999.9999999998. */
export function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
