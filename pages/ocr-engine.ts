// OCR engines behind one interface: tesseract.js (models from node_modules, never the network) and
// native `tesseract` (faster; the default when it and its Vietnamese model are installed).
import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit, { type LimitFunction } from 'p-limit';
import sharp from 'sharp';
import { createScheduler, createWorker, OEM, PSM, type Scheduler, type Worker } from 'tesseract.js';
import { assemblePage, parseTsv, type OcrPage } from './ocr-result.js';
import type { PreparedPage } from './preprocess.js';
import type { OcrEngineChoice } from '../core/settings.js';

export interface OcrEngine {
  readonly name: 'tesseractjs' | 'tesseract';
  /** pages it recognises at once */
  readonly lanes: number;
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

// a local langPath and no cache: the model is read from node_modules every time, and a stale
// cached copy can never be used instead
export const VIE_MODEL = { langPath: modelDir('@tesseract.js-data/vie'), cacheMethod: 'none', gzip: true };

/**
 * Reads a table cell's number from a small image, in this process: a cell is read in tens of
 * milliseconds, where starting a native tesseract for it costs more than reading it.
 */
class DigitReader {
  private constructor(private readonly worker: Worker) {}

  static async create(): Promise<DigitReader> {
    const worker = await createWorker('vie', OEM.LSTM_ONLY, VIE_MODEL);
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_LINE, tessedit_char_whitelist: NUMBER_CHARACTERS });
    return new DigitReader(worker);
  }

  async read(image: Buffer): Promise<{ text: string; confidence: number }> {
    const { data } = await this.worker.recognize(image);
    return { text: data.text.trim(), confidence: data.confidence / 100 };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

class TesseractJsEngine implements OcrEngine {
  readonly name = 'tesseractjs';
  private constructor(
    readonly lanes: number,
    private readonly scheduler: Scheduler,
    private readonly osd: Worker,
    private readonly digits: DigitReader,
  ) {}

  static async create(workers: number): Promise<TesseractJsEngine> {
    const scheduler = createScheduler();
    const created = await Promise.all(
      Array.from({ length: workers }, async () => {
        const worker = await createWorker('vie', OEM.LSTM_ONLY, VIE_MODEL);
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
    return new TesseractJsEngine(workers, scheduler, osd, await DigitReader.create());
  }

  readNumber(image: Buffer): Promise<{ text: string; confidence: number }> {
    return this.digits.read(image);
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
    await Promise.all([this.scheduler.terminate(), this.osd.terminate(), this.digits.close()]);
  }
}

/** A gray image as binary PGM: nothing to encode, and tesseract reads it from its standard input. */
const pgm = (page: PreparedPage) => [Buffer.from(`P5\n${page.width} ${page.height}\n255\n`), page.gray];

/** One run of the `tesseract` command on an image given on its standard input; what it prints. */
export function tesseract(args: string[], image: Uint8Array[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // one thread per process: OpenMP threads slow it down on busy cores; parallelise by page instead
    const child = spawn('tesseract', ['stdin', 'stdout', ...args], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    const out: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`tesseract ${args.join(' ')}: ${Buffer.concat(errors).toString('utf8').trim()}`));
    });
    child.stdin.on('error', () => {}); // a tesseract that stopped early says why through its exit code
    image.forEach((part, i) => (i < image.length - 1 ? child.stdin.write(part) : child.stdin.end(part)));
  });
}

class NativeTesseractEngine implements OcrEngine {
  readonly name = 'tesseract';
  /** one process per lane at a time, as tesseract.js has one worker per lane */
  private readonly lane: LimitFunction;

  private constructor(
    readonly lanes: number,
    private readonly digits: DigitReader,
  ) {
    this.lane = pLimit(lanes);
  }

  static async create(lanes: number): Promise<NativeTesseractEngine> {
    return new NativeTesseractEngine(lanes, await DigitReader.create());
  }

  async recognize(page: PreparedPage): Promise<OcrPage> {
    const args = ['-l', 'vie', '--psm', '3', '--dpi', String(page.dpi), 'tsv'];
    const tsv = await this.lane(() => tesseract(args, pgm(page)));
    return assemblePage(parseTsv(tsv), page.width);
  }

  readNumber(image: Buffer): Promise<{ text: string; confidence: number }> {
    return this.digits.read(image);
  }

  async isUpsideDown(page: PreparedPage): Promise<boolean> {
    try {
      const image = await osdPng(page);
      const out = await this.lane(() => tesseract(['--psm', '0', '--dpi', String(Math.round(page.dpi / 2))], [image]));
      const rotate = /Orientation in degrees:\s*(\d+)/u.exec(out)?.[1];
      const confidence = Number(/Orientation confidence:\s*([\d.]+)/u.exec(out)?.[1] ?? 0);
      return rotate === '180' && confidence > 1;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.digits.close();
  }
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
  if (await nativeTesseractAvailable()) return NativeTesseractEngine.create(workers);
  if (choice === 'auto') return TesseractJsEngine.create(workers);
  throw new Error('OCR_ENGINE=tesseract nhưng không tìm thấy tesseract với tiếng Việt (apt-get install tesseract-ocr-vie).');
}
