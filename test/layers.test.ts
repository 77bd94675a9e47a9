// The folders' import floors (.dependency-cruiser.cjs) hold, and the check can fail.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = [
  'core', 'lang', 'pages', 'repair', 'db', 'extractors', 'pipeline', 'facts',
  'workers', 'web', 'bin', 'samples', 'tools', 'test', 'bench',
];

/** Cruises `folders` under `root` with the repo's rules; paths in the result are relative to `root`. */
async function check(root: string, folders: string[]): Promise<ICruiseResult> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  // Absolute paths: vitest's cwd need not be `root`.
  const tsConfig = join(root, 'tsconfig.json');
  const { output } = await cruise(
    folders,
    { ...options, baseDir: root, tsConfig: { fileName: tsConfig } },
    {},
    { tsConfig: extractTSConfig(tsConfig) },
  );
  if (typeof output === 'string') throw new Error(`expected a cruise result, got: ${output}`);
  return output;
}

const describeViolation = (v: IViolation): string =>
  `${v.rule.name}: ${v.from} -> ${v.to}` +
  (v.cycle ? ` (cycle: ${[v.from, ...v.cycle.map((d) => d.name)].join(' -> ')})` : '');

describe('import floors', () => {
  it('the repo has no forbidden imports and no cycles', async () => {
    const result = await check(ROOT, FOLDERS);
    // An empty cruise, or one that cannot resolve the '.js' specifiers, would find nothing.
    expect(result.summary.totalCruised).toBeGreaterThan(80);
    const run = result.modules.find((m) => m.source === 'pipeline/run.ts');
    expect(run?.dependencies.map((d) => d.resolved)).toContain('extractors/extract.ts');
    const violations = result.summary.violations.map(describeViolation);
    expect(violations, `forbidden imports:\n${violations.join('\n')}`).toEqual([]);
  });

  describe('on a tree with a reversed import', () => {
    let tree = '';
    beforeAll(async () => {
      tree = await mkdtemp(join(tmpdir(), 'layers-'));
      await mkdir(join(tree, 'core'));
      await mkdir(join(tree, 'pipeline'));
      await writeFile(join(tree, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
      await writeFile(join(tree, 'core/records.ts'),
        "import { run } from '../pipeline/run.js';\nexport const records = run;\n");
      await writeFile(join(tree, 'pipeline/run.ts'), 'export const run = 1;\n');
    });
    afterAll(async () => {
      if (tree) await rm(tree, { recursive: true, force: true });
    });

    it('flags core/ importing pipeline/', async () => {
      const result = await check(tree, ['core', 'pipeline']);
      expect(result.summary.violations.map(describeViolation))
        .toEqual(['core-imports-nothing: core/records.ts -> pipeline/run.ts']);
    });
  });
});
