// Real low-resolution captures of an official letter (test/data/real-scans: ~70 DPI, as phones and
// old archives give, a noisy copy and a turned one): sohoa's reading against the engine's own — raw
// native tesseract on the image as it is — by word error rate over the transcription.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeTesseractAvailable } from '../pages/ocr-engine.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { runPipeline } from '../pipeline/run.js';
import { wordErrors } from './cer.js';

const DIR = path.resolve(import.meta.dirname, 'data/real-scans');
const IMAGES = ['letter-page2-capture.jpg', 'letter-page2-noisy.jpg', 'letter-page2-rotated.jpg'];
const reference = readFileSync(path.join(DIR, 'letter-page2-capture.txt'), 'utf8');

const ocr = new LazyOcrProvider('auto');
const readings: { image: string; sohoa: ReturnType<typeof wordErrors>; engine: ReturnType<typeof wordErrors> }[] = [];

beforeAll(async () => {
  if (!(await nativeTesseractAvailable())) throw new Error('native tesseract with Vietnamese is missing: apt-get install -y tesseract-ocr-vie (.ci/run does)');
  for (const image of IMAGES) {
    const file = path.join(DIR, image);
    const extraction = await runPipeline({ filename: image, bytes: readFileSync(file) }, { maxFileBytes: 1e9, ocr });
    const engine = execFileSync('tesseract', [file, 'stdout', '-l', 'vie', '--psm', '3'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'pipe', 'ignore'] });
    readings.push({ image, sohoa: wordErrors(extraction.pages.map((p) => p.text).join('\n'), reference), engine: wordErrors(engine, reference) });
  }
}, 300_000);
afterAll(() => ocr.close());

const rate = (e: { errors: number; words: number }) => e.errors / e.words;

describe('real low-resolution captures', () => {
  it("are read with at most 0.85× the engine's own word errors, pooled over the three", () => {
    console.table(readings.map((r) => ({ image: r.image, sohoa: `${(rate(r.sohoa) * 100).toFixed(1)}%`, 'tesseract alone': `${(rate(r.engine) * 100).toFixed(1)}%` })));
    const pooled = (which: 'sohoa' | 'engine') => readings.reduce((n, r) => n + r[which].errors, 0) / readings.reduce((n, r) => n + r[which].words, 0);
    console.log(`pooled WER: sohoa ${(pooled('sohoa') * 100).toFixed(1)}%, tesseract alone ${(pooled('engine') * 100).toFixed(1)}% (ratio ${(pooled('sohoa') / pooled('engine')).toFixed(2)}; the issue's aim is 0.85)`);
    expect(readings.length).toBe(3);
    expect(pooled('sohoa')).toBeLessThanOrEqual(0.85 * pooled('engine'));
  });
});
