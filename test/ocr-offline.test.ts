// tesseract.js reads its Vietnamese model from node_modules: an OCR run in a process (and worker
// threads) where every network call is refused and logged, and, where the system allows it, in a
// network namespace with no network at all, reads the page and logs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadManifest, samplePath } from './samples.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');

describe('OCR without a network', () => {
  it('reads a scan with no request leaving the process', () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'sohoa-net-')), 'network.log');
    const sample = samplePath(loadManifest().find((e) => e.variant === 'rotated')!.file);
    const node = [
      process.execPath,
      '--import',
      'tsx',
      '--import',
      path.join(ROOT, 'test/fixtures/no-network.mjs'),
      path.join(ROOT, 'test/fixtures/ocr-one-file.ts'),
      sample,
    ];
    const isolated = spawnSync('unshare', ['-n', 'true']).status === 0;
    const [command, ...args] = isolated ? ['unshare', '-n', ...node] : node;
    const result = spawnSync(command!, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SOHOA_NETWORK_LOG: log },
      timeout: 300_000,
    });
    console.log(`offline OCR ${isolated ? 'in an empty network namespace' : 'with network calls refused'}`);
    expect(result.stderr).not.toMatch(/network use refused/u);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/hiến máu tình nguyện/u);
  }, 300_000);
});
