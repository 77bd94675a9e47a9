// Decoding a sentence under the trigram model: every word offers candidates (each with the
// log-probability that it was written as it appears), and the best sequence wins. A bigram pass
// first drops the candidates no reasonable reading uses; a Viterbi search over pairs of
// neighbouring candidates then decides among the rest with the exact trigram.
import { END_ID, START_ID, type SyllableLm } from './lm.js';

export interface Candidate {
  /** model token id */
  id: number;
  /** log P(word as printed | this candidate) */
  channel: number;
}

interface Decoded {
  /** index of the chosen candidate per word */
  choice: number[];
  /** how sure the choice is against the word's other candidates, 0–1 */
  confidence: number[];
}

const START: Candidate[] = [{ id: START_ID, channel: 0 }];
const END: Candidate[] = [{ id: END_ID, channel: 0 }];
/** natural-log distance from the best state beyond which a trigram state is dropped */
const BEAM = 12;
/**
 * A candidate whose best bigram reading is this far (natural log) behind the sentence's best is
 * not searched with the trigram: the trigram search costs the cube of the candidates per word,
 * the bigram pass their square, and most words have one clear reading.
 */
const BIGRAM_MARGIN = 6;

export function decodeSentence(lm: SyllableLm, all: Candidate[][]): Decoded {
  const steps = bigramSteps(lm, all);
  const kept = plausible(all, steps);
  const words = kept.map((indices, i) => indices.map((k) => all[i]![k]!));
  // log P(c | b) between kept candidates, from the bigram pass
  const lower = (i: number, p: number, q: number) => {
    const from = i === 0 ? 0 : kept[i - 1]![p]!;
    return steps[i]![from * all[i]!.length + kept[i]![q]!]!;
  };
  const n = words.length;
  const at = (i: number) => (i < 0 ? START : words[i]!);
  // score is indexed by (prev * size(i) + cur): the best log-probability ending in that pair
  let score = new Float64Array(1).fill(0);
  const back: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const twoBack = at(i - 2);
    const oneBack = at(i - 1);
    const here = at(i);
    const next = new Float64Array(oneBack.length * here.length).fill(-Infinity);
    const from = new Int32Array(oneBack.length * here.length);
    const totals = new Float64Array(twoBack.length);
    const backoffs = new Float64Array(twoBack.length);
    for (let p = 0; p < oneBack.length; p++) {
      const b = oneBack[p]!.id;
      let alive = false;
      // the contexts (a, b) are the same for every candidate c: look them up once
      for (let r = 0; r < twoBack.length; r++) {
        if (score[r * oneBack.length + p]! === -Infinity) continue;
        alive = true;
        totals[r] = lm.contextTotal(twoBack[r]!.id, b);
        backoffs[r] = lm.contextBackoff(twoBack[r]!.id, b, totals[r]);
      }
      if (!alive) continue;
      for (let q = 0; q < here.length; q++) {
        const c = here[q]!;
        const bigram = Math.exp(lower(i, p, q));
        let best = -Infinity;
        let bestR = 0;
        for (let r = 0; r < twoBack.length; r++) {
          const previous = score[r * oneBack.length + p]!;
          if (previous === -Infinity) continue;
          const s = previous + Math.log(lm.trigramIn(totals[r]!, backoffs[r]!, twoBack[r]!.id, b, c.id, bigram));
          if (s > best) [best, bestR] = [s, r];
        }
        next[p * here.length + q] = best + c.channel;
        from[p * here.length + q] = bestR;
      }
    }
    // beam: states far behind the best cannot win on any reasonable continuation
    let top = -Infinity;
    for (const s of next) if (s > top) top = s;
    for (let k = 0; k < next.length; k++) if (next[k]! < top - BEAM) next[k] = -Infinity;
    score = next;
    back.push(from);
  }
  // close the sentence, then walk back
  const last = at(n - 1);
  const beforeLast = at(n - 2);
  let best = -Infinity;
  let bestP = 0;
  let bestQ = 0;
  for (let p = 0; p < beforeLast.length; p++) {
    for (let q = 0; q < last.length; q++) {
      if (score[p * last.length + q] === -Infinity) continue;
      const s = score[p * last.length + q]! + Math.log(lm.trigram(beforeLast[p]!.id, last[q]!.id, END_ID));
      if (s > best) [best, bestP, bestQ] = [s, p, q];
    }
  }
  const choice = new Array<number>(n).fill(0);
  let [p, q] = [bestP, bestQ];
  for (let i = n - 1; i >= 0; i--) {
    choice[i] = q;
    const r = back[i]![p * at(i).length + q]!;
    [p, q] = [r, p];
  }
  return { choice: choice.map((k, i) => kept[i]![k]!), confidence: confidences(lm, words, choice) };
}

/**
 * log P(candidate q of word i | candidate p of word i − 1) for i = 0 … n (word −1 is the sentence
 * start, word n its end), indexed p * size(i) + q.
 */
function bigramSteps(lm: SyllableLm, words: Candidate[][]): Float64Array[] {
  const n = words.length;
  const at = (i: number) => (i < 0 ? START : i >= n ? END : words[i]!);
  const steps: Float64Array[] = [];
  for (let i = 0; i <= n; i++) steps.push(bigramStep(lm, at(i - 1), at(i)));
  return steps;
}

/**
 * Steps between the same two candidate lists, by list: a repairer hands out one list per printed
 * word, and word pairs repeat within a document (hien mau, tinh nguyen).
 */
const knownSteps = new WeakMap<SyllableLm, WeakMap<Candidate[], Map<Candidate[], Float64Array>>>();
const MAX_SUCCESSORS = 64;

function bigramStep(lm: SyllableLm, from: Candidate[], to: Candidate[]): Float64Array {
  let byModel = knownSteps.get(lm);
  if (!byModel) knownSteps.set(lm, (byModel = new WeakMap()));
  let successors = byModel.get(from);
  const known = successors?.get(to);
  if (known) return known;
  const step = new Float64Array(from.length * to.length);
  for (let p = 0; p < from.length; p++) {
    const b = from[p]!.id;
    const total = lm.historyTotal(b);
    const backoff = lm.historyBackoff(b, total);
    for (let q = 0; q < to.length; q++) step[p * to.length + q] = Math.log(lm.bigramIn(total, backoff, b, to[q]!.id));
  }
  if (!successors) byModel.set(from, (successors = new Map()));
  if (successors.size < MAX_SUCCESSORS) successors.set(to, step);
  return step;
}

/** The candidates of each word whose best reading under the bigram is within the margin of the best. */
function plausible(words: Candidate[][], steps: Float64Array[]): number[][] {
  const n = words.length;
  const size = (i: number) => (i < 0 || i >= n ? 1 : words[i]!.length);
  const channel = (i: number, q: number) => (i >= n ? 0 : words[i]![q]!.channel);
  // best score of a reading up to (forward) or from (backward) each candidate
  const forward: Float64Array[] = [];
  let prev = Float64Array.of(0);
  for (let i = 0; i < n; i++) {
    const here = new Float64Array(size(i)).fill(-Infinity);
    for (let p = 0; p < prev.length; p++) {
      for (let q = 0; q < here.length; q++) here[q] = Math.max(here[q]!, prev[p]! + steps[i]![p * here.length + q]!);
    }
    for (let q = 0; q < here.length; q++) here[q] = here[q]! + channel(i, q);
    forward.push(here);
    prev = here;
  }
  const backward: Float64Array[] = new Array(n);
  let next = Float64Array.of(0);
  for (let i = n - 1; i >= 0; i--) {
    const here = new Float64Array(size(i)).fill(-Infinity);
    for (let p = 0; p < here.length; p++) {
      for (let q = 0; q < next.length; q++) here[p] = Math.max(here[p]!, steps[i + 1]![p * next.length + q]! + channel(i + 1, q) + next[q]!);
    }
    backward[i] = here;
    next = here;
  }
  return words.map((candidates, i) => {
    if (candidates.length === 1) return [0];
    const through = candidates.map((_, k) => forward[i]![k]! + backward[i]![k]!);
    const best = Math.max(...through);
    return candidates.map((_, k) => k).filter((k) => through[k]! >= best - BIGRAM_MARGIN);
  });
}

/** Each choice's share of the probability among its word's candidates, its neighbours held fixed. */
function confidences(lm: SyllableLm, words: Candidate[][], choice: number[]): number[] {
  const chosen = (i: number) => (i < 0 ? START_ID : i >= words.length ? END_ID : words[i]![choice[i]!]!.id);
  return words.map((candidates, i) => {
    if (candidates.length === 1) return 1;
    const scores = candidates.map((c) => {
      let s = c.channel + Math.log(lm.trigram(chosen(i - 2), chosen(i - 1), c.id));
      s += Math.log(lm.trigram(chosen(i - 1), c.id, chosen(i + 1)));
      if (i + 1 < words.length) s += Math.log(lm.trigram(c.id, chosen(i + 1), chosen(i + 2)));
      return s;
    });
    const top = Math.max(...scores);
    const total = scores.reduce((sum, s) => sum + Math.exp(s - top), 0);
    return Math.exp(scores[choice[i]!]! - top) / total;
  });
}
