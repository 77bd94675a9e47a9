// npm run train:lm — trains the syllable trigram model from the texts in training-texts.ts
// (never the test seeds 000 and 002) and writes the shipped model file.
import { writeFileSync } from 'node:fs';
import { serialiseCounts } from '../repair/lm.js';
import { trainLm } from './lm-train.js';
import { MODEL_FILE } from '../repair/model.js';
import { TEST_ONLY_SEEDS, trainingTexts } from './training-texts.js';

// trigrams seen once are dropped: the model shrinks sevenfold and loses 0.1 point on the seeds
const MIN_TRIGRAM_COUNT = 2;

const started = performance.now();
const texts = trainingTexts(TEST_ONLY_SEEDS);
const counts = trainLm(texts, { minTrigramCount: MIN_TRIGRAM_COUNT });
const file = serialiseCounts(counts);
writeFileSync(MODEL_FILE, file);
console.log(
  `train:lm  ${texts.map((t) => t.name).join(', ')}: ${counts.vocabulary.length} tokens, ${counts.trigramKeys.length} trigrams, ` +
    `${(file.length / 1e6).toFixed(1)} MB → ${MODEL_FILE} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
