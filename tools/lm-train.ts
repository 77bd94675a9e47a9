// Training the syllable trigram model: count trigrams, then derive the Kneser–Ney continuation
// counts and discounts from them. Texts are not weighted: counting domain text several times was
// measured to hurt (it skews the discounts, which come from counts of counts), by 1–2 points.
import { packKey, unpackKey, MAX_VOCABULARY } from '../repair/ngram-table.js';
import { RESERVED, START_ID, END_ID, type LmCounts } from '../repair/lm.js';
import { lmSentences } from '../repair/lm-tokens.js';

export interface TrainingText {
  name: string;
  text: string;
}

interface TrainOptions {
  /** drop trigrams counted fewer times than this: a smaller model */
  minTrigramCount?: number;
}

/** The Kneser–Ney discount from counts of counts: n1 / (n1 + 2 n2). */
function discount(values: Iterable<number>): number {
  let once = 0;
  let twice = 0;
  for (const value of values) {
    if (value === 1) once += 1;
    else if (value === 2) twice += 1;
  }
  return once + twice === 0 ? 0.5 : Math.min(0.9, Math.max(0.1, once / (once + 2 * twice)));
}

const add = (map: Map<number, number>, key: number, amount: number) => map.set(key, (map.get(key) ?? 0) + amount);

export function trainLm(texts: TrainingText[], options: TrainOptions = {}): LmCounts {
  const ids = new Map<string, number>(RESERVED.map((token, id) => [token, id]));
  const idOf = (token: string) => {
    let id = ids.get(token);
    if (id === undefined) {
      id = ids.size;
      if (id >= MAX_VOCABULARY) throw new Error('vocabulary too large for the model');
      ids.set(token, id);
    }
    return id;
  };
  const trigrams = new Map<number, number>();
  for (const { text } of texts) {
    for (const sentence of lmSentences(text)) {
      const tokens = [START_ID, START_ID, ...sentence.map(idOf), END_ID];
      for (let i = 2; i < tokens.length; i++) add(trigrams, packKey(tokens[i - 2]!, tokens[i - 1]!, tokens[i]!), 1);
    }
  }

  // continuation counts come from every trigram type, before any pruning
  const bigramTypes = new Map<number, number>();
  for (const key of trigrams.keys()) {
    const [, b, c] = unpackKey(key);
    add(bigramTypes, packKey(0, b, c), 1);
  }
  const unigramCounts = new Float64Array(ids.size);
  const historyTotals = new Map<number, number>();
  const historyTypes = new Map<number, number>();
  for (const [key, count] of bigramTypes) {
    const [, b, c] = unpackKey(key);
    unigramCounts[c]! += 1;
    add(historyTotals, packKey(0, 0, b), count);
    add(historyTypes, packKey(0, 0, b), 1);
  }
  const contextTotals = new Map<number, number>();
  const contextTypes = new Map<number, number>();
  for (const [key, count] of trigrams) {
    const [a, b] = unpackKey(key);
    add(contextTotals, packKey(0, a, b), count);
    add(contextTypes, packKey(0, a, b), 1);
  }
  const discounts = { trigram: discount(trigrams.values()), bigram: discount(bigramTypes.values()) };

  const minimum = options.minTrigramCount ?? 1;
  const kept = [...trigrams].filter(([, count]) => count >= minimum);
  const contexts = [...contextTotals.keys()];
  const histories = [...historyTotals.keys()];
  return {
    vocabulary: [...ids.keys()],
    discounts,
    trigramKeys: Float64Array.from(kept, ([key]) => key),
    trigramCounts: Float64Array.from(kept, ([, count]) => count),
    contextKeys: Float64Array.from(contexts),
    contextTotals: Float64Array.from(contexts, (key) => contextTotals.get(key) ?? 0),
    contextTypes: Float64Array.from(contexts, (key) => contextTypes.get(key) ?? 0),
    bigramKeys: Float64Array.from(bigramTypes.keys()),
    bigramCounts: Float64Array.from(bigramTypes.values()),
    historyKeys: Float64Array.from(histories),
    historyTotals: Float64Array.from(histories, (key) => historyTotals.get(key) ?? 0),
    historyTypes: Float64Array.from(histories, (key) => historyTypes.get(key) ?? 0),
    unigramCounts,
  };
}
