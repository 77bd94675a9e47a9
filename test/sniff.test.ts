import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { sniffFileType } from '../pages/sniff.js';

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
  ])('knows %s from its first bytes', (type, data) => {
    expect(sniffFileType(data)).toBe(type);
  });

  it('refuses empty files and unknown binary data', () => {
    expect(() => sniffFileType(new Uint8Array())).toThrow(InputError);
    expect(() => sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff))).toThrow(/Không nhận ra định dạng/);
    expect(() => sniffFileType(Buffer.from('abc\u0000def'))).toThrow(InputError);
  });
});
