// OCR engines behind one interface: tesseract.js (models from node_modules, never the network) and
// native `tesseract` (faster; the default when it and its Vietnamese model are installed).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM, type Scheduler, type Worker } from 'tesseract.js';
import { assemblePage, parseTsv, type OcrPage } from './ocr-result.js';
import type { PreparedPage } from './preprocess.js';
import type { OcrEngineChoice } from '../core/settings.js';

export interface OcrEngine {
  readonly name: 'tesseractjs' | 'tesseract';
  recognize(page: PreparedPage): Promise<OcrPage>;
  /** reads one line of digits (a table cell's number) from a small image */
  readNumber(image: Buffer): Promise<{ text: string; confidence: number }>;
  /** whether the page reads upside down (orientation and script detection) */
  isUpsideDown(page: PreparedPage): Promise<boolean>;
  close(): Promise<void>;
}

const run = promisify(execFile);
const NUMBER_CHARACTERS = '0123456789.,%';
const modelDir = (pkg: string) =>
  path.join(path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), '4.0.0_best_int');

/** PNG with the page's DPI in it: Tesseract guesses wrong without it (tables fail). */
const png = (page: PreparedPage) =>
  sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } })
    .withDensity(page.dpi)
    .png({ compressionLevel: 1 })
    .toBuffer();

/** A smaller copy for orientation detection, which needs no fine detail. */
const osdPng = (page: PreparedPage) =>
  sharp(page.gray, { raw: { width: page.width, height: page.height, channels: 1 } })
    .resize(Math.round(page.width / 2))
    .withDensity(Math.round(page.dpi / 2))
    .png({ compressionLevel: 1 })
    .toBuffer();

class TesseractJsEngine implements OcrEngine {
  readonly name = 'tesseractjs';
  private constructor(
    private readonly scheduler: Scheduler,
    private readonly osd: Worker,
    private readonly digits: Worker,
  ) {}

  static async create(workers: number): Promise<TesseractJsEngine> {
    // a local langPath and no cache: the model is read from node_modules every time, and a
    // stale cached copy can never be used instead
    const options = { langPath: modelDir('@tesseract.js-data/vie'), cacheMethod: 'none', gzip: true };
    const scheduler = createScheduler();
    const created = await Promise.all(
      Array.from({ length: workers }, async () => {
        const worker = await createWorker('vie', OEM.LSTM_ONLY, options);
        // automatic layout: the default single-block mode reads almost none of a table
        await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '0' });
        return worker;
      }),
    );
    for (const worker of created) scheduler.addWorker(worker);
    const osd = await createWorker('osd', OEM.TESSERACT_ONLY, {
      langPath: modelDir('@tesseract.js-data/osd'),
      cacheMethod: 'none',
      gzip: true,
      legacyCore: true,
      legacyLang: true,
    });
    const digits = await createWorker('vie', OEM.LSTM_ONLY, options);
    await digits.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE, tessedit_char_whitelist: NUMBER_CHARACTERS });
    return new TesseractJsEngine(scheduler, osd, digits);
  }

  async readNumber(image: Buffer): Promise<{ text: string; confidence: number }> {
    const { data } = await this.digits.recognize(image);
    return { text: data.text.trim(), confidence: data.confidence / 100 };
  }

  async recognize(page: PreparedPage): Promise<OcrPage> {
    const result = await this.scheduler.addJob('recognize', await png(page), {}, { text: false, tsv: true });
    return assemblePage(parseTsv(result.data.tsv ?? ''), page.width);
  }

  async isUpsideDown(page: PreparedPage): Promise<boolean> {
    try {
      const { data } = await this.osd.detect(await osdPng(page));
      return data.orientation_degrees === 180 && (data.orientation_confidence ?? 0) > 1;
    } catch {
      return false; // too little text to tell: leave the page as it is
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.scheduler.terminate(), this.osd.terminate(), this.digits.terminate()]);
  }
}

class NativeTesseractEngine implements OcrEngine {
  readonly name = 'tesseract';

  private async withImage<T>(image: Buffer, use: (file: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-ocr-'));
    try {
      const file = path.join(dir, 'image.png');
      await writeFile(file, image);
      return await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  // one thread per process: OpenMP threads slow it down on busy cores; parallelise by page instead
  private readonly env = { ...process.env, OMP_THREAD_LIMIT: '1' };

  async recognize(page: PreparedPage): Promise<OcrPage> {
    const tsv = await this.withImage(await png(page), async (file) => {
      const args = [file, 'stdout', '-l', 'vie', '--psm', '3', '--dpi', String(page.dpi), 'tsv'];
      return (await run('tesseract', args, { env: this.env, maxBuffer: 64 * 1024 * 1024 })).stdout;
    });
    return assemblePage(parseTsv(tsv), page.width);
  }

  async readNumber(image: Buffer): Promise<{ text: string; confidence: number }> {
    const words = await this.withImage(image, async (file) => {
      const args = [file, 'stdout', '-l', 'vie', '--psm', '7', '-c', `tessedit_char_whitelist=${NUMBER_CHARACTERS}`, 'tsv'];
      return parseTsv((await run('tesseract', args, { env: this.env })).stdout);
    });
    const confidence = words.length ? Math.min(...words.map((w) => w.confidence)) : 0;
    return { text: words.map((w) => w.text).join(''), confidence };
  }

  async isUpsideDown(page: PreparedPage): Promise<boolean> {
    try {
      const out = await this.withImage(await osdPng(page), async (file) => {
        const args = [file, 'stdout', '--psm', '0', '--dpi', String(Math.round(page.dpi / 2))];
        return (await run('tesseract', args, { env: this.env })).stdout;
      });
      const rotate = /Orientation in degrees:\s*(\d+)/u.exec(out)?.[1];
      const confidence = Number(/Orientation confidence:\s*([\d.]+)/u.exec(out)?.[1] ?? 0);
      return rotate === '180' && confidence > 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {}
}

export async function nativeTesseractAvailable(): Promise<boolean> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs']);
    return /^vie$/mu.test(stdout);
  } catch {
    return false;
  }
}

/** The engine chosen: `auto` is native tesseract when installed with Vietnamese, tesseract.js otherwise. */
export async function createOcrEngine(choice: OcrEngineChoice, workers = availableParallelism()): Promise<OcrEngine> {
  if (choice === 'tesseractjs') return TesseractJsEngine.create(workers);
  if (await nativeTesseractAvailable()) return new NativeTesseractEngine();
  if (choice === 'auto') return TesseractJsEngine.create(workers);
  throw new Error('OCR_ENGINE=tesseract nhưng không tìm thấy tesseract với tiếng Việt (apt-get install tesseract-ocr-vie).');
}
