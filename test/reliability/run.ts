// `npm run test:reliability`: the bad-input corpus (corpus.ts) and two good documents uploaded in
// one batch to a `sohoa serve` of its own (embedded PGlite, documents read in the server's
// process), as an archivist would; then, for each file, what became of it against what must. Prints
// case, expected outcome, outcome and records lost; then the faults (faults.ts) with the documents
// waiting, stored, half-stored and lost; and ends with "N passed, M failed" (exit 1 if any failed).
// Records lost: the figures a file that must be stored states and the store lacks.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedFile } from '../../samples/seeds.js';
import { stop } from '../queue-harness.js';
import { runFaults } from './faults.js';
import { settled, startServer, type Call } from './server.js';
import { golden } from '../seeds.js';
import { makeCorpus, type Case, type Expected } from './corpus.js';

/** However broken the batch, it must be done within this (each document has its own limits inside). */
const BATCH_LIMIT_MS = 15 * 60_000;

interface Outcome {
  state: 'stored' | 'refused' | 'missing';
  message: string | null;
  sha256: string | null;
  filename: string | null;
  pages: number | null;
  figures: number[];
  warnings: string[];
}

const controls = (): Case[] =>
  ['000', '003'].map((seed) => {
    const file = seedFile(seed);
    const figures = golden(seed).figures.map((f) => f.value);
    return { name: `good document ${seed} (control)`, filename: path.basename(file), bytes: readFileSync(file), expected: { outcome: 'stored', figures } };
  });

/** How long the server took to answer /api/health while it read the batch, in ms. */
const answerTimes: number[] = [];

/** A fault tried against the same server once the batch is read: what must hold, and what did. */
interface Fault {
  name: string;
  expected: string;
  run(call: Call): Promise<{ outcome: string; wrong: string | null; lost: number }>;
}

const FAULTS: Fault[] = [
  {
    name: 'the same file uploaded twice at the same moment',
    expected: 'stored once, both answered',
    async run(call) {
      const bytes = Buffer.from('Thông báo\nNăm 2025 toàn tỉnh tiếp nhận được 7.125 đơn vị máu.\n');
      const send = () => {
        const form = new FormData();
        form.append('files', new Blob([new Uint8Array(bytes)]), 'gửi hai lần.txt');
        return call<{ accepted?: { sha256: string }[]; duplicates?: { sha256: string }[]; error?: string }>('/api/documents', { method: 'POST', body: form });
      };
      const answers = await Promise.all([send(), send()]);
      await settled(call);
      const shas = answers.flatMap((a) => [...(a.accepted ?? []), ...(a.duplicates ?? [])].map((d) => d.sha256));
      const { documents } = await call<{ documents: { sha256: string }[] }>('/api/documents');
      const stored = documents.filter((d) => shas.includes(d.sha256)).length;
      const figures = stored ? (await call<{ figures: { value: number }[] }>(`/api/figures?document=${shas[0]}`)).figures.map((f) => f.value) : [];
      const lost = figures.includes(7125) ? 0 : 1;
      const outcome = `${shas.length} answers, ${stored} stored, ${figures.length} figures`;
      return { outcome, lost, wrong: shas.length === 2 && new Set(shas).size === 1 && stored === 1 && lost === 0 ? null : outcome };
    },
  },
];

async function runBatch(cases: Case[]): Promise<{ outcomes: Map<Case, Outcome>; faults: Map<Fault, Awaited<ReturnType<Fault['run']>>> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sohoa-reliability-'));
  const { server, call } = await startServer(dataDir);
  try {
    const form = new FormData();
    for (const c of cases) form.append('files', new Blob([new Uint8Array(c.bytes)]), c.filename);
    const answer = await call<{ accepted?: { sha256: string; filename: string }[]; refused?: { filename: string; error: string }[]; duplicates?: { filename: string }[]; error?: string }>('/api/documents', { method: 'POST', body: form });
    if (answer.error) throw new Error(`upload refused as a whole: ${answer.error}`);
    // answers come in the order the files were sent, each list in turn
    const accepted = [...(answer.accepted ?? [])];
    const refused = [...(answer.refused ?? [])];
    const outcomes = new Map<Case, Outcome>();
    const none = { sha256: null, filename: null, pages: null, figures: [], warnings: [] };
    for (const c of cases) {
      if (refused[0]?.filename === c.filename) outcomes.set(c, { ...none, state: 'refused', message: refused.shift()!.error });
      else if (accepted[0]) outcomes.set(c, { ...none, state: 'missing', message: 'chưa xong', sha256: accepted.shift()!.sha256 });
      else outcomes.set(c, { ...none, state: 'missing', message: 'không có trong câu trả lời' });
    }
    // wait for every accepted file to be stored or to fail, timing the server's answers meanwhile
    const deadline = Date.now() + BATCH_LIMIT_MS;
    for (;;) {
      const asked = performance.now();
      await call('/api/health');
      answerTimes.push(performance.now() - asked);
      const { submissions } = await call<{ submissions: { sha256: string; state: string; message: string | null }[] }>('/api/documents');
      if (!submissions.some((s) => s.state === 'processing')) {
        for (const [c, outcome] of outcomes) {
          const failed = submissions.find((s) => s.sha256 === outcome.sha256 && s.state === 'failed');
          if (failed) outcomes.set(c, { ...outcome, state: 'refused', message: failed.message });
        }
        break;
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    for (const [c, outcome] of outcomes) {
      if (outcome.state !== 'missing' || !outcome.sha256) continue;
      const detail = await call<{ document: { filename: string; page_count: number } | null; events: { kind: string; code: string | null }[] }>(`/api/documents/${outcome.sha256}`);
      if (!detail.document) continue;
      const { figures } = await call<{ figures: { value: number }[] }>(`/api/figures?document=${outcome.sha256}`);
      outcomes.set(c, {
        ...outcome,
        state: 'stored',
        message: null,
        filename: detail.document.filename,
        pages: detail.document.page_count,
        figures: figures.map((f) => f.value),
        warnings: detail.events.filter((e) => e.kind === 'warning' && e.code).map((e) => e.code!),
      });
    }
    const faults = new Map<Fault, Awaited<ReturnType<Fault['run']>>>();
    for (const fault of FAULTS) faults.set(fault, await fault.run(call));
    return { outcomes, faults };
  } finally {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What is wrong with an outcome (null when it is what was expected), and the records it lost. */
function judge(expected: Expected, outcome: Outcome): { wrong: string | null; lost: number } {
  const wanted = expected.outcome === 'stored' ? [...(expected.figures ?? []), ...(expected.figure === undefined ? [] : [expected.figure])] : [];
  const left = [...outcome.figures];
  const lost = wanted.filter((value) => {
    const at = left.indexOf(value);
    if (at >= 0) left.splice(at, 1);
    return at < 0;
  }).length;
  if (expected.outcome === 'refused') {
    if (outcome.state !== 'refused') return { wrong: `${outcome.state}, not refused`, lost };
    return { wrong: expected.message.test(outcome.message ?? '') ? null : `refused, but said “${outcome.message}”`, lost };
  }
  if (outcome.state !== 'stored') return { wrong: `${outcome.state}: ${outcome.message}`, lost };
  if (expected.pages !== undefined && outcome.pages !== expected.pages) return { wrong: `${outcome.pages} pages, not ${expected.pages}`, lost };
  if (expected.warning && !outcome.warnings.includes(expected.warning)) return { wrong: `no ${expected.warning} warning (${outcome.warnings.join(', ') || 'none'})`, lost };
  if (expected.filename && outcome.filename !== expected.filename) return { wrong: `stored as “${outcome.filename}”`, lost };
  if (lost > 0) return { wrong: `${lost} figure(s) missing`, lost };
  return { wrong: null, lost };
}

const describeExpected = (e: Expected) =>
  e.outcome === 'refused' ? `refused ${e.message.source}` : ['stored', e.pages === undefined ? '' : `${e.pages} p.`, e.warning ?? '', e.figure === undefined ? '' : `figure ${e.figure}`].filter(Boolean).join(', ');
const describeOutcome = (o: Outcome) =>
  o.state === 'refused' ? `refused: ${o.message}` : o.state === 'stored' ? `stored, ${o.pages} p., ${o.figures.length} figures${o.warnings.length ? `, ${[...new Set(o.warnings)].join(' ')}` : ''}` : `${o.state}: ${o.message}`;

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

async function main(): Promise<number> {
  const cases = [...(await makeCorpus()), ...controls()];
  const started = Date.now();
  const { outcomes, faults } = await runBatch(cases);
  let failed = 0;
  process.stdout.write(`${clip('case', 48)} ${clip('expected', 40)} ${clip('outcome', 70)} lost\n`);
  for (const c of cases) {
    const outcome = outcomes.get(c)!;
    const { wrong, lost } = judge(c.expected, outcome);
    if (wrong) failed += 1;
    process.stdout.write(`${wrong ? '✗' : '✓'} ${clip(c.name, 46)} ${clip(describeExpected(c.expected), 40)} ${clip(describeOutcome(outcome), 70)} ${lost}${wrong ? `\n    ${wrong}` : ''}\n`);
  }
  for (const [fault, { outcome, wrong, lost }] of faults) {
    if (wrong) failed += 1;
    process.stdout.write(`${wrong ? '✗' : '✓'} ${clip(fault.name, 46)} ${clip(fault.expected, 40)} ${clip(outcome, 70)} ${lost}\n`);
  }
  process.stdout.write(`\n${clip('fault', 48)} ${clip('expected', 56)} waiting stored half lost  outcome\n`);
  const faultResults = await runFaults();
  for (const f of faultResults) {
    if (f.wrong) failed += 1;
    const counts = `${String(f.waiting).padStart(7)} ${String(f.stored).padStart(6)} ${String(f.half).padStart(4)} ${String(f.lost).padStart(4)}`;
    process.stdout.write(`${f.wrong ? '✗' : '✓'} ${clip(f.name, 46)} ${clip(f.expected, 56)} ${counts}  ${f.outcome}${f.wrong ? `\n    ${f.wrong}` : ''}\n`);
  }
  const sorted = [...answerTimes].sort((a, b) => a - b);
  const at = (share: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0);
  process.stdout.write(`\nwhile it read them, the server answered /api/health in ${at(0.5)} ms (median), ${at(0.95)} ms (p95), ${at(1)} ms (slowest) of ${sorted.length}\n`);
  process.stdout.write(`${cases.length + faults.size + faultResults.length - failed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)\n`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
