// Ingest: identify a document (sha256), tell its type, and keep the original under
// SOHOA_DATA_DIR/originals, named by its hash so the same file is stored once.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile, access, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { FILE_TYPES, sniffFileType, type FileType } from './sniff.js';

export interface SourceFile {
  filename: string;
  bytes: Uint8Array;
}

export interface IngestedFile extends SourceFile {
  sha256: string;
  type: FileType;
}

/** The longest name a document keeps (in characters; its extension kept). */
const MAX_NAME = 200;

/**
 * The name a file is known by: its last part only (a name sent as `../../etc/x.pdf` is `x.pdf`),
 * in composed Unicode, without control characters, at most {@link MAX_NAME} characters. Never a
 * path: originals are stored by their hash.
 */
export function documentName(filename: string): string {
  const last = filename.replaceAll('\\', '/').split('/').filter((part) => part !== '' && part !== '.' && part !== '..').pop() ?? '';
  const clean = last.normalize('NFC').replace(/[\u0000-\u001F\u007F]/gu, '').trim();
  if (clean === '') return 'tệp';
  if ([...clean].length <= MAX_NAME) return clean;
  const extension = /\.[\p{L}\p{N}]{1,5}$/u.exec(clean)?.[0] ?? '';
  return `${[...clean.slice(0, clean.length - extension.length)].slice(0, MAX_NAME - extension.length - 1).join('')}…${extension}`;
}

/** @param sha256 the file's hash when known already (a stored original, named by it) */
export function identify(file: SourceFile, maxBytes: number, sha256?: string): IngestedFile {
  if (file.bytes.length > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    throw new InputError('file_too_large', `Tệp quá lớn (${mb(file.bytes.length)} MB, tối đa ${mb(maxBytes)} MB).`);
  }
  const type = sniffFileType(file.bytes);
  const filename = documentName(file.filename);
  // a file that says it is a PDF and is not is broken or mislabelled: reading it as text would store nonsense
  if (/\.pdf$/iu.test(filename) && type !== 'pdf') {
    throw new InputError('not_a_pdf', `Tệp mang đuôi .pdf nhưng không phải PDF (nội dung là ${type === 'text' ? 'văn bản thường' : `ảnh ${type.toUpperCase()}`}): tệp hỏng hoặc đặt sai tên.`);
  }
  return { ...file, filename, sha256: sha256 ?? createHash('sha256').update(file.bytes).digest('hex'), type };
}

/** Where the original of a document is kept, by its hash. */
const originalPath = (dataDir: string, sha256: string, type: FileType) =>
  path.join(dataDir, 'originals', `${sha256}.${type === 'text' ? 'txt' : type}`);

/** Stores the original once; returns its path. */
export async function storeOriginal(file: IngestedFile, dataDir: string): Promise<string> {
  const dir = path.join(dataDir, 'originals');
  const target = originalPath(dataDir, file.sha256, file.type);
  const exists = await access(target).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // written aside, then renamed: a process stopped while writing leaves no part-file under the name
    const partial = `${target}.${process.pid}.${randomUUID()}.part`;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(partial, file.bytes);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOSPC' && code !== 'EDQUOT') throw error;
      throw new InputError('no_space', `Thư mục dữ liệu (SOHOA_DATA_DIR) đã đầy: không lưu được bản gốc của ${file.filename}. Hãy giải phóng chỗ rồi gửi lại tệp.`);
    }
  }
  return target;
}

/** A stored original by its hash, or null when none is kept. */
export async function readOriginal(dataDir: string, sha256: string): Promise<Pick<IngestedFile, 'bytes' | 'type'> | null> {
  const type = await originalType(dataDir, sha256);
  const bytes = type && (await readFile(originalPath(dataDir, sha256, type)).catch(() => null));
  return type && bytes ? { bytes, type } : null;
}

/** The type of a stored original, or null when none is kept (nothing is read). */
export async function originalType(dataDir: string, sha256: string): Promise<FileType | null> {
  for (const type of FILE_TYPES) {
    if (await access(originalPath(dataDir, sha256, type)).then(() => true, () => false)) return type;
  }
  return null;
}

/** Removes a stored original, whatever its type. */
export async function removeOriginal(dataDir: string, sha256: string): Promise<void> {
  await Promise.all(FILE_TYPES.map((type) => rm(originalPath(dataDir, sha256, type), { force: true })));
}
