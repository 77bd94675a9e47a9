// Draws a per-unit table as it is printed (its title lines, a header of merged cells, the body,
// notes under it) on A4 pages at 300 DPI, in another serif face than the seed documents (Source
// Serif 4): with every cell ruled, as reports' appendices print them, or with only the rules above
// and under the header and under the last row, as statistical yearbooks do. A table longer than a
// page goes on over the next pages without its header.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { z } from 'zod';
import { A4, MM, PT, measureCanvas, wrap, type RenderedPage } from './render.js';

const HeaderCellSchema = z.object({
  text: z.string(),
  colspan: z.number().int().positive().optional(),
  rowspan: z.number().int().positive().optional(),
});

/** How a table looks printed: the lines above it, its header cells with their spans, its body cells. */
export const PrintedTableSchema = z.object({
  id: z.string(),
  above: z.array(z.string()),
  header: z.array(z.array(HeaderCellSchema)),
  body: z.array(z.array(z.string())),
  below: z.array(z.string()).default([]),
});
type PrintedTable = z.infer<typeof PrintedTableSchema>;

export type Ruling = 'grid' | 'yearbook';

const fontDir = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/source-serif-4/package.json'));
const FONT = 'SohoaSourceSerif';
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular/SourceSerif4_400Regular.ttf'), FONT);
GlobalFonts.registerFromPath(path.join(fontDir, '700Bold/SourceSerif4_700Bold.ttf'), FONT);
GlobalFonts.registerFromPath(path.join(fontDir, '400Regular_Italic/SourceSerif4_400Regular_Italic.ttf'), FONT);

const MARGIN = 18 * MM;
// a cell's inner margin: a word processor's default, 1.9 mm each side
const PAD = Math.round(1.9 * MM);
const RULE = 3;
const WIDE_TABLE_COLUMNS = 9;

const cssFont = (size: number, weight: 'normal' | 'bold' = 'normal', italic = false) => `${italic ? 'italic ' : ''}${weight === 'bold' ? 'bold ' : ''}${size * PT}px ${FONT}`;

/** A header cell placed on the grid of leaf columns. */
interface Placed {
  text: string;
  row: number;
  column: number;
  colspan: number;
  rowspan: number;
}

/** Header cells placed left to right, skipping the columns a cell above still spans. */
function placeHeader(header: PrintedTable['header']): { cells: Placed[]; width: number } {
  const taken = new Set<string>();
  const cells: Placed[] = [];
  let width = 0;
  header.forEach((row, r) => {
    let column = 0;
    for (const cell of row) {
      while (taken.has(`${r}:${column}`)) column++;
      const [colspan, rowspan] = [cell.colspan ?? 1, cell.rowspan ?? 1];
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) taken.add(`${r + dr}:${column + dc}`);
      cells.push({ text: cell.text, row: r, column, colspan, rowspan });
      column += colspan;
      width = Math.max(width, column);
    }
  });
  return { cells, width };
}

const isNumber = (text: string) => /^[-+]?[\d.,]+%?$|^[-…x]$/u.test(text.trim());
const ROW_NUMBER = /^(?:\d{1,3}|[IVX]{1,5})\.?$/u;
/** Totals and group rows are printed bold. */
const isStrong = (row: string[]) => {
  const label = (ROW_NUMBER.test(row[0] ?? '') || row[0] === '' ? row[1] : row[0]) ?? '';
  return /^[IVX]{1,5}\.?$/u.test(row[0] ?? '') || /^(?:tổng|cộng|toàn|[IVX]{1,5}\.\s)/iu.test(label.trim());
};

/** Column widths that fit the page: each column's natural width, the wide ones cut down first. */
function columnWidths(table: PrintedTable, columns: number, available: number, size: number): number[] {
  measureCanvas.font = cssFont(size, 'bold');
  const lines = (text: string) => text.split('\n');
  const natural = Array.from({ length: columns }, (_, j) =>
    Math.max(PAD * 4, ...table.body.map((row) => Math.max(...lines(row[j] ?? '').map((l) => measureCanvas.measureText(l).width)))) + 2 * PAD,
  );
  const narrowest = Array.from({ length: columns }, (_, j) =>
    Math.max(
      ...table.body.flatMap((row) => lines(row[j] ?? '').flatMap((l) => l.split(/\s+/u)).map((w) => measureCanvas.measureText(w).width)),
      ...table.header.flat().filter((c) => (c.colspan ?? 1) === 1).flatMap((c) => c.text.split(/\s+/u)).map((w) => measureCanvas.measureText(w).width * 0.6),
    ) + 2 * PAD,
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural.map((w) => (w * available) / total);
  const slack = natural.map((w, j) => Math.max(0, w - narrowest[j]!));
  const cut = Math.min(1, (total - available) / Math.max(1, slack.reduce((a, b) => a + b, 0)));
  return natural.map((w, j) => w - slack[j]! * cut);
}

function wrapCell(text: string, font: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrap(line, font, Math.max(10, width - 2 * PAD)));
}

export function renderTable(table: PrintedTable, ruling: Ruling): RenderedPage[] {
  const { cells: headerCells, width: columns } = placeHeader(table.header);
  const landscape = columns > WIDE_TABLE_COLUMNS;
  const [pageWidth, pageHeight] = landscape ? [A4.long, A4.short] : [A4.short, A4.long];
  const size = landscape ? 9 : 10.5;
  const lineHeight = size * PT * 1.25;
  const widths = columnWidths(table, columns, pageWidth - 2 * MARGIN, size);
  const x = widths.reduce((xs, w) => [...xs, xs.at(-1)! + w], [(pageWidth - widths.reduce((a, b) => a + b, 0)) / 2]);
  const spanWidth = (cell: Placed) => x[cell.column + cell.colspan]! - x[cell.column]!;

  // header row heights: each row as tall as its tallest one-row cell, a taller spanning cell stretching the last row it spans
  const headerFont = cssFont(size, 'bold');
  const headerLines = headerCells.map((cell) => wrapCell(cell.text, headerFont, spanWidth(cell)));
  const headerRows = table.header.length;
  const rowHeights = Array.from({ length: headerRows }, (_, r) =>
    Math.max(lineHeight + 2 * PAD, ...headerCells.map((cell, k) => (cell.row === r && cell.rowspan === 1 ? headerLines[k]!.length * lineHeight + 2 * PAD : 0))),
  );
  headerCells.forEach((cell, k) => {
    const need = headerLines[k]!.length * lineHeight + 2 * PAD;
    const have = rowHeights.slice(cell.row, cell.row + cell.rowspan).reduce((a, b) => a + b, 0);
    if (need > have) rowHeights[cell.row + cell.rowspan - 1]! += need - have;
  });
  const headerHeight = rowHeights.reduce((a, b) => a + b, 0);

  const body = table.body.map((row) => {
    const strong = isStrong(row);
    const font = cssFont(size, strong ? 'bold' : 'normal');
    const lines = Array.from({ length: columns }, (_, j) => wrapCell(row[j] ?? '', font, widths[j]!));
    return { row, font, lines, height: Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * PAD };
  });

  const pages: RenderedPage[] = [];
  let next = 0;
  while (next < body.length || pages.length === 0) {
    const canvas = createCanvas(pageWidth, pageHeight);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pageWidth, pageHeight);
    ctx.fillStyle = '#000';
    const drawn: string[] = [];
    let top = MARGIN;
    const first = pages.length === 0;
    if (first) {
      table.above.forEach((line, i) => {
        const font = i === 0 ? cssFont(12, 'bold') : cssFont(11, 'normal', true);
        for (const piece of wrap(line, font, pageWidth - 2 * MARGIN)) {
          ctx.font = font;
          ctx.fillText(piece, (pageWidth - ctx.measureText(piece).width) / 2, top + 12 * PT * 1.05);
          top += 12 * PT * 1.35;
          drawn.push(piece);
        }
      });
      top += 6 * PT;
      drawHeader(ctx, top);
      top += headerHeight;
    } else if (ruling === 'yearbook') hRule(ctx, top);
    while (next < body.length && top + body[next]!.height <= pageHeight - MARGIN) {
      drawRow(ctx, body[next]!, top);
      top += body[next]!.height;
      next++;
    }
    if (ruling === 'yearbook') hRule(ctx, top);
    if (next >= body.length) {
      top += 8 * PT;
      for (const line of table.below) {
        ctx.font = cssFont(10, 'normal', true);
        ctx.fillText(line, x[0]!, top + 10 * PT);
        top += 10 * PT * 1.4;
        drawn.push(line);
      }
    }
    const rgba = ctx.getImageData(0, 0, pageWidth, pageHeight).data;
    const gray = Buffer.alloc(pageWidth * pageHeight);
    for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4] ?? 255;
    pages.push({ width: pageWidth, height: pageHeight, landscape, gray, lines: drawn, table: true });
    if (next >= body.length) break;
  }
  return pages;

  function hRule(ctx: SKRSContext2D, y: number) {
    ctx.fillRect(x[0]!, y, x.at(-1)! - x[0]! + RULE, RULE);
  }

  function drawHeader(ctx: SKRSContext2D, top: number) {
    const rowTop = rowHeights.reduce((tops, h) => [...tops, tops.at(-1)! + h], [top]);
    if (ruling === 'yearbook') {
      hRule(ctx, top);
      hRule(ctx, top + headerHeight);
    }
    headerCells.forEach((cell, k) => {
      const [x0, x1] = [x[cell.column]!, x[cell.column + cell.colspan]!];
      const [y0, y1] = [rowTop[cell.row]!, rowTop[cell.row + cell.rowspan]!];
      ctx.font = headerFont;
      const lines = headerLines[k]!;
      const start = (y0 + y1 - lines.length * lineHeight) / 2;
      lines.forEach((line, i) => ctx.fillText(line, (x0 + x1 - ctx.measureText(line).width) / 2, start + (i + 0.8) * lineHeight));
      if (ruling === 'grid') box(ctx, x0, y0, x1, y1);
      // a yearbook rules a spanning heading off from its sub-headings
      if (ruling === 'yearbook' && cell.colspan > 1) ctx.fillRect(x0 + 2 * PAD, y1, x1 - x0 - 4 * PAD, RULE - 1);
    });
  }

  function box(ctx: SKRSContext2D, x0: number, y0: number, x1: number, y1: number) {
    ctx.fillRect(x0, y0, x1 - x0 + RULE, RULE);
    ctx.fillRect(x0, y1, x1 - x0 + RULE, RULE);
    ctx.fillRect(x0, y0, RULE, y1 - y0 + RULE);
    ctx.fillRect(x1, y0, RULE, y1 - y0 + RULE);
  }

  function drawRow(ctx: SKRSContext2D, printed: (typeof body)[number], top: number) {
    ctx.font = printed.font;
    printed.lines.forEach((lines, j) => {
      const [x0, x1] = [x[j]!, x[j + 1]!];
      const text = printed.row[j] ?? '';
      lines.forEach((line, i) => {
        const width = ctx.measureText(line).width;
        // names from the left, numbers from the right (a yearbook) or centred (an appendix), row numbers centred
        const centred = (x0 + x1 - width) / 2;
        const left = j === 0 && ROW_NUMBER.test(text) ? centred : !isNumber(text) ? x0 + PAD : ruling === 'yearbook' ? x1 - PAD - width : centred;
        ctx.fillText(line, left, top + PAD + (i + 0.8) * lineHeight);
      });
      if (ruling === 'grid') box(ctx, x0, top, x1, top + printed.height);
    });
  }
}
