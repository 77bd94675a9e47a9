// `npm run samples`: makes the realistic scanned PDFs of samples/scans from the seed documents,
// the text drawn on each page (samples/truth) and samples/manifest.json. Deterministic: every
// random choice is drawn from a PRNG seeded by the sample's name, so a second run writes the same
// bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { distance } from 'fastest-levenshtein';
import { foldDiacritics } from '../lang/vietnamese.js';
import { renderDocument, type RenderedPage } from './render.js';
import { CLEAN, scanPage, type Random, type ScanProfile, type ScannedPage } from './scan.js';
import { writeScanPdf, type ScanPdfPage } from './scan-pdf.js';
import { seedBlocks } from './seed-blocks.js';
import { seedText } from './seeds.js';
import type { ManifestEntry } from './manifest.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// --out DIR writes the samples elsewhere (the reproducibility test compares them with these)
const OUT_DIR = path.resolve(parseArgs({ options: { out: { type: 'string', default: HERE } } }).values.out);
const SCANS_DIR = path.join(OUT_DIR, 'scans');
const TRUTH_DIR = path.join(OUT_DIR, 'truth');

const SEEDS = {
  '000': '000_5d7240f5e3e37f89',
  '001': '001_6c15229d760a6031',
  '002': '002_248d99dcd443ce19',
  '003': '003_a3ef00ab117a0ba4',
  '004': '004_be4b1999ee6b929b',
} as const;
type SeedKey = keyof typeof SEEDS;
type RenderedKey = Exclude<SeedKey, '002'>; // 002 is 000's OCR layer, not a document to print
const RENDERED: RenderedKey[] = ['000', '001', '003', '004'];
// Office scanners are set anywhere from 200 to 300 DPI; long documents tend to be scanned low.
const OFFICE_DPI: Record<RenderedKey, number> = { '000': 250, '001': 300, '003': 200, '004': 220 };


/** A scanner in an office: a sheet skewed by 0.3–2°, soft focus, noise, JPEG ~60. */
function officeProfile(random: Random, dpi: number): ScanProfile {
  const sign = random() < 0.5 ? -1 : 1;
  return {
    dpi,
    skewDegrees: sign * (0.3 + 1.7 * random()),
    noise: 3 + 2 * random(),
    blurSigma: 0.5 + 0.4 * random(),
    unevenBackground: true,
    jpegQuality: 55 + Math.floor(10 * random()),
    rotation: 0,
  };
}

async function officeScan(name: string, pages: RenderedPage[], dpi: number, rotations: number[] = []): Promise<ScannedPage[]> {
  const random = seedrandom.alea(`sohoa:${name}`);
  const scanned: ScannedPage[] = [];
  for (const [i, page] of pages.entries()) {
    const rotation = (rotations[i] ?? 0) as ScanProfile['rotation'];
    scanned.push(await scanPage(page, { ...officeProfile(random, dpi), rotation }, random));
  }
  return scanned;
}

/**
 * Splits another text of the same document (seed 002, its OCR layer) into the rendered pages: each
 * of its lines goes to the page where the words it starts with were drawn.
 */
function splitByPages(pages: RenderedPage[], otherText: string): string[][] {
  const words = (text: string) => foldDiacritics(text).toLowerCase().split(/[^a-z0-9]+/u).filter(Boolean);
  const otherLines = otherText.split('\n').filter((line) => line.trim() !== '');
  const otherWords = otherLines.map(words);
  const flat = otherWords.flat();
  const window = 6;
  const boundaries = pages.slice(1).map((page) => {
    const probe = words(page.lines.join(' ')).slice(0, window).join(' ');
    let best = 0;
    let bestDistance = Infinity;
    for (let i = 0; i + window <= flat.length; i++) {
      const d = distance(probe, flat.slice(i, i + window).join(' '));
      if (d < bestDistance) [best, bestDistance] = [i, d];
    }
    return best;
  });
  const split: string[][] = pages.map(() => []);
  let wordIndex = 0;
  otherLines.forEach((line, i) => {
    const page = boundaries.filter((boundary) => boundary <= wordIndex).length;
    split[page]?.push(line);
    wordIndex += otherWords[i]?.length ?? 0;
  });
  return split;
}

async function main(): Promise<void> {
  mkdirSync(SCANS_DIR, { recursive: true });
  mkdirSync(TRUTH_DIR, { recursive: true });
  const rendered = new Map<SeedKey, RenderedPage[]>();
  for (const key of RENDERED) {
    const pages = renderDocument(seedBlocks(seedText(key)));
    rendered.set(key, pages);
    const truth = { seed: SEEDS[key], pages: pages.map((page, i) => ({ page: i + 1, landscape: page.landscape, table: page.table, lines: page.lines })) };
    writeFileSync(path.join(TRUTH_DIR, `${SEEDS[key]}.json`), `${JSON.stringify(truth, null, 1)}\n`);
  }
  const pagesOf = (key: SeedKey) => rendered.get(key) ?? [];
  const truthOf = (key: SeedKey) => pagesOf(key).map((_, i) => ({ seed: SEEDS[key], page: i + 1 }));

  const manifest: ManifestEntry[] = [];
  const write = async (
    file: string,
    variant: ManifestEntry['variant'],
    keys: SeedKey[],
    pdfPages: ScanPdfPage[],
    extra: { rotation?: number[]; textLayer?: SeedKey } = {},
  ) => {
    const bytes = await writeScanPdf(pdfPages);
    writeFileSync(path.join(SCANS_DIR, file), bytes);
    manifest.push({
      file: `scans/${file}`,
      seed: keys.map((key) => SEEDS[key]),
      variant,
      pages: pdfPages.length,
      dpi: pdfPages[0]?.image.dpi ?? 0,
      rotation: extra.rotation ?? pdfPages.map(() => 0),
      truth: keys.flatMap(truthOf),
      text_layer: extra.textLayer ? SEEDS[extra.textLayer] : null,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    console.log(`${file}: ${pdfPages.length} trang, ${(bytes.length / 1e6).toFixed(2)} MB`);
  };

  const office = new Map<SeedKey, ScannedPage[]>();
  for (const key of RENDERED) {
    const clean: ScanPdfPage[] = [];
    for (const page of pagesOf(key)) clean.push({ image: await scanPage(page, CLEAN, seedrandom.alea('clean')) });
    await write(`${key}-clean.pdf`, 'clean', [key], clean);
    office.set(key, await officeScan(`${key}-office`, pagesOf(key), OFFICE_DPI[key]));
    await write(`${key}-office.pdf`, 'office', [key], (office.get(key) ?? []).map((image) => ({ image })));
  }

  const layer = splitByPages(pagesOf('000'), seedText('002'));
  await write(
    '000-stripped-layer.pdf',
    'stripped-layer',
    ['000'],
    (office.get('000') ?? []).map((image, i) => ({ image, textLayer: layer[i] ?? [] })),
    { textLayer: '002' },
  );

  const rotation = pagesOf('001').map((_, i) => [180, 90][i] ?? 0);
  const rotated = await officeScan('001-rotated', pagesOf('001'), 240, rotation);
  await write('001-rotated.pdf', 'rotated', ['001'], rotated.map((image) => ({ image })), { rotation });

  const bundle = await officeScan('003-004-multi', [...pagesOf('003'), ...pagesOf('004')], 200);
  await write('003-004-multi.pdf', 'multi', ['003', '004'], bundle.map((image) => ({ image })));

  writeFileSync(path.join(OUT_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await main();
