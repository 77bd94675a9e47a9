import { describe, expect, it } from 'vitest';
import { findFigures } from '../extractors/figures.js';
import { parseNumeral } from '../extractors/numbers.js';

const facts = { year: 2024, kind: null };
const figures = (text: string) => findFigures(text, facts).figures.map((f) => [f.metric, f.value, f.unit, f.qualifier]);
const values = (text: string) => findFigures(text, facts).figures.map((f) => f.value);

describe('parseNumeral', () => {
  it.each([
    ['21.600', 21600],
    ['1.726', 1726],
    ['1.234.567', 1234567],
    ['99,5', 99.5],
    ['1,19', 1.19],
    ['1.234,5', 1234.5],
    ['21. 600', 21600],
    ['120', 120],
    ['2.5', 2.5],
  ])('%s → %d', (token, value) => expect(parseNumeral(token)).toBe(value));
});

describe('numbers in sentences', () => {
  it('reads thousands groups, decimals and percentages', () => {
    expect(figures('tiếp nhận được 21.600/18.000 đơn vị máu đạt 120% kế hoạch')).toEqual([
      ['achieved', 21600, 'đơn vị máu', null],
      ['target', 18000, 'đơn vị máu', null],
      ['percent_of_target', 120, '%', null],
    ]);
    expect(figures('thu nhận được 1.726/1.735 đơn vị máu, đạt 99,5%')).toEqual([
      ['achieved', 1726, 'đơn vị máu', null],
      ['target', 1735, 'đơn vị máu', null],
      ['percent_of_target', 99.5, '%', null],
    ]);
  });

  it('multiplies by scale words', () => {
    expect(figures('cả nước tiếp nhận 1,3 triệu đơn vị máu')).toEqual([['achieved', 1300000, 'đơn vị máu', null]]);
    expect(figures('thu hút 2,5 nghìn người tham gia')).toEqual([['participants', 2500, 'người', null]]);
    expect(figures('kinh phí hỗ trợ 196,7 triệu đồng')).toEqual([['other', 196700000, 'đồng', null]]);
  });

  it('reads qualifiers', () => {
    expect(figures('hơn 5.000 người tham gia')).toEqual([['participants', 5000, 'người', 'more_than']]);
    expect(figures('với trên 1.000 lượt người')).toEqual([['participants', 1000, 'lượt', 'more_than']]);
    expect(figures('khoảng 300 tình nguyện viên tham gia')).toEqual([['participants', 300, 'người', 'approx']]);
    expect(figures('tiếp nhận gần 7.000 đơn vị máu')).toEqual([['achieved', 7000, 'đơn vị máu', 'approx']]);
    expect(figures('phấn đấu tiếp nhận 23.100 đơn vị máu trở lên')).toEqual([['target', 23100, 'đơn vị máu', 'at_least']]);
    // a floor (ít nhất, tối thiểu) where nothing else says is set for what is to come
    expect(figures('vận động ít nhất 500 tình nguyện viên')).toEqual([['target', 500, 'người', 'at_least']]);
  });

  it('joins a number split by a line break or an OCR space', () => {
    expect(values('đã tiếp nhận được 21. 600 đơn vị máu')).toEqual([21600]);
    expect(values('đã tiếp nhận được 21.600\nđơn vị máu')).toEqual([21600]);
  });

  it('reads increases and decreases', () => {
    expect(figures('tăng 231 đơn vị máu so với năm 2019')).toEqual([['change', 231, 'đơn vị máu', null]]);
    expect(figures('giảm 120 đơn vị máu so với năm 2022')).toEqual([['change', 120, 'đơn vị máu', null]]);
  });

  it.each([
    ['a date', 'Ngày 06/3/2024, tại Văn phòng UBND tỉnh'],
    ['a day and month', 'hưởng ứng ngày Toàn dân hiến máu 07/4 và ngày 14/6'],
    ['a document number', 'theo Giấy mời số 95/GM-UBND của UBND tỉnh'],
    ['a document number with a space', 'Số: 253 /TB-VP'],
    ['a document number in a header', 'Số: 95/GM-UBND'],
    ['a circular number', 'theo Thông tư số 182/2009/TT-BTC của Bộ Tài chính'],
    ['a phone number', 'ĐT: 0243.7738668; Fax: 0243.7738668'],
    ['article numbering', '1. Về công tác tuyên truyền\n2.1. Ban Chỉ đạo tỉnh:'],
    ['a year', 'tổng kết công tác năm 2023 và triển khai năm 2024'],
    ['a range of ages', 'người từ 18 - 60 tuổi'],
    ['a duration', 'thời gian 04 tháng, từ ngày 01 tháng 5 đến ngày 31 tháng 8'],
    ['a name', 'Trường THPT Hồng Ngự 2, Hồng Ngự 3 và Covid-19'],
    ['an ordinal', 'tổ chức đợt 2 vào tháng 6; lần thứ 16'],
    ['a unit definition', '20.695 đơn vị máu (350ml)'],
    ['a time stamp', '2024-03-13T16:00:54+0700'],
    ['a rank', 'đang dẫn đầu 12 huyện, thành phố'],
    ['selection criteria', 'xét chọn những cá nhân hiến máu 20, 30, 40, 50 lần'],
  ])('%s is not a figure', (_, text) => {
    expect(values(text).filter((value) => value !== 20695)).toEqual([]);
  });
});

describe('arithmetic of X/Y … đạt Z%', () => {
  const issues = (text: string) => findFigures(text, facts).issues.map((i) => i.warning.code);

  it('accepts a rounded or truncated ratio and warns on a wrong one', () => {
    expect(issues('tiếp nhận được 1.726/1.735 đơn vị máu, đạt 99,5%')).toEqual([]);
    expect(issues('tiếp nhận được 5.443/3.560 đơn vị máu, đạt 152% so với kế hoạch')).toEqual([]);
    expect(issues('tiếp nhận được 21.600/18.000 đơn vị máu đạt 112% kế hoạch')).toEqual(['figure_arithmetic']);
  });

  it('checks only the percentage that follows the pair, not a later one of another base', () => {
    expect(
      issues('tiếp nhận được 5.443/3.560 đơn vị máu, đạt 152% so với kế hoạch, đạt 30% so với chỉ tiêu cả năm 2020'),
    ).toEqual([]);
  });
});
