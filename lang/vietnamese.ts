// Small facts about Vietnamese text shared by stages.

/** Removes every diacritic (tone and vowel marks) and maps đ/Đ to d/D: `Kiên Giang` → `Kien Giang`. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * A lower-case word written with the capitals of a printed word: all capitals (of two letters or
 * more), a capital first letter, or none (Về, VỀ, về for printed V@, VE, ve).
 */
export function withCaseOf(printed: string, lower: string): string {
  const letters = printed.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toLocaleUpperCase('vi')) return lower.toLocaleUpperCase('vi');
  if (printed[0] && printed[0] !== printed[0].toLocaleLowerCase('vi')) return lower[0]!.toLocaleUpperCase('vi') + lower.slice(1);
  return lower;
}

/** Lower case without diacritics, for matching text whether or not it kept them. */
export const fold = (text: string) => foldDiacritics(text).toLowerCase();

/** A unit's or area's name as a key: folded, and a province known with or without "tỉnh". */
export const scopeKey = (name: string) => fold(name).replace(/^tinh\s+/u, '');
