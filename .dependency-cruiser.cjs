/**
 * The repo's folders form floors; imports only run downwards.
 *
 *   1  core, lang
 *   2  pages, repair, db            (siblings, not each other)
 *   3  extractors, samples, tools   (each with its own list)
 *   4  pipeline, facts              (siblings, not each other)
 *   5  workers, web, bin
 *
 * test/ and bench/ may import anything. Checked by test/layers.test.ts.
 */

const PRODUCT = [
  'core', 'lang', 'pages', 'repair', 'db', 'extractors',
  'pipeline', 'facts', 'workers', 'web', 'bin', 'samples', 'tools',
];

/** Regex matching files under any of the given top-level folders. */
const under = (...folders) => `^(${folders.join('|')})/`;

/**
 * Forbids `from` importing any product folder except `allowed` (its own
 * folder is always allowed). test/ and bench/ have a rule of their own.
 */
function floor(name, comment, from, allowed) {
  const forbidden = PRODUCT.filter((f) => f !== from && !allowed.includes(f));
  return {
    name,
    comment,
    severity: 'error',
    from: { path: under(from) },
    to: { path: under(...forbidden) },
  };
}

module.exports = {
  forbidden: [
    // Floor 1
    floor('core-imports-nothing',
      'core/ (records, errors, settings) is the ground floor.',
      'core', []),
    floor('lang-imports-core-only',
      'lang/ (letters, syllables, text quality) sits on core/ only.',
      'lang', ['core']),

    // Floor 2: three siblings that stay independent of each other, so one
    // can change or be swapped without touching the others. $1 = own folder.
    {
      name: 'page-stages-repair-db-on-floor-1-only',
      comment: 'pages/, repair/ and db/ may import core/ and lang/ only, not each other.',
      severity: 'error',
      from: { path: under('pages', 'repair', 'db') },
      to: { path: under(...PRODUCT), pathNot: '^(core|lang|$1)/' },
    },

    // Floor 3
    floor('extractors-below-repair-and-db',
      'extractors/ read pages; the language model and storage come later.',
      'extractors', ['core', 'lang', 'pages']),
    floor('samples-on-page-stages-only',
      'samples/ (sample-scan generator) must not depend on what it is used to test.',
      'samples', ['core', 'lang', 'pages']),
    floor('tools-are-data-makers',
      'tools/ (LM training, OCR pairs) build data; no product code depends on them.',
      'tools', ['core', 'lang', 'pages', 'repair', 'samples']),

    // Floor 4
    floor('pipeline-below-storage-and-apps',
      'pipeline/ runs the stages; storage and queues are wired in above it.',
      'pipeline', ['core', 'lang', 'pages', 'repair', 'extractors']),
    floor('facts-reconcile-records-only',
      'facts/ makes facts of stored records (rules only); the database hands it the records.',
      'facts', ['core', 'lang', 'extractors']),

    // Floor 5
    floor('workers-below-web',
      'workers/ run the pipeline and store results.',
      'workers', ['core', 'lang', 'pages', 'repair', 'extractors', 'pipeline', 'facts', 'db']),
    floor('web-below-bin',
      'web/ serves results and enqueues work for workers/.',
      'web', ['core', 'lang', 'pages', 'repair', 'extractors', 'pipeline', 'facts', 'db', 'workers']),
    floor('bin-not-on-tools',
      'bin/ wires everything; samples/ is allowed for the bundled sample list.',
      'bin', PRODUCT.filter((f) => f !== 'tools')),

    {
      name: 'product-code-never-imports-test-or-bench',
      comment: 'Shipped code must not depend on test fixtures or benchmarks.',
      severity: 'error',
      from: { path: under(...PRODUCT) },
      to: { path: under('test', 'bench') },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make load order fragile and floors meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // Type-only imports couple floors too.
    tsPreCompilationDeps: true,
    // Resolves the NodeNext '.js' specifiers to the '.ts' sources.
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
