// The header of a letter (công văn), which prints no title word: its kind and subject from the
// "V/v" line, its number with the whole suffix, its place and date — as a text layer gives it (the
// two columns merged into one line) and as OCR's reading order does (each column on its own).
import { describe, expect, it } from 'vitest';
import { readHeader } from '../extractors/header.js';

const MERGED = `UBND THÀNH PHỐ ĐÀ NẴNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc
Số: 2535/SGDĐT-CTrTT Đà Nẵng, ngày 27 tháng 7 năm 2020
V/v tăng cường công tác phòng, chống
dịch Covid-19 trong các cơ sở giáo dục
Kính gửi: Thủ trưởng các đơn vị, trường học trực thuộc.
Thực hiện chỉ đạo của Ủy ban nhân dân thành phố, Sở Giáo dục và Đào tạo đề nghị các đơn vị:`;

const COLUMNS = `UBND THÀNH PHỐ ĐÀ NẴNG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 2535/SGDĐT-CTrTT
V/v tăng cường công tác phòng, chống dịch Covid-19 trong các cơ sở giáo dục
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đà Nẵng, ngày 27 tháng 7 năm 2020
Kính gửi: Thủ trưởng các đơn vị, trường học trực thuộc.`;

const ONE_LINE = `SỞ Y TẾ TỈNH KIÊN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 412/SYT-NVY Độc lập - Tự do - Hạnh phúc
V/v triển khai Tuần lễ hồng 2024 Kiên Giang, ngày 02 tháng 4 năm 2024
Kính gửi: Các bệnh viện, trung tâm y tế trong tỉnh.`;

describe('header of a letter (công văn)', () => {
  it.each([
    ['columns merged by a text layer', MERGED],
    ['columns apart, as OCR reads them', COLUMNS],
  ])('%s: kind, number with its whole suffix, place, date and the V/v subject', (_, text) => {
    expect(readHeader(text)).toMatchObject({
      kind: 'cong_van',
      number: '2535/SGDĐT-CTrTT',
      place: 'Đà Nẵng',
      date: '2020-07-27',
      subject: 'tăng cường công tác phòng, chống dịch Covid-19 trong các cơ sở giáo dục',
    });
  });

  it('cuts the place-date line off a V/v line that it was merged into', () => {
    expect(readHeader(ONE_LINE)).toMatchObject({ kind: 'cong_van', number: '412/SYT-NVY', date: '2024-04-02', subject: 'triển khai Tuần lễ hồng 2024' });
  });

  it('keeps the kind of a document that prints its title', () => {
    expect(readHeader('UBND TỈNH KIÊN GIANG\nSố: 253/TB-VP\nTHÔNG BÁO\nKết luận của Phó Chủ tịch\nNgày 06/3/2024, tại …').kind).toBe('thong_bao');
  });
});
