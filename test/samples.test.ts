import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../pages/pdf-file.js';
import { loadManifest, loadTruth, SAMPLES_DIR, samplePath } from './samples.js';
import { seedText } from '../samples/seeds.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function treeSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) =>
      sum + (entry.isDirectory() ? treeSize(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).size),
    0,
  );
}

describe('sample scans', () => {
  const manifest = loadManifest();

  it('has every variant the issue asks for', () => {
    const variants = (variant: string) => manifest.filter((e) => e.variant === variant).map((e) => e.seed.join('+').slice(0, 3));
    expect(variants('clean').sort()).toEqual(['000', '001', '003', '004']);
    expect(variants('office').sort()).toEqual(['000', '001', '003', '004']);
    expect(variants('stripped-layer')).toEqual(['000']);
    expect(variants('rotated')).toEqual(['001']);
    expect(manifest.find((e) => e.variant === 'multi')?.seed.map((s) => s.slice(0, 3))).toEqual(['003', '004']);
    for (const entry of manifest.filter((e) => e.variant === 'office')) {
      expect(entry.dpi).toBeGreaterThanOrEqual(200);
      expect(entry.dpi).toBeLessThanOrEqual(300);
    }
    const rotated = manifest.find((e) => e.variant === 'rotated');
    expect(rotated?.rotation).toContain(180);
    expect(rotated?.rotation).toContain(90);
  });

  it('are the files the manifest names, byte for byte, within 30 MB', () => {
    for (const entry of manifest) expect(sha256(samplePath(entry.file)), entry.file).toBe(entry.sha256);
    expect(treeSize(SAMPLES_DIR)).toBeLessThan(30 * 1024 * 1024);
  });

  it('keep the seed text they were drawn from, page by page', () => {
    for (const entry of manifest.filter((e) => e.variant === 'clean')) {
      const seed = entry.seed[0]!;
      const drawn = loadTruth(seed)
        .pages.flatMap((page) => page.lines)
        .join(' ');
      // the same words; their order is the page's reading order (columns, table rows by visual line)
      const words = (text: string) =>
        text.normalize('NFC').replace(/[*#]|<\/?b>/gu, '').split(/\s+/u).filter(Boolean).sort();
      expect(words(drawn)).toEqual(words(seedText(seed)));
      expect(entry.truth).toHaveLength(entry.pages);
    }
  });

  it('stripped-layer: the garbled layer of seed 002 lies over the scan of 000, page by page', async () => {
    const entry = manifest.find((e) => e.variant === 'stripped-layer')!;
    const layer = await withPdf(readFileSync(samplePath(entry.file)), undefined, (pdf) => pdf.textLayer());
    expect(layer).toHaveLength(entry.pages);
    for (const page of layer) expect(page.text.trim().length, `page ${page.page}`).toBeGreaterThan(200);
    // pdf.js reads the ﬂ ligature back as "fl": compare compatibility forms
    const collapse = (text: string) => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();
    expect(collapse(layer.map((p) => p.text).join(' '))).toBe(collapse(seedText(entry.text_layer!)));
  });

  it('npm run samples reproduces every file byte for byte', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'sohoa-samples-'));
    execFileSync('npx', ['tsx', path.join(SAMPLES_DIR, 'generate.ts'), '--out', out], { stdio: 'pipe' });
    const again = loadManifest(out);
    expect(again.map((e) => [e.file, e.sha256])).toEqual(manifest.map((e) => [e.file, e.sha256]));
    for (const entry of again) expect(sha256(path.join(out, entry.file)), entry.file).toBe(entry.sha256);
  }, 600_000);
});
