// One OCR engine per process, made on first use (a page that needs OCR) and closed at the end.
import { createOcrEngine, type OcrEngine } from './ocr-engine.js';
import type { OcrProvider } from './page-text.js';
import type { OcrEngineChoice } from '../core/settings.js';

export class LazyOcrProvider implements OcrProvider {
  private created: Promise<OcrEngine> | null = null;

  /** @param workers pages recognised at once (default: one per core) */
  constructor(
    private readonly name: OcrEngineChoice,
    private readonly workers?: number,
  ) {}

  engine(): Promise<OcrEngine> {
    this.created ??= createOcrEngine(this.name, this.workers);
    return this.created;
  }

  async close(): Promise<void> {
    if (this.created) await (await this.created).close();
    this.created = null;
  }
}
