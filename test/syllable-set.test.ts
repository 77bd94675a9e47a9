// The syllables Vietnamese spelling allows, generated from onset × rhyme × tone, checked against
// the Viet74K word list of @vntk/dictionary; tone placement normalised to one convention.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSyllables, normaliseTonePlacement, parseSyllable } from '../lang/syllables.js';

describe('Vietnamese syllable set', () => {
  const generated = new Set(allSyllables());

  it('holds every syllable of the Viet74K word list that spelling allows, and few that it rejects', () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('@vntk/dictionary/package.json'));
    const words = readFileSync(path.join(dir, 'data/Viet74K.txt'), 'utf8').normalize('NFC').toLocaleLowerCase('vi');
    const tokens = [...new Set(words.match(/\p{L}+/gu) ?? [])].filter((t) => /[^a-z]/u.test(t) || t.length > 1);
    const valid = tokens.filter((t) => parseSyllable(t));
    const missing = valid.map(normaliseTonePlacement).filter((t) => !generated.has(t));
    expect(missing).toEqual([]);
    // the rest (16%) are loanwords and foreign terms: acid, album, ampe, xing
    expect(valid.length / tokens.length).toBeGreaterThan(0.8);
    expect(generated.size).toBeGreaterThan(15_000);
  });

  it('places tone marks by the traditional convention', () => {
    const cases = { hoà: 'hòa', khoẻ: 'khỏe', uỷ: 'ủy', thuý: 'thúy', Hoá: 'Hóa', UỶ: 'ỦY', người: 'người', giếng: 'giếng', gìn: 'gìn', quý: 'quý', khuỷu: 'khuỷu', ngoài: 'ngoài', chuyện: 'chuyện', hoàn: 'hoàn' };
    for (const [printed, expected] of Object.entries(cases)) expect(normaliseTonePlacement(printed), printed).toBe(expected);
    for (const syllable of ['gii', 'giǹ', 'kan', 'ngiêng']) expect(generated.has(syllable), syllable).toBe(false);
  });
});
