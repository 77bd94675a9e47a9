// A page as a reader sees it: the original page image turned upright and straightened as it was
// for reading (so that the words' boxes fall on their words), in gray, at most so wide, as WebP.
import sharp from 'sharp';
import type { IngestedFile } from './ingest.js';
import { rasterise, toGray } from './rasterise.js';

export interface Turn {
  quarterTurns: number;
  deskewDegrees: number;
}

const raw = (image: { gray: Buffer; width: number; height: number }) => sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } });

/** The page's image, or null for a page the file does not have (or a text file, which has none). */
export async function pageView(file: Pick<IngestedFile, 'bytes' | 'type'>, page: number, turn: Turn, maxWidth: number): Promise<Buffer | null> {
  const [image] = await rasterise(file, new Set([page]));
  if (!image) return null;
  let upright = { gray: image.gray, width: image.width, height: image.height };
  if (turn.quarterTurns % 4 !== 0) upright = await toGray(raw(upright).rotate(90 * turn.quarterTurns));
  if (turn.deskewDegrees !== 0) upright = await toGray(raw(upright).rotate(turn.deskewDegrees, { background: '#ffffff' }));
  return raw(upright).resize({ width: Math.min(maxWidth, upright.width) }).webp({ quality: 80 }).toBuffer();
}
