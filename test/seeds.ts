// The seed documents live outside the repo, in ../shared/seeds (CI clones beside it).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { seedFile } from '../repair/training-texts.js';
import { GoldenSchema, type Golden } from '../samples/golden-schema.js';

export const SEEDS_DIR = path.resolve(fileURLToPath(import.meta.url), '../../../shared/seeds');

export function seedIds(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.replace(/\.txt$/, ''))
    .sort();
}

export function seedText(id: string): string {
  return readFileSync(path.join(SEEDS_DIR, `${id}.txt`), 'utf8');
}

const GOLDEN_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples/golden');

export function golden(prefix: string): Golden {
  return GoldenSchema.parse(JSON.parse(readFileSync(path.join(GOLDEN_DIR, `${path.basename(seedFile(prefix), '.txt')}.json`), 'utf8')));
}
