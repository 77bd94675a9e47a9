// Writes scanned pages into a PDF the way scanner software does: one image per page, sized by
// its DPI, and optionally an invisible OCR text layer over it. No dates or ids are written, so
// the same pages always give the same bytes.
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  TextRenderingMode,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  setTextRenderingMode,
} from 'pdf-lib';
import { REGULAR_FONT_FILE } from './render.js';
import type { ScannedPage } from './scan.js';

const POINTS_PER_INCH = 72;

export interface ScanPdfPage {
  image: ScannedPage;
  /** lines of an invisible text layer, top to bottom */
  textLayer?: string[];
}

/** 16 gray levels keep a clean page's anti-aliased print, at two thirds of the size of 256. */
function packGray4({ data, width, height }: ScannedPage): Buffer {
  const rowBytes = Math.ceil(width / 2);
  const packed = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const level = (data[y * width + x] ?? 255) >> 4;
      const at = y * rowBytes + (x >> 1);
      packed[at] = (packed[at] ?? 0) | (x & 1 ? level : level << 4);
    }
  }
  return packed;
}

export async function writeScanPdf(pages: ScanPdfPage[]): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const needsFont = pages.some((page) => page.textLayer?.length);
  const font = needsFont ? await pdf.embedFont(readFileSync(REGULAR_FONT_FILE), { subset: true }) : null;

  for (const { image, textLayer } of pages) {
    const width = (image.width / image.dpi) * POINTS_PER_INCH;
    const height = (image.height / image.dpi) * POINTS_PER_INCH;
    const page = pdf.addPage([width, height]);
    const xObject =
      image.encoding === 'jpeg'
        ? (await pdf.embedJpg(image.data)).ref
        : pdf.context.register(
            pdf.context.flateStream(packGray4(image), {
              Type: 'XObject',
              Subtype: 'Image',
              Width: image.width,
              Height: image.height,
              ColorSpace: 'DeviceGray',
              BitsPerComponent: 4,
            }),
          );
    const name = page.node.newXObject('Scan', xObject);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(width, 0, 0, height, 0, 0),
      drawObject(name),
      popGraphicsState(),
    );
    if (font && textLayer?.length) {
      page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
      const size = 10;
      const step = (height - 2 * POINTS_PER_INCH * 0.8) / Math.max(textLayer.length, 1);
      textLayer.forEach((line, i) => {
        page.drawText(line, { x: POINTS_PER_INCH, y: height - POINTS_PER_INCH * 0.8 - (i + 1) * step, size, font });
      });
    }
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
