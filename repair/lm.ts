// A syllable trigram language model with interpolated Kneser–Ney smoothing: the trigram's own
// count, discounted, backs off to how many contexts a bigram continues, then a syllable. Stored as
// counts; probabilities are computed at lookup.
import { gunzipSync, gzipSync } from 'node:zlib';
import { NgramTable } from './ngram-table.js';
import { lmSentences, NUMBER, SENTENCE_END, SENTENCE_START, UNKNOWN } from './lm-tokens.js';

export const RESERVED = [SENTENCE_START, SENTENCE_END, UNKNOWN, NUMBER] as const;
export const START_ID = 0;
export const END_ID = 1;
const UNKNOWN_ID = 2;

/** The counts a model is made of; arrays of packed keys and their values (see ngram-table.ts). */
export interface LmCounts {
  vocabulary: string[];
  /** Kneser–Ney discounts for trigrams and bigrams */
  discounts: { trigram: number; bigram: number };
  /** raw trigram counts: (a, b, c) */
  trigramKeys: Float64Array;
  trigramCounts: Float64Array;
  /** per trigram context (0, a, b): the sum of its raw counts and how many distinct c follow */
  contextKeys: Float64Array;
  contextTotals: Float64Array;
  contextTypes: Float64Array;
  /** bigram continuation counts: how many distinct a precede (b, c); keyed (0, b, c) */
  bigramKeys: Float64Array;
  bigramCounts: Float64Array;
  /** per bigram context (0, 0, b): the sum of its continuation counts and its distinct c */
  historyKeys: Float64Array;
  historyTotals: Float64Array;
  historyTypes: Float64Array;
  /** unigram continuation counts by token id: how many distinct b precede c */
  unigramCounts: Float64Array;
}

const ARRAYS = [
  'trigramKeys', 'trigramCounts', 'contextKeys', 'contextTotals', 'contextTypes',
  'bigramKeys', 'bigramCounts', 'historyKeys', 'historyTotals', 'historyTypes', 'unigramCounts',
] as const;

export class SyllableLm {
  readonly vocabulary: readonly string[];
  private readonly ids: Map<string, number>;
  private readonly trigrams: NgramTable;
  /** per trigram context: its total (column 0) and its distinct continuations (column 1) */
  private readonly contexts: NgramTable;
  private readonly bigrams: NgramTable;
  /** per bigram history: its total (column 0) and its distinct continuations (column 1) */
  private readonly histories: NgramTable;
  private readonly unigrams: Float64Array;
  private readonly unigramTotal: number;
  private readonly discounts: LmCounts['discounts'];

  constructor(counts: LmCounts) {
    this.vocabulary = counts.vocabulary;
    this.ids = new Map(counts.vocabulary.map((token, id) => [token, id]));
    this.trigrams = new NgramTable(counts.trigramKeys, counts.trigramCounts);
    this.contexts = new NgramTable(counts.contextKeys, counts.contextTotals, counts.contextTypes);
    this.bigrams = new NgramTable(counts.bigramKeys, counts.bigramCounts);
    this.histories = new NgramTable(counts.historyKeys, counts.historyTotals, counts.historyTypes);
    this.unigrams = counts.unigramCounts;
    this.unigramTotal = counts.unigramCounts.reduce((sum, n) => sum + n, 0);
    this.discounts = counts.discounts;
  }

  /** The token's id, or the unknown token's. */
  id(token: string): number {
    return this.ids.get(token) ?? UNKNOWN_ID;
  }

  /** How many distinct syllables precede this one in the training text (0 = never seen). */
  seen(id: number): number {
    return id === UNKNOWN_ID ? 0 : (this.unigrams[id] ?? 0);
  }

  /** P(c) by continuation count, with room for tokens never seen. */
  unigram(c: number): number {
    return (this.seen(c) + 0.5) / (this.unigramTotal + 0.5 * this.vocabulary.length);
  }

  /** P(c | b) */
  bigram(b: number, c: number): number {
    const total = this.historyTotal(b);
    return this.bigramIn(total, this.historyBackoff(b, total), b, c);
  }

  /** How often b was seen as a history: with historyBackoff, what a decoder can reuse across c */
  historyTotal(b: number): number {
    return this.histories.get(0, 0, b);
  }

  /** The share of probability the history b leaves to P(c) */
  historyBackoff(b: number, total = this.historyTotal(b)): number {
    return total === 0 ? 1 : (this.discounts.bigram * this.histories.get(0, 0, b, 1)) / total;
  }

  /** P(c | b) from the history's total and backoff share */
  bigramIn(total: number, backoff: number, b: number, c: number): number {
    if (total === 0) return this.unigram(c);
    return Math.max(this.bigrams.get(0, b, c) - this.discounts.bigram, 0) / total + backoff * this.unigram(c);
  }

  /** log P of a text's sentences, each from its start to its end */
  logProbability(text: string): number {
    let total = 0;
    for (const sentence of lmSentences(text)) {
      const ids = [START_ID, START_ID, ...sentence.map((token) => this.id(token)), END_ID];
      for (let i = 2; i < ids.length; i++) total += Math.log(this.trigram(ids[i - 2]!, ids[i - 1]!, ids[i]!));
    }
    return total;
  }

  /** P(c | a b); `lower` is P(c | b) when the caller already has it */
  trigram(a: number, b: number, c: number, lower = this.bigram(b, c)): number {
    const total = this.contextTotal(a, b);
    return this.trigramIn(total, this.contextBackoff(a, b, total), a, b, c, lower);
  }

  /** How often the context (a, b) was seen: with contextBackoff, what a decoder can reuse across c */
  contextTotal(a: number, b: number): number {
    return this.contexts.get(0, a, b);
  }

  /** The share of probability the context (a, b) leaves to P(c | b) */
  contextBackoff(a: number, b: number, total = this.contextTotal(a, b)): number {
    return total === 0 ? 1 : (this.discounts.trigram * this.contexts.get(0, a, b, 1)) / total;
  }

  /** P(c | a b) from the context's total and backoff share, and P(c | b) */
  trigramIn(total: number, backoff: number, a: number, b: number, c: number, lower: number): number {
    if (total === 0) return lower;
    return Math.max(this.trigrams.get(a, b, c) - this.discounts.trigram, 0) / total + backoff * lower;
  }
}

/** The binary model file: a JSON header, then the count arrays as float64, gzipped. */
export function serialiseCounts(counts: LmCounts): Buffer {
  const header = Buffer.from(
    JSON.stringify({ vocabulary: counts.vocabulary, discounts: counts.discounts, lengths: ARRAYS.map((name) => counts[name].length) }),
  );
  const size = Buffer.alloc(4);
  size.writeUInt32LE(header.length);
  const parts = [size, header, ...ARRAYS.map((name) => Buffer.from(counts[name].buffer, counts[name].byteOffset, counts[name].byteLength))];
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

export function deserialiseCounts(file: Buffer): LmCounts {
  const bytes = gunzipSync(file);
  const headerLength = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
    vocabulary: string[];
    discounts: LmCounts['discounts'];
    lengths: number[];
  };
  // copy into an aligned buffer: typed arrays need their offset to be a multiple of 8
  const body = new Uint8Array(bytes.subarray(4 + headerLength));
  let offset = 0;
  const arrays = Object.fromEntries(
    ARRAYS.map((name, i) => {
      const length = header.lengths[i] ?? 0;
      const array = new Float64Array(body.buffer, offset, length);
      offset += length * 8;
      return [name, array];
    }),
  ) as Record<(typeof ARRAYS)[number], Float64Array>;
  return { vocabulary: header.vocabulary, discounts: header.discounts, ...arrays };
}
