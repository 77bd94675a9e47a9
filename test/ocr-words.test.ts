import { describe, expect, it } from 'vitest';
import { parseTsv } from '../pages/ocr-result.js';

const tsv = (...words: string[]) =>
  [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    ...words.map((text, i) => `5\t1\t1\t1\t1\t${i + 1}\t${i * 100}\t10\t90\t30\t91.5\t${text}`),
  ].join('\n');

describe('OCR words from Tesseract TSV', () => {
  it('keeps words with their boxes and confidences, in NFC', () => {
    const [word] = parseTsv(tsv('Kie\u0302n'));
    expect(word).toMatchObject({ text: 'Kiên', confidence: 0.915, box: { x0: 0, y0: 10, x1: 90, y1: 40 } });
  });

  it("drops a table's ruled line read as a bar at a word's edge", () => {
    expect(parseTsv(tsv('|1.234', '56|', '|')).map((w) => w.text)).toEqual(['1.234', '56']);
  });

  it('reads the T of a digital signature time stamp however OCR saw it', () => {
    const words = parseTsv(tsv('2024-03-13716:00:54+0700', '2024-03-14T17:19:41+0700', '2024-03-14l17:19:36', '2024-03-13T716:00:54', '2024-03-14T11:19:36'));
    expect(words.map((w) => w.text)).toEqual(['2024-03-13T16:00:54+0700', '2024-03-14T17:19:41+0700', '2024-03-14T17:19:36', '2024-03-13T16:00:54', '2024-03-14T11:19:36']);
  });

  it('reads the eth that OCR prints for Đ as Đ', () => {
    expect(parseTsv(tsv('BCÐ', 'ðồng')).map((w) => w.text)).toEqual(['BCĐ', 'đồng']);
  });
});
