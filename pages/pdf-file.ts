// One PDF, parsed once however many stages read it: pdf.js (its text layer, page renders) and
// pdf-lib (the scans embedded in its pages) each load it at most once, when first asked. Damaged,
// truncated and encrypted PDFs become InputErrors that say so.
import { PDFDocument } from 'pdf-lib';
import { PDFParse, PasswordException } from 'pdf-parse';
import { InputError } from '../core/errors.js';

interface LayerPage {
  page: number;
  text: string;
}

/** A PDF is written front to back and ends with %%EOF; without it the file was cut short. */
function assertComplete(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new InputError('truncated_pdf', 'Tệp PDF bị cắt cụt (thiếu phần cuối %%EOF): tải lại bản đầy đủ.');
  }
}

const damaged = (error: unknown) =>
  new InputError('damaged_pdf', `Tệp PDF bị hỏng, không đọc được (${error instanceof Error ? error.message : String(error)}).`);

export class PdfFile {
  private readonly parser: PDFParse;
  private layer: Promise<LayerPage[]> | null = null;
  private structure: Promise<PDFDocument> | null = null;

  constructor(private readonly bytes: Uint8Array) {
    assertComplete(bytes);
    // pdf.js takes ownership of the buffer it is given: hand it a copy
    this.parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  }

  /** Every page's own text (NFC). */
  textLayer(): Promise<LayerPage[]> {
    this.layer ??= this.parser.getText({ pageJoiner: '' }).then(
      async (result) => {
        const pages = result.pages.map(({ num, text }) => ({ page: num, text: text.normalize('NFC') }));
        // pdf.js may answer one empty page for a page tree with none: pdf-lib, where it reads the file, counts them
        const none = pages.length === 0 || (pages.length === 1 && pages[0]!.text.trim() === '' && (await this.document().catch(() => null))?.getPageCount() === 0);
        if (none) {
          throw new InputError('damaged_pdf', 'Tệp PDF không có trang nào.');
        }
        return pages;
      },
      (error: unknown) => {
        if (error instanceof PasswordException) throw new InputError('encrypted_pdf', 'Tệp PDF được mã hóa bằng mật khẩu: không đọc được.');
        throw damaged(error);
      },
    );
    return this.layer;
  }

  async pageCount(): Promise<number> {
    return (await this.textLayer()).length;
  }

  /** The PDF's objects (pdf-lib), to take a page's scan straight from its image stream. */
  document(): Promise<PDFDocument> {
    this.structure ??= PDFDocument.load(this.bytes, { ignoreEncryption: true, updateMetadata: false }).catch((error: unknown) => {
      throw damaged(error);
    });
    return this.structure;
  }

  /** The pages (1-based) drawn at `scale` × 72 DPI, as PNG bytes. */
  async render(numbers: number[], scale: number): Promise<Map<number, Uint8Array>> {
    // pdf.js parses the file in its first call, and two first calls at once would parse it twice:
    // the text layer (memoised) is always that first call
    await this.textLayer();
    const shots = await this.parser.getScreenshot({ partial: numbers, scale, imageDataUrl: false, imageBuffer: true });
    return new Map(shots.pages.map((shot) => [shot.pageNumber, shot.data]));
  }

  async close(): Promise<void> {
    await this.parser.destroy();
  }
}

/** Runs `work` on the PDF given, or on one opened for it and closed after. */
export async function withPdf<T>(bytes: Uint8Array, given: PdfFile | undefined, work: (pdf: PdfFile) => Promise<T>): Promise<T> {
  if (given) return work(given);
  const pdf = new PdfFile(bytes);
  try {
    return await work(pdf);
  } finally {
    await pdf.close();
  }
}
