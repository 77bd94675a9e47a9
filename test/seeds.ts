// The seed documents live outside the repo, in ../shared/seeds (CI clones beside it).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
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

/** The seed whose id starts with `prefix` (003 → 003_a3ef00ab117a0ba4). */
export function seedId(prefix: string): string {
  const id = seedIds().find((name) => name.startsWith(`${prefix}_`));
  if (!id) throw new Error(`seed ${prefix} not found in ${SEEDS_DIR}`);
  return id;
}

export const seedFile = (prefix: string) => path.join(SEEDS_DIR, `${seedId(prefix)}.txt`);

const GOLDEN_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples/golden');

export function golden(prefix: string): Golden {
  return GoldenSchema.parse(JSON.parse(readFileSync(path.join(GOLDEN_DIR, `${seedId(prefix)}.json`), 'utf8')));
}
