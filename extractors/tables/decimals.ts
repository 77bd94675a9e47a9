// A table prints each column's numbers with the same decimals (a yearbook's areas with one, its
// rates with two). OCR drops a decimal comma now and then ("312,5" read as "3125", with high
// confidence): in a column whose numbers show d decimals and no other count of them, a number read
// with no comma, longer than d digits (or its last group d digits too long), gets its comma back d
// digits from the right.
import { isBodyRow } from './read-table.js';

const DECIMALS = /^\d{1,3}(?:\.\d{3})*,(\d+)$/u;
const BARE = /^\d+$/u;
/** How many of a column's numbers must show their decimals. */
const AGREEING_CELLS = 2;

/** The grid with its body columns' lost decimal commas put back (a header's years stay). */
export function mendLostDecimals(grid: string[][]): string[][] {
  const rows = grid.filter(isBodyRow);
  const width = Math.max(0, ...rows.map((row) => row.length));
  const decimals = Array.from({ length: width }, (_, j) => {
    const counts = new Map<number, number>();
    let numbers = 0;
    for (const row of rows) {
      const cell = row[j] ?? '';
      const places = DECIMALS.exec(cell)?.[1]?.length ?? (BARE.test(cell) ? 0 : null);
      if (places === null) continue;
      numbers++;
      counts.set(places, (counts.get(places) ?? 0) + 1);
    }
    // one count of decimals printed at least twice, and no other (bare numbers are what OCR left)
    const printed = [...counts].filter(([places]) => places > 0);
    const [places, count] = printed[0] ?? [0, 0];
    return printed.length === 1 && count >= AGREEING_CELLS && numbers >= 3 ? places : 0;
  });
  return grid.map((row) =>
    !isBodyRow(row) ? row : row.map((cell, j) => {
      const places = decimals[j] ?? 0;
      // "3125" for 312,5; "1.4544" for 1.454,4 (the thousands dot kept, the comma lost)
      const lost = BARE.test(cell) ? cell.length > places : new RegExp(`^\\d{1,3}(?:\\.\\d{3})*\\.\\d{${3 + places}}$`, 'u').test(cell);
      return places > 0 && lost ? `${cell.slice(0, -places)},${cell.slice(-places)}` : cell;
    }),
  );
}
