import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../pipeline/records.js';
import { loadManifest, samplePath } from './samples.js';
import { SEEDS_DIR } from './seeds.js';

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
    const text = readFileSync(path.join(SEEDS_DIR, '001_6c15229d760a6031.txt'), 'utf8');
    const result = sohoa(['extract', '-', '--json'], text);
    expect(result.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(result.stdout));
    expect(extraction.document.filename).toBe('stdin');
    expect(extraction.pages).toHaveLength(1);
    expect(extraction.pages[0]!.text).toBe(text.normalize('NFC'));
    expect(extraction.document.kind).toBe('thong_bao');
    expect(extraction.figures.map((f) => [f.metric, f.value])).toContainEqual(['achieved', 1726]);
  });

  it('reads the text layer of a PDF page by page', () => {
    const result = sohoa(['extract', sampleFile('stripped-layer'), '--json']);
    expect(result.status).toBe(0);
    const extraction = ExtractionSchema.parse(JSON.parse(result.stdout));
    expect(extraction.document.page_count).toBe(4);
    expect(extraction.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    expect(extraction.pages[0]!.text).toMatch(/253 \/TB-VP/);
    expect(extraction.warnings).toEqual([]);
  });

  it('says which pages of an image-only PDF have no text yet', () => {
    const result = sohoa(['extract', sampleFile('clean')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/4 trang/);
    expect(result.stdout).toMatch(/\[trang 1\] .*không có lớp chữ/);
  });
});
