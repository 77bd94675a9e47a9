import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { documentName, identify } from '../pages/ingest.js';
import { sniffFileType } from '../pages/sniff.js';
import { decodeText } from '../pages/text-file.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffFileType', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
    ['pdf', Buffer.from('\r\n%PDF-1.4\n')],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0)],
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0)],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 8)],
    ['text', Buffer.from('THÔNG BÁO\nKiên Giang, ngày 14 tháng 3 năm 2024\f2\n')],
    // UTF-16 as Windows Notepad saves it, and the 8-bit code page of TCVN3 ("Th«ng b¸o") and VNI files
    ['text', Buffer.concat([bytes(0xff, 0xfe), Buffer.from('THÔNG BÁO', 'utf16le')])],
    ['text', Buffer.from('Th\u00abng b\u00b8o', 'latin1')],
    ['text', Buffer.from('Thoâng baùo', 'latin1')],
  ])('knows %s from its first bytes', (type, data) => {
    expect(sniffFileType(data)).toBe(type);
  });

  it('refuses empty files and unknown binary data', () => {
    expect(() => sniffFileType(new Uint8Array())).toThrow(InputError);
    expect(() => sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff))).toThrow(/Không nhận ra định dạng/);
    expect(() => sniffFileType(Buffer.from('abc\u0000def'))).toThrow(InputError);
  });

  it('refuses a web page, whatever its name, saying what it is', () => {
    expect(() => sniffFileType(Buffer.from('<!DOCTYPE html>\n<html><body>Thông báo</body></html>'))).toThrow(/trang web \(HTML\)/u);
    expect(() => sniffFileType(Buffer.from('\uFEFF  <html lang="vi">'))).toThrow(/HTML/u);
    expect(sniffFileType(Buffer.from('Trang <html> trong câu chữ'))).toBe('text');
  });
});

describe('identify', () => {
  it('refuses a file named .pdf that is no PDF (a text file saved under the wrong name is not read as text)', () => {
    expect(() => identify({ filename: 'báo cáo.PDF', bytes: Buffer.from('Năm 2023 tiếp nhận được 21.600 đơn vị máu.') }, 1e9)).toThrow(/đuôi \.pdf nhưng không phải PDF/u);
    expect(identify({ filename: 'báo cáo.txt', bytes: Buffer.from('Năm 2023') }, 1e9).type).toBe('text');
  });
});

describe('documentName', () => {
  it('keeps a name’s last part only, composed, without control characters', () => {
    expect(documentName('../../etc/thông báo.pdf')).toBe('thông báo.pdf');
    expect(documentName('C:\\Users\\lưu trữ\\báo cáo.pdf')).toBe('báo cáo.pdf');
    expect(documentName('Thông báo.pdf'.normalize('NFD'))).toBe('Thông báo.pdf');
    expect(documentName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(documentName('../..')).toBe('tệp');
  });

  it('shortens a long name to 200 characters, keeping its extension', () => {
    const name = documentName(`${'Báo cáo kết quả '.repeat(30)}.pdf`);
    expect([...name].length).toBe(200);
    expect(name.endsWith('….pdf')).toBe(true);
  });
});

describe('decodeText', () => {
  it('reads UTF-16 by its byte-order mark, both ways round', () => {
    expect(decodeText(Buffer.concat([bytes(0xff, 0xfe), Buffer.from('Kiên Giang', 'utf16le')]))).toBe('Kiên Giang');
    expect(decodeText(Buffer.concat([bytes(0xfe, 0xff), Buffer.from('Kiên Giang', 'utf16le').swap16()]))).toBe('Kiên Giang');
  });
});
