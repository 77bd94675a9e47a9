import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { rasterise } from '../pages/rasterise.js';
import { ExtractionSchema } from '../core/records.js';
import { REGULAR_FONT_FILE } from '../samples/render.js';
import { loadManifest, samplePath } from './samples.js';
import { seedFile, seedText } from '../samples/seeds.js';

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

describe('sohoa reporting commands (embedded PGlite)', () => {
  const plan = path.join(ROOT, 'test/fixtures/facts/rach-gia-plan-2021.txt');
  const env = { SOHOA_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'sohoa-facts-')) };
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/sohoa.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('ingests a report, a notice, its garbled copy and a plan, saying which file is a copy', () => {
    const ingest = run(['ingest', seedFile('003'), seedFile('000'), seedFile('002'), plan]);
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/^✓ 002_248d99dcd443ce19\.txt: .* · bản sao của 253\/TB-VP$/mu);
    expect(ingest.stdout).not.toMatch(/^✓ 003_.*bản sao/mu);
  });

  it('answers `query facts` with one value, its sources and the mention that disagrees', () => {
    const facts = run(['query', 'facts', '--scope', 'Rach Gia', '--year', '2020', '--metric', 'achieved', '--measure', 'blood_units']);
    expect(facts.status, facts.stderr).toBe(0);
    expect(facts.stdout).toContain('Thành phố Rạch Giá · 2020 · thực hiện · 1.202 đơn vị máu\n    ← 003_a3ef00ab117a0ba4.txt tr.1 bảng 1, dòng «BCĐ. TP. Rạch Giá», cột total');
    expect(facts.stdout).toContain('    ≠ 1.220 đơn vị máu ← rach-gia-plan-2021.txt tr.1 «1.220 đơn vị máu»');
    expect(run(['query', 'facts', '--measure', 'litres']).status).toBe(2);
  });

  it('lists conflicts as the contract records them', () => {
    const conflicts = run(['conflicts', '--json']);
    expect(conflicts.status, conflicts.stderr).toBe(0);
    const records = JSON.parse(conflicts.stdout) as Record<string, unknown>[];
    const rachGia = records.find((r) => r.scope === 'Thành phố Rạch Giá' && r.year === 2020 && r.metric === 'achieved');
    expect(Object.keys(rachGia!).sort()).toEqual(['campaign', 'conflicts', 'measure', 'metric', 'scope', 'sources', 'unit', 'value', 'year']);
    expect(rachGia).toMatchObject({ value: 1202, measure: 'blood_units', conflicts: [{ value: 1220 }] });
  });

  it("compares 2023's result with 2024's target and exports facts with their sources", async () => {
    const compare = run(['compare', '--metric', 'achieved', '--to-metric', 'target', '--years', '2023,2024']);
    expect(compare.stdout).toContain('Tỉnh Kiên Giang (đơn vị máu): 2023 achieved 21.600 → 2024 target 23.100  thay đổi +1.500 (+6,9%)  tỷ lệ 1.069');
    const file = path.join(env.SOHOA_DATA_DIR, 'facts.xlsx');
    expect(run(['export', '--what', 'facts', '--format', 'xlsx', '--output', file]).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Dữ kiện', 'Nguồn']);
    const sources = workbook.getWorksheet('Nguồn')!.getSheetValues().slice(2) as unknown[][];
    // the plan's 1.220 is kept as a mention that does not agree with its fact
    expect(sources.some((row) => row.includes(1220) && row.includes(false) && row.includes('rach-gia-plan-2021.txt'))).toBe(true);
  });
});

describe('sohoa user', () => {
  it('adds an account with a generated password shown once, or one read from stdin, and refuses a second of the same name', () => {
    const added = sohoa(['user', 'add', 'lan', '--role', 'archivist']);
    expect(added.status).toBe(0);
    const [, password] = /^Đã thêm lan \(lưu trữ\), mật khẩu: ([A-Za-z0-9]{20})\n$/u.exec(added.stdout) ?? [];
    expect(password).toBeDefined();
    const fromStdin = sohoa(['user', 'add', 'minh', '--role', 'analyst', '--password-stdin'], 'mật-khẩu-riêng-1\n');
    expect(fromStdin.stdout).toBe('Đã thêm minh (phân tích)\n');
    expect(sohoa(['user', 'list']).stdout).toContain('lan\tlưu trữ\nminh\tphân tích\n');
    const again = sohoa(['user', 'add', 'lan', '--role', 'admin']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Tài khoản lan đã có.');
    expect(sohoa(['user', 'add', 'x', '--role', 'boss']).status).toBe(2);
    expect(sohoa(['user', 'add', 'ngắn', '--role', 'analyst', '--password-stdin'], 'ngắn\n').stderr).toContain('mật khẩu từ 10 ký tự');
  });
});
