// `npm run eval -- figures` (or tables [--scans], classifier): the figure extractor measured as a user meets it, `sohoa extract` on
// text, over the labelled real excerpts (test/data/real-texts), the same excerpts with every
// diacritic stripped (read through the repair stage) and the seeds against their golden records.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractRecords } from '../extractors/extract.js';
import { findFigures } from '../extractors/figures.js';
import { signalWords } from '../extractors/figure-roles.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { extractTables } from '../extractors/tables/extract-tables.js';
import { findTextGrids } from '../extractors/tables/text-grid.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { spaceAlignedPages } from './table-layouts.js';
import { loadTableSet, readScannedTable, scoreTable, tableSets } from './table-sets.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import type { Table, Warning } from '../core/records.js';
import { extractText, pairFigures, realTexts, scoreTexts, valueMatch, writtenTexts, type RealText, type Score, type ScoredFigure } from './figure-scoring.js';
import { compareFigures, compareTables } from './golden-compare.js';
import { seedIds, seedText } from '../samples/seeds.js';
import { golden } from './seeds.js';

const pct = (s: Score) => `F1 ${s.f1.toFixed(3)} (precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}; ${s.correct} of ${s.labelled} labelled, ${s.found} found)`;
const show = (f: ScoredFigure) => `${f.metric} ${f.value} ${f.unit} ${f.year ?? '-'}${f.qualifier ? ` ${f.qualifier}` : ''} «${f.text ?? ''}»`;

function printConfusion(confusion: Map<string, number>) {
  const labels = [...new Set([...confusion.keys()].map((k) => k.split('\t')[0] ?? ''))].sort();
  const found = [...new Set([...confusion.keys()].map((k) => k.split('\t')[1] ?? ''))].sort();
  const width = Math.max(...found.map((f) => f.length), 5) + 1;
  console.log(`  ${'label \\ found'.padEnd(20)}${found.map((f) => f.padStart(width)).join('')}`);
  for (const label of labels) {
    const row = found.map((f) => String(confusion.get(`${label}\t${f}`) ?? '·').padStart(width)).join('');
    console.log(`  ${label.padEnd(20)}${row}`);
  }
}

const SETS = {
  figures: { title: 'real texts', texts: () => realTexts('figures') },
  stripped: { title: 'real texts, diacritics stripped (through repair)', texts: () => realTexts('stripped') },
  written: { title: 'written texts (labelled by a writer who never saw the extractor)', texts: () => writtenTexts('written-texts') },
  'written-2': { title: 'second written texts (another writer, blood donation only)', texts: () => writtenTexts('written-texts-2') },
  'written-3': { title: 'third written texts (a third writer, blood donation only)', texts: () => writtenTexts('written-texts-3') },
  'written-4': { title: 'fourth written texts (a fourth writer, news excerpts as the real ones read)', texts: () => writtenTexts('written-texts-4') },
  'written-stripped': {
    title: 'the written sets, every diacritic stripped (through repair)',
    texts: () => (['written-texts', 'written-texts-2', 'written-texts-3', 'written-texts-4'] as const).flatMap((set) => writtenTexts(set).map((t) => ({ ...t, text: foldDiacritics(t.text) }))),
  },
};

async function evalTexts(set: keyof typeof SETS, verbose: boolean) {
  const results = [];
  const texts: RealText[] = SETS[set].texts();
  for (const t of texts) {
    const extraction = await extractText(t.id, t.text);
    results.push({ id: t.id, found: extraction.figures, labels: t.figures });
  }
  const scored = scoreTexts(results);
  console.log(`\n${SETS[set].title}: ${results.length} excerpts`);
  console.log(`  strict (value + metric + year): ${pct(scored.strict)}`);
  console.log(`  value + year only:              ${pct(scored.value)}`);
  printConfusion(scored.confusion);
  if (verbose) {
    for (const t of scored.texts) {
      console.log(`  ${t.id}`);
      for (const f of t.missed) console.log(`    missed ${show(f)}`);
      for (const f of t.extra) console.log(`    extra  ${show(f)}`);
    }
  }
  return scored;
}

async function evalSeeds(verbose: boolean) {
  console.log('\nseeds against their golden records (every field of every figure)');
  for (const id of seedIds()) {
    const text = seedText(id);
    const extraction = await extractText(id, text);
    const expected = golden(id.slice(0, 3)).figures;
    const differences = compareFigures(extraction.figures, expected);
    console.log(`  ${id}: ${expected.length - differences.missing.length}/${expected.length} golden figures exact, ${differences.extra.length} extra`);
    if (verbose) for (const line of [...differences.missing.map((m) => `missing ${m}`), ...differences.extra.map((e) => `extra   ${e}`)]) console.log(`    ${line}`);
  }
}

interface Example {
  words: string[];
  metric: string;
}

/**
 * natural's classifiers over the rules' signals, each excerpt classified by a model trained on the
 * others (and on the seeds and the texts of test/fixtures), against the rules; then the four written
 * sets, read by models trained on all of those.
 */
async function evalClassifier() {
  const natural = (await import('natural')).default;
  const found = (text: string, kind: 'ke_hoach' | null = null, year: number | null = null) =>
    findFigures(text.normalize('NFC'), { year, kind }).figures.map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
  const labelled = (figures: ReturnType<typeof found>, labels: ScoredFigure[]): Example[] =>
    pairFigures(figures, labels, valueMatch).pairs.flatMap(([label, f]) =>
      f ? [{ words: signalWords((f as (typeof figures)[number]).signals), metric: label.metric }] : [],
    );
  const fixtures = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'fixtures/figure-texts.json'), 'utf8')) as {
    text: string;
    kind: string;
    document_year: number;
    figures: ScoredFigure[];
  }[];
  const extra: Example[] = [
    ...fixtures.flatMap((t) => labelled(found(t.text, t.kind === 'plan' ? 'ke_hoach' : null, t.document_year), t.figures)),
    ...seedIds().flatMap((id) => labelled(found(seedText(id)), golden(id.slice(0, 3)).figures)),
  ];
  const texts = realTexts('figures').map((t) => ({ ...t, found: found(t.text) }));
  const examples = texts.map((t) => labelled(t.found, t.figures));
  const classifiers = {
    'logistic regression': () => new natural.LogisticRegressionClassifier(),
    'naive Bayes': () => new natural.BayesClassifier(),
  };
  console.log(`\nmetric from the rules' signals: rules against natural's classifiers, each excerpt classified by a model trained on the other ${texts.length - 1} (+ ${extra.length} figures of the seeds and the texts of test/fixtures)`);
  console.log(`  rules:               ${pct(scoreTexts(texts.map((t) => ({ id: t.id, found: t.found, labels: t.figures }))).strict)}`);
  for (const [name, make] of Object.entries(classifiers)) {
    const results = texts.map((t, i) => {
      const classifier = make();
      for (const example of [...extra, ...examples.filter((_, j) => j !== i).flat()]) classifier.addDocument(example.words, example.metric);
      classifier.train();
      return { id: t.id, labels: t.figures, found: t.found.map((f) => ({ ...f, metric: classifier.classify(signalWords(f.signals)) })) };
    });
    console.log(`  ${name.padEnd(20)} ${pct(scoreTexts(results).strict)}`);
  }
  const written = (['written-texts', 'written-texts-2', 'written-texts-3', 'written-texts-4'] as const).flatMap((set) => writtenTexts(set).map((t) => ({ ...t, found: found(t.text) })));
  console.log(`\nthe four written sets (${written.length} excerpts), read by models trained on all of the above`);
  console.log(`  rules:               ${pct(scoreTexts(written.map((t) => ({ id: t.id, found: t.found, labels: t.figures }))).strict)}`);
  for (const [name, make] of Object.entries(classifiers)) {
    const classifier = make();
    for (const example of [...extra, ...examples.flat()]) classifier.addDocument(example.words, example.metric);
    classifier.train();
    const results = written.map((t) => ({ id: t.id, labels: t.figures, found: t.found.map((f) => ({ ...f, metric: classifier.classify(signalWords(f.signals)) })) }));
    console.log(`  ${name.padEnd(20)} ${pct(scoreTexts(results).strict)}`);
  }
}

/**
 * Per-unit tables of the seeds from text, tab-separated and laid out with spaces over pages: the cells
 * found exact per table and every identity (row, column, rate) a table breaks.
 */
function evalTables(verbose: boolean) {
  const layouts = {
    'tab-separated': (text: string) => [{ page: 1, text }],
    'space-aligned, over pages': spaceAlignedPages,
  };
  for (const [layout, pagesOf] of Object.entries(layouts)) {
    console.log(`\ntables from text, ${layout}`);
    let cells = 0;
    let exact = 0;
    for (const id of seedIds()) {
      const expected = golden(id.slice(0, 3)).tables;
      if (expected.length === 0) continue;
      const pages = pagesOf(seedText(id).normalize('NFC'));
      // the year a document speaks from, as the pipeline reads it from its header
      const { parts } = extractRecords(pages.map((p) => ({ ...p, source: 'text_layer' as const, quality: null, ocr_confidence: null })));
      const { tables } = extractTables(findTextGrids(pages), parts[0]?.year ?? null, new UnitRegistry());
      for (const want of expected) {
        const result = compareTables(tables, [want]);
        cells += result.cells;
        exact += result.exactCells;
        const got = tables.find((t) => t.kind === want.kind && t.year === want.year);
        const failed = (got?.checks ?? []).filter((c) => !c.ok).map((c) => `${c.kind} ${c.row ?? ''}: ${c.printed} printed, ${c.expected} summed`);
        console.log(`  ${id.slice(0, 3)} ${want.kind} ${want.year} «${want.title}»: ${result.exactCells}/${result.cells} cells, ${result.exactLabels}/${result.labels} rows`);
        for (const line of failed) console.log(`    failed ${line}`);
        if (verbose) for (const line of result.wrong) console.log(`    ${line}`);
      }
    }
    console.log(`  all: ${exact}/${cells} cells exact (${((exact / cells) * 100).toFixed(2)}%)`);
  }
}

/**
 * The development tables (test/data/written-tables*: per-unit tables in the layouts of reports, plan
 * appendices and yearbooks, composed with golden cells): each table's cells found from its text
 * layer, and its failed identities.
 */
function evalDevTables(verbose: boolean) {
  for (const set of tableSets()) {
    console.log(`\n${set}, from text (tab-separated, as a text layer gives them)`);
    let [cells, exact] = [0, 0];
    for (const table of loadTableSet(set)) {
      const want = table.golden;
      const { tables, warnings } = extractTables(findTextGrids([{ page: 1, text: table.text }]), want.year, new UnitRegistry());
      const score = scoreTable(want, tables[0]);
      cells += score.cells;
      exact += score.exact;
      console.log(`  ${want.id} «${want.title.slice(0, 70)}»: ${score.exact}/${score.cells} cells, ${tables[0]?.rows.length ?? 0}/${want.rows.length} rows, ${tables.length} table(s)${want.inconsistent ? ` — printed inconsistency: ${want.inconsistent}` : ''}`);
      printChecks(tables[0], warnings);
      if (verbose) for (const line of score.wrong.slice(0, 12)) console.log(`    ${line}`);
    }
    console.log(`  all: ${exact}/${cells} cells exact (${((exact / cells) * 100).toFixed(2)}%)`);
  }
}

function printChecks(table: Table | undefined, warnings: Warning[]) {
  for (const c of (table?.checks ?? []).filter((check) => !check.ok)) console.log(`    failed ${c.kind} ${c.row}: ${c.printed} printed, ${c.expected} summed`);
  for (const warning of warnings.filter((w) => w.code === 'table_incomplete')) console.log(`    ${warning.code}`);
}

/** The same tables printed, scanned (ruled, and in a yearbook's rules) and read through OCR. */
async function evalScannedTables(verbose: boolean) {
  const ocr = new LazyOcrProvider('auto');
  const engine = (await ocr.engine()).name;
  try {
    for (const set of tableSets()) {
      for (const ruling of ['grid', 'yearbook'] as const) {
        console.log(`\n${set}, scanned (${ruling === 'grid' ? 'every cell ruled' : 'rules above and under the header only'}; ${engine})`);
        let [cells, exact] = [0, 0];
        for (const table of loadTableSet(set).filter((t) => t.printed)) {
          const tables = await readScannedTable(table, ruling, ocr);
          // the table on the page is the one with the most rows (a scan may also show a stray grid)
          const got = [...tables].sort((a, b) => b.rows.length - a.rows.length)[0];
          const score = scoreTable(table.golden, got);
          cells += score.cells;
          exact += score.exact;
          console.log(`  ${table.golden.id}: ${score.exact}/${score.cells} cells, ${got?.rows.length ?? 0}/${table.golden.rows.length} rows, ${tables.length} table(s)`);
          printChecks(got, []);
          if (verbose) for (const line of score.wrong.slice(0, 12)) console.log(`    ${line}`);
        }
        if (cells > 0) console.log(`  all: ${exact}/${cells} cells exact (${((exact / cells) * 100).toFixed(2)}%)`);
      }
    }
  } finally {
    await ocr.close();
  }
}

const [what = 'figures', ...flags] = process.argv.slice(2);
const verbose = flags.includes('--verbose') || flags.includes('-v');
if (what === 'figures') {
  await evalTexts('figures', verbose);
  await evalTexts('stripped', verbose);
  await evalTexts('written', verbose);
  await evalTexts('written-2', verbose);
  await evalTexts('written-3', verbose);
  await evalTexts('written-4', verbose);
  await evalTexts('written-stripped', verbose);
  await evalSeeds(verbose);
} else if (what === 'classifier') {
  await evalClassifier();
} else if (what === 'tables') {
  evalTables(verbose);
  evalDevTables(verbose);
  if (flags.includes('--scans')) await evalScannedTables(verbose);
} else {
  console.error(`eval: unknown set ${what} (figures, classifier, tables)`);
  process.exit(2);
}
