import { describe, expect, it } from 'vitest';
import { placeWords, readingOrder, type OcrLine } from '../pages/ocr-result.js';

const line = (text: string, x0: number, y0: number, block = 0): OcrLine => {
  const words = text.split(' ').map((word, i) => ({
    text: word,
    confidence: 0.9,
    box: { x0: x0 + i * 60, y0, x1: x0 + i * 60 + 50, y1: y0 + 30 },
    block,
    line: y0,
  }));
  return { words, block, box: { x0, y0, x1: x0 + words.length * 60, y1: y0 + 30 } };
};

describe('reading order', () => {
  it('reads a two-column header down the left column first, then the right', () => {
    const lines = [
      line('UBND TỈNH KIÊN GIANG', 100, 100, 1),
      line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1300, 100, 2),
      line('VĂN PHÒNG', 150, 140, 1),
      line('Độc lập - Tự do - Hạnh phúc', 1350, 140, 2),
      line('THÔNG BÁO', 1000, 300, 3),
    ];
    expect(placeWords(readingOrder(lines, 2480)).text.split('\n')).toEqual([
      'UBND TỈNH KIÊN GIANG',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'THÔNG BÁO',
    ]);
  });

  it('reads a table row across its cells', () => {
    const lines = [line('01', 100, 500, 1), line('Huyện Tân Hiệp', 200, 502, 2), line('670', 900, 499, 3), line('706', 1200, 501, 4)];
    expect(placeWords(readingOrder(lines, 2480)).text).toBe('01 Huyện Tân Hiệp 670 706');
  });

  it('reads a signature scrawled across the recipients’ lines as a line of its own, not their row', () => {
    const scrawl = line('Döj CC uú', 1500, 180);
    scrawl.box.y1 = scrawl.box.y0 + 140;
    const lines = [
      line('Nơi nhận:', 100, 100),
      line('- Như trên;', 100, 140),
      line('- Bộ Giáo dục và Đào tạo;', 100, 180),
      scrawl,
      line('- Thành ủy, HĐND, UBND thành phố;', 100, 220),
      line('- Lưu: VT.', 100, 260),
    ];
    expect(placeWords(readingOrder(lines, 2480)).text.split('\n')).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Bộ Giáo dục và Đào tạo;',
      'Döj CC uú',
      '- Thành ủy, HĐND, UBND thành phố;',
      '- Lưu: VT.',
    ]);
  });

  it('places every word in the text it makes: its span reads the word, its box is where it stands', () => {
    const lines = [line('UBND TỈNH KIÊN GIANG', 100, 100, 1), line('CỘNG HÒA', 1300, 100, 2), line('VĂN PHÒNG', 150, 140, 1), line('Độc lập', 1350, 140, 2)];
    const { text, placed } = placeWords(readingOrder(lines, 2480));
    expect(placed.map((p) => text.slice(p.start, p.end))).toEqual(placed.map((p) => p.word.text));
    expect(placed.map((p) => p.word.text).join(' ')).toBe(text.replace(/\n/gu, ' '));
    const phong = placed.find((p) => p.word.text === 'PHÒNG')!;
    expect(text.slice(phong.start - 4, phong.end)).toBe('VĂN PHÒNG');
    expect(phong.word.box).toEqual({ x0: 210, y0: 140, x1: 260, y1: 170 });
  });
});
