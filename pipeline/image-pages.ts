// Image files as pages: a PNG or JPEG is one page, a TIFF one page per frame.
import sharp from 'sharp';
import { InputError } from './errors.js';

export async function countImagePages(bytes: Uint8Array): Promise<number> {
  try {
    const meta = await sharp(bytes).metadata();
    return meta.pages ?? 1;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('damaged_image', `Ảnh bị hỏng, không đọc được (${reason}).`);
  }
}
