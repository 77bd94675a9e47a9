// The shipped language model: trained by `npm run train:lm` (tools/train-lm.ts) without the test
// seeds 000 and 002, committed as counts, loaded once per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialiseCounts, SyllableLm } from './lm.js';
import { readOcrPairs } from './channel.js';
import { Repairer } from './repair.js';

export const MODEL_FILE = path.resolve(fileURLToPath(import.meta.url), '../model/vi-syllables.lm.gz');

let loaded: SyllableLm | null = null;

export function shippedLm(): SyllableLm {
  loaded ??= new SyllableLm(deserialiseCounts(readFileSync(MODEL_FILE)));
  return loaded;
}

/** How likely a spelling is under the shipped model: what breaks ties between a unit's spellings. */
export const shippedSpellingScore = (text: string) => shippedLm().logProbability(text);

let repairer: Repairer | null = null;

/** A repairer with the shipped model, made on first use. */
export function defaultRepairer(): Repairer {
  repairer ??= new Repairer(shippedLm(), readOcrPairs());
  return repairer;
}
