// The queue path end to end: `sohoa ingest` of the office sample scans on Redis + PostgreSQL, done
// by one `sohoa worker` process and then by two (one page at a time each), in the same run. Prints
// pages per minute (from the ingest's start to its last stored document), the ratio of two
// processes to one, and each worker's peak memory; a single process working two pages at once is
// measured as the in-process peer of the second process.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema } from '../samples/manifest.js';
import { createTestDatabase } from '../test/databases.js';
import { dropQueues, queuePrefix, REDIS_SERVER, sohoa, stop } from '../test/queue-harness.js';

const samples = path.resolve(fileURLToPath(import.meta.url), '../../samples');

/** The most memory the process has held (VmHWM), in MB. */
async function peakMemoryMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/mu.exec(status)?.[1] ?? 0) / 1024;
}

interface Run {
  pagesPerMinute: number;
  peaksMb: number[];
}

async function ingestWith(processes: number, pagesAtOnce: number, files: string[], pages: number): Promise<Run> {
  const database = await createTestDatabase('postgres');
  const env = {
    REDIS_URL: REDIS_SERVER,
    DATABASE_URL: database.settings.DATABASE_URL!,
    SOHOA_DATA_DIR: database.settings.dataDir,
    SOHOA_QUEUE_PREFIX: queuePrefix(`bench-${processes}x${pagesAtOnce}`),
    SOHOA_WORKER_CONCURRENCY: String(pagesAtOnce),
  };
  const workers = Array.from({ length: processes }, () => sohoa(['worker'], env));
  try {
    await Promise.all(workers.map((w) => w.waitFor(/đang chờ việc/u, 60_000)));
    const start = performance.now();
    const ingest = sohoa(['ingest', ...files], env);
    const code = await ingest.exited;
    const seconds = (performance.now() - start) / 1000;
    if (code !== 0) throw new Error(`ingest failed: ${ingest.output()}${ingest.errors()}`);
    const peaksMb = await Promise.all(workers.map((w) => peakMemoryMb(w.child.pid!)));
    return { pagesPerMinute: (pages / seconds) * 60, peaksMb };
  } finally {
    await Promise.all(workers.map(stop));
    await dropQueues(env.REDIS_URL, env.SOHOA_QUEUE_PREFIX);
    await database.drop();
  }
}

export async function benchQueue(): Promise<void> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(samples, 'manifest.json'), 'utf8')));
  const office = manifest.filter((e) => e.variant === 'office');
  const files = office.map((e) => path.join(samples, e.file));
  const pages = office.reduce((sum, e) => sum + e.pages, 0);
  console.log(`queue  ${office.length} bản quét office, ${pages} trang, ${availableParallelism()} lõi, Redis + PostgreSQL`);
  const say = (name: string, run: Run) =>
    console.log(`queue  ${name}: ${run.pagesPerMinute.toFixed(1)} trang/phút, đỉnh bộ nhớ mỗi tiến trình ${run.peaksMb.map((mb) => `${mb.toFixed(0)} MB`).join(', ')}`);
  const one = await ingestWith(1, 1, files, pages);
  say('1 tiến trình worker', one);
  const two = await ingestWith(2, 1, files, pages);
  say('2 tiến trình worker', two);
  const oneWide = await ingestWith(1, 2, files, pages);
  say('1 tiến trình, 2 trang cùng lúc', oneWide);
  console.log(`queue  tỷ lệ 2 tiến trình / 1 tiến trình: ${(two.pagesPerMinute / one.pagesPerMinute).toFixed(2)}× (mục tiêu ≥ 1.7×); so với 1 tiến trình 2 trang cùng lúc: ${(two.pagesPerMinute / oneWide.pagesPerMinute).toFixed(2)}×`);
}
