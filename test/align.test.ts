import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { alignPath, type Moves } from '../lang/align.js';

/** Letter-by-letter edit moves: substitution (free when equal), deletion, insertion, each cost 1. */
const letterMoves =
  (a: string, b: string): Moves =>
  (i, j) => [
    [1, 1, a[i - 1] === b[j - 1] ? 0 : 1],
    [1, 0, 1],
    [0, 1, 1],
  ];

const cost = (a: string, b: string) =>
  alignPath(a.length, b.length, letterMoves(a, b)).filter((step) => !(step.di === 1 && step.dj === 1 && a[step.i] === b[step.j])).length;

describe('alignPath', () => {
  it('with unit moves, costs the edit distance', () => {
    for (const [a, b] of [['', ''], ['', 'abc'], ['kitten', 'sitting'], ['nguyen', 'nguyễn'], ['ab', 'ba']]) {
      expect(cost(a!, b!), `${a} → ${b}`).toBe(distance(a!, b!));
    }
  });

  it('returns the steps start to end, each from the cell it leaves', () => {
    expect(alignPath(2, 1, letterMoves('ax', 'a'))).toEqual([
      { di: 1, dj: 1, i: 0, j: 0 },
      { di: 1, dj: 0, i: 1, j: 1 },
    ]);
  });

  it('takes the first listed of equally cheap moves, and skips moves from before the start', () => {
    const twoForOne: Moves = (i, j) => [
      [2, 1, 1],
      [1, 1, i === j ? 0 : 1],
      [1, 0, 1],
      [0, 1, 1],
    ];
    expect(alignPath(2, 1, twoForOne).map((step) => [step.di, step.dj])).toEqual([[2, 1]]);
    expect(alignPath(1, 1, twoForOne).map((step) => [step.di, step.dj])).toEqual([[1, 1]]);
  });
});
