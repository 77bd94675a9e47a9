// Boxes found on the preprocessed image map back onto the original page: a marker is turned,
// deskewed and scaled with sharp exactly as preprocess does, found again, and mapped back.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { toOriginalBox } from '../pages/page-geometry.js';
import type { PageTransform } from '../pages/preprocess.js';

const W = 600;
const H = 800;
const MARK = { x0: 100, y0: 150, x1: 140, y1: 170 };

async function markerPage(): Promise<Buffer> {
  const gray = Buffer.alloc(W * H, 255);
  for (let y = MARK.y0; y < MARK.y1; y++) gray.fill(0, y * W + MARK.x0, y * W + MARK.x1);
  return gray;
}

async function transformed(quarterTurns: 0 | 1 | 2 | 3, deskewDegrees: number, scale: number) {
  const gray = await markerPage();
  const turned = await sharp(gray, { raw: { width: W, height: H, channels: 1 } })
    .rotate(quarterTurns * 90)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rotated = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 1 } })
    .rotate(deskewDegrees, { background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const width = Math.round(rotated.info.width * scale);
  const height = Math.round(rotated.info.height * scale);
  const scaled = await sharp(rotated.data, { raw: { width: rotated.info.width, height: rotated.info.height, channels: 1 } })
    .resize(width, height)
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  let box = { x0: width, y0: height, x1: 0, y1: 0 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((scaled[y * width + x] ?? 255) < 128) {
        box = { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x + 1), y1: Math.max(box.y1, y + 1) };
      }
    }
  }
  const transform: PageTransform = {
    quarterTurns,
    deskewDegrees,
    scale,
    width: W,
    height: H,
    rotatedWidth: rotated.info.width,
    rotatedHeight: rotated.info.height,
  };
  return { box, transform };
}

describe('mapping OCR boxes back onto the original page', () => {
  it.each([
    [0, 0, 1],
    [0, 1.5, 1.2],
    [1, -2, 1.5],
    [2, 0.7, 1],
    [3, 3, 1.25],
  ] as const)('quarter turns %d, deskew %d°, scale %d', async (turns, degrees, scale) => {
    const { box, transform } = await transformed(turns, degrees, scale);
    const back = toOriginalBox(box, transform);
    // the rotated marker's bounding box is a little larger than the marker: allow for it
    const slack = 4 + Math.abs(Math.sin((degrees * Math.PI) / 180)) * 40;
    expect(Math.abs(back.x0 - MARK.x0)).toBeLessThanOrEqual(slack);
    expect(Math.abs(back.y0 - MARK.y0)).toBeLessThanOrEqual(slack);
    expect(Math.abs(back.x1 - MARK.x1)).toBeLessThanOrEqual(slack);
    expect(Math.abs(back.y1 - MARK.y1)).toBeLessThanOrEqual(slack);
  });
});
