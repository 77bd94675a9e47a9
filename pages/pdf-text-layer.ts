// Reads a PDF's own text layer, page by page (pdf-parse). Damaged, truncated and encrypted PDFs
// become InputErrors that say so.
import { PDFParse, PasswordException } from 'pdf-parse';
import { InputError } from '../core/errors.js';

export interface LayerPage {
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

export async function readPdfTextLayer(bytes: Uint8Array): Promise<LayerPage[]> {
  assertComplete(bytes);
  // pdf.js takes ownership of the buffer it is given: hand it a copy
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return result.pages.map(({ num, text }) => ({ page: num, text: text.normalize('NFC') }));
  } catch (error) {
    if (error instanceof PasswordException) {
      throw new InputError('encrypted_pdf', 'Tệp PDF được mã hóa bằng mật khẩu: không đọc được.');
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('damaged_pdf', `Tệp PDF bị hỏng, không đọc được (${reason}).`);
  } finally {
    await parser.destroy();
  }
}
