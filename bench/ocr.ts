// OCR stage speed and accuracy on the office sample scans, against native `tesseract -l vie` (two
// processes in parallel, one thread each, on the same page images) and `ocrmypdf -l vie -j 2`,
// measured in the same run on the same cores. Prints pages per minute, CER and the ratios.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { identify } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { readPageTexts } from '../pages/page-text.js';
import { rasterise } from '../pages/rasterise.js';
import { ManifestSchema, type ManifestEntry } from '../samples/manifest.js';
import { characterErrorRate } from '../test/cer.js';

const run = promisify(execFile);
const samples = path.resolve(fileURLToPath(import.meta.url), '../../samples');
const available = (command: string) => !spawnSync(command, ['--version']).error;

interface Truth {
  pages: { lines: string[] }[];
}

async function references(entry: ManifestEntry): Promise<string[]> {
  const cache = new Map<string, Truth>();
  const out: string[] = [];
  for (const { seed, page } of entry.truth) {
    if (!cache.has(seed)) cache.set(seed, JSON.parse(await readFile(path.join(samples, 'truth', `${seed}.json`), 'utf8')) as Truth);
    out.push(cache.get(seed)?.pages[page - 1]?.lines.join('\n') ?? '');
  }
  return out;
}

const pooled = (pairs: [string, string][]) => {
  const chars = pairs.reduce((sum, [, ref]) => sum + ref.length, 0);
  return pairs.reduce((sum, [hyp, ref]) => sum + characterErrorRate(hyp, ref) * ref.length, 0) / chars;
};

async function inParallel<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

export async function benchOcr(): Promise<void> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(samples, 'manifest.json'), 'utf8')));
  const office = manifest.filter((e) => e.variant === 'office');
  const pages = office.reduce((sum, e) => sum + e.pages, 0);
  const refs = await Promise.all(office.map(references));
  console.log(`ocr  ${office.length} bản quét office, ${pages} trang, ${availableParallelism()} lõi`);

  const ocr = new LazyOcrProvider('tesseractjs');
  await ocr.engine(); // workers are made once per process, not per page: not part of the page time
  let start = performance.now();
  const ours: [string, string][] = [];
  for (const [i, entry] of office.entries()) {
    const bytes = await readFile(path.join(samples, entry.file));
    const { pages: read } = await readPageTexts(identify({ filename: entry.file, bytes }, 1e9), ocr);
    read.forEach((page, p) => ours.push([page.text, refs[i]?.[p] ?? '']));
  }
  const oursSeconds = (performance.now() - start) / 1000;
  await ocr.close();
  const oursPpm = (pages / oursSeconds) * 60;
  console.log(`ocr  sohoa (tesseract.js): ${oursPpm.toFixed(1)} trang/phút, CER ${(pooled(ours) * 100).toFixed(2)}%, đỉnh bộ nhớ tiến trình ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  if (available('tesseract')) {
    const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-bench-'));
    const jobs: { file: string; dpi: number; ref: string }[] = [];
    for (const [i, entry] of office.entries()) {
      const images = await rasterise({ bytes: await readFile(path.join(samples, entry.file)), type: 'pdf' });
      for (const image of images) {
        const file = path.join(dir, `${i}-${image.page}.png`);
        await writeFile(file, await sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } }).png().toBuffer());
        jobs.push({ file, dpi: image.dpi, ref: refs[i]?.[image.page - 1] ?? '' });
      }
    }
    const native: [string, string][] = [];
    start = performance.now();
    await inParallel(jobs, 2, async (job) => {
      const { stdout } = await run('tesseract', [job.file, 'stdout', '-l', 'vie', '--psm', '3', '--dpi', String(job.dpi)], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      native.push([stdout, job.ref]);
    });
    const nativePpm = (pages / ((performance.now() - start) / 1000)) * 60;
    await rm(dir, { recursive: true, force: true });
    console.log(`ocr  tesseract gốc (2 tiến trình): ${nativePpm.toFixed(1)} trang/phút, CER ${(pooled(native) * 100).toFixed(2)}%`);
    console.log(`ocr  tỉ lệ tốc độ sohoa / tesseract gốc: ${(oursPpm / nativePpm).toFixed(2)}× (mục tiêu ≥ 0.8×)`);
  } else console.log('ocr  tesseract gốc: không có (apt-get install tesseract-ocr-vie) — bỏ qua');

  if (available('ocrmypdf')) {
    const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-bench-'));
    const sidecars: [string, string][] = [];
    start = performance.now();
    for (const [i, entry] of office.entries()) {
      const sidecar = path.join(dir, `${i}.txt`);
      await run('ocrmypdf', ['-l', 'vie', '-j', '2', '--sidecar', sidecar, '--output-type', 'pdf', path.join(samples, entry.file), path.join(dir, `${i}.pdf`)]);
      const text = await readFile(sidecar, 'utf8');
      text.split('\f').forEach((page, p) => {
        if (p < entry.pages) sidecars.push([page, refs[i]?.[p] ?? '']);
      });
    }
    const ocrmypdfPpm = (pages / ((performance.now() - start) / 1000)) * 60;
    await rm(dir, { recursive: true, force: true });
    console.log(`ocr  ocrmypdf -j 2: ${ocrmypdfPpm.toFixed(1)} trang/phút, CER ${(pooled(sidecars) * 100).toFixed(2)}%`);
    console.log(`ocr  tỉ lệ tốc độ sohoa / ocrmypdf: ${(oursPpm / ocrmypdfPpm).toFixed(2)}×`);
  } else console.log('ocr  ocrmypdf: không có (apt-get install ocrmypdf) — bỏ qua');
}
