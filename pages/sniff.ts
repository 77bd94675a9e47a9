// Tells what a file is from its first bytes, never from its name.
import { InputError } from '../core/errors.js';

export const FILE_TYPES = ['pdf', 'png', 'jpeg', 'tiff', 'text'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

function looksLikeText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // control characters other than tab, line breaks and form feed mean binary data
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u.test(text);
}

export function sniffFileType(bytes: Uint8Array): FileType {
  if (bytes.length === 0) throw new InputError('empty_file', 'Tệp rỗng (0 byte).');
  // a PDF header may follow a little junk; readers accept it within the first 1024 bytes
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (looksLikeText(bytes)) return 'text';
  throw new InputError('unsupported_type', 'Không nhận ra định dạng tệp: không phải PDF, ảnh (PNG, JPEG, TIFF) hay văn bản UTF-8.');
}
