// Lays a seed's blocks out on A4 pages at 300 DPI, the way a provincial office prints them (serif
// font, centred header and title, ruled tables; wide tables on landscape pages), and draws them.
// Every page keeps the text drawn on it, in reading order: the reference for OCR accuracy.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Block, TextRole } from './seed-blocks.js';

export const RENDER_DPI = 300;
export const MM = RENDER_DPI / 25.4;
export const PT = RENDER_DPI / 72;
export const A4 = { short: Math.round(210 * MM), long: Math.round(297 * MM) };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 20 * MM };
const WIDE_TABLE_COLUMNS = 8;

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif/package.json'));
const FONT = 'SohoaNotoSerif';
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular/NotoSerif_400Regular.ttf'), FONT);
GlobalFonts.registerFromPath(path.join(fontDir, '700Bold/NotoSerif_700Bold.ttf'), FONT);
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular_Italic/NotoSerif_400Regular_Italic.ttf'), FONT);

export const REGULAR_FONT_FILE = path.join(fontDir, '400Regular/NotoSerif_400Regular.ttf');

interface Style {
  size: number; // points
  weight: 'normal' | 'bold';
  italic: boolean;
  column: 'full' | 'left' | 'right';
  align: 'left' | 'center';
  spaceBefore: number; // in lines
}

const STYLES: Record<TextRole, Style> = {
  header: { size: 12.5, weight: 'bold', italic: false, column: 'left', align: 'center', spaceBefore: 0 },
  dateline: { size: 12.5, weight: 'normal', italic: true, column: 'right', align: 'center', spaceBefore: 0 },
  title: { size: 14, weight: 'bold', italic: false, column: 'full', align: 'center', spaceBefore: 1.2 },
  subject: { size: 13, weight: 'bold', italic: false, column: 'full', align: 'center', spaceBefore: 0 },
  heading: { size: 12, weight: 'bold', italic: false, column: 'full', align: 'left', spaceBefore: 0.4 },
  body: { size: 12, weight: 'normal', italic: false, column: 'full', align: 'left', spaceBefore: 0.15 },
  recipients: { size: 10.5, weight: 'normal', italic: false, column: 'left', align: 'left', spaceBefore: 0 },
  signature: { size: 12, weight: 'bold', italic: false, column: 'right', align: 'center', spaceBefore: 0 },
};
const LINE_HEIGHT = 1.3;

export interface RenderedPage {
  width: number;
  height: number;
  landscape: boolean;
  /** 8-bit grayscale pixels, row by row */
  gray: Buffer;
  /** the text drawn on the page, one line per entry, in reading order */
  lines: string[];
  /** whether a ruled table is drawn on the page */
  table: boolean;
}

type Draw = (ctx: SKRSContext2D, top: number) => void;
interface Item {
  height: number;
  draw: Draw;
  lines: string[];
  landscape: boolean;
  /** drawn at the same height as the item before it (the header's right column) */
  sideBySide?: boolean;
  tableRow?: boolean;
}

export const measureCanvas = createCanvas(10, 10).getContext('2d');

function font(style: Pick<Style, 'size' | 'weight' | 'italic'>): string {
  return `${style.italic ? 'italic ' : ''}${style.weight === 'bold' ? 'bold ' : ''}${style.size * PT}px ${FONT}`;
}

/** The lines a text takes at a width, broken between words. */
export function wrap(text: string, cssFont: string, width: number): string[] {
  measureCanvas.font = cssFont;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && measureCanvas.measureText(candidate).width > width) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

function columnBounds(column: Style['column'], pageWidth: number): [number, number] {
  const left = MARGIN.left;
  const right = pageWidth - MARGIN.right;
  const split = left + (right - left) * 0.46;
  if (column === 'left') return [left - 10 * MM, split];
  if (column === 'right') return [split + 4 * MM, right];
  return [left, right];
}

function textItem(role: TextRole, text: string, landscape: boolean): Item {
  const style = STYLES[role];
  const pageWidth = landscape ? A4.long : A4.short;
  const [x0, x1] = columnBounds(style.column, pageWidth);
  const cssFont = font(style);
  const lineHeight = style.size * PT * LINE_HEIGHT;
  const lines = wrap(text, cssFont, x1 - x0);
  const before = style.spaceBefore * lineHeight;
  return {
    height: before + lines.length * lineHeight,
    lines,
    landscape,
    sideBySide: role === 'dateline',
    draw: (ctx, top) => {
      ctx.font = cssFont;
      ctx.fillStyle = '#000';
      ctx.textBaseline = 'alphabetic';
      lines.forEach((line, i) => {
        const baseline = top + before + (i + 0.78) * lineHeight;
        const width = ctx.measureText(line).width;
        const x = style.align === 'center' ? (x0 + x1 - width) / 2 : x0;
        ctx.fillText(line, x, baseline);
      });
    },
  };
}

const TABLE_PAD = 12;
const RULE = 3;

function tableItems(rows: string[][], landscape: boolean): Item[] {
  const pageWidth = landscape ? A4.long : A4.short;
  const available = pageWidth - (landscape ? 2 * MARGIN.bottom : MARGIN.left + MARGIN.right);
  const style = { size: landscape ? 9.5 : 11, weight: 'normal' as const, italic: false };
  const cssFont = font(style);
  const headerFont = font({ ...style, weight: 'bold' });
  const lineHeight = style.size * PT * 1.25;
  const columnCount = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: columnCount }, (_, i) => row[i] ?? ''));
  const isHeader = (row: string[]) => !/^\d+$/u.test(row[0] ?? '') && !row.slice(2).some((c) => /^\d[\d.]*$/u.test(c));

  measureCanvas.font = headerFont;
  const natural = Array.from({ length: columnCount }, (_, col) =>
    Math.max(...cells.map((row) => measureCanvas.measureText(row[col] ?? '').width)) + 2 * TABLE_PAD,
  );
  const narrowest = Array.from({ length: columnCount }, (_, col) =>
    Math.max(...cells.flatMap((row) => (row[col] ?? '').split(/\s+/u).map((w) => measureCanvas.measureText(w).width))) +
      2 * TABLE_PAD,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  const widths =
    total <= available
      ? natural.map((w) => w * (available / total))
      : (() => {
          const slack = natural.map((w, i) => w - (narrowest[i] ?? 0));
          const slackSum = slack.reduce((a, b) => a + b, 0);
          const cut = Math.min(1, (total - available) / slackSum);
          return natural.map((w, i) => w - (slack[i] ?? 0) * cut);
        })();
  const left = (pageWidth - widths.reduce((a, b) => a + b, 0)) / 2;

  return cells.map((row) => {
    const header = isHeader(row);
    const rowFont = header ? headerFont : cssFont;
    const wrapped = row.map((cell, col) => wrap(cell, rowFont, (widths[col] ?? 0) - 2 * TABLE_PAD));
    const height = Math.max(1, ...wrapped.map((lines) => lines.length)) * lineHeight + 2 * TABLE_PAD;
    return {
      height,
      landscape,
      tableRow: true,
      // read as the eye (and OCR) sees it: visual line by visual line across the row's cells
      lines: Array.from({ length: Math.max(1, ...wrapped.map((cellLines) => cellLines.length)) }, (_, i) =>
        wrapped.map((cellLines) => cellLines[i] ?? '').filter((text) => text !== '').join(' '),
      ).filter((line) => line !== ''),
      draw: (ctx, top) => {
        ctx.fillStyle = '#000';
        ctx.font = rowFont;
        let x = left;
        wrapped.forEach((lines, col) => {
          const width = widths[col] ?? 0;
          ctx.fillRect(x, top, RULE, height + RULE);
          lines.forEach((line, i) => {
            const lineWidth = ctx.measureText(line).width;
            const alignLeft = col === 1 && !header;
            const tx = alignLeft ? x + TABLE_PAD : x + (width - lineWidth) / 2;
            ctx.fillText(line, tx, top + TABLE_PAD + (i + 0.8) * lineHeight);
          });
          x += width;
        });
        ctx.fillRect(x, top, RULE, height + RULE);
        ctx.fillRect(left, top, x - left + RULE, RULE);
        ctx.fillRect(left, top + height, x - left + RULE, RULE);
      },
    };
  });
}

function layoutItems(blocks: Block[]): Item[] {
  const items: Item[] = [];
  blocks.forEach((block, index) => {
    if (block.type === 'table') {
      items.push(...tableItems(block.rows, block.rows.some((row) => row.length > WIDE_TABLE_COLUMNS)));
      return;
    }
    const next = blocks[index + 1];
    const captionOfWideTable =
      block.role === 'heading' && next?.type === 'table' && next.rows.some((row) => row.length > WIDE_TABLE_COLUMNS);
    items.push(textItem(block.role, block.text, captionOfWideTable));
  });
  return items;
}

function paginate(items: Item[]): Item[][] {
  const pages: Item[][] = [];
  let page: Item[] = [];
  let used = 0;
  for (const item of items) {
    const height = (item.landscape ? A4.short : A4.long) - MARGIN.top - MARGIN.bottom;
    const orientationChanges = page.length > 0 && page[0]?.landscape !== item.landscape;
    if (page.length > 0 && (orientationChanges || (!item.sideBySide && used + item.height > height))) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    if (!item.sideBySide) used += item.height;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

function drawPage(items: Item[]): RenderedPage {
  const landscape = items[0]?.landscape ?? false;
  const width = landscape ? A4.long : A4.short;
  const height = landscape ? A4.short : A4.long;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let top = MARGIN.top;
  let lastTop = top;
  // reading order: an item drawn beside another (the header's right column) is read after it
  const placed: { top: number; right: boolean; lines: string[] }[] = [];
  for (const item of items) {
    if (item.sideBySide) {
      item.draw(ctx, lastTop);
      placed.push({ top: lastTop, right: true, lines: item.lines });
    } else {
      item.draw(ctx, top);
      placed.push({ top, right: false, lines: item.lines });
      lastTop = top;
      top += item.height;
    }
  }
  const lines = placed
    .map((entry, order) => ({ ...entry, order }))
    .sort((a, b) => a.top - b.top || Number(a.right) - Number(b.right) || a.order - b.order)
    .flatMap((entry) => entry.lines);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = Buffer.alloc(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4] ?? 255; // drawn in black on white: R = G = B
  return { width, height, landscape, gray, lines, table: items.some((item) => item.tableRow) };
}

export function renderDocument(blocks: Block[]): RenderedPage[] {
  return paginate(layoutItems(blocks)).map(drawPage);
}
