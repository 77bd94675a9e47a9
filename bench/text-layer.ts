// Text-layer reading: sohoa's stage (pdf-parse) against poppler's pdftotext on the same PDF with a
// text layer, in the same run. Prints pages per second and the ratio.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPdf } from '../pages/pdf-file.js';
import { ManifestSchema } from '../samples/manifest.js';

const samples = path.resolve(fileURLToPath(import.meta.url), '../../samples');
const ROUNDS = 20;

function pagesPerSecond(pages: number, run: () => void | Promise<void>): Promise<number> {
  return (async () => {
    await run(); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < ROUNDS; i++) await run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return (pages * ROUNDS) / seconds;
  })();
}

export async function benchTextLayer(): Promise<void> {
  const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(samples, 'manifest.json'), 'utf8')));
  const entry = manifest.find((e) => e.variant === 'stripped-layer');
  if (!entry) throw new Error('no stripped-layer sample in samples/manifest.json');
  const file = path.join(samples, entry.file);
  const bytes = readFileSync(file);
  const ours = await pagesPerSecond(entry.pages, async () => void (await withPdf(bytes, undefined, (pdf) => pdf.textLayer())));
  console.log(`text layer  sohoa (pdf-parse): ${ours.toFixed(1)} trang/s`);
  if (spawnSync('pdftotext', ['-v']).error) {
    console.log('text layer  pdftotext: không có (apt-get install poppler-utils) — bỏ qua so sánh');
    return;
  }
  const peer = await pagesPerSecond(entry.pages, () => void execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']));
  console.log(`text layer  pdftotext (poppler): ${peer.toFixed(1)} trang/s`);
  console.log(`text layer  tỉ lệ sohoa / pdftotext: ${(ours / peer).toFixed(2)}×`);
}
