// The language model learns from no text that measures it: of each evaluation text (the labelled
// real excerpts, the written sets, the real captures' transcription, the test-only seeds) at most a
// tenth of its long sentences is in the training texts — administrative formulas recur across
// documents ("về công tác tuyên truyền, vận động hiến máu tình nguyện" is in 000 and 003 alike), a
// copied text would have them all. Compared without diacritics, so that a stripped copy counts too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold } from '../lang/vietnamese.js';
import { seedText } from '../samples/seeds.js';
import { TEST_ONLY_SEEDS, trainingTexts } from '../tools/training-texts.js';

const DATA = path.resolve(import.meta.dirname, 'data');
/** Sentences this long are a text's own; shorter ones ("Sở Giáo dục và Đào tạo") recur anywhere. */
const OWN_SENTENCE_WORDS = 10;

function evaluationTexts(): { name: string; text: string }[] {
  const texts = TEST_ONLY_SEEDS.map((seed) => ({ name: `seed ${seed}`, text: seedText(seed) }));
  for (const dir of readdirSync(DATA).filter((d) => d === 'real-texts' || d.startsWith('written-texts'))) {
    for (const file of readdirSync(path.join(DATA, dir)).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(path.join(DATA, dir, file), 'utf8').split('\n').filter(Boolean)) {
        const record = JSON.parse(line) as { id: string; text: string };
        texts.push({ name: `${dir}/${file} ${record.id}`, text: record.text });
      }
    }
  }
  texts.push({ name: 'real-scans', text: readFileSync(path.join(DATA, 'real-scans/letter-page2-capture.txt'), 'utf8') });
  return texts;
}

const words = (text: string) => fold(text.normalize('NFC')).split(/\s+/u).filter(Boolean).join(' ');

describe('the language model corpus', () => {
  it('holds none of the texts the model is measured on', () => {
    const training = trainingTexts().map((t) => words(t.text)).join('\n');
    const shares = evaluationTexts().map(({ name, text }) => {
      const sentences = text
        .split(/[.;:!?\n]/u)
        .map(words)
        .filter((sentence) => sentence.split(' ').length >= OWN_SENTENCE_WORDS);
      const found = sentences.filter((sentence) => training.includes(sentence));
      return { name, sentences: sentences.length, found: found.length, share: found.length / Math.max(1, sentences.length) };
    });
    console.log(`evaluation texts: ${shares.length}, long sentences ${shares.reduce((n, s) => n + s.sentences, 0)}, in the training texts ${shares.reduce((n, s) => n + s.found, 0)}`);
    expect(shares.reduce((n, s) => n + s.sentences, 0)).toBeGreaterThan(500);
    expect(shares.filter((s) => s.share > 0.1)).toEqual([]);
  });
});
