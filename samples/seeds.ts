// The seed documents (samples/seeds, copied from the programme's real texts): what the sample
// scans are drawn from, what the language model learns from (001, 003, 004) and what the tests read.
// A seed is named by its number (`003`) or its whole id (`003_a3ef00ab117a0ba4`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEEDS_DIR = path.resolve(fileURLToPath(import.meta.url), '../seeds');

/** Every seed's whole id, in order. */
export function seedIds(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.replace(/\.txt$/u, ''))
    .sort();
}

/** The whole id of the seed named by its number or id. */
export function seedId(seed: string): string {
  const id = seedIds().find((candidate) => candidate === seed || candidate.startsWith(`${seed}_`));
  if (!id) throw new Error(`seed ${seed} not found in ${SEEDS_DIR}`);
  return id;
}

export const seedFile = (seed: string): string => path.join(SEEDS_DIR, `${seedId(seed)}.txt`);

export const seedText = (seed: string): string => readFileSync(seedFile(seed), 'utf8');
