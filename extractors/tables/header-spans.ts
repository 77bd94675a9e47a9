// Two-level headers as a text layer gives them: the upper row prints each heading once ("Thực hiện
// theo tháng" over twelve columns), and the lower row prints only its sub-headings, from the first
// column on ("Tháng 1 … Tháng 12"), with nothing to say which heading they sit under. The body's
// width says how many headings span; which ones is read from the words (months under "tháng", Nam
// and Nữ under "giới tính", sub-headings under "phân theo …", "chia ra") and from the body (the parts
// of a "Tổng số" never exceed it).
import { fold } from '../../pipeline/vietnamese.js';
import { cellNumber } from './grid.js';

// the row number's and the unit's headings never span sub-headings
const ROW_HEADING = /^(?:stt|so tt|tt|so thu tu|don vi|ten|dia phuong|co quan|noi dung|huyen|xa)\b/u;
const SPAN_WORDS = /\b(?:theo|chia ra|trong do|gom|bao gom|phan theo|so luong)\b/u;
const PERCENT = /\b(?:ty le|ti le)\b|%/u;
const MONTH = /^(?:thang|t)\s*\d{1,2}$/u;
const QUARTER = /^quy\s*(?:[ivx]+|\d)$/u;
const WHOLE = /^(?:tong so|tong cong|tong|cong|chung)$/u;

const trimEnd = (row: string[]) => {
  let end = row.length;
  while (end > 0 && (row[end - 1] ?? '') === '') end--;
  return row.slice(0, end);
};

/** A lower header row printed from the first column with no gaps: its cells sit under spanning headings. */
const isCompact = (row: string[]) => {
  const cells = trimEnd(row);
  return cells.length >= 2 && cells.every((cell) => cell !== '');
};

/** Ways to cut `count` sub-headings, in order, into `parts` runs of two or more. */
function compositions(count: number, parts: number): number[][] {
  if (parts === 1) return count >= 2 ? [[count]] : [];
  const out: number[][] = [];
  for (let first = 2; first <= count - 2 * (parts - 1); first++) for (const rest of compositions(count - first, parts - 1)) out.push([first, ...rest]);
  return out;
}

function choose(items: number[], k: number): number[][] {
  if (k === 0) return [[]];
  return items.flatMap((item, i) => choose(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));
}

/** How well sub-headings fit under a heading, by their words. */
function wordFit(heading: string, subs: string[]): number {
  const upper = fold(heading);
  const lower = subs.map((s) => fold(s).replace(/\s+/gu, ' ').trim());
  let score = 0;
  if (lower.every((s) => MONTH.test(s)) && /\bthang\b/u.test(upper)) score += 3;
  if (lower.every((s) => QUARTER.test(s)) && /\bquy\b/u.test(upper)) score += 3;
  score += 2 * lower.filter((s) => s.length >= 2 && upper.includes(s)).length;
  if (SPAN_WORDS.test(upper)) score += 1;
  if (PERCENT.test(upper)) score -= 2;
  // a heading that gives its own unit ("Chỉ tiêu năm 2024 (đơn vị máu)") names one measure
  if (/\([^)]*\)$/u.test(upper.trim())) score -= 2;
  return score;
}

/** Whether the body agrees: under a "Tổng số" sub-heading, the other sub-columns never exceed it. */
function bodyFit(subs: string[], firstColumn: number, body: string[][]): number {
  if (!WHOLE.test(fold(subs[0] ?? '').trim())) return 0;
  let rows = 0;
  for (const row of body) {
    const whole = cellNumber(row[firstColumn] ?? '');
    if (whole === null) continue;
    const parts = subs.slice(1).map((_, k) => cellNumber(row[firstColumn + 1 + k] ?? '') ?? 0);
    if (parts.some((part) => part > whole)) return -3;
    rows++;
  }
  return rows > 0 ? 2 : 0;
}

interface Pair {
  score: number;
  upper: string[];
  lower: string[];
  /** how many columns each of the upper row's cells now spans */
  sizes: number[];
}

/** The upper row's cells that take the lower row's sub-headings, chosen to fill `width` columns. */
function alignPair(upperRow: string[], lowerRow: string[], width: number, body: string[][]): Pair | null {
  const upper = trimEnd(upperRow);
  const lower = trimEnd(lowerRow);
  const spans = upper.length + lower.length - width;
  const eligible = upper.map((_, j) => j).filter((j) => upper[j] !== '' && !ROW_HEADING.test(fold(upper[j]!).trim()));
  if (spans < 1 || spans > eligible.length || spans > 4) return null;
  let best: { score: number; slots: number[]; sizes: number[] } | null = null;
  for (const slots of choose(eligible, spans)) {
    for (const sizes of compositions(lower.length, spans)) {
      let score = 0;
      let taken = 0;
      slots.forEach((slot, k) => {
        const subs = lower.slice(taken, taken + sizes[k]!);
        // the column the span starts at: each earlier slot that spans widens the row before it
        const firstColumn = slot + slots.slice(0, k).reduce((sum, _, i) => sum + sizes[i]! - 1, 0);
        score += wordFit(upper[slot]!, subs) + bodyFit(subs, firstColumn, body);
        taken += sizes[k]!;
      });
      if (best === null || score > best.score) best = { score, slots, sizes };
    }
  }
  if (!best) return null;
  const chosen = best;
  const sizes = upper.map((_, j) => (chosen.slots.includes(j) ? chosen.sizes[chosen.slots.indexOf(j)]! : 1));
  const alignedLower: string[] = [];
  let taken = 0;
  sizes.forEach((size, j) => {
    if (chosen.slots.includes(j)) alignedLower.push(...lower.slice(taken, (taken += size)));
    else alignedLower.push('');
  });
  return { score: chosen.score, upper: widen(upper, sizes), lower: alignedLower, sizes };
}

/** A row over columns that were split: each cell keeps its first column, the rest of its span empty. */
function widen(row: string[], sizes: number[]): string[] {
  return sizes.flatMap((size, j) => [row[j] ?? '', ...new Array<string>(size - 1).fill('')]);
}

/**
 * A chain of compact rows under one upper row (three levels: "Cây ăn quả" over "Tổng số | Trong đó",
 * "Trong đó" over "Sầu riêng | Chôm chôm"): the middle row is aligned at the width it has before
 * the lowest row splits its cells, then the lowest row under it.
 */
function alignChain(upper: string[], middle: string[], lowest: string[], width: number, body: string[][]) {
  let best: { score: number; rows: string[][] } | null = null;
  const splits = trimEnd(lowest).length;
  for (let spans = 1; 2 * spans <= splits; spans++) {
    const first = alignPair(upper, middle, width - splits + spans, []);
    const second = first && alignPair(first.lower, lowest, width, body);
    if (!first || !second) continue;
    const score = first.score + second.score;
    if (best === null || score > best.score) best = { score, rows: [widen(first.upper, second.sizes), second.upper, second.lower] };
  }
  return best?.rows ?? null;
}

/** A header row whose only cell is the wrapped end of the heading above it ("Sơ bộ - Prel." then "2023"). */
const isFragment = (row: string[]) => trimEnd(row).length === 1;

/**
 * Header rows with every compact lower row moved under the headings it belongs to: the upper row's
 * spanning heading keeps its first column and leaves the rest of its span empty, as a ruled or
 * space-aligned header prints it. A compact row that fits under no heading is a heading's wrapped
 * words and is left out; a header narrower than the body with no heading for the unit's name stands
 * over the value columns, at the right.
 */
export function alignHeaderRows(rows: string[][], width: number, body: string[][]): string[][] {
  const out: string[][] = [];
  for (const row of rows) {
    const above = out.at(-1);
    if (above && isFragment(row)) {
      const last = trimEnd(above).length - 1;
      above[last] = `${above[last]} ${row[0]!.trim()}`;
    } else out.push([...row]);
  }
  for (let r = 1; r < out.length; r++) {
    if (!isCompact(out[r]!) || trimEnd(out[r - 1]!).length >= width) continue;
    const chain = isCompact(out[r + 1] ?? []) ? alignChain(out[r - 1]!, out[r]!, out[r + 1]!, width, body) : null;
    if (chain) {
      out.splice(r - 1, 3, ...chain);
      r++;
      continue;
    }
    const pair = alignPair(out[r - 1]!, out[r]!, width, body);
    if (pair) [out[r - 1], out[r]] = [pair.upper, pair.lower];
  }
  const placed = out.filter((row, r) => r === 0 || !isCompact(row) || trimEnd(row).length >= width || trimEnd(out[r - 1]!).length < width);
  return placed.map((row) => {
    const cells = trimEnd(row);
    const unheaded = cells.length < width && cells.every((cell) => !ROW_HEADING.test(fold(cell).trim()));
    return unheaded && placed.length === 1 ? [...new Array<string>(width - cells.length).fill(''), ...cells] : row;
  });
}
