import { describe, expect, it } from 'vitest';
import { parseSyllable } from '../lang/syllables.js';
import { textQuality } from '../lang/text-quality.js';
import { GOOD_LAYER } from '../pages/page-text.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { seedText } from '../samples/seeds.js';

describe('Vietnamese syllables', () => {
  it.each(['hiến', 'máu', 'nguyện', 'Kiên', 'Giang', 'quyết', 'gìn', 'giếng', 'nghiêng', 'khuya', 'khuỷu', 'rượu', 'thuở', 'xoong', 'ý', 'uỷ', 'kí', 'tắc'])(
    '%s is a syllable',
    (word) => expect(parseSyllable(word), word).not.toBeNull(),
  );

  // each breaks an onset, rhyme, tone or spelling rule: tàc (a stop takes only sắc or nặng), cí (c
  // never before i), ghà (gh only before i, e, ê), kién (no rhyme "ién")
  it.each(['tlep', 'dugc', 'ciia', 'nguyen', 'kien', 'hien', 'kién', 'cí', 'ghà', 'tàc', 'UBND', 'pthtran', 'qua1'])(
    '%s is not',
    (word) => expect(parseSyllable(word), word).toBeNull(),
  );
});

describe('text-layer quality', () => {
  const seed = (id: string) => seedText(id);

  it('scores the seeds high, their garbled OCR layer and stripped copies low', () => {
    for (const id of ['000_5d7240f5e3e37f89', '001_6c15229d760a6031', '003_a3ef00ab117a0ba4', '004_be4b1999ee6b929b']) {
      expect(textQuality(seed(id)).score, id).toBeGreaterThanOrEqual(GOOD_LAYER);
      expect(textQuality(foldDiacritics(seed(id))).score, `${id} stripped`).toBeLessThan(0.2);
    }
    expect(textQuality(seed('002_248d99dcd443ce19')).score).toBeLessThan(0.3);
  });

  it('scores an empty or junk page 0', () => {
    expect(textQuality('').score).toBe(0);
    expect(textQuality('|||| ~~~ ¦¦ @@').score).toBe(0);
  });
});
