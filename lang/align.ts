// The cheapest monotone alignment of two sequences, by dynamic programming over the cells (i, j):
// the first i items of one sequence read against the first j of the other.

/** A step of an alignment path: `di` items of the first sequence and `dj` of the second, consumed from (i, j). */
interface Step {
  di: number;
  dj: number;
  i: number;
  j: number;
}

/**
 * The moves that reach cell (i, j), as [di, dj, cost]: from (i - di, j - dj) at that cost. A move
 * reaching before the start is skipped; of equally cheap moves, the first listed wins.
 */
export type Moves = (i: number, j: number) => [number, number, number][];

/** The cheapest path from (0, 0) to (n, m), start to end. */
export function alignPath(n: number, m: number, moves: Moves): Step[] {
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1).fill(Infinity));
  const back = Array.from({ length: n + 1 }, () => new Array<[number, number]>(m + 1).fill([0, 0]));
  const at = (i: number, j: number) => best[i]?.[j] ?? Infinity;
  best[0]?.fill(0, 0, 1);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      for (const [di, dj, cost] of i + j === 0 ? [] : moves(i, j)) {
        if (di > i || dj > j || at(i - di, j - dj) + cost >= at(i, j)) continue;
        (best[i] as Float64Array)[j] = at(i - di, j - dj) + cost;
        (back[i] as [number, number][])[j] = [di, dj];
      }
    }
  }
  const path: Step[] = [];
  for (let [i, j] = [n, m]; i > 0 || j > 0; ) {
    const [di, dj] = back[i]?.[j] ?? [0, 0];
    [i, j] = [i - di, j - dj];
    path.push({ di, dj, i, j });
  }
  return path.reverse();
}
