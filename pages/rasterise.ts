// Rasterise: every page as an image with its resolution. A PDF page that is one embedded scan is
// taken as that image, decoded straight from its stream (no re-encoding loss); any other page is
// rendered at 300 DPI. Image files are pages too (a TIFF one per frame).
import { inflateSync } from 'node:zlib';
import { PDFDict, PDFName, PDFNumber, PDFArray, PDFRawStream, type PDFPage } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { InputError } from '../core/errors.js';
import type { IngestedFile } from './ingest.js';
import { withPdf, type PdfFile } from './pdf-file.js';

const RENDER_DPI = 300;
/**
 * The most pixels a page's image may have (an A3 sheet at 600 DPI has 70 million): a PDF page larger
 * than that at 300 DPI is rendered at a lower resolution; an image file larger is refused, before
 * its pixels are decoded (a "pixel bomb" of a few kilobytes may unpack to gigabytes).
 */
export const MAX_PAGE_PIXELS = 100_000_000;
/** An image smaller than this on a side cannot hold a page of text. */
const MIN_PAGE_SIDE = 64;

export interface PageImage {
  page: number;
  /** 8-bit grayscale pixels, row by row */
  gray: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** how the pixels were had: the scan's own image, or a render of the page */
  origin: 'embedded' | 'rendered' | 'image_file';
}

const name = (value: string) => PDFName.of(value);

/** A sharp pipeline's result as 8-bit gray pixels (sharp outputs sRGB unless told otherwise). */
export async function toGray(input: Sharp): Promise<{ gray: Buffer; width: number; height: number }> {
  const { data, info } = await input.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { gray: data, width: info.width, height: info.height };
}

/** Undoes the PNG row filters that /DecodeParms /Predictor ≥ 10 asks for. */
function unpredict(data: Buffer, rowBytes: number, bytesPerPixel: number): Buffer {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = Buffer.alloc(rows * rowBytes);
  for (let y = 0; y < rows; y++) {
    const filter = data[y * (rowBytes + 1)] ?? 0;
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const raw = data[src + x] ?? 0;
      const left = x >= bytesPerPixel ? (out[dst + x - bytesPerPixel] ?? 0) : 0;
      const up = y > 0 ? (out[dst - rowBytes + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? (out[dst - rowBytes + x - bytesPerPixel] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[dst + x] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

/** Decodes a Flate image of 1, 2, 4 or 8 bits in DeviceGray or DeviceRGB; null for anything else. */
async function decodeFlateImage(stream: PDFRawStream): Promise<{ gray: Buffer; width: number; height: number } | null> {
  const dict = stream.dict;
  const width = dict.lookup(name('Width'), PDFNumber).asNumber();
  const height = dict.lookup(name('Height'), PDFNumber).asNumber();
  const bits = dict.lookupMaybe(name('BitsPerComponent'), PDFNumber)?.asNumber() ?? 8;
  const space = dict.get(name('ColorSpace'));
  const channels = space === name('DeviceGray') ? 1 : space === name('DeviceRGB') ? 3 : 0;
  if (channels === 0 || ![1, 2, 4, 8].includes(bits)) return null;
  let data: Buffer = inflateSync(stream.contents);
  const rowBytes = Math.ceil((width * channels * bits) / 8);
  const parms = dict.lookupMaybe(name('DecodeParms'), PDFDict);
  if ((parms?.lookupMaybe(name('Predictor'), PDFNumber)?.asNumber() ?? 1) >= 10) {
    data = unpredict(data, rowBytes, Math.max(1, (channels * bits) >> 3));
  }
  const decode = dict.lookupMaybe(name('Decode'), PDFArray);
  const inverted = decode !== undefined && (decode.lookup(0, PDFNumber)?.asNumber() ?? 0) === 1;
  const samples = Buffer.alloc(width * height * channels);
  const max = (1 << bits) - 1;
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * channels; i++) {
      const bit = i * bits;
      const byte = data[y * rowBytes + (bit >> 3)] ?? 0;
      const level = bits === 8 ? byte : (byte >> (8 - bits - (bit & 7))) & max;
      const value = Math.round((level * 255) / max);
      samples[y * width * channels + i] = inverted ? 255 - value : value;
    }
  }
  return toGray(sharp(samples, { raw: { width, height, channels: channels as 1 | 3 } }));
}

/** The page's one scan image, if the page is nothing but that image. */
async function embeddedScan(page: PDFPage): Promise<Omit<PageImage, 'page' | 'origin'> | null> {
  const xObjects = page.node.Resources()?.lookupMaybe(name('XObject'), PDFDict);
  if (!xObjects) return null;
  const images = xObjects
    .values()
    .map((ref) => page.doc.context.lookup(ref))
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(name('Subtype')) === name('Image'));
  if (images.length !== 1 || xObjects.values().length !== 1) return null;
  const [image] = images as [PDFRawStream];
  const pixels = image.dict.lookup(name('Width'), PDFNumber).asNumber() * image.dict.lookup(name('Height'), PDFNumber).asNumber();
  if (pixels > MAX_PAGE_PIXELS) return null;
  const { width: pageWidth, height: pageHeight } = page.getSize();
  const filter = image.dict.get(name('Filter'));
  let decoded: { gray: Buffer; width: number; height: number } | null = null;
  if (filter === name('DCTDecode')) decoded = await toGray(sharp(image.contents));
  else if (filter === name('FlateDecode')) decoded = await decodeFlateImage(image);
  if (!decoded) return null;
  // a scan fills its page: same proportions (the page may be rotated by /Rotate)
  const turned = page.getRotation().angle % 180 !== 0;
  const [w, h] = turned ? [pageHeight, pageWidth] : [pageWidth, pageHeight];
  if (Math.abs(decoded.width / decoded.height - w / h) > 0.02 * (w / h)) return null;
  const dpi = Math.round((decoded.width / w) * 72);
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  if (angle !== 0) {
    const upright = await toGray(sharp(decoded.gray, { raw: { width: decoded.width, height: decoded.height, channels: 1 } }).rotate(angle));
    return { ...upright, dpi };
  }
  return { ...decoded, dpi };
}

/** Renders pages at 300 DPI, or at what keeps a huge page within {@link MAX_PAGE_PIXELS}. */
async function renderPages(pdf: PdfFile, pages: { number: number; width: number; height: number }[]): Promise<Map<number, Omit<PageImage, 'page' | 'origin'>>> {
  const rendered = new Map<number, Omit<PageImage, 'page' | 'origin'>>();
  const byScale = new Map<number, number[]>();
  for (const { number, width, height } of pages) {
    const scale = Math.min(RENDER_DPI / 72, Math.sqrt(MAX_PAGE_PIXELS / Math.max(1, width * height)));
    byScale.set(scale, [...(byScale.get(scale) ?? []), number]);
  }
  for (const [scale, numbers] of byScale) {
    for (const [number, png] of await pdf.render(numbers, scale)) {
      rendered.set(number, { ...(await toGray(sharp(png).flatten({ background: '#ffffff' }))), dpi: Math.round(scale * 72) });
    }
  }
  return rendered;
}

async function pdfPages(pdf: PdfFile, wanted?: ReadonlySet<number>): Promise<PageImage[]> {
  const document = await pdf.document();
  const numbers = document.getPages().map((_, i) => i + 1).filter((n) => !wanted || wanted.has(n));
  const scans = await Promise.all(numbers.map((n) => embeddedScan(document.getPage(n - 1)).catch(() => null)));
  const sized = (n: number) => ({ number: n, ...document.getPage(n - 1).getSize() });
  const rendered = await renderPages(pdf, numbers.filter((_, i) => !scans[i]).map(sized));
  return numbers.map((n, i) => {
    const scan = scans[i];
    const image = scan ?? rendered.get(n);
    if (!image) throw new InputError('damaged_pdf', `Không dựng được ảnh của trang ${n}.`);
    return { page: n, ...image, origin: scan ? 'embedded' : 'rendered' };
  });
}

/** The file's own density when it is plausible for a scan, else the DPI of an A4 sheet of that size. */
function imageDpi(density: number | undefined, size: { width: number; height: number }): number {
  if (density !== undefined && density >= 100 && density <= 1200) return Math.round(density);
  return Math.round(Math.min(size.width, size.height) / (210 / 25.4));
}

/** Runs `work` on an image file, whose failures to decode become the file's InputError. */
async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('damaged_image', `Ảnh bị hỏng, không đọc được (${reason}).`);
  }
}

/**
 * How many pages an image file holds (a TIFF one per frame), without decoding them; an image too
 * large to decode safely, or too small to hold text, is refused.
 */
export const imagePageCount = (bytes: Uint8Array): Promise<number> =>
  decoding(async () => {
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    const [width, height] = [meta.width, meta.pageHeight ?? meta.height];
    if (width * height > MAX_PAGE_PIXELS) {
      throw new InputError('page_too_large', `Ảnh quá lớn (${width}×${height} điểm ảnh, tối đa ${MAX_PAGE_PIXELS / 1e6} triệu điểm ảnh một trang).`);
    }
    if (Math.min(width, height) < MIN_PAGE_SIDE) {
      throw new InputError('image_too_small', `Ảnh quá nhỏ (${width}×${height} điểm ảnh) để chứa một trang văn bản.`);
    }
    return meta.pages ?? 1;
  });

async function imageFilePages(bytes: Uint8Array, wanted?: ReadonlySet<number>): Promise<PageImage[]> {
  const count = await imagePageCount(bytes);
  return decoding(async () => {
    const pages: PageImage[] = [];
    for (let frame = 0; frame < count; frame++) {
      if (wanted && !wanted.has(frame + 1)) continue;
      const image = sharp(bytes, { page: frame }).rotate(); // EXIF orientation, as a viewer shows it
      const frameMeta = await sharp(bytes, { page: frame }).metadata();
      const pixels = await toGray(image);
      pages.push({ page: frame + 1, ...pixels, dpi: imageDpi(frameMeta.density, pixels), origin: 'image_file' });
    }
    return pages;
  });
}

/** Every page as an image, or only the `wanted` ones (1-based); a PDF read through `pdf` if open. */
export async function rasterise(file: Pick<IngestedFile, 'bytes' | 'type'>, wanted?: ReadonlySet<number>, pdf?: PdfFile): Promise<PageImage[]> {
  if (file.type === 'pdf') return withPdf(file.bytes, pdf, (opened) => pdfPages(opened, wanted));
  if (file.type === 'text') return [];
  return imageFilePages(file.bytes, wanted);
}
