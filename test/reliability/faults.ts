// Faults struck while documents wait or are read, against real processes on the machine's Redis and
// PostgreSQL: a worker killed during OCR and during the store transaction, a worker stopped with
// SIGTERM mid-page, Redis restarted, PostgreSQL stopped and started, the data folder full, a server
// stopped mid-upload. For each: the documents waiting when it struck, and after recovery those
// stored whole, those half-stored (a page or figure missing, a row twice) and those lost.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../../db/connection.js';
import { openMigrated } from '../../db/migrations.js';
import { seedFile } from '../../samples/seeds.js';
import { createTestDatabase, type TestDatabase } from '../databases.js';
import { DiskRedis, dropQueues, queuePrefix, REDIS_SERVER, sohoa, stop, type SohoaProcess } from '../queue-harness.js';
import { samplePath } from '../samples.js';
import { golden } from '../seeds.js';
import { settled, startServer } from './server.js';

interface Doc {
  filename: string;
  path: string;
  sha256: string;
  /** the figures a whole reading stores */
  figures: number;
}

function docOf(file: string, seed: string, copies = 1): Doc {
  const bytes = readFileSync(file);
  return { filename: path.basename(file), path: file, sha256: createHash('sha256').update(bytes).digest('hex'), figures: golden(seed).figures.length * copies };
}

const seedDoc = (seed: string) => docOf(seedFile(seed), seed);

/** Forty copies of 000's text as forty pages of one file (400 kB), written in `dir`. */
async function manyNotices(dir: string): Promise<string> {
  const file = path.join(dir, 'bốn mươi thông báo.txt');
  await writeFile(file, Array(40).fill(readFileSync(seedFile('000'), 'utf8')).join('\f'));
  return file;
}

export interface FaultResult {
  name: string;
  expected: string;
  waiting: number;
  stored: number;
  half: number;
  lost: number;
  /** what happened, in a few words */
  outcome: string;
  /** what is wrong (null: all as it must be) */
  wrong: string | null;
}

interface Audit {
  stored: number;
  half: number;
  lost: number;
  problems: string[];
}

/** Each document as the database of these settings holds it: whole (every page once, every figure once), half-stored, or not there. */
async function audit(settings: Parameters<typeof openMigrated>[0], docs: Doc[]): Promise<Audit> {
  const db = await openMigrated(settings);
  try {
    return await auditIn(db, docs);
  } finally {
    await db.close();
  }
}

async function auditIn(db: Db, docs: Doc[]): Promise<Audit> {
  const result: Audit = { stored: 0, half: 0, lost: 0, problems: [] };
  for (const doc of docs) {
    const [row] = await db.query<{ page_count: number }>('SELECT page_count FROM documents WHERE sha256 = $1', [doc.sha256]);
    if (!row) {
      result.lost += 1;
      result.problems.push(`${doc.filename} not stored`);
      continue;
    }
    const [pages] = await db.query<{ n: string; distinct: string }>('SELECT count(*) AS n, count(DISTINCT page) AS distinct FROM pages WHERE document = $1', [doc.sha256]);
    const [figures] = await db.query<{ n: string; distinct: string }>(
      'SELECT count(*) AS n, count(DISTINCT (page, span_start, span_end, metric, value, unit, year, scope, campaign)) AS distinct FROM figures WHERE document = $1',
      [doc.sha256],
    );
    const counts = [Number(row.page_count), Number(pages!.n), Number(pages!.distinct), doc.figures, Number(figures!.n), Number(figures!.distinct)];
    const [pageCount, pageRows, distinctPages, wanted, figureRows, distinctFigures] = counts as [number, number, number, number, number, number];
    if (pageRows === pageCount && distinctPages === pageCount && figureRows === wanted && distinctFigures === figureRows) result.stored += 1;
    else {
      result.half += 1;
      result.problems.push(`${doc.filename}: pages ${pageRows} (${distinctPages} distinct) of ${pageCount}, figures ${figureRows} (${distinctFigures} distinct) of ${wanted}`);
    }
  }
  return result;
}

/** The result of a fault from its audit and what else must hold (`checks`: the failures of what else must hold). */
function resultOf(name: string, expected: string, waiting: number, found: Audit, outcome: string, checks: string[]): FaultResult {
  const problems = [...checks, ...found.problems];
  if (found.stored !== waiting) problems.unshift(`${found.stored} of ${waiting} stored whole`);
  return { name, expected, waiting, stored: found.stored, half: found.half, lost: found.lost, outcome, wrong: problems.length > 0 ? problems.join('; ') : null };
}

/** Processes on the queues of a run of their own: a fresh PostgreSQL database, queue keys and data folder. */
class QueueRun {
  readonly processes: SohoaProcess[] = [];

  private constructor(
    readonly database: TestDatabase,
    readonly env: Record<string, string>,
  ) {}

  static async start(name: string, extra: Record<string, string> = {}): Promise<QueueRun> {
    const database = await createTestDatabase('postgres');
    return new QueueRun(database, {
      DATABASE_URL: database.settings.DATABASE_URL!,
      REDIS_URL: REDIS_SERVER,
      SOHOA_QUEUE_PREFIX: queuePrefix(name),
      SOHOA_DATA_DIR: database.settings.dataDir,
      // a silent worker's job is taken over once its lock runs out
      SOHOA_JOB_LOCK_SECONDS: '3',
      ...extra,
    });
  }

  run(args: string[]): SohoaProcess {
    const process = sohoa(args, this.env);
    this.processes.push(process);
    return process;
  }

  async worker(): Promise<SohoaProcess> {
    const worker = this.run(['worker']);
    await worker.waitFor(/đang chờ việc/u, 60_000);
    return worker;
  }

  audit(docs: Doc[]): Promise<Audit> {
    return audit(this.database.settings, docs);
  }

  async close(): Promise<void> {
    for (const process of this.processes) process.child.kill('SIGKILL');
    await Promise.all(this.processes.map((p) => p.exited));
    if (this.env.REDIS_URL === REDIS_SERVER) await dropQueues(REDIS_SERVER, this.env.SOHOA_QUEUE_PREFIX!);
    await this.database.drop();
  }
}

async function kill(process: SohoaProcess): Promise<void> {
  process.child.kill('SIGKILL');
  await process.exited;
}

async function until(condition: () => Promise<boolean>, what: string, limitMs = 120_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Fault = () => Promise<FaultResult>;

const workerKilledDuringOcr: Fault = async () => {
  const name = 'a worker killed (kill -9) during OCR';
  const expected = 'the other worker reads its pages';
  const run = await QueueRun.start('kill-ocr');
  try {
    const docs = [docOf(samplePath('scans/000-office.pdf'), '000'), seedDoc('001')];
    const [victim] = [await run.worker(), await run.worker()];
    const ingest = run.run(['ingest', ...docs.map((d) => d.path)]);
    const [, page] = await victim!.waitFor(/bắt đầu page 000-office\.pdf trang (\d)/u, 120_000);
    await kill(victim!);
    const code = await ingest.exited;
    return resultOf(name, expected, docs.length, await run.audit(docs), `killed on page ${page}; ingest exit ${code}`, code === 0 ? [] : [`ingest exit ${code}`]);
  } finally {
    await run.close();
  }
};

const workerStoppedMidPage: Fault = async () => {
  const name = 'a worker stopped (SIGTERM) mid-page';
  const expected = 'its page finished, the rest by the next';
  const run = await QueueRun.start('sigterm');
  try {
    const docs = [docOf(samplePath('scans/001-office.pdf'), '001')];
    const stopping = await run.worker();
    const ingest = run.run(['ingest', docs[0]!.path]);
    const [, page] = await stopping.waitFor(/bắt đầu page 001-office\.pdf trang (\d)/u, 120_000);
    stopping.child.kill('SIGTERM');
    const stopCode = await stopping.exited;
    const finished = new RegExp(`xong page 001-office\\.pdf trang ${page}[^]*đã dừng`, 'u').test(stopping.output());
    await run.worker();
    const code = await ingest.exited;
    const checks = [...(stopCode === 0 ? [] : [`worker exit ${stopCode}`]), ...(finished ? [] : [`page ${page} not finished before stopping`]), ...(code === 0 ? [] : [`ingest exit ${code}`])];
    return resultOf(name, expected, docs.length, await run.audit(docs), `stopped on page ${page}; ingest exit ${code}`, checks);
  } finally {
    await run.close();
  }
};

const workerKilledInStore: Fault = async () => {
  const name = 'a worker killed inside the store transaction';
  const expected = 'nothing half-stored; stored by the next';
  const run = await QueueRun.start('kill-store');
  // the store transaction waits for the facts' lock (db/facts.ts remakeFacts) after writing its rows
  const holder = new pg.Client({ connectionString: run.env.DATABASE_URL });
  await holder.connect();
  try {
    const docs = [seedDoc('003')];
    await holder.query('SELECT pg_advisory_lock(7002)');
    const victim = await run.worker();
    const ingest = run.run(['ingest', docs[0]!.path]);
    const waiting = async () =>
      Number(
        (await holder.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(7002)%'")).rows[0]!.n,
      ) > 0;
    await until(waiting, 'the store transaction waiting for the facts lock');
    const seen = Number((await holder.query<{ n: string }>('SELECT count(*) AS n FROM documents')).rows[0]!.n);
    await kill(victim);
    await holder.query('SELECT pg_advisory_unlock(7002)');
    // the killed worker's transaction never commits: nothing of it may be seen
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const afterKill = Number((await holder.query<{ n: string }>('SELECT count(*) AS n FROM pages')).rows[0]!.n);
    await run.worker();
    const code = await ingest.exited;
    const checks = [
      ...(seen === 0 ? [] : [`${seen} document rows seen before the commit`]),
      ...(afterKill === 0 ? [] : [`${afterKill} page rows left by the killed transaction`]),
      ...(code === 0 ? [] : [`ingest exit ${code}`]),
    ];
    return resultOf(name, expected, docs.length, await run.audit(docs), `0 rows left by the killed store; ingest exit ${code}`, checks);
  } finally {
    await holder.end();
    await run.close();
  }
};

const redisRestarted: Fault = async () => {
  const name = 'Redis restarted while jobs wait';
  const expected = 'every waiting document stored';
  const redis = await DiskRedis.start();
  const run = await QueueRun.start('redis', { REDIS_URL: redis.url });
  try {
    const docs = ['000', '001', '004'].map(seedDoc);
    const queued = run.run(['ingest', '--no-wait', ...docs.map((d) => d.path)]);
    const queuedCode = await queued.exited;
    await redis.stop();
    // a worker that starts while Redis is away waits for it
    const worker = run.run(['worker']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await redis.restart();
    for (const doc of docs) await worker.waitFor(new RegExp(`xong store ${doc.filename.replace('.', '\\.')}`, 'u'), 120_000);
    return resultOf(name, expected, docs.length, await run.audit(docs), `queued (exit ${queuedCode}), Redis down 2 s`, queuedCode === 0 ? [] : [`ingest exit ${queuedCode}`]);
  } finally {
    await run.close();
    await redis.stop();
  }
};

/** The machine's PostgreSQL cluster stopped or started, by the command of its machine notes. */
function postgres(action: 'stop' | 'start'): void {
  for (const version of readdirSync('/etc/postgresql')) {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], { stdio: 'ignore' });
  }
}

const postgresRestarted: Fault = async () => {
  const name = 'PostgreSQL stopped, then started';
  const expected = 'store retried, every document stored';
  const run = await QueueRun.start('pg-stop');
  let down = false;
  try {
    const docs = ['001', '004'].map(seedDoc);
    const worker = await run.worker();
    postgres('stop');
    down = true;
    const queued = run.run(['ingest', '--no-wait', ...docs.map((d) => d.path)]);
    const queuedCode = await queued.exited;
    await worker.waitFor(/lỗi store \S+ \(lần 1\): Không kết nối được cơ sở dữ liệu/u, 120_000);
    postgres('start');
    down = false;
    for (const doc of docs) await worker.waitFor(new RegExp(`xong store ${doc.filename.replace('.', '\\.')}`, 'u'), 300_000);
    return resultOf(name, expected, docs.length, await run.audit(docs), 'store failed while down, retried', queuedCode === 0 ? [] : [`ingest exit ${queuedCode}`]);
  } finally {
    if (down) postgres('start');
    await run.close();
  }
};

/** A tmpfs of `size` mounted on a new folder (root only); null when it cannot be. */
async function smallDisk(size: string): Promise<string | null> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sohoa-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

const dataFolderFull: Fault = async () => {
  const name = 'the data folder full (a 256 kB tmpfs)';
  const expected = 'that file refused with the reason; sent again, stored';
  const disk = await smallDisk('256k');
  if (!disk) return { name, expected, waiting: 0, stored: 0, half: 0, lost: 0, outcome: 'no tmpfs', wrong: 'cannot mount a tmpfs here (needs root)' };
  const database = await createTestDatabase('postgres');
  const scratch = await mkdtemp(path.join(tmpdir(), 'sohoa-big-'));
  try {
    // forty copies of 000's text (400 kB) do not fit; 003's text does
    const big = await manyNotices(scratch);
    const docs = [seedDoc('003'), docOf(big, '000', 40)];
    const env = { DATABASE_URL: database.settings.DATABASE_URL!, SOHOA_DATA_DIR: disk };
    const full = sohoa(['ingest', docs[0]!.path, big], env);
    const fullCode = await full.exited;
    const told = /Thư mục dữ liệu \(SOHOA_DATA_DIR\) đã đầy/u.test(full.output() + full.errors());
    const leftovers = (await readdir(path.join(disk, 'originals')).catch(() => [])).filter((f) => f.endsWith('.part'));
    execFileSync('mount', ['-o', 'remount,size=8m', disk]);
    const again = sohoa(['ingest', big], env);
    const againCode = await again.exited;
    const found = await audit(database.settings, docs);
    const checks = [
      ...(fullCode === 1 ? [] : [`full: ingest exit ${fullCode}, not 1`]),
      ...(told ? [] : ['the reason was not told']),
      ...(leftovers.length === 0 ? [] : [`${leftovers.length} part-files left`]),
      ...(againCode === 0 ? [] : [`sent again: exit ${againCode}`]),
    ];
    return resultOf(name, expected, docs.length, found, `refused: ${told ? 'đã đầy' : '?'}, ${leftovers.length} part-files; again: exit ${againCode}`, checks);
  } finally {
    execFileSync('umount', [disk]);
    await rm(disk, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
    await database.drop();
  }
};

/** Starts a multipart upload of `bytes` and sends only its first half; resolves once that half is sent. */
function halfUpload(base: string, token: string, filename: string, bytes: Buffer): Promise<http.ClientRequest> {
  const boundary = 'sohoa-half-upload';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL('/api/documents', base);
  const request = http.request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes.length + tail.length },
  });
  request.on('error', () => {});
  return new Promise((resolve) => request.write(Buffer.concat([head, bytes.subarray(0, bytes.length >> 1)]), () => resolve(request)));
}

const serverStoppedMidUpload: Fault = async () => {
  const name = 'the server killed mid-upload, documents waiting';
  const expected = 'the half-sent file absent; the waiting read at restart';
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sohoa-stop-'));
  let served = await startServer(dataDir);
  try {
    // four texts: the first in hand when the server is killed, the others waiting behind it
    const docs = ['000', '001', '003', '004'].map(seedDoc);
    const form = new FormData();
    for (const doc of docs) form.append('files', new Blob([new Uint8Array(readFileSync(doc.path))]), doc.filename);
    const answer = await served.call<{ accepted?: unknown[] }>('/api/documents', { method: 'POST', body: form });
    // forty copies of 000's text (400 kB): the half sent is still far from its end
    const half = docOf(await manyNotices(dataDir), '000', 40);
    await halfUpload(served.base, served.token, half.filename, readFileSync(half.path));
    await kill(served.server);
    served = await startServer(dataDir, served.token);
    const resumed = (await served.server.waitFor(/đang đọc tiếp (\d+) tệp/u, 30_000).catch(() => null))?.[1] ?? '0';
    await settled(served.call);
    const partFiles = (await readdir(path.join(dataDir, 'originals'))).filter((f) => f.endsWith('.part') || f.startsWith(half.sha256)).length;
    // the half-sent file, sent whole
    const again = new FormData();
    again.append('files', new Blob([new Uint8Array(readFileSync(half.path))]), half.filename);
    await served.call('/api/documents', { method: 'POST', body: again });
    await settled(served.call);
    await stop(served.server);
    const found = await audit({ dataDir }, [...docs, half]);
    const checks = [
      ...((answer.accepted ?? []).length === docs.length ? [] : [`${(answer.accepted ?? []).length} of ${docs.length} accepted`]),
      ...(partFiles === 0 ? [] : [`${partFiles} files of the half upload kept`]),
      ...(Number(resumed) > 0 ? [] : ['nothing read again at restart']),
    ];
    return resultOf(name, expected, docs.length + 1, found, `${resumed} resumed at restart; half upload left ${partFiles} files`, checks);
  } finally {
    if (served.server.child.exitCode === null) await kill(served.server);
    await rm(dataDir, { recursive: true, force: true });
  }
};

const FAULTS: Fault[] = [workerKilledDuringOcr, workerStoppedMidPage, workerKilledInStore, redisRestarted, dataFolderFull, serverStoppedMidUpload, postgresRestarted];

/** Every fault in turn (PostgreSQL's stop last: nothing else runs on it then); a fault that throws is a failed row. */
export async function runFaults(): Promise<FaultResult[]> {
  const results: FaultResult[] = [];
  for (const fault of FAULTS) {
    results.push(
      await fault().catch((error: unknown) => ({
        name: fault.name,
        expected: '',
        waiting: 0,
        stored: 0,
        half: 0,
        lost: 0,
        outcome: 'error',
        wrong: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      })),
    );
  }
  return results;
}
