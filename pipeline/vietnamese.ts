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

/** Lower case without diacritics, for matching text whether or not it kept them. */
export const fold = (text: string) => foldDiacritics(text).toLowerCase();
