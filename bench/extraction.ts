// Figure and header extraction throughput on the seed texts, repeated to at least 5 MB, against
// the aim of 2 MB/s. Each seed is extracted as its own document, as the pipeline does.
import { extractRecords } from '../extractors/extract.js';
import type { Page } from '../core/records.js';
import { seedIds, seedText } from '../samples/seeds.js';

const AIM_MB_PER_S = 2;
const TOTAL_BYTES = 5 * 1024 * 1024;

export function benchExtraction(): void {
  const documents: Page[][] = seedIds().map((id) => [
    { page: 1, text: seedText(id).normalize('NFC'), source: 'text_layer', quality: null, ocr_confidence: null },
  ]);
  for (const pages of documents) extractRecords(pages); // warm-up
  let bytes = 0;
  let figures = 0;
  const start = process.hrtime.bigint();
  while (bytes < TOTAL_BYTES) {
    for (const pages of documents) {
      figures += extractRecords(pages).figures.length;
      bytes += Buffer.byteLength(pages[0]?.text ?? '');
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const mbPerSecond = bytes / 1024 / 1024 / seconds;
  console.log(`extraction  ${(bytes / 1024 / 1024).toFixed(1)} MB văn bản, ${figures} số liệu trong ${seconds.toFixed(2)} s`);
  console.log(`extraction  ${mbPerSecond.toFixed(2)} MB/s; tỉ lệ so với mục tiêu ${AIM_MB_PER_S} MB/s: ${(mbPerSecond / AIM_MB_PER_S).toFixed(2)}×`);
}
