// Scoring of found figures against figures labelled by reading, as the development set's README
// defines it: a labelled figure is found when a found figure has the same value, the same metric
// and, where the label has a year, the same year. Each found figure answers one label at most.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '../pipeline/run.js';

export interface ScoredFigure {
  metric: string;
  value: number;
  unit: string;
  year: number | null;
  qualifier?: string | null;
  text?: string;
}

export interface RealText {
  id: string;
  text: string;
  figures: ScoredFigure[];
}

const DATA = path.resolve(fileURLToPath(import.meta.url), '../data');
const REAL_TEXTS = path.join(DATA, 'real-texts');

const readJsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; text: string; figures?: ScoredFigure[] });

/**
 * Excerpts written in the manner of provincial portals and Red Cross news by a writer who never saw
 * the extractor, labelled by the same conventions: measured, never developed on.
 */
export function writtenTexts(set: 'written-texts' | 'written-texts-2' | 'written-texts-3' | 'written-texts-4' = 'written-texts'): RealText[] {
  return readJsonLines(path.join(DATA, set, 'figures.jsonl')) as RealText[];
}

/** The labelled real excerpts; `stripped` gives the same excerpts without diacritics. */
export function realTexts(variant: 'figures' | 'stripped' = 'figures'): RealText[] {
  const read = (file: string) => readJsonLines(path.join(REAL_TEXTS, file));
  const labelled = read('figures.jsonl') as RealText[];
  if (variant === 'figures') return labelled;
  const stripped = new Map(read('stripped.jsonl').map((t) => [t.id, t.text]));
  return labelled.map((t) => ({ ...t, text: stripped.get(t.id) ?? '' }));
}

const sameValue = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const yearFits = (found: ScoredFigure, label: ScoredFigure) => label.year === null || found.year === label.year;

type Matcher = (found: ScoredFigure, label: ScoredFigure) => boolean;
export const strictMatch: Matcher = (found, label) => sameValue(found.value, label.value) && found.metric === label.metric && yearFits(found, label);
export const valueMatch: Matcher = (found, label) => sameValue(found.value, label.value) && yearFits(found, label);

/** Pairs labels with found figures (a label first with one that fits it exactly, then any that matches). */
export function pairFigures(found: ScoredFigure[], labels: ScoredFigure[], matches: Matcher) {
  const used = new Set<number>();
  const pairs: [ScoredFigure, ScoredFigure | null][] = [];
  const choose = (label: ScoredFigure) => {
    const candidates = found.map((f, i) => [f, i] as const).filter(([f, i]) => !used.has(i) && matches(f, label));
    const best = candidates.find(([f]) => strictMatch(f, label)) ?? candidates[0];
    if (best) used.add(best[1]);
    return best?.[0] ?? null;
  };
  for (const label of labels) pairs.push([label, choose(label)]);
  const extra = found.filter((_, i) => !used.has(i));
  return { pairs, extra };
}

export interface Score {
  found: number;
  labelled: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(correct: number, found: number, labelled: number): Score {
  const precision = found === 0 ? 1 : correct / found;
  const recall = labelled === 0 ? 1 : correct / labelled;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { found, labelled, correct, precision, recall, f1 };
}

export interface TextResult {
  id: string;
  missed: ScoredFigure[];
  extra: ScoredFigure[];
}

/** Strict and value-only scores over many texts, the metric confusion and each text's misses. */
export function scoreTexts(results: { id: string; found: ScoredFigure[]; labels: ScoredFigure[] }[]) {
  let found = 0;
  let labelled = 0;
  let strict = 0;
  let byValue = 0;
  const confusion = new Map<string, number>();
  const texts: TextResult[] = [];
  for (const result of results) {
    found += result.found.length;
    labelled += result.labels.length;
    const exact = pairFigures(result.found, result.labels, strictMatch);
    strict += exact.pairs.filter(([, f]) => f !== null).length;
    const loose = pairFigures(result.found, result.labels, valueMatch);
    byValue += loose.pairs.filter(([, f]) => f !== null).length;
    for (const [label, f] of loose.pairs) {
      const key = `${label.metric}\t${f?.metric ?? '(missed)'}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    for (const f of loose.extra) confusion.set(`(none)\t${f.metric}`, (confusion.get(`(none)\t${f.metric}`) ?? 0) + 1);
    const missed = exact.pairs.filter(([, f]) => f === null).map(([label]) => label);
    if (missed.length > 0 || exact.extra.length > 0) texts.push({ id: result.id, missed, extra: exact.extra });
  }
  return { strict: score(strict, found, labelled), value: score(byValue, found, labelled), confusion, texts };
}

const noOcr = { engine: () => Promise.reject(new Error('no OCR for text')) };

/** A text read as `sohoa extract` reads a text file: every stage, no OCR. */
export function extractText(name: string, text: string) {
  return runPipeline({ filename: `${name}.txt`, bytes: Buffer.from(text, 'utf8') }, { maxFileBytes: 1e8, ocr: noOcr });
}
