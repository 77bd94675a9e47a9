// Cells of a ruled table that hold a number OCR did not see at all (measured on scanned development
// tables: most wrong cells were empty, not misread): in a row of numbers, a ruled cell with no word
// in it but with ink as tall as a digit is cut out and read as digits only. A dash ("-", none) is
// too short to be read; a cell that does not read as a number stays empty.
import { INK } from './ink.js';
import { cropAround, NUMBER, readCrop, readable } from './number-reread.js';
import type { OcrEngine } from './ocr-engine.js';
import { assemblePage, type OcrPage, type OcrWord } from './ocr-result.js';
import type { PreparedPage } from './preprocess.js';
import { ruledBlocks, type RuledLines } from './ruled-lines.js';

/** A body cell is at most this tall (inches). */
const CELL_HEIGHT = 0.8;
/** Ink at least this tall (inches) may be a digit; a dash is shorter. */
const DIGIT_HEIGHT = 0.05;
/** How far inside its rules (pixels) a cell's ink is looked for. */
const MARGIN = 8;

interface Cell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The cells of the page's ruled grids, band by band, in bands no taller than a body cell. */
function ruledCells(rules: RuledLines, dpi: number): Cell[][] {
  return ruledBlocks(rules, dpi).flatMap((block) =>
    block.walls.flatMap((walls, r) => {
      const [y0, y1] = [block.rows[r]!, block.rows[r + 1]!];
      return y1 - y0 > CELL_HEIGHT * dpi ? [] : [walls.slice(0, -1).map((x0, k) => ({ x0, x1: walls[k + 1]!, y0, y1 }))];
    }),
  );
}

/** The box of a cell's ink, inside its rules, if it is as tall as a digit. */
function inkBox(page: PreparedPage, cell: Cell): Cell | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = Math.round(cell.y0) + MARGIN; y < cell.y1 - MARGIN; y++) {
    for (let x = Math.round(cell.x0) + MARGIN; x < cell.x1 - MARGIN; x++) {
      if ((page.gray[y * page.width + x] ?? 255) >= INK) continue;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return y1 - y0 >= DIGIT_HEIGHT * page.dpi ? { x0, y0, x1: x1 + 1, y1: y1 + 1 } : null;
}

export async function readMissedCells(engine: OcrEngine, page: PreparedPage, ocr: OcrPage, rules: RuledLines): Promise<OcrPage> {
  const added: OcrWord[] = [];
  const inside = (word: OcrWord, cell: Cell) => {
    const [cx, cy] = [(word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2];
    return cx >= cell.x0 && cx < cell.x1 && cy >= cell.y0 && cy < cell.y1;
  };
  for (const band of ruledCells(rules, page.dpi)) {
    const words = band.map((cell) => ocr.words.filter((word) => inside(word, cell)));
    // a row of numbers: two cells or more hold one
    if (words.filter((cellWords) => cellWords.some((word) => NUMBER.test(word.text))).length < 2) continue;
    const neighbour = words.flat()[0]!;
    for (const [k, cell] of band.entries()) {
      if (words[k]!.length > 0) continue;
      const ink = inkBox(page, cell);
      if (!ink) continue;
      const { region, gray } = await cropAround(page, ink, MARGIN);
      const read = await readCrop(engine, page, gray, region.width, region.height);
      if (!readable(read)) continue;
      added.push({ ...neighbour, text: read.text, confidence: read.confidence, box: { x0: ink.x0, y0: ink.y0, x1: ink.x1, y1: ink.y1 } });
    }
  }
  return added.length === 0 ? ocr : assemblePage([...ocr.words, ...added], page.width);
}
