// The ruled lines of a page image: long straight runs of ink, horizontal and vertical, as a table's
// grid draws them. Found on the prepared (deskewed, paper-whitened) image by the longest run of
// dark pixels per pixel row and column, a pixel's neighbours across the line counting with it so
// that a line a little off the pixel grid stays one run. The blocks of cells the rules enclose are
// found here too, for the table reader and for the cells OCR missed.
import { columnInkRuns, INK, inkRuns, type Span } from './ink.js';

interface Rule {
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

/** Gaps this short (pixels) inside a line are noise or a faded stretch, not its end. */
const MAX_GAP = 4;
/** A horizontal rule is at least this long (inches): shorter ones are underlines. */
const MIN_HORIZONTAL = 1.5;
/** A vertical rule may be as short as one table row (inches); the grid it belongs to decides. */
const MIN_VERTICAL = 0.2;

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
  const ink = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i++) ink[i] = gray[i]! < INK ? 1 : 0;
  const rowOf = (y: number) => ink.subarray(y * width, (y + 1) * width);
  // horizontal: a pixel or the one above or below it; vertical: a pixel or the one left or right of it
  const across = new Uint8Array(width);
  const horizontal = Array.from({ length: height }, (_, y) => {
    if (y === 0 || y === height - 1) return [];
    const [above, at, below] = [rowOf(y - 1), rowOf(y), rowOf(y + 1)];
    for (let x = 0; x < width; x++) across[x] = above[x]! | at[x]! | below[x]!;
    return inkRuns(width, (x) => across[x] === 1, { maxGap: MAX_GAP, min: MIN_HORIZONTAL * dpi });
  });
  const beside = new Uint8Array(width);
  const vertical = columnInkRuns(
    width,
    height,
    (y) => {
      const at = rowOf(y);
      for (let x = 1; x < width - 1; x++) beside[x] = at[x - 1]! | at[x]! | at[x + 1]!;
      return beside;
    },
    { maxGap: MAX_GAP, min: MIN_VERTICAL * dpi },
  );
  return { horizontal: mergeLines(horizontal), vertical: mergeLines(vertical) };
}

/** Rules closer than this (inches) are one line drawn thick or twice. */
export const SAME_LINE = 0.04;
/** How far (inches) a rule may stop short of the line it meets. */
const REACH = 0.06;
/** Rules this near (inches) above or below a band belong to its table. */
const TABLE_REACH = 3;

/** Rules or positions in order, without those closer than SAME_LINE to the one before. */
export const distinctLines = <T>(sorted: T[], at: (item: T) => number, dpi: number): T[] =>
  sorted.filter((item, i) => i === 0 || at(item) - at(sorted[i - 1]!) > SAME_LINE * dpi);

/** A ruled block of a table: its row edges (y) and column edges (x). */
interface RuledBlock {
  rows: number[];
  columns: number[];
  /** per band (between two row edges), the vertical rules that cross it: a merged cell lacks some */
  walls: number[][];
}

const crosses = (rule: Rule, top: number, bottom: number, reach: number) => rule.from <= top + reach && rule.to >= bottom - reach;

/** The ruled blocks of a page: bands between horizontal rules that three vertical rules or more cross, stacked. */
export function ruledBlocks(rules: RuledLines, dpi: number): RuledBlock[] {
  const reach = REACH * dpi;
  const horizontal = distinctLines(rules.horizontal, (rule) => rule.at, dpi);
  const blocks: RuledBlock[] = [];
  let current: RuledBlock | null = null;
  for (let i = 0; i + 1 < horizontal.length; i++) {
    const [upper, lower] = [horizontal[i]!, horizontal[i + 1]!];
    // (across the table's width, as the rules near it run: a rule under a spanning heading stops at its span)
    const near = horizontal.filter((rule) => Math.abs(rule.at - upper.at) <= TABLE_REACH * dpi);
    const [left, right] = [Math.min(...near.map((rule) => rule.from)), Math.max(...near.map((rule) => rule.to))];
    const crossing = rules.vertical
      .filter((rule) => rule.at >= left - reach && rule.at <= right + reach)
      .filter((rule) => crosses(rule, upper.at, lower.at, reach))
      .map((rule) => rule.at);
    const walls = distinctLines(crossing, (x) => x, dpi);
    if (walls.length < 3) {
      current = null;
      continue;
    }
    if (current && current.rows.at(-1) === upper.at) {
      current.rows.push(lower.at);
      current.walls.push(walls);
    } else {
      current = { rows: [upper.at, lower.at], columns: walls, walls: [walls] };
      blocks.push(current);
    }
    // a column edge is one that crosses every band so far: header cells spanning columns drop none
    if (walls.length > current.columns.length) current.columns = walls;
  }
  return blocks;
}
