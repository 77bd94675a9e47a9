// What counts as ink on a page image (grey levels, 0 black to 255 white), and runs of it along a
// line of pixels.

/**
 * On a prepared page (its paper whitened, pages/preprocess.ts), a pixel darker than this is print:
 * a stroke's dark core, for ruled lines, a digit's extent and rules inside a word's box.
 */
export const INK = 150;

/** Darker than this is a mark rather than paper: a stroke with its faint grey rim, which INK leaves out. */
export const NOT_PAPER = 235;

/** A run along a line of pixels: its first and last dark pixel. */
export interface Span {
  from: number;
  to: number;
}

/**
 * The runs of `dark(i)` pixels for i in [0, length) that reach at least `min` pixels from their
 * first dark pixel to their last; gaps of at most `maxGap` pixels inside a run do not end it.
 */
export function inkRuns(length: number, dark: (i: number) => boolean, { maxGap = 0, min = 0 } = {}): Span[] {
  const found: Span[] = [];
  let start = -1;
  let last = -1;
  const close = () => {
    if (start >= 0 && last - start >= min) found.push({ from: start, to: last });
  };
  for (let i = 0; i < length; i++) {
    if (!dark(i)) continue;
    if (start < 0 || i - last > maxGap + 1) {
      close();
      start = i;
    }
    last = i;
  }
  close();
  return found;
}

/**
 * `inkRuns` down every column of an image at once, fed one row of dark flags (1 dark) at a time:
 * one pass in the image's own order instead of a walk down each column across rows.
 */
export function columnInkRuns(width: number, height: number, row: (y: number) => Uint8Array, { maxGap = 0, min = 0 } = {}): Span[][] {
  const found: Span[][] = Array.from({ length: width }, () => []);
  const start = new Int32Array(width).fill(-1);
  const last = new Int32Array(width).fill(-1);
  const close = (x: number) => {
    if (start[x]! >= 0 && last[x]! - start[x]! >= min) found[x]!.push({ from: start[x]!, to: last[x]! });
  };
  for (let y = 0; y < height; y++) {
    const dark = row(y);
    for (let x = 0; x < width; x++) {
      if (!dark[x]) continue;
      if (start[x]! < 0 || y - last[x]! > maxGap + 1) {
        close(x);
        start[x] = y;
      }
      last[x] = y;
    }
  }
  for (let x = 0; x < width; x++) close(x);
  return found;
}
