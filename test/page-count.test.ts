// Counting a document's pages at admission, for every kind of file, without reading them.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { identify } from '../pages/ingest.js';
import { countPages } from '../pages/page-text.js';
import { loadManifest, samplePath } from './samples.js';

const file = (filename: string, bytes: Uint8Array) => identify({ filename, bytes }, 1e9);

describe('countPages', () => {
  it('counts a PDF’s pages as the manifest lists them', async () => {
    for (const entry of loadManifest().filter((e) => e.variant === 'office' || e.variant === 'multi')) {
      expect(await countPages(file(entry.file, readFileSync(samplePath(entry.file)))), entry.file).toBe(entry.pages);
    }
  });

  it('counts a text file’s pages by its form feeds, and an image as one page', async () => {
    expect(await countPages(file('a.txt', Buffer.from('Trang một\fTrang hai\fTrang ba', 'utf8')))).toBe(3);
    const png = await sharp({ create: { width: 400, height: 600, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(await countPages(file('a.png', png))).toBe(1);
  });

  it('refuses an image whose header is broken, with the reason', async () => {
    const broken = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('không phải ảnh PNG')]);
    const counting = countPages(file('hỏng.png', broken));
    await expect(counting).rejects.toBeInstanceOf(InputError);
    await expect(counting).rejects.toMatchObject({ code: 'damaged_image' });
  });
});
