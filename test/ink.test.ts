import { describe, expect, it } from 'vitest';
import { columnInkRuns, inkRuns } from '../pages/ink.js';

const runsOf = (pixels: string, options?: Parameters<typeof inkRuns>[2]) => inkRuns(pixels.length, (i) => pixels[i] === '#', options);

describe('inkRuns', () => {
  it('gives each run its first and last dark pixel', () => {
    expect(runsOf('.##..###.#')).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 7 },
      { from: 9, to: 9 },
    ]);
    expect(runsOf('....')).toEqual([]);
  });

  it('bridges gaps up to maxGap pixels and keeps the runs reaching min pixels', () => {
    expect(runsOf('##..##...##', { maxGap: 2 })).toEqual([
      { from: 0, to: 5 },
      { from: 9, to: 10 },
    ]);
    expect(runsOf('##..##...##', { maxGap: 2, min: 2 })).toEqual([{ from: 0, to: 5 }]);
  });

  it('down every column at once, row by row, as down each column alone', () => {
    const image = ['#..#.', '#.##.', '..#..', '#.#..', '#...#', '..#.#'];
    const row = (y: number) => Uint8Array.from([...image[y]!].map((c) => (c === '#' ? 1 : 0)));
    for (const options of [{}, { maxGap: 1 }, { maxGap: 1, min: 2 }]) {
      const down = Array.from({ length: 5 }, (_, x) => inkRuns(image.length, (y) => image[y]![x] === '#', options));
      expect(columnInkRuns(5, image.length, row, options)).toEqual(down);
    }
  });
});
