// The ruled lines of a page image: long straight runs of ink, horizontal and vertical, as a table's
// grid draws them. Found on the prepared (deskewed, paper-whitened) image by the longest run of
// dark pixels per pixel row and column, a pixel's neighbours across the line counting with it so
// that a line a little off the pixel grid stays one run.

export interface Rule {
  /** the line's position across its length: y of a horizontal rule, x of a vertical one */
  at: number;
  /** where it starts and ends along its length */
  from: number;
  to: number;
}

export interface RuledLines {
  horizontal: Rule[];
  vertical: Rule[];
}

interface GrayImage {
  gray: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

const INK = 150;
/** Gaps this short (pixels) inside a line are noise or a faded stretch, not its end. */
const MAX_GAP = 4;
/** A horizontal rule is at least this long (inches): shorter ones are underlines. */
const MIN_HORIZONTAL = 1.5;
/** A vertical rule may be as short as one table row (inches); the grid it belongs to decides. */
const MIN_VERTICAL = 0.2;

/** The runs of ink at least `min` long along one line of pixels, reading `dark(i)` for i in [0, length). */
function runs(length: number, min: number, dark: (i: number) => boolean): Span[] {
  const found: Span[] = [];
  let start = -1;
  let last = -1;
  const close = () => {
    if (start >= 0 && last - start >= min) found.push({ from: start, to: last });
  };
  for (let i = 0; i < length; i++) {
    if (!dark(i)) continue;
    if (start < 0 || i - last > MAX_GAP + 1) {
      close();
      start = i;
    }
    last = i;
  }
  close();
  return found;
}

interface Span {
  from: number;
  to: number;
}

const overlaps = (a: Span, b: Span) => a.from <= b.to && b.from <= a.to;

/** Runs on neighbouring pixel lines that overlap are one rule, at their middle. */
function mergeLines(lines: Span[][]): Rule[] {
  const rules: Rule[] = [];
  let open: { ats: number[]; from: number; to: number }[] = [];
  lines.forEach((spans, at) => {
    const next: typeof open = [];
    for (const span of spans) {
      const group = open.find((g) => overlaps(g, span)) ?? next.find((g) => overlaps(g, span));
      if (group) {
        if (!group.ats.includes(at)) group.ats.push(at);
        group.from = Math.min(group.from, span.from);
        group.to = Math.max(group.to, span.to);
        if (!next.includes(group)) next.push(group);
        open = open.filter((g) => g !== group);
      } else next.push({ ats: [at], from: span.from, to: span.to });
    }
    // groups no span continued are finished
    for (const group of open) rules.push({ at: Math.round(group.ats.reduce((a, b) => a + b, 0) / group.ats.length), from: group.from, to: group.to });
    open = next;
  });
  for (const group of open) rules.push({ at: Math.round(group.ats.reduce((a, b) => a + b, 0) / group.ats.length), from: group.from, to: group.to });
  return rules.sort((a, b) => a.at - b.at || a.from - b.from);
}

export function findRuledLines(image: GrayImage): RuledLines {
  const { gray, width, height, dpi } = image;
  const ink = (x: number, y: number) => gray[y * width + x]! < INK;
  const horizontal = Array.from({ length: height }, (_, y) =>
    y === 0 || y === height - 1 ? [] : runs(width, MIN_HORIZONTAL * dpi, (x) => ink(x, y) || ink(x, y - 1) || ink(x, y + 1)),
  );
  const vertical = Array.from({ length: width }, (_, x) =>
    x === 0 || x === width - 1 ? [] : runs(height, MIN_VERTICAL * dpi, (y) => ink(x, y) || ink(x - 1, y) || ink(x + 1, y)),
  );
  return { horizontal: mergeLines(horizontal), vertical: mergeLines(vertical) };
}
