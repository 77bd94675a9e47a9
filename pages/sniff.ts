// Tells what a file is from its first bytes, never from its name.
import { InputError } from '../core/errors.js';

export const FILE_TYPES = ['pdf', 'png', 'jpeg', 'tiff', 'text'] as const;
export type FileType = (typeof FILE_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

// control characters other than tab, line breaks and form feed mean binary data
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/u;

/**
 * Text: UTF-8, UTF-16 with its byte-order mark, or an 8-bit code page (the TCVN3 and VNI files of
 * old Vietnamese fonts are not UTF-8) — in each case with no control characters.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return !CONTROL.test(new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return !CONTROL.test(text);
}

/** A web page (its first bytes as Latin-1, after a UTF-8 byte-order mark): what a browser's "save as" writes, whatever it was named. */
const HTML = /^(?:\u00EF\u00BB\u00BF)?\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html[\s>])/iu;

export function sniffFileType(bytes: Uint8Array): FileType {
  if (bytes.length === 0) throw new InputError('empty_file', 'Tệp rỗng (0 byte).');
  // a PDF header may follow a little junk; readers accept it within the first 1024 bytes
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (looksLikeText(bytes)) {
    if (HTML.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1'))) {
      throw new InputError('unsupported_type', 'Tệp là một trang web (HTML), không phải văn bản hay bản quét: hãy in trang ra PDF rồi gửi lại.');
    }
    return 'text';
  }
  throw new InputError('unsupported_type', 'Không nhận ra định dạng tệp: không phải PDF, ảnh (PNG, JPEG, TIFF) hay tệp văn bản.');
}
