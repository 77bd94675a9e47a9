// Tells what a file is from its first bytes, never from its name.
import { InputError } from '../core/errors.js';
import { decodeText } from './text-file.js';

export const FILE_TYPES = ['pdf', 'png', 'jpeg', 'tiff', 'text'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

// control characters other than tab, line breaks and form feed mean binary data
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u;

/** A web page: what a browser's "save as" writes, whatever it was named. */
const HTML = /^\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html[\s>])/iu;

export function sniffFileType(bytes: Uint8Array): FileType {
  if (bytes.length === 0) throw new InputError('empty_file', 'Tệp rỗng (0 byte).');
  // a PDF header may follow a little junk; readers accept it within the first 1024 bytes
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  // text: UTF-8, UTF-16 with its byte-order mark, or an 8-bit code page (the TCVN3 and VNI files of
  // old Vietnamese fonts are not UTF-8), read as a text file is, with no control characters
  const text = decodeText(bytes);
  if (!CONTROL.test(text)) {
    if (HTML.test(text.slice(0, 512))) {
      throw new InputError('unsupported_type', 'Tệp là một trang web (HTML), không phải văn bản hay bản quét: hãy in trang ra PDF rồi gửi lại.');
    }
    return 'text';
  }
  throw new InputError('unsupported_type', 'Không nhận ra định dạng tệp: không phải PDF, ảnh (PNG, JPEG, TIFF) hay tệp văn bản.');
}
