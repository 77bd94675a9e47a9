import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { rasterise } from '../pages/rasterise.js';
import { ExtractionSchema } from '../core/records.js';
import { REGULAR_FONT_FILE } from '../samples/render.js';
import { loadManifest, samplePath } from './samples.js';
import { seedText } from '../samples/seeds.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'sohoa-cli-'));

function sohoa(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/sohoa.js'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, SOHOA_DATA_DIR: dataDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dataDir, name);
  writeFileSync(file, bytes);
  return file;
}

const sampleFile = (variant: string) => samplePath(loadManifest().find((e) => e.variant === variant)!.file);

describe('sohoa CLI', () => {
  it('lists the commands that exist', () => {
    const help = sohoa(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/extract/);
  });

  it('exits 2 on a usage error', () => {
    expect(sohoa(['no-such-command']).status).toBe(2);
    expect(sohoa(['extract']).status).toBe(2);
  });

  it.each([
    ['an empty file', () => tempFile('empty.pdf', new Uint8Array())],
    ['a random binary', () => tempFile('random.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251))],
    ['a truncated PDF', () => {
      const pdf = readFileSync(sampleFile('stripped-layer'));
      return tempFile('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)));
    }],
    ['a missing file', () => path.join(dataDir, 'missing.pdf')],
  ])('refuses %s with exit 1 and a one-line error, no stack trace', (_, make) => {
    const result = sohoa(['extract', make(), '--json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Lỗi: /);
    expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('reads a text document from stdin into one page', () => {
    const text = seedText('001');
    const result = sohoa(['extract', '-', '--json'], text);
    expect(result.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(result.stdout));
    expect(extraction.document.filename).toBe('stdin');
    expect(extraction.pages).toHaveLength(1);
    expect(extraction.pages[0]!.text).toBe(text.normalize('NFC'));
    expect(extraction.document.kind).toBe('thong_bao');
    expect(extraction.figures.map((f) => [f.metric, f.value])).toContainEqual(['achieved', 1726]);
  });

  it('keeps a good text layer without OCR, page by page', async () => {
    const text = seedText('001').normalize('NFC');
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const font = await pdf.embedFont(readFileSync(REGULAR_FONT_FILE), { subset: true });
    for (const pageLines of [lines.slice(0, 40), lines.slice(40)]) {
      const page = pdf.addPage([595, 842]);
      pageLines.forEach((line, i) => page.drawText(line.trim(), { x: 40, y: 800 - i * 18, size: 9, font }));
    }
    const file = tempFile('layer.pdf', await pdf.save());
    const result = sohoa(['extract', file, '--json']);
    expect(result.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(result.stdout));
    expect(extraction.pages.map((p) => [p.page, p.source])).toEqual([
      [1, 'text_layer'],
      [2, 'text_layer'],
    ]);
    expect(extraction.pages.every((p) => (p.quality ?? 0) >= 0.8 && p.ocr_confidence === null)).toBe(true);
    expect(extraction.figures.map((f) => [f.metric, f.value])).toContainEqual(['achieved', 1726]);
  });

  it('OCRs an image-only PDF and says so in the summary', () => {
    const result = sohoa(['extract', sampleFile('rotated')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 trang · nguồn chữ: ocr/u);
    expect(result.stdout).toMatch(/số liệu: 8/u);
  });

  it('reads a PNG scan as a page, and a blank image as a blank page with a warning', async () => {
    const [page] = await rasterise({ bytes: readFileSync(sampleFile('clean')), type: 'pdf' }, new Set([1]));
    const png = await sharp(page!.gray, { raw: { width: page!.width, height: page!.height, channels: 1 } })
      .withDensity(page!.dpi)
      .png()
      .toBuffer();
    const scan = ExtractionSchema.parse(JSON.parse(sohoa(['extract', tempFile('page.png', png), '--json']).stdout));
    expect(scan.pages.map((p) => p.source)).toEqual(['ocr']);
    expect(scan.pages[0]!.text).toMatch(/UBND TỈNH KIÊN GIANG/u);
    const white = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const blank = sohoa(['extract', tempFile('blank.png', white), '--json']);
    expect(blank.status).toBe(0);
    expect(ExtractionSchema.parse(JSON.parse(blank.stdout)).warnings.map((w) => w.code)).toContain('blank_page');
  });

  it('repairs text from stdin, keeping its line breaks, and reports each change with --json', () => {
    const plain = sohoa(['repair', '-'], 'Uy ban nhan dan tinh\nSo 253/TB-VP\n');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe('Ủy ban nhân dân tỉnh\nSố 253/TB-VP\n');
    const json = sohoa(['repair', '-', '--json'], 'tiep nhan');
    expect(JSON.parse(json.stdout)).toEqual({
      text: 'tiếp nhận',
      changes: [
        { offset: 0, before: 'tiep', after: 'tiếp', confidence: expect.any(Number) },
        { offset: 5, before: 'nhan', after: 'nhận', confidence: expect.any(Number) },
      ],
    });
  });

  it('repairs a TCVN3 file saved in its 8-bit code page', () => {
    const bytes = Buffer.from('Uû ban nh©n d©n tØnh Kiªn Giang', 'latin1');
    const result = sohoa(['repair', tempFile('tcvn3.txt', bytes)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('Uỷ ban nhân dân tỉnh Kiên Giang');
  });

  it('marks a page with stripped diacritics as repaired before extraction', () => {
    const result = sohoa(['extract', '-', '--json'], 'Nam 2023, toan tinh tiep nhan duoc 21.600 don vi mau, dat 120% ke hoach.\n');
    const extraction = ExtractionSchema.parse(JSON.parse(result.stdout));
    expect(extraction.pages[0]?.source).toBe('repaired');
    expect(extraction.pages[0]?.text).toContain('tiếp nhận được 21.600 đơn vị máu');
    expect(extraction.warnings.map((w) => w.code)).toContain('text_repaired');
    expect(extraction.figures.map((f) => [f.metric, f.value, f.unit])).toContainEqual(['achieved', 21600, 'đơn vị máu']);
  });
});
