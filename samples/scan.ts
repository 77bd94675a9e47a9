// Makes a rendered page look scanned: paper that is not evenly white, the sheet a little crooked on
// the glass, soft optics, sensor noise and dust, then JPEG. Every random choice comes from the PRNG
// handed in, so a run with the same seed gives the same bytes.
import sharp, { type Sharp } from 'sharp';
import { RENDER_DPI, type RenderedPage } from './render.js';

/** uniform in [0, 1), seeded */
export type Random = () => number;

export interface ScanProfile {
  dpi: number;
  skewDegrees: number;
  /** standard deviation of the sensor noise, in gray levels */
  noise: number;
  blurSigma: number;
  unevenBackground: boolean;
  /** null = lossless (PNG-like flate in the PDF) */
  jpegQuality: number | null;
  /** clockwise quarter turns of the sheet on the glass */
  rotation: 0 | 90 | 180 | 270;
}

export interface ScannedPage {
  width: number;
  height: number;
  dpi: number;
  encoding: 'jpeg' | 'gray';
  /** JPEG file bytes, or raw 8-bit gray pixels (stored losslessly at 16 levels) */
  data: Buffer;
}

export const CLEAN: ScanProfile = {
  dpi: 300,
  skewDegrees: 0,
  noise: 0,
  blurSigma: 0,
  unevenBackground: false,
  jpegQuality: null,
  rotation: 0,
};

/** A sheet of office paper: brightness drifting between about 0.86 and 1 across the page. */
function paperShade(gray: Buffer, width: number, height: number, random: Random): void {
  const grid = 5;
  const knots = Array.from({ length: (grid + 1) * (grid + 1) }, () => 0.86 + 0.14 * random());
  const knot = (gx: number, gy: number) => knots[gy * (grid + 1) + gx] ?? 1;
  for (let y = 0; y < height; y++) {
    const fy = (y / height) * grid;
    const gy = Math.min(grid - 1, Math.floor(fy));
    const ty = fy - gy;
    for (let x = 0; x < width; x++) {
      const fx = (x / width) * grid;
      const gx = Math.min(grid - 1, Math.floor(fx));
      const tx = fx - gx;
      const shade =
        (knot(gx, gy) * (1 - tx) + knot(gx + 1, gy) * tx) * (1 - ty) +
        (knot(gx, gy + 1) * (1 - tx) + knot(gx + 1, gy + 1) * tx) * ty;
      const i = y * width + x;
      gray[i] = Math.round((gray[i] ?? 255) * shade);
    }
  }
}

function gaussian(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function addNoise(gray: Buffer, sigma: number, random: Random, specks = 0): void {
  for (let i = 0; i < gray.length; i++) {
    gray[i] = Math.max(0, Math.min(255, Math.round((gray[i] ?? 0) + sigma * gaussian(random))));
  }
  for (let s = 0; s < specks; s++) gray[Math.floor(random() * gray.length)] = Math.floor(40 * random());
}

export async function scanPage(page: RenderedPage, profile: ScanProfile, random: Random): Promise<ScannedPage> {
  const gray = Buffer.from(page.gray);
  if (profile.unevenBackground) paperShade(gray, page.width, page.height, random);
  // paper grain: drawn before the optics soften it, so it is blurred like the print on it
  if (profile.noise > 0) addNoise(gray, profile.noise, random);

  let pixels = gray;
  let size = { width: page.width, height: page.height };
  const raw = (data: Buffer, at = size) => sharp(data, { raw: { width: at.width, height: at.height, channels: 1 } });
  // sharp turns one-channel images into sRGB on output unless told otherwise
  const grayOut = (image: Sharp) => image.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (profile.skewDegrees !== 0) {
    const paper = 235;
    const rotated = await grayOut(raw(pixels).rotate(profile.skewDegrees, { background: { r: paper, g: paper, b: paper } }));
    const crop = {
      left: Math.floor((rotated.info.width - size.width) / 2),
      top: Math.floor((rotated.info.height - size.height) / 2),
      ...size,
    };
    pixels = (await grayOut(raw(rotated.data, rotated.info).extract(crop))).data;
  }
  const scaled = {
    width: Math.round((size.width * profile.dpi) / RENDER_DPI),
    height: Math.round((size.height * profile.dpi) / RENDER_DPI),
  };
  let optics = raw(pixels);
  if (scaled.width !== size.width) optics = optics.resize(scaled.width, scaled.height, { kernel: 'lanczos3' });
  if (profile.blurSigma > 0) optics = optics.blur(profile.blurSigma);
  pixels = (await grayOut(optics)).data;
  size = scaled;
  // the sensor's own noise and dust, after the optics
  if (profile.noise > 0) addNoise(pixels, profile.noise / 3, random, Math.round(pixels.length / 40_000));
  if (profile.rotation !== 0) {
    const turned = await grayOut(raw(pixels).rotate(profile.rotation));
    pixels = turned.data;
    size = { width: turned.info.width, height: turned.info.height };
  }

  if (profile.jpegQuality === null) return { ...size, dpi: profile.dpi, encoding: 'gray', data: pixels };
  const jpeg = await raw(pixels).toColourspace('b-w').jpeg({ quality: profile.jpegQuality }).withDensity(profile.dpi).toBuffer();
  return { ...size, dpi: profile.dpi, encoding: 'jpeg', data: jpeg };
}
