// Viterbi decoding of a sentence under the trigram model: every word offers candidates (each with
// the log-probability that it was written as it appears), and the best sequence wins. States are
// pairs of neighbouring candidates, so the trigram is exact.
import { END_ID, START_ID, type SyllableLm } from './lm.js';

export interface Candidate {
  /** model token id */
  id: number;
  /** log P(word as printed | this candidate) */
  channel: number;
}

export interface Decoded {
  /** index of the chosen candidate per word */
  choice: number[];
  /** how sure the choice is against the word's other candidates, 0–1 */
  confidence: number[];
}

const START: Candidate[] = [{ id: START_ID, channel: 0 }];
/** natural-log distance from the best state beyond which a state is dropped */
const BEAM = 12;

export function decodeSentence(lm: SyllableLm, words: Candidate[][]): Decoded {
  const n = words.length;
  const at = (i: number) => (i < 0 ? START : (words[i] ?? START));
  // score[i] is indexed by (prev * size(i) + cur): the best log-probability ending in that pair
  let score = new Float64Array(1).fill(0);
  const back: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const twoBack = at(i - 2);
    const oneBack = at(i - 1);
    const here = at(i);
    const next = new Float64Array(oneBack.length * here.length).fill(-Infinity);
    const from = new Int32Array(oneBack.length * here.length);
    // pairs ending in a candidate that no state reaches within the beam are skipped
    const alive = new Uint8Array(oneBack.length);
    for (let r = 0; r < twoBack.length; r++) for (let p = 0; p < oneBack.length; p++) if (score[r * oneBack.length + p]! > -Infinity) alive[p] = 1;
    const totals = new Float64Array(twoBack.length);
    const backoffs = new Float64Array(twoBack.length);
    for (let p = 0; p < oneBack.length; p++) {
      if (!alive[p]) continue;
      const b = oneBack[p]!.id;
      // the contexts (a, b) are the same for every candidate c: look them up once
      for (let r = 0; r < twoBack.length; r++) {
        totals[r] = lm.contextTotal(twoBack[r]!.id, b);
        backoffs[r] = lm.contextBackoff(twoBack[r]!.id, b, totals[r]);
      }
      for (let q = 0; q < here.length; q++) {
        const c = here[q]!;
        const lower = lm.bigram(b, c.id);
        let best = -Infinity;
        let bestR = 0;
        for (let r = 0; r < twoBack.length; r++) {
          const previous = score[r * oneBack.length + p]!;
          if (previous === -Infinity) continue;
          const s = previous + Math.log(lm.trigramIn(totals[r]!, backoffs[r]!, twoBack[r]!.id, b, c.id, lower));
          if (s > best) [best, bestR] = [s, r];
        }
        next[p * here.length + q] = best + c.channel;
        from[p * here.length + q] = bestR;
      }
    }
    // beam: states far behind the best cannot win on any reasonable continuation
    const top = Math.max(...next);
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
  return { choice, confidence: confidences(lm, words, choice) };
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
