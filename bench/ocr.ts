// OCR stage speed and accuracy on a batch of the sample scans (every clean and office scan: 52
// pages at 200–300 DPI), file → page texts as the product reads them, with the default engine
// (OCR_ENGINE=auto) and with tesseract.js, against native `tesseract -l vie` (two processes, one
// thread each, on the same page images, given their DPI), tesseract.js alone on those images (the
// ceiling of the tesseract.js pipeline) and `ocrmypdf -l vie -j 2` on the same
// PDFs, all measured in this run on the same cores. Prints pages per minute, CER, the ratios against
// the issue's aims, and where sohoa's CPU goes (its own process: preparing pages, ruled lines,
// choosing texts; native tesseract's processes: recognition and number re-reads).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM } from 'tesseract.js';
import type { OcrEngineChoice } from '../core/settings.js';
import { identify } from '../pages/ingest.js';
import { VIE_MODEL } from '../pages/ocr-engine.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { readPageTexts } from '../pages/page-text.js';
import { rasterise } from '../pages/rasterise.js';
import { ManifestSchema, type ManifestEntry } from '../samples/manifest.js';
import { characterErrorRate } from '../test/cer.js';

const run = promisify(execFile);
const samples = path.resolve(fileURLToPath(import.meta.url), '../../samples');
const available = (command: string) => !spawnSync(command, ['--version']).error;
const LANES = 2;

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

/** [read, reference] pairs: CER over all their characters. */
const pooled = (pairs: [string, string][]) => {
  const chars = pairs.reduce((sum, [, ref]) => sum + ref.length, 0);
  return pairs.reduce((sum, [hyp, ref]) => sum + characterErrorRate(hyp, ref) * ref.length, 0) / chars;
};

interface Reading {
  pagesPerMinute: number;
  cer: number;
}

const line = (name: string, { pagesPerMinute, cer }: Reading) =>
  console.log(`ocr  ${name}: ${pagesPerMinute.toFixed(1)} trang/phút, CER ${(cer * 100).toFixed(2)}%`);

/** CPU seconds used so far by this process and by the child processes it waited for (native tesseract). */
async function cpuSeconds(): Promise<{ own: number; children: number }> {
  // /proc/self/stat fields 14–17: utime, stime, cutime, cstime, in clock ticks (100 per second)
  const fields = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const ticks = (from: number) => (Number(fields[from - 3]) + Number(fields[from - 2])) / 100;
  return { own: ticks(14), children: ticks(16) };
}

/** The batch read by sohoa, file after file as `sohoa ingest` reads them, with the engine `choice` makes. */
async function readWithSohoa(choice: OcrEngineChoice, batch: ManifestEntry[], refs: string[][], pages: number): Promise<Reading> {
  const provider = new LazyOcrProvider(choice, LANES);
  const engine = await provider.engine(); // one engine per worker process, made before its first page
  const pairs: [string, string][] = [];
  const cpuBefore = await cpuSeconds();
  const started = performance.now();
  for (const [i, entry] of batch.entries()) {
    const file = identify({ filename: entry.file, bytes: await readFile(path.join(samples, entry.file)) }, 1e9);
    const { pages: read } = await readPageTexts(file, provider);
    read.forEach((page, p) => pairs.push([page.text, refs[i]?.[p] ?? '']));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = await cpuSeconds();
  await provider.close();
  const perPage = (value: number) => `${(value / pages).toFixed(2)} s`;
  console.log(
    `ocr    sohoa (${choice} → ${engine.name}): ${seconds.toFixed(1)} s; CPU mỗi trang: tiến trình sohoa ${perPage(cpu.own - cpuBefore.own)}${engine.name === 'tesseract' ? `, các tiến trình tesseract ${perPage(cpu.children - cpuBefore.children)}` : ' (gồm cả nhận dạng)'}`,
  );
  return { pagesPerMinute: (pages / seconds) * 60, cer: pooled(pairs) };
}

interface PageJob {
  file: string;
  png: Buffer;
  dpi: number;
  ref: string;
}

/** The batch's pages as the engines alone are given them: each page's image as a PNG with its DPI. */
async function pageImages(dir: string, batch: ManifestEntry[], refs: string[][]): Promise<PageJob[]> {
  const jobs: PageJob[] = [];
  for (const [i, entry] of batch.entries()) {
    const images = await rasterise({ bytes: await readFile(path.join(samples, entry.file)), type: 'pdf' });
    for (const image of images) {
      const file = path.join(dir, `${i}-${image.page}.png`);
      const png = await sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } }).withDensity(image.dpi).png().toBuffer();
      await writeFile(file, png);
      jobs.push({ file, png, dpi: image.dpi, ref: refs[i]?.[image.page - 1] ?? '' });
    }
  }
  return jobs;
}

async function readWithNative(jobs: PageJob[]): Promise<Reading> {
  const pairs: [string, string][] = [];
  const started = performance.now();
  const lane = pLimit(LANES);
  await Promise.all(
    jobs.map((job) =>
      lane(async () => {
        const { stdout } = await run('tesseract', [job.file, 'stdout', '-l', 'vie', '--psm', '3', '--dpi', String(job.dpi)], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        });
        pairs.push([stdout, job.ref]);
      }),
    ),
  );
  return { pagesPerMinute: (jobs.length / ((performance.now() - started) / 1000)) * 60, cer: pooled(pairs) };
}

/**
 * tesseract.js with nothing around it (the shipped model, automatic layout, one worker per lane) on
 * the same images: the ceiling of any pipeline built on it.
 */
async function readWithTesseractJsAlone(jobs: PageJob[]): Promise<Reading> {
  const scheduler = createScheduler();
  for (let i = 0; i < LANES; i++) {
    const worker = await createWorker('vie', OEM.LSTM_ONLY, VIE_MODEL);
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
    scheduler.addWorker(worker);
  }
  try {
    const started = performance.now();
    const pairs = await Promise.all(
      jobs.map(async (job): Promise<[string, string]> => [(await scheduler.addJob('recognize', job.png)).data.text, job.ref]),
    );
    return { pagesPerMinute: (jobs.length / ((performance.now() - started) / 1000)) * 60, cer: pooled(pairs) };
  } finally {
    await scheduler.terminate();
  }
}

async function readWithOcrmypdf(batch: ManifestEntry[], refs: string[][], pages: number): Promise<Reading> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-bench-'));
  try {
    const pairs: [string, string][] = [];
    const started = performance.now();
    for (const [i, entry] of batch.entries()) {
      const sidecar = path.join(dir, `${i}.txt`);
      const args = ['-l', 'vie', '-j', String(LANES), '--sidecar', sidecar, '--output-type', 'pdf', path.join(samples, entry.file), path.join(dir, `${i}.pdf`)];
      await run('ocrmypdf', args);
      (await readFile(sidecar, 'utf8')).split('\f').forEach((page, p) => {
        if (p < entry.pages) pairs.push([page, refs[i]?.[p] ?? '']);
      });
    }
    return { pagesPerMinute: (pages / ((performance.now() - started) / 1000)) * 60, cer: pooled(pairs) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ratio = (ours: Reading, peer: Reading | null, aim: number, peerName: string) =>
  peer ? `${(ours.pagesPerMinute / peer.pagesPerMinute).toFixed(2)}× ${peerName} (mục tiêu ≥ ${aim}×)` : `${peerName}: không có`;

export async function benchOcr(): Promise<void> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(samples, 'manifest.json'), 'utf8')));
  const batch = manifest.filter((e) => e.variant === 'clean' || e.variant === 'office');
  const pages = batch.reduce((sum, e) => sum + e.pages, 0);
  const refs = await Promise.all(batch.map(references));
  console.log(`ocr  ${batch.length} bản quét (clean, office), ${pages} trang, ${LANES} luồng trên ${availableParallelism()} lõi`);

  const byDefault = await readWithSohoa('auto', batch, refs, pages);
  line('sohoa, máy mặc định (OCR_ENGINE=auto)', byDefault);
  const byJs = await readWithSohoa('tesseractjs', batch, refs, pages);
  line('sohoa với tesseract.js', byJs);
  const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-bench-'));
  const jobs = await pageImages(dir, batch, refs);
  const jsAlone = await readWithTesseractJsAlone(jobs);
  line(`tesseract.js không qua sohoa (${LANES} worker)`, jsAlone);
  const native = available('tesseract') ? await readWithNative(jobs) : null;
  await rm(dir, { recursive: true, force: true });
  if (native) line(`tesseract gốc (${LANES} tiến trình)`, native);
  else console.log('ocr  tesseract gốc: không có (apt-get install tesseract-ocr-vie) — bỏ qua');
  const ocrmypdf = available('ocrmypdf') ? await readWithOcrmypdf(batch, refs, pages) : null;
  if (ocrmypdf) line(`ocrmypdf -j ${LANES}`, ocrmypdf);
  else console.log('ocr  ocrmypdf: không có (apt-get install ocrmypdf) — bỏ qua');

  console.log(`ocr  mặc định: ${ratio(byDefault, native, 0.8, 'tesseract gốc')}, ${ratio(byDefault, ocrmypdf, 2, 'ocrmypdf')}`);
  console.log(`ocr  tesseract.js: ${ratio(byJs, native, 0.6, 'tesseract gốc')}, ${ratio(byJs, ocrmypdf, 2, 'ocrmypdf')}`);
  // what the engine alone reaches bounds every pipeline on it: an aim above it cannot be met here
  console.log(`ocr  trần của tesseract.js không qua sohoa: ${ratio(jsAlone, native, 0.6, 'tesseract gốc')}, ${ratio(jsAlone, ocrmypdf, 2, 'ocrmypdf')}`);
  console.log(`ocr  tiến trình: đỉnh bộ nhớ ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
