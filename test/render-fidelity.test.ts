// The clean sample scans are faithful renderings of the seeds: native tesseract (Debian
// tesseract-ocr-vie, installed by .ci/run) reads the clean scan of 000 almost exactly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { characterErrorRate } from './cer.js';
import { loadManifest, loadTruth, samplePath } from './samples.js';

describe('clean scan of seed 000', () => {
  it('reads back with native tesseract at a character error rate under 3%', async () => {
    const entry = loadManifest().find((e) => e.variant === 'clean' && e.seed[0]?.startsWith('000_'));
    expect(entry).toBeDefined();
    const truth = loadTruth(entry!.seed[0]!);
    const parser = new PDFParse({ data: new Uint8Array(readFileSync(samplePath(entry!.file))) });
    const dir = mkdtempSync(path.join(tmpdir(), 'sohoa-cer-'));
    const ocr: string[] = [];
    try {
      const images = await parser.getImage({ imageBuffer: true, imageDataUrl: false });
      for (const page of images.pages) {
        const image = page.images[0]!;
        const file = path.join(dir, `page-${page.pageNumber}.png`);
        writeFileSync(file, await sharp(image.data).greyscale().png().toBuffer());
        ocr.push(
          execFileSync('tesseract', [file, 'stdout', '-l', 'vie', '--psm', '3', '--dpi', String(entry!.dpi)], {
            encoding: 'utf8',
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          }),
        );
      }
    } finally {
      await parser.destroy();
    }
    const reference = truth.pages.map((page) => page.lines.join('\n')).join('\n');
    const cer = characterErrorRate(ocr.join('\n'), reference);
    console.log(`CER native tesseract, clean 000: ${(cer * 100).toFixed(2)}%`);
    expect(cer).toBeLessThan(0.03);
  });
});
