// Preprocess a page image for OCR: turn it upright (quarter turns), straighten its skew, even out
// the paper (noise to white) and bring it to 300 DPI (a low-resolution capture to twice its size).
// The transform is kept, so that boxes found on the result map back onto the original page image.
import sharp from 'sharp';
import { toGray, type PageImage } from './rasterise.js';

const OCR_DPI = 300;
const SKEW_RANGE = 5; // degrees either way

export interface PageTransform {
  /** clockwise quarter turns applied first */
  quarterTurns: 0 | 1 | 2 | 3;
  /** then a rotation by this many degrees (counter-clockwise positive, as sharp's rotate) */
  deskewDegrees: number;
  /** then a scale from the original pixels to the OCR pixels */
  scale: number;
  /** size of the original image */
  width: number;
  height: number;
  /** size after turning and deskewing, before scaling */
  rotatedWidth: number;
  rotatedHeight: number;
}

export interface PreparedPage {
  page: number;
  gray: Buffer;
  width: number;
  height: number;
  dpi: number;
  transform: PageTransform;
}

const raw = (gray: Buffer, width: number, height: number) => sharp(gray, { raw: { width, height, channels: 1 } });

/** Paper this bright in every block is left as it is. */
const EVEN_PAPER = 250;

/** Divides out the paper's brightness, so that grey corners and shadows turn white. */
async function flattenBackground(gray: Buffer, width: number, height: number): Promise<Buffer> {
  // the paper is the bright majority of any small block: take each block's 90th percentile
  // (not its maximum, which a single noisy pixel decides), then smooth that
  const block = 40;
  const columns = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const paper = Buffer.alloc(columns * rows);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      histogram.fill(0);
      let count = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y += 2) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x += 2) {
          histogram[gray[y * width + x] ?? 0]! += 1;
          count += 1;
        }
      }
      let level = 255;
      for (let seen = 0; level > 0; level--) {
        seen += histogram[level] ?? 0;
        if (seen >= count * 0.1) break;
      }
      paper[by * columns + bx] = level;
    }
  }
  // paper white all over (a rendered or well-lit page): nothing to divide out
  if (paper.every((level) => level >= EVEN_PAPER)) return gray;
  const background = await raw(paper, columns, rows)
    .blur(1.5)
    .resize(width, height, { kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const out = Buffer.alloc(gray.length);
  for (let i = 0; i < gray.length; i++) {
    out[i] = Math.min(255, Math.round(((gray[i] ?? 255) * 255) / Math.max(background[i] ?? 255, 1)));
  }
  return out;
}

/** Otsu's threshold: the grey level that best splits the page into two classes (ink, paper). */
function otsuLevel(gray: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < gray.length; i++) histogram[gray[i]!]! += 1;
  let total = 0;
  for (let level = 0; level < 256; level++) total += level * histogram[level]!;
  let below = 0;
  let belowSum = 0;
  let best = 127;
  let bestSpread = -1;
  for (let level = 0; level < 255; level++) {
    below += histogram[level]!;
    belowSum += level * histogram[level]!;
    const above = gray.length - below;
    if (below === 0 || above === 0) continue;
    const difference = belowSum / below - (total - belowSum) / above;
    const spread = below * above * difference * difference;
    if (spread > bestSpread) [best, bestSpread] = [level, spread];
  }
  return best;
}

/**
 * Paper noise to white: every pixel lighter than the page's Otsu level. Ink keeps its grey edges,
 * which the recogniser reads better than a hard black-and-white page (measured on the samples:
 * clean pages lose digits when fully binarised). Noisy office scans read a third faster this way,
 * and more of their numbers right.
 */
function whitenPaper(gray: Buffer): void {
  const level = otsuLevel(gray);
  for (let i = 0; i < gray.length; i++) if (gray[i]! > level) gray[i] = 255;
}

/**
 * Darker than this counts as print for the skew and orientation search. Not ink.ts's INK: this
 * image is shrunk (thin strokes turn grey) and its paper not yet whitened; at INK the office scan of
 * 003 deskews 0.1° otherwise.
 */
const SKEW_INK = 140;

/**
 * The skew angle whose rotation makes text rows sharpest, searched coarse then fine. Rows are
 * projected along each candidate angle from a list of ink pixels (a shear, exact enough for small
 * angles), not by rotating the image for every candidate.
 */
async function estimateSkew(gray: Buffer, width: number, height: number): Promise<number> {
  const scaled = await toGray(raw(gray, width, height).resize(800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < scaled.height; y++) {
    for (let x = 0; x < scaled.width; x++) {
      if ((scaled.gray[y * scaled.width + x] ?? 255) < SKEW_INK) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  // rows below 0 or past the bottom when sheared: room for the steepest angle either side
  const margin = Math.ceil(scaled.width * Math.tan((SKEW_RANGE * Math.PI) / 180)) + 1;
  const rows = new Float64Array(scaled.height + 2 * margin);
  // variance of the ink per row after turning the page by `angle` degrees (clockwise, as sharp)
  const score = (angle: number) => {
    const slope = Math.tan((angle * Math.PI) / 180);
    rows.fill(0);
    for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! + xs[i]! * slope) + margin]! += 1;
    let sumSq = 0;
    for (const ink of rows) sumSq += ink * ink;
    const mean = xs.length / rows.length;
    return sumSq / rows.length - mean * mean;
  };
  let best = 0;
  let bestScore = score(0);
  for (let angle = -SKEW_RANGE; angle <= SKEW_RANGE; angle += 0.5) {
    if (angle === 0) continue;
    const s = score(angle);
    if (s > bestScore) [best, bestScore] = [angle, s];
  }
  const coarse = best;
  for (let angle = coarse - 0.4; angle <= coarse + 0.41; angle += 0.1) {
    const rounded = Math.round(angle * 10) / 10;
    if (rounded === coarse) continue;
    const s = score(rounded);
    if (s > bestScore) [best, bestScore] = [rounded, s];
  }
  return best;
}

/** Mean row-profile variance over narrow vertical strips: text rows stay sharp in a strip even on a skewed page. */
function stripRowScore(gray: Buffer, width: number, height: number, strips = 6): number {
  const stripWidth = Math.floor(width / strips);
  let total = 0;
  for (let s = 0; s < strips; s++) {
    let sum = 0;
    let sumSq = 0;
    for (let y = 0; y < height; y++) {
      let ink = 0;
      for (let x = s * stripWidth; x < (s + 1) * stripWidth; x++) if ((gray[y * width + x] ?? 255) < SKEW_INK) ink++;
      sum += ink;
      sumSq += ink * ink;
    }
    const mean = sum / height;
    total += sumSq / height - mean * mean;
  }
  return total / strips;
}

/** Lines of text run across the page, not down it: compare the row and column profiles. */
async function isSideways(gray: Buffer, width: number, height: number): Promise<boolean> {
  const scaled = await toGray(raw(gray, width, height).resize(600));
  const rows = stripRowScore(scaled.gray, scaled.width, scaled.height);
  const turned = await toGray(raw(scaled.gray, scaled.width, scaled.height).rotate(90));
  const columns = stripRowScore(turned.gray, turned.width, turned.height);
  return columns > rows * 1.5;
}

/**
 * Pages scanned at this resolution or finer are read as they are; coarser ones are enlarged to
 * 300 DPI. Measured on the office samples: 250 DPI pages read as well without enlarging (and 20%
 * faster), 200 DPI table pages lose digits without it.
 */
const UPSCALE_BELOW = 240;

/**
 * Captures coarser than this (phone photos, archive images of ~70 DPI) are enlarged twice and not
 * filtered: a diacritic's stroke is a pixel or two wide there, which the median filter erases, and
 * enlarging them all the way to 300 DPI reads worse. Measured on a real 70 DPI capture of a letter
 * and its noisy and turned copies: WER 22.1, 21.5, 19.6% → 18.7, 16.6, 16.0% (native tesseract),
 * 20.5, 20.2, 19.6% → 16.0, 14.8, 15.7% (tesseract.js).
 */
const CAPTURE_BELOW = 150;
const CAPTURE_SCALE = 2;

/** Prepares a page for OCR: upright by quarter turns, deskewed, flattened, at a readable size. */
export async function preprocess(image: PageImage): Promise<PreparedPage> {
  let { gray, width, height } = image;
  gray = await flattenBackground(gray, width, height);
  let quarterTurns: PageTransform['quarterTurns'] = 0;
  if (await isSideways(gray, width, height)) {
    ({ gray, width, height } = await toGray(raw(gray, width, height).rotate(90)));
    quarterTurns = 1;
  }
  const deskewDegrees = await estimateSkew(gray, width, height);
  if (deskewDegrees !== 0) {
    ({ gray, width, height } = await toGray(raw(gray, width, height).rotate(deskewDegrees, { background: '#ffffff' })));
  }
  const rotated = { width, height };
  const capture = image.dpi < CAPTURE_BELOW;
  const scale = capture ? CAPTURE_SCALE : image.dpi < UPSCALE_BELOW ? OCR_DPI / image.dpi : 1;
  let pipeline = raw(gray, width, height);
  if (scale !== 1) pipeline = pipeline.resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'lanczos3' });
  if (!capture) pipeline = pipeline.median(3);
  ({ gray, width, height } = await toGray(pipeline));
  whitenPaper(gray);
  return {
    page: image.page,
    gray,
    width,
    height,
    dpi: Math.round(image.dpi * scale),
    transform: {
      quarterTurns,
      deskewDegrees,
      scale,
      width: image.width,
      height: image.height,
      rotatedWidth: rotated.width,
      rotatedHeight: rotated.height,
    },
  };
}

/** The page turned half a circle, for a page that reads upside down. */
export async function turnOver(page: PreparedPage): Promise<PreparedPage> {
  const turned = await toGray(raw(page.gray, page.width, page.height).rotate(180));
  const quarterTurns = ((page.transform.quarterTurns + 2) % 4) as PageTransform['quarterTurns'];
  return { ...page, gray: turned.gray, transform: { ...page.transform, quarterTurns } };
}
