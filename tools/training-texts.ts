// The texts the language model learns from. Sources and licences:
// - tools/corpus/gov-vn.txt: administrative text from .gov.vn portals (not protected by
//   copyright: Vietnam IP Law Art. 15); the domain. Read at training time only.
// - seed documents 001, 003, 004 (provincial blood-donation documents, same legal basis); never
//   000 or 002, which stay a fair test.
// - @vntk/dictionary (MIT): dictionary glosses and examples, and the Viet74K word list.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingText } from './lm-train.js';

import { seedText } from '../samples/seeds.js';

export const CORPUS_FILE = path.resolve(fileURLToPath(import.meta.url), '../corpus/gov-vn.txt');

/** Seeds that are tests only: the notice 000 and its garbled OCR layer 002. */
export const TEST_ONLY_SEEDS = ['000', '002'];

/** A dictionary example's source, closing it: (tng), (Nam Cao; 8) */
const CITATION = /\s*\([^()]{1,30}\)\s*$/u;

function dictionaryText(): string {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@vntk/dictionary/package.json'));
  const entries = JSON.parse(readFileSync(path.join(dir, 'data/dictionary.json'), 'utf8')) as Record<
    string,
    { example?: string; definition?: string }[]
  >;
  const lines: string[] = [];
  for (const senses of Object.values(entries)) {
    for (const sense of senses) {
      if (sense.definition) lines.push(sense.definition);
      // examples are joined by "~": each is its own sentence, often ending in its source as an
      // abbreviation, (tng) for a proverb, (Cdao), (TKiều): no text to learn from
      if (sense.example) lines.push(...sense.example.split('~').map((example) => example.replace(CITATION, '')));
    }
  }
  lines.push(...readFileSync(path.join(dir, 'data/Viet74K.txt'), 'utf8').split('\n'));
  return lines.join('\n');
}

/** The training texts, leaving out the seeds named in `without` (leave-one-out tests). */
export function trainingTexts(without: string[] = []): TrainingText[] {
  if (!existsSync(CORPUS_FILE)) throw new Error(`training corpus not found: ${CORPUS_FILE}`);
  const seeds = ['001', '003', '004'].filter((seed) => !without.includes(seed));
  return [
    { name: 'gov-vn', text: readFileSync(CORPUS_FILE, 'utf8')},
    ...seeds.map((seed) => ({ name: `seed ${seed}`, text: seedText(seed)})),
    { name: '@vntk/dictionary', text: dictionaryText() },
  ];
}
