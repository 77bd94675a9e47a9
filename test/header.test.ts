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
      issuer: 'Sở Giáo dục và Đào tạo thành phố Đà Nẵng',
    });
  });

  it('cuts the place-date line off a V/v line that it was merged into', () => {
    expect(readHeader(ONE_LINE)).toMatchObject({ kind: 'cong_van', number: '412/SYT-NVY', date: '2024-04-02', subject: 'triển khai Tuần lễ hồng 2024' });
  });

  it('keeps the kind of a document that prints its title', () => {
    expect(readHeader('UBND TỈNH KIÊN GIANG\nSố: 253/TB-VP\nTHÔNG BÁO\nKết luận của Phó Chủ tịch\nNgày 06/3/2024, tại …').kind).toBe('thong_bao');
  });
});

describe('issuer from the header block', () => {
  it.each([
    // an office is the office of the body above it
    ['UBND TỈNH KIÊN GIANG\nVĂN PHÒNG', 'Văn phòng UBND tỉnh Kiên Giang'],
    // a department or board of a place takes that place; its field starts with a capital
    ['UBND TỈNH KIÊN GIANG\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Sở Lao động - Thương binh và Xã hội tỉnh Kiên Giang'],
    ['UBND HUYỆN GIỒNG RIỀNG\nPHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'Phòng Tài nguyên và Môi trường huyện Giồng Riềng'],
    ['UBND TỈNH KIÊN GIANG\nBAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN', 'Ban Chỉ đạo vận động hiến máu tình nguyện tỉnh Kiên Giang'],
    // a body with its own place, alone; "tình", "quản" are no place level however folded
    ['SỞ Y TẾ TỈNH KIÊN GIANG', 'Sở Y tế tỉnh Kiên Giang'],
    ['BỘ Y TẾ\nCỤC QUẢN LÝ DƯỢC', 'Cục Quản lý dược Bộ Y tế'],
    // one name broken over two lines, its place on the second
    ['ỦY BAN NHÂN DÂN\nHUYỆN TÂN HIỆP', 'Ủy ban nhân dân huyện Tân Hiệp'],
    ['HỘI ĐỒNG NHÂN DÂN\nTỈNH KIÊN GIANG', 'Hội đồng nhân dân tỉnh Kiên Giang'],
    // stamps and marks over the header name no body
    ['UBND TỈNH KIÊN GIANG\nSAO Y BẢN CHÍNH\nVĂN PHÒNG\nKHẨN', 'Văn phòng UBND tỉnh Kiên Giang'],
    ['SỞ Y TẾ TỈNH KIÊN GIANG\nMẬT', 'Sở Y tế tỉnh Kiên Giang'],
    // a header that lost its diacritics (the repair stage, before, gives them back)
    ['UBND TINH KIEN GIANG\nVAN PHONG', 'Van phong UBND tinh Kien Giang'],
  ])('%s → %s', (block, issuer) => {
    expect(readHeader(`${block}\nSố: 12/BC-UBND\nBÁO CÁO\nKết quả năm 2023`).issuer).toBe(issuer);
  });
});
