// The documents a worker process is reading page by page: each stored original is read and its PDF
// parsed once, however many of its page jobs come to this process; beyond a few, the one read
// longest ago is let go.
import { readFile } from 'node:fs/promises';
import { identify, type IngestedFile } from '../pages/ingest.js';
import { readPageText, type OcrProvider, type PageTexts } from '../pages/page-text.js';
import { PdfFile } from '../pages/pdf-file.js';

interface StoredDocument {
  sha256: string;
  filename: string;
  /** the stored original */
  path: string;
}

interface Open {
  document: Promise<{ file: IngestedFile; pdf: PdfFile | null }>;
  readers: number;
}

export class OpenDocuments {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly maxFileBytes: number,
    private readonly keep = 2,
  ) {}

  /** One page's text (1-based) of a stored document. */
  async readPage(stored: StoredDocument, page: number, ocr: OcrProvider): Promise<PageTexts> {
    const entry = this.enter(stored);
    try {
      const { file, pdf } = await entry.document;
      return await readPageText(file, page, ocr, pdf ?? undefined);
    } finally {
      entry.readers -= 1;
      await this.trim();
    }
  }

  private enter(stored: StoredDocument): Open {
    let entry = this.open.get(stored.sha256);
    if (entry) this.open.delete(stored.sha256); // to the back: read most recently
    else {
      const document = this.load(stored);
      // a file that could not be read is read again by the job's next attempt
      document.catch(() => this.open.get(stored.sha256) === entry && this.open.delete(stored.sha256));
      entry = { document, readers: 0 };
    }
    this.open.set(stored.sha256, entry);
    entry.readers += 1;
    return entry;
  }

  private async load(stored: StoredDocument): Promise<{ file: IngestedFile; pdf: PdfFile | null }> {
    const file = identify({ filename: stored.filename, bytes: await readFile(stored.path) }, this.maxFileBytes, stored.sha256);
    return { file, pdf: file.type === 'pdf' ? new PdfFile(file.bytes) : null };
  }

  private async trim(): Promise<void> {
    for (const [sha256, entry] of this.open) {
      if (this.open.size <= this.keep) return;
      if (entry.readers > 0) continue;
      this.open.delete(sha256);
      await closeDocument(entry);
    }
  }

  async close(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    await Promise.all(entries.map(closeDocument));
  }
}

async function closeDocument(entry: Open): Promise<void> {
  const opened = await entry.document.catch(() => null);
  await opened?.pdf?.close();
}
