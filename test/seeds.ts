// The seeds' golden records (samples/golden), by the seed's number or id.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { GoldenSchema, type Golden } from '../samples/golden-schema.js';
import { seedId } from '../samples/seeds.js';

const GOLDEN_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples/golden');

export function golden(seed: string): Golden {
  return GoldenSchema.parse(JSON.parse(readFileSync(path.join(GOLDEN_DIR, `${seedId(seed)}.json`), 'utf8')));
}
