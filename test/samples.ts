// The committed sample scans and what was drawn on them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema, type ManifestEntry } from '../samples/manifest.js';

export const SAMPLES_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples');

export const samplePath = (file: string) => path.join(SAMPLES_DIR, file);

export function loadManifest(dir = SAMPLES_DIR): ManifestEntry[] {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

export interface Truth {
  seed: string;
  pages: { page: number; landscape: boolean; table: boolean; lines: string[] }[];
}

export function loadTruth(seed: string): Truth {
  return JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'truth', `${seed}.json`), 'utf8')) as Truth;
}
