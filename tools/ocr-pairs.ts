// `npx tsx tools/ocr-pairs.ts [--limit N]`: training pairs for an OCR confusion channel. Renders
// the gov-vn corpus as A4 pages (samples/render.ts), OCRs them with native tesseract (eng on every
// clean render: a text layer that lost its diacritics; eng and vie on office-like 200 DPI scans of
// every fifth page), aligns each OCR line with the line that was drawn, token by token, and counts
// the 1:1 pairs `observed → truth` into repair/data/ocr-pairs.tsv, with a README of the numbers.
// --limit N stops after N pages.
import { fork } from 'node:child_process';
import { on } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { distance } from 'fastest-levenshtein';
import seedrandom from 'seedrandom';
import sharp from 'sharp';
import { tesseract } from '../pages/ocr-engine.js';
import { byEngineLine, parseTsv } from '../pages/ocr-result.js';
import { alignPath, type Moves } from '../lang/align.js';
import { fold } from '../lang/vietnamese.js';
import { PAIRS_FILE } from '../repair/channel.js';
import { renderDocument, type RenderedPage } from '../samples/render.js';
import { CLEAN, scanPage, type Random, type ScanProfile, type ScannedPage } from '../samples/scan.js';
import type { Block } from '../samples/seed-blocks.js';
import { CORPUS_FILE } from './training-texts.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const OUT_DIR = path.dirname(PAIRS_FILE);
const README_FILE = path.join(OUT_DIR, 'README.md');

type Engine = 'eng' | 'vie';
interface Pass {
  name: string;
  engine: Engine;
  noisy: boolean;
}
const PASSES: Pass[] = [
  { name: 'clean-eng', engine: 'eng', noisy: false },
  { name: 'noisy-eng', engine: 'eng', noisy: true },
  { name: 'noisy-vie', engine: 'vie', noisy: true },
];

/** Native tesseract processes at a time (one per core). */
const CONCURRENCY = 2;
/** Pages rendered ahead of the OCR. */
const PAGES_AHEAD = 3;
/** Syllables laid out in one renderDocument call: a few pages, so memory stays small. */
const BATCH_SYLLABLES = 3000;
const NOISY_DPI = 200;
/** The noisy passes read every fifth page, so the whole corpus fits in ~12 minutes on 2 cores. */
const NOISY_EVERY = 5;
/** A corpus document's first paragraph is set as a bold heading when it is this short. */
const HEADING_MAX_CHARS = 160;
/** An OCR line is paired with a drawn line when their folded edit distance is at most this share. */
const LINE_MAX_DISTANCE = 0.5;
/** Extra cost of reading two tokens as one or one as two, so a clean 1:1 reading wins ties. */
const SPLIT_MERGE_PENALTY = 0.5;
const MAX_FILE_BYTES = 3_000_000;

// ---------- corpus → blocks → pages ----------

/** The corpus as documents, each a list of paragraphs (one per line, blank line between documents). */
function readDocuments(): string[][] {
  return readFileSync(CORPUS_FILE, 'utf8')
    .normalize('NFC')
    .split(/\n\s*\n/u)
    .map((doc) => doc.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((doc) => doc.length > 0);
}

/** A document's paragraphs as body text, its first one as a bold heading when it reads like a title. */
function documentBlocks(paragraphs: string[]): Block[] {
  return paragraphs.map((text, i) => {
    const heading = i === 0 && text.length <= HEADING_MAX_CHARS && !/[.:;]$/u.test(text);
    return { type: 'text', role: heading ? 'heading' : 'body', text };
  });
}

const syllableCount = (text: string) => text.split(/\s+/u).filter(Boolean).length;

/** Consecutive documents grouped into blocks of about BATCH_SYLLABLES syllables. */
function* batches(documents: string[][]): Generator<Block[]> {
  let batch: Block[] = [];
  let syllables = 0;
  for (const doc of documents) {
    batch.push(...documentBlocks(doc));
    syllables += doc.reduce((sum, paragraph) => sum + syllableCount(paragraph), 0);
    if (syllables >= BATCH_SYLLABLES) {
      yield batch;
      batch = [];
      syllables = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/** The corpus drawn page by page, at most `limit` pages. */
function* pages(documents: string[][], limit: number): Generator<RenderedPage> {
  let count = 0;
  for (const blocks of batches(documents)) {
    for (const page of renderDocument(blocks)) {
      if (count++ >= limit) return;
      yield page;
    }
  }
}

// ---------- scanning ----------

/** An office scanner at 200 DPI: slight skew, soft focus, noise and dust, JPEG about 50. */
function noisyProfile(random: Random): ScanProfile {
  const sign = random() < 0.5 ? -1 : 1;
  return {
    dpi: NOISY_DPI,
    skewDegrees: sign * (0.2 + 0.8 * random()),
    noise: 3 + 2 * random(),
    blurSigma: 0.5 + 0.4 * random(),
    unevenBackground: true,
    jpegQuality: 45 + Math.floor(10 * random()),
    rotation: 0,
  };
}

/** The scan as an image file tesseract reads: its JPEG, or raw gray pixels as PNG. */
async function imageFile(scan: ScannedPage): Promise<Buffer> {
  if (scan.encoding === 'jpeg') return scan.data;
  return sharp(scan.data, { raw: { width: scan.width, height: scan.height, channels: 1 } })
    .png()
    .withDensity(scan.dpi)
    .toBuffer();
}

interface PageImage {
  file: Uint8Array;
  dpi: number;
}

/** One page as the scanner process hands it over: the lines drawn, the clean render, maybe a scan. */
interface PageScans {
  lines: string[];
  clean: PageImage;
  /** only on every NOISY_EVERY-th page */
  noisy: PageImage | null;
}

/** The page as tesseract gets it in a pass: the clean render, or an office scan of it. */
async function passImage(page: RenderedPage, index: number, noisy: boolean): Promise<PageImage> {
  const random = seedrandom.alea(`ocr-pairs:${index}`);
  const scan = await scanPage(page, noisy ? noisyProfile(random) : CLEAN, random);
  return { file: await imageFile(scan), dpi: scan.dpi };
}

/**
 * The scanner process: renders and scans pages and sends them to the parent, at most PAGES_AHEAD
 * more than the parent asked for ('next' after each page read), then `null`.
 */
async function runScanner(limit: number): Promise<void> {
  const send = (message: PageScans | null) =>
    new Promise<void>((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
  let credit = PAGES_AHEAD;
  let wake = () => {};
  process.on('message', () => {
    credit += 1;
    wake();
  });
  let index = 0;
  for (const page of pages(readDocuments(), limit)) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit -= 1;
    const clean = await passImage(page, index, false);
    const noisy = index % NOISY_EVERY === 0 ? await passImage(page, index, true) : null;
    await send({ lines: page.lines, clean, noisy });
    index += 1;
  }
  await send(null);
  process.disconnect();
}

/**
 * Pages from a scanner process (this script with --scanner), so that drawing, which blocks a
 * JavaScript thread for seconds, never keeps a finished tesseract from being followed by the next.
 * Call `next()` once per page read.
 */
function scanner(limit: number): { pages: AsyncGenerator<PageScans>; next: () => void } {
  const args = ['--scanner', ...(Number.isFinite(limit) ? ['--limit', String(limit)] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, { serialization: 'advanced' });
  async function* receive(): AsyncGenerator<PageScans> {
    for await (const [message] of on(child, 'message', { close: ['exit'] })) {
      if (message === null) return;
      yield message as PageScans;
    }
    throw new Error(`the scanner process stopped early (exit code ${child.exitCode})`);
  }
  const next = () => {
    if (child.connected) child.send('next');
  };
  return { pages: receive(), next };
}

// ---------- OCR ----------

/** Runs tasks with at most `concurrency` of them at once. */
function limiter(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < concurrency) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next(); // the slot passes straight to the next task
      else active--;
    }
  };
}

/** OCR text of one page, one string per text line, from tesseract's TSV. */
function tsvLines(tsv: string): string[] {
  return byEngineLine(parseTsv(tsv)).map((words) => words.map((word) => word.text).join(' '));
}

/** Native tesseract on one page image, on one core; its text lines. */
const readLines = async (image: PageImage, engine: Engine): Promise<string[]> =>
  tsvLines(await tesseract(['--dpi', String(image.dpi), '-l', engine, '--psm', '6', 'tsv'], [image.file]));

// ---------- alignment ----------

/** A source token as printed, without the punctuation around it. */
const truthToken = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
/**
 * An OCR token without sentence punctuation around it. Symbols such as @ # & * stay: OCR uses
 * them for marked letters (`V@` for `Về`).
 */
const observedToken = (token: string) =>
  token.replace(/^[.,;:!?"“”‘’'()[\]{}«»…\-–—/|]+|[.,;:!?"“”‘’'()[\]{}«»…\-–—/|]+$/gu, '');

const tokens = (line: string, clean: (token: string) => string) =>
  line.split(/\s+/u).map(clean).filter((token) => token !== '');

/** Numbers are read by other means; only tokens without digits in the source are counted. */
const countable = (truth: string) => !/\d/u.test(truth);

/** Index pairs [ocr, source] of the lines read in order (tesseract may drop or invent a line). */
function alignLines(source: string[], ocr: string[]): [number, number][] {
  const [a, b] = [ocr.map(fold), source.map(fold)];
  const cost = (i: number, j: number) =>
    distance(a[i] ?? '', b[j] ?? '') / Math.max(1, a[i]?.length ?? 0, b[j]?.length ?? 0);
  const moves: Moves = (i, j) => [
    [1, 1, i > 0 && j > 0 ? cost(i - 1, j - 1) : Infinity],
    [1, 0, LINE_MAX_DISTANCE],
    [0, 1, LINE_MAX_DISTANCE],
  ];
  return alignPath(a.length, b.length, moves)
    .filter((step) => step.di === 1 && step.dj === 1 && cost(step.i, step.j) <= LINE_MAX_DISTANCE)
    .map((step) => [step.i, step.j]);
}

/**
 * 1:1 pairs [observed, truth] of one line. Token costs are edit distances between folded forms; a
 * token split in two or two tokens run together are steps of their own, so they neither shift the
 * tokens after them nor give a pair.
 */
function alignTokens(truth: string[], observed: string[]): [string, string][] {
  const [o, t] = [observed.map(fold), truth.map(fold)];
  // moves reaching before the start (i < 2 for a split) are skipped by alignPath
  const moves: Moves = (i, j) => [
    [1, 1, distance(o[i - 1] ?? '', t[j - 1] ?? '')],
    [2, 1, distance(`${o[i - 2]}${o[i - 1]}`, t[j - 1] ?? '') + SPLIT_MERGE_PENALTY],
    [1, 2, distance(o[i - 1] ?? '', `${t[j - 2]}${t[j - 1]}`) + SPLIT_MERGE_PENALTY],
    [1, 0, o[i - 1]?.length ?? 0],
    [0, 1, t[j - 1]?.length ?? 0],
  ];
  return alignPath(o.length, t.length, moves)
    .filter((step) => step.di === 1 && step.dj === 1)
    .map((step): [string, string] => [observed[step.i] ?? '', truth[step.j] ?? ''])
    .filter(([obs, tru]) => isPair(obs, tru));
}

/**
 * A 1:1 step is a reading of the syllable unless the truth is a number or the two are too far
 * apart to be one token (a forced match next to a dropped word).
 */
function isPair(observed: string, truth: string): boolean {
  return countable(truth) && distance(fold(observed), fold(truth)) <= Math.ceil(fold(truth).length / 2);
}

// ---------- counting ----------

interface PassStats {
  pages: number;
  lines: number;
  /** drawn lines paired with an OCR line */
  matchedLines: number;
  /** countable source tokens on all drawn lines */
  tokens: number;
  pairs: number;
  /** pairs where OCR printed the token exactly */
  exact: number;
}

const emptyStats = (): PassStats => ({ pages: 0, lines: 0, matchedLines: 0, tokens: 0, pairs: 0, exact: 0 });

/** Adds one page's OCR reading to the pair counts and the pass's numbers. */
function recordPage(source: string[], ocr: string[], engine: Engine, counts: Map<string, number>, stats: PassStats): void {
  stats.pages += 1;
  stats.lines += source.length;
  stats.tokens += source.flatMap((line) => tokens(line, truthToken)).filter(countable).length;
  for (const [i, j] of alignLines(source, ocr)) {
    stats.matchedLines += 1;
    const pairs = alignTokens(tokens(source[j] ?? '', truthToken), tokens(ocr[i] ?? '', observedToken));
    for (const [observed, truth] of pairs) {
      const key = `${observed}\t${truth}\t${engine}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      stats.pairs += 1;
      if (observed === truth) stats.exact += 1;
    }
  }
}

/** TSV rows by count, descending; pairs seen once and garbled go first if the file is too big. */
function pairRows(counts: Map<string, number>): string[] {
  const rows = [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([key, count]) => {
      const [observed, truth, engine] = key.split('\t');
      return { row: `${observed}\t${truth}\t${count}\t${engine}`, keep: count > 1 || observed === truth };
    });
  const bytes = rows.reduce((sum, { row }) => sum + Buffer.byteLength(row) + 1, 0);
  return rows.filter(({ keep }) => keep || bytes <= MAX_FILE_BYTES).map(({ row }) => row);
}

// ---------- report ----------

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

function readme(stats: Map<string, PassStats>, rows: string[], pairTotal: number, seconds: number, limit: number): string {
  const table = PASSES.map((pass) => {
    const s = stats.get(pass.name) ?? emptyStats();
    return `| ${pass.name} | ${s.pages} | ${s.lines} | ${s.matchedLines} | ${s.tokens} | ${s.pairs} | ${percent(s.exact, s.pairs)} | ${percent(s.exact, s.tokens)} |`;
  });
  const dropped = rows.length < pairTotal ? ` (${pairTotal - rows.length} garbled pairs seen once left out for size)` : '';
  return `# OCR confusion pairs

\`ocr-pairs.tsv\`: \`observed<TAB>truth<TAB>count<TAB>engine\`, ${rows.length} distinct pairs${dropped}, sorted by
count. \`observed\` is a token as tesseract printed it, \`truth\` the syllable drawn there (both NFC,
case kept, punctuation around them removed; source tokens with digits are left out). Identical
pairs are kept: they give P(unchanged).

Made by \`npx tsx tools/ocr-pairs.ts${Number.isFinite(limit) ? ` --limit ${limit}` : ''}\` in ${Math.round(seconds)} s on 2 cores, from
\`tools/corpus/gov-vn.txt\` only (public administrative text and news of \`.gov.vn\` portals,
not protected under Article 15 of Vietnam's IP law; see \`tools/corpus/README.md\`):

1. Corpus documents laid out with \`samples/render.ts\` (Noto Serif 12 pt body, a short first
   paragraph as a bold heading, A4 at 300 DPI); the text of every drawn line is kept.
2. Each page OCRed by native tesseract 5 (\`--psm 6\`, TSV, \`OMP_THREAD_LIMIT=1\`, 2 at a time):
   - \`clean-eng\`: \`-l eng\` on the clean 300 DPI render, a text layer that lost its diacritics;
   - \`noisy-eng\`, \`noisy-vie\`: \`-l eng\` / \`-l vie\` on an office-like scan of every ${NOISY_EVERY}th page
     (\`samples/scan.ts\`: 200 DPI, 0.2–1° skew, blur σ 0.5–0.9, noise, uneven paper, JPEG 45–54).
3. OCR lines paired with drawn lines by an in-order alignment (folded edit distance ≤ 50% of the
   line), then tokens aligned by edit distance over folded forms (no diacritics, lower case), with
   steps for a token split in two or two run together. Only 1:1 steps count, and only when the
   folded distance is at most half the syllable's length.

| pass | pages | lines | lines aligned | source tokens | 1:1 pairs | exact / pairs | exact / tokens |
|---|---|---|---|---|---|---|---|
${table.join('\n')}

\`engine\` in the file is \`eng\` for both eng passes and \`vie\` for the last.
`;
}

// ---------- main ----------

/** `--limit N` pages (default: the whole corpus); `--scanner` marks the scanner process. */
function parseOptions(): { limit: number; scanner: boolean } {
  const options = { limit: { type: 'string' }, scanner: { type: 'boolean', default: false } } as const;
  const { limit, scanner } = parseArgs({ options }).values;
  const pages = limit === undefined ? Infinity : Number(limit);
  if (pages !== Infinity && (!Number.isInteger(pages) || pages < 1)) {
    throw new Error(`--limit takes a number of pages, not "${limit}"`);
  }
  return { limit: pages, scanner };
}

async function main(limit: number): Promise<void> {
  const started = performance.now();
  const run = limiter(CONCURRENCY);
  const counts = new Map<string, number>();
  const stats = new Map(PASSES.map((pass) => [pass.name, emptyStats()]));
  const reads: Promise<void>[] = [];
  const source = scanner(limit);
  for await (const page of source.pages) {
    const passes = PASSES.map(async (pass) => {
      const image = pass.noisy ? page.noisy : page.clean;
      if (!image) return;
      const ocr = await run(() => readLines(image, pass.engine));
      recordPage(page.lines, ocr, pass.engine, counts, stats.get(pass.name) ?? emptyStats());
    });
    reads.push(Promise.all(passes).then(source.next));
    if (reads.length % 10 === 0) console.error(`${reads.length} pages, ${Math.round((performance.now() - started) / 1000)} s`);
  }
  await Promise.all(reads);

  const rows = pairRows(counts);
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(PAIRS_FILE, `${rows.join('\n')}\n`);
  writeFileSync(README_FILE, readme(stats, rows, counts.size, seconds, limit));
  console.log(`${reads.length} pages, ${rows.length} distinct pairs → ${path.relative(REPO_ROOT, PAIRS_FILE)} in ${Math.round(seconds)} s`);
}

const options = parseOptions();
await (options.scanner ? runScanner(options.limit) : main(options.limit));
