// The HTTP API's doors: who may call each route (401 without an account, 403 without the role),
// CSRF for cookie sessions, API tokens for scripts, refused uploads, security headers, the
// OpenAPI document, and the accounts themselves. Embedded PGlite, documents read in process.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageLayout } from '../core/records.js';
import { samplePath } from './samples.js';
import { seedFile } from '../samples/seeds.js';
import ExcelJS from 'exceljs';
import { loadSettings } from '../core/settings.js';
import type { Role } from '../core/accounts.js';
import type { Db } from '../db/connection.js';
import { Accounts } from '../web/accounts.js';
import { PageImages } from '../web/page-images.js';
import { buildApp } from '../web/app.js';
import { Submissions } from '../web/submissions.js';
import { openIntake, type Intake } from '../workers/intake.js';
import { openReportingDb, storeDocument } from '../workers/reporting.js';
import { watchedQueues } from '../workers/queues.js';
import { dropQueues, queuePrefix, REDIS_SERVER } from './queue-harness.js';
import type { Queue } from 'bullmq';
import { runStages } from '../pipeline/run.js';
import { identify } from '../pages/ingest.js';

let dataDir: string;
let db: Db;
let intake: Intake;
let app: FastifyInstance;
const PASSWORDS: Record<Role, string> = { admin: 'quản-trị-0001', archivist: 'lưu-trữ-0002', analyst: 'phân-tích-0003' };
const MAX_FILE_BYTES = 4 * 1024 * 1024;

interface SignedIn {
  cookie: string;
  csrf: string;
}
const signedIn = {} as Record<Role, SignedIn>;

async function signIn(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
}

/** The session cookie and CSRF token of a successful sign-in. */
async function session(role: Role): Promise<SignedIn> {
  const answer = await signIn(role, PASSWORDS[role]);
  expect(answer.statusCode).toBe(200);
  const cookie = answer.cookies.find((c) => c.name === 'sohoa_session');
  return { cookie: `sohoa_session=${cookie!.value}`, csrf: answer.json<{ csrf_token: string }>().csrf_token };
}

const as = (role: Role, csrf = true) => ({ cookie: signedIn[role].cookie, ...(csrf ? { 'x-csrf-token': signedIn[role].csrf } : {}) });

function multipart(files: { name: string; bytes: Buffer }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----sohoa-test-boundary';
  const parts = files.flatMap(({ name, bytes }) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const SAMPLE_TEXT = Buffer.from('UBND TỈNH KIÊN GIANG\nTHÔNG BÁO\nNăm 2023 tiếp nhận được 21.600 đơn vị máu.\n');

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sohoa-api-'));
  const settings = { ...loadSettings({ SOHOA_DATA_DIR: dataDir }), maxFileBytes: MAX_FILE_BYTES };
  db = await openReportingDb(settings);
  intake = await openIntake(settings, db);
  const accounts = new Accounts(db);
  for (const role of ['admin', 'archivist', 'analyst'] as const) await accounts.addUser(role, role, PASSWORDS[role]);
  app = await buildApp({ db, submissions: new Submissions(intake, settings), accounts, driver: 'in-process', maxFileBytes: MAX_FILE_BYTES, pageImages: new PageImages(db, dataDir), dataDir });
  for (const role of ['admin', 'archivist', 'analyst'] as const) signedIn[role] = await session(role);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await intake?.close();
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const SHA = 'a'.repeat(64);
/** Every route, with the access it needs. */
const ROUTES: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; access: 'read' | 'write' | 'admin'; stream?: true }[] = [
  { method: 'GET', url: '/api/events', access: 'read', stream: true },
  { method: 'PUT', url: '/api/session/password', access: 'read' },
  { method: 'GET', url: '/api/tokens', access: 'read' },
  { method: 'POST', url: '/api/tokens', access: 'read' },
  { method: 'DELETE', url: '/api/tokens/1', access: 'read' },
  { method: 'GET', url: '/api/labels', access: 'read' },
  { method: 'GET', url: '/api/documents', access: 'read' },
  { method: 'GET', url: `/api/documents/${SHA}`, access: 'read' },
  { method: 'POST', url: '/api/documents', access: 'write' },
  { method: 'DELETE', url: `/api/documents/${SHA}`, access: 'write' },
  { method: 'GET', url: `/api/documents/${SHA}/original`, access: 'read' },
  { method: 'GET', url: `/api/documents/${SHA}/pages/1/image`, access: 'read' },
  { method: 'GET', url: `/api/documents/${SHA}/pages/1/layout`, access: 'read' },
  { method: 'GET', url: '/api/figures', access: 'read' },
  { method: 'GET', url: '/api/facts', access: 'read' },
  { method: 'GET', url: '/api/conflicts', access: 'read' },
  { method: 'GET', url: '/api/compare?years=2023,2024', access: 'read' },
  { method: 'GET', url: '/api/export?format=csv', access: 'read' },
  { method: 'GET', url: '/api/records', access: 'read' },
  { method: 'GET', url: '/api/records/export?format=csv', access: 'read' },
  { method: 'GET', url: '/api/review', access: 'read' },
  { method: 'POST', url: '/api/figures/1/corrections', access: 'write' },
  { method: 'POST', url: `/api/documents/${SHA}/tables/1/corrections`, access: 'write' },
  { method: 'GET', url: '/api/corrections', access: 'read' },
  { method: 'GET', url: '/api/users', access: 'admin' },
  { method: 'POST', url: '/api/users', access: 'admin' },
  { method: 'PATCH', url: '/api/users/1', access: 'admin' },
  { method: 'DELETE', url: '/api/users/999', access: 'admin' },
];

describe('who may call each route', () => {
  it('every route in the OpenAPI document is in this list (a new route must say who may call it)', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(spec.paths).flatMap(([url, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${url}`));
    const pattern = (url: string) => url.split('?')[0]!.replace(SHA, '{sha256}').replace(/\/pages\/\d+/u, '/pages/{page}').replace(/\/tables\/\d+/u, '/tables/{table}').replace(/\/\d+(?=\/|$)/gu, '/{id}');
    const listed = new Set(ROUTES.map((r) => `${r.method} ${pattern(r.url)}`));
    const open = ['POST /api/session', 'GET /api/session', 'DELETE /api/session', 'GET /api/health'];
    expect(documented.filter((route) => !listed.has(route) && !open.includes(route))).toEqual([]);
  });

  it.each(ROUTES)('$method $url: 401 without an account', async ({ method, url }) => {
    const answer = await app.inject({ method, url });
    expect(answer.statusCode).toBe(401);
    expect(answer.json()).toEqual({ error: 'Cần đăng nhập.' });
  });

  it.each(ROUTES.filter((r) => r.access !== 'read'))('$method $url: 403 for an analyst', async ({ method, url }) => {
    const answer = await app.inject({ method, url, headers: as('analyst') });
    expect(answer.statusCode).toBe(403);
  });

  it.each(ROUTES.filter((r) => r.access === 'admin'))('$method $url: 403 for an archivist', async ({ method, url }) => {
    expect((await app.inject({ method, url, headers: as('archivist') })).statusCode).toBe(403);
  });

  // (an event stream never ends: web.test.ts reads it over HTTP)
  it.each(ROUTES.filter((r) => r.method === 'GET' && !r.stream))('$method $url: answered for every role', async ({ url, access }) => {
    for (const role of ['analyst', 'archivist', 'admin'] as const) {
      if (access === 'admin' && role !== 'admin') continue;
      const answer = await app.inject({ method: 'GET', url, headers: as(role) });
      expect([200, 404]).toContain(answer.statusCode);
      if (answer.statusCode === 404) expect(url).toContain(SHA);
    }
  });

  it('GET /api/session says who is signed in (nobody without an account) and what they may do', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({ user: null, csrf_token: null, access: [] });
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: as('analyst') })).json()).toMatchObject({ user: { username: 'analyst' }, access: ['read'] });
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: as('archivist') })).json()).toMatchObject({ access: ['read', 'write'] });
    expect((await app.inject({ method: 'GET', url: '/api/session', headers: as('admin') })).json()).toMatchObject({ access: ['read', 'write', 'admin'] });
  });

  it('an unknown or forged session cookie is no account', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/figures', headers: { cookie: 'sohoa_session=forged' } });
    expect(answer.statusCode).toBe(401);
  });
});

describe('signing in', () => {
  it('refuses a wrong password or an unknown name with the same answer', async () => {
    const wrong = await signIn('analyst', 'not-the-password');
    const unknown = await signIn('nobody', 'not-the-password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('sets an HttpOnly, SameSite session cookie and gives the CSRF token', async () => {
    const answer = await signIn('analyst', PASSWORDS.analyst);
    const cookie = answer.cookies.find((c) => c.name === 'sohoa_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `sohoa_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ user: { username: 'analyst', role: 'analyst' }, csrf_token: answer.json<{ csrf_token: string }>().csrf_token });
  });

  it('signing out ends the session', async () => {
    const own = await session('analyst');
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: own.cookie } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/figures', headers: { cookie: own.cookie } })).statusCode).toBe(401);
  });

  it('limits attempts: the eleventh in a minute for one name from one address is refused', async () => {
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await signIn('guessed', `guess-${i}`)).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(answers[10]).toBe(429);
  });
});

describe('CSRF', () => {
  it('refuses a change sent with the session cookie but without the CSRF token', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/tokens', headers: as('archivist', false), payload: { name: 'x' } });
    expect(answer.statusCode).toBe(403);
    expect(answer.json<{ error: string }>().error).toContain('CSRF');
  });

  it('refuses a cross-site multipart upload (cookie, no token) and stores nothing', async () => {
    const form = multipart([{ name: 'x.txt', bytes: SAMPLE_TEXT }]);
    const answer = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...as('archivist', false), ...form.headers, origin: 'https://evil.example' }, payload: form.payload });
    expect(answer.statusCode).toBe(403);
    const { submissions } = (await app.inject({ method: 'GET', url: '/api/documents', headers: as('archivist') })).json<{ submissions: unknown[] }>();
    expect(submissions).toEqual([]);
  });

  it('refuses a wrong token', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/tokens', headers: { ...as('archivist'), 'x-csrf-token': signedIn.admin.csrf }, payload: { name: 'x' } });
    expect(answer.statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('are shown once, let a script in without CSRF, keep the role, and stop working when revoked', async () => {
    const made = await app.inject({ method: 'POST', url: '/api/tokens', headers: as('analyst'), payload: { name: 'báo cáo hằng tháng' } });
    expect(made.statusCode).toBe(201);
    const { token, record } = made.json<{ token: string; record: { id: number } }>();
    expect(token).toMatch(/^sohoa_/u);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/facts', headers: bearer })).statusCode).toBe(200);
    const upload = multipart([{ name: 'a.txt', bytes: SAMPLE_TEXT }]);
    expect((await app.inject({ method: 'POST', url: '/api/documents', headers: { ...bearer, ...upload.headers }, payload: upload.payload })).statusCode).toBe(403);
    const listed = (await app.inject({ method: 'GET', url: '/api/tokens', headers: as('analyst') })).json<{ tokens: { name: string; last_used_at: string | null }[] }>();
    expect(listed.tokens).toEqual([expect.objectContaining({ name: 'báo cáo hằng tháng', last_used_at: expect.any(String) })]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${record.id}`, headers: as('analyst') })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/facts', headers: bearer })).statusCode).toBe(401);
  });

  it("an archivist's token uploads", async () => {
    const { token } = (await app.inject({ method: 'POST', url: '/api/tokens', headers: as('archivist'), payload: { name: 'máy quét' } })).json<{ token: string }>();
    const upload = multipart([{ name: 'thong-bao.txt', bytes: SAMPLE_TEXT }]);
    const answer = await app.inject({ method: 'POST', url: '/api/documents', headers: { authorization: `Bearer ${token}`, ...upload.headers }, payload: upload.payload });
    expect(answer.statusCode).toBe(202);
  });
});

describe('uploads', () => {
  it('refuses a file that is no document and a file over the size limit, each with a reason', async () => {
    const executable = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 0)]);
    const form = multipart([
      { name: 'chương-trình.pdf', bytes: executable },
      { name: 'lớn.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_FILE_BYTES + 1, 32)]) },
    ]);
    const answer = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...as('archivist'), ...form.headers }, payload: form.payload });
    expect(answer.statusCode).toBe(422);
    const { accepted, refused } = answer.json<{ accepted: unknown[]; refused: { filename: string; error: string }[] }>();
    expect(accepted).toEqual([]);
    expect(refused.map((r) => r.filename)).toEqual(['chương-trình.pdf', 'lớn.pdf']);
    expect(refused[1]!.error).toContain("giới hạn");
    for (const r of refused) expect(r.error.length).toBeGreaterThan(10);
  });

  it('refuses a request that is not multipart', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/documents', headers: as('archivist'), payload: { file: 'x' } });
    expect(answer.statusCode).toBe(415);
  });
});

describe('a document: its pages, words, original; a copy; deletion', () => {
  const file = samplePath('scans/001-office.pdf');
  let sha256: string;

  it('reads an uploaded scan and says so when the same file comes again', async () => {
    const form = multipart([{ name: 'Báo cáo 001.pdf', bytes: readFileSync(file) }]);
    const answer = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...as('archivist'), ...form.headers }, payload: form.payload });
    expect(answer.statusCode).toBe(202);
    sha256 = answer.json<{ accepted: { sha256: string }[] }>().accepted[0]!.sha256;
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: `/api/documents/${sha256}`, headers: as('analyst') })).json<{ document: unknown }>().document, { timeout: 240_000, interval: 1000 })
      .not.toBeNull();
    const again = await app.inject({ method: 'POST', url: '/api/documents', headers: { ...as('archivist'), ...form.headers }, payload: form.payload });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ accepted: [], refused: [], duplicates: [{ filename: 'Báo cáo 001.pdf', sha256, stored_as: 'Báo cáo 001.pdf' }] });
  }, 300_000);

  it("places each figure's words on the page image: their spans spell the figure's words, their boxes lie on the image", async () => {
    const detail = (await app.inject({ method: 'GET', url: `/api/documents/${sha256}`, headers: as('analyst') })).json<{
      pages: { page: number; text: string }[];
      figures: { page: number; span: [number, number]; text: string }[];
    }>();
    expect(detail.figures.length).toBeGreaterThan(0);
    for (const figure of detail.figures) {
      const layout = (await app.inject({ method: 'GET', url: `/api/documents/${sha256}/pages/${figure.page}/layout`, headers: as('analyst') })).json<PageLayout>();
      const text = detail.pages.find((p) => p.page === figure.page)!.text;
      const words = layout.words.filter((w) => w.start < figure.span[1] && w.end > figure.span[0]);
      expect(words.map((w) => text.slice(w.start, w.end)).join(' ')).toContain(figure.text.split(/\s+/u)[0]);
      for (const { box } of words) {
        expect(box[0]).toBeGreaterThanOrEqual(0);
        expect(box[2]).toBeLessThanOrEqual(layout.width);
        expect(box[3]).toBeLessThanOrEqual(layout.height);
      }
    }
    const layout = (await app.inject({ method: 'GET', url: `/api/documents/${sha256}/pages/1/layout`, headers: as('analyst') })).json<PageLayout>();
    const text = detail.pages[0]!.text;
    // every word's span reads a word of the stored (repaired) text
    for (const w of layout.words) expect(text.slice(w.start, w.end)).toMatch(/^\S+$/u);
    const image = await app.inject({ method: 'GET', url: `/api/documents/${sha256}/pages/1/image`, headers: as('analyst') });
    expect(image.headers['content-type']).toBe('image/webp');
    const { width, height } = await sharp(image.rawPayload).metadata();
    expect(width).toBe(Math.min(1600, layout.width));
    expect(Math.abs(height! / width! - layout.height / layout.width)).toBeLessThan(0.01);
    expect((await app.inject({ method: 'GET', url: `/api/documents/${sha256}/pages/9/image`, headers: as('analyst') })).statusCode).toBe(404);
  });

  it('gives the original back under its Vietnamese name', async () => {
    const answer = await app.inject({ method: 'GET', url: `/api/documents/${sha256}/original`, headers: as('analyst') });
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="Bao cao 001.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo 001.pdf')}`);
    expect(Buffer.compare(answer.rawPayload, readFileSync(file))).toBe(0);
  });

  it('deletes a document for an archivist: its records, original and images go, its facts are made again', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/facts', headers: as('analyst') })).json<{ facts: { sources: { sha256: string }[] }[] }>();
    expect(before.facts.some((f) => f.sources.some((s) => s.sha256 === sha256))).toBe(true);
    expect((await app.inject({ method: 'DELETE', url: `/api/documents/${sha256}`, headers: as('analyst') })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/documents/${sha256}`, headers: as('archivist') })).statusCode).toBe(204);
    for (const url of [`/api/documents/${sha256}`, `/api/documents/${sha256}/original`, `/api/documents/${sha256}/pages/1/image`, `/api/documents/${sha256}/pages/1/layout`]) {
      expect((await app.inject({ method: 'GET', url, headers: as('analyst') })).statusCode).toBe(404);
    }
    const after = (await app.inject({ method: 'GET', url: '/api/facts', headers: as('analyst') })).json<{ facts: { sources: { sha256: string }[] }[] }>();
    expect(after.facts.some((f) => f.sources.some((s) => s.sha256 === sha256))).toBe(false);
    expect(readdirSync(path.join(dataDir, 'originals')).filter((f) => f.startsWith(sha256))).toEqual([]);
    expect(readdirSync(path.join(dataDir, 'page-images')).filter((f) => f.startsWith(sha256))).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/documents/${sha256}`, headers: as('archivist') })).statusCode).toBe(404);
  });
});

describe('the records browser', () => {
  beforeAll(async () => {
    const form = multipart([{ name: 'Báo cáo 2020.txt', bytes: readFileSync(seedFile('003')) }]);
    const { accepted } = (await app.inject({ method: 'POST', url: '/api/documents', headers: { ...as('archivist'), ...form.headers }, payload: form.payload })).json<{ accepted: { sha256: string }[] }>();
    const stored = async () => (await app.inject({ method: 'GET', url: `/api/documents/${accepted[0]!.sha256}`, headers: as('analyst') })).json<{ document: unknown }>().document;
    for (let waited = 0; !(await stored()) && waited < 120_000; waited += 500) await new Promise((resolve) => setTimeout(resolve, 500));
  }, 150_000);

  it("finds a unit's table cells typed without diacritics", async () => {
    const answer = (await app.inject({ method: 'GET', url: '/api/records?q=rach%20gia&year=2020&source=cell&per_page=100', headers: as('analyst') })).json<{
      total: number;
      records: { row: string; column: string; value: number; scope: string }[];
    }>();
    const cells = Object.fromEntries(answer.records.filter((r) => r.row === 'BCĐ. TP. Rạch Giá').map((r) => [r.column, r.value]));
    // the seed's 2020 row: 978 target, 442 in January … 1202 in all, 123%
    expect(cells).toMatchObject({ target: 978, T1: 442, T2: 8, T3: 69, total: 1202, percent: 123 });
    expect(answer.records.every((r) => r.scope === 'Thành phố Rạch Giá')).toBe(true);
  });

  it('pages and sorts', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/records?sort=value&order=desc&per_page=3', headers: as('analyst') })).json<{ total: number; records: { value: number }[] }>();
    const second = (await app.inject({ method: 'GET', url: '/api/records?sort=value&order=desc&per_page=3&page=2', headers: as('analyst') })).json<{ total: number; records: { value: number }[] }>();
    const values = [...first.records, ...second.records].map((r) => r.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThan(100);
  });

  it('exports the facts the filters select, CSV with a byte-order mark', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/export?what=facts&format=csv&year=2020&scope=Rach%20Gia', headers: as('analyst') });
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = csv.body.replace(/^\uFEFF/u, '').trim().split('\n');
    const columns = header!.split(',');
    const listed = (await app.inject({ method: 'GET', url: '/api/facts?year=2020&scope=Rach%20Gia', headers: as('analyst') })).json<{ facts: unknown[] }>();
    expect(rows.length).toBe(listed.facts.length);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(',')[columns.indexOf('year')]).toBe('2020');
  });

  it('exports what the filters select: CSV with a byte-order mark and Vietnamese headers, Excel with a frozen, filtered header', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/records/export?format=csv&q=Rach%20Gia&year=2020&source=cell', headers: as('analyst') });
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/u, '').trim().split('\n');
    expect(lines[0]).toBe('Văn bản,Trang,Nguồn,Chỉ số,Giá trị,Đơn vị tính,Năm,Đơn vị / địa bàn,Chiến dịch,Câu chữ,Bảng,Dòng,Cột,Mã văn bản (sha256)');
    const listed = (await app.inject({ method: 'GET', url: '/api/records?q=Rach%20Gia&year=2020&source=cell', headers: as('analyst') })).json<{ total: number }>();
    expect(lines.length - 1).toBe(listed.total);
    expect(lines.slice(1).every((line) => line.includes('ô bảng') && line.includes('BCĐ. TP. Rạch Giá'))).toBe(true);
    const xlsx = await app.inject({ method: 'GET', url: '/api/records/export?format=xlsx&q=Rach%20Gia&year=2020', headers: as('analyst') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(1).value).toBe('Văn bản');
  });
});

describe('review and corrections', () => {
  /** seed 003 read again as the upload was read, for storing it again */
  const readSeed003 = async () => {
    const ocr = { engine: () => Promise.reject(new Error('a text file needs no OCR')) };
    const file = identify({ filename: 'Báo cáo 2020.txt', bytes: readFileSync(seedFile('003')) }, MAX_FILE_BYTES);
    const { extraction, ...aside } = await runStages({ file, pdf: null }, { maxFileBytes: MAX_FILE_BYTES, ocr });
    return [extraction, aside] as const;
  };
  interface Figure { id: number; document: string; value: number; text: string; metric: string; reviewed: boolean; page: number; span: [number, number] }
  const xuanHong = async () => {
    const { figures } = (await app.inject({ method: 'GET', url: '/api/figures?scope=Rach%20Gia&year=2020&metric=achieved&campaign=Xu%C3%A2n', headers: as('analyst') })).json<{ figures: Figure[] }>();
    return figures.find((f) => f.text === '442 đơn vị máu')!;
  };
  const factValue = async () => {
    const { facts } = (await app.inject({ method: 'GET', url: '/api/facts?scope=Rach%20Gia&year=2020&metric=achieved&campaign=Xu%C3%A2n', headers: as('analyst') })).json<{ facts: { value: number }[] }>();
    return facts.map((f) => f.value);
  };

  it('lists what waits for review: unsure figures, failed checks, conflicts', async () => {
    const queue = (await app.inject({ method: 'GET', url: '/api/review', headers: as('analyst') })).json<{ figures: { confidence: number }[]; checks: unknown[]; conflicts: unknown[] }>();
    expect(queue.figures.every((f) => f.confidence < 0.6)).toBe(true);
    expect(Array.isArray(queue.checks) && Array.isArray(queue.conflicts)).toBe(true);
  });

  it("corrects a figure's value for an archivist, keeps who, when, before and after, and makes it the fact's value", async () => {
    const figure = await xuanHong();
    // the seed: "… tổ chức "Lễ hội Xuân hồng" năm 2020 … Kết quả tiếp nhận được 442 đơn vị máu."
    expect(figure.value).toBe(442);
    expect(await factValue()).toEqual([442]);
    expect((await app.inject({ method: 'POST', url: `/api/figures/${figure.id}/corrections`, headers: as('analyst'), payload: { value: 443 } })).statusCode).toBe(403);
    const answer = await app.inject({ method: 'POST', url: `/api/figures/${figure.id}/corrections`, headers: as('archivist'), payload: { value: 443, note: 'đối chiếu sổ tiếp nhận' } });
    expect(answer.statusCode).toBe(201);
    const corrected = await xuanHong();
    expect([corrected.value, corrected.reviewed]).toEqual([443, true]);
    expect(await factValue()).toEqual([443]);
    const { corrections } = (await app.inject({ method: 'GET', url: `/api/corrections?document=${figure.document}`, headers: as('analyst') })).json<{ corrections: Record<string, unknown>[] }>();
    expect(corrections[0]).toMatchObject({ field: 'value', before: 442, after: 443, username: 'archivist', note: 'đối chiếu sổ tiếp nhận', page: figure.page, span: figure.span });
    expect(Date.now() - Date.parse(String(corrections[0]!.at))).toBeLessThan(60_000);
  });

  it('keeps corrections when the document is stored again, and confirms a figure as read', async () => {
    const figure = await xuanHong();
    await storeDocument(db, ...(await readSeed003()));
    const again = await xuanHong();
    expect(again.id).not.toBe(figure.id);
    expect([again.value, again.reviewed]).toEqual([443, true]);
    const other = (await app.inject({ method: 'GET', url: `/api/figures?document=${figure.document}&year=2020&metric=registered`, headers: as('analyst') })).json<{ figures: Figure[] }>().figures[0]!;
    const confirmed = await app.inject({ method: 'POST', url: `/api/figures/${other.id}/corrections`, headers: as('archivist'), payload: {} });
    expect(confirmed.json<{ corrections: { field: string }[] }>().corrections.map((c) => c.field)).toEqual(['confirmed']);
    const { figures } = (await app.inject({ method: 'GET', url: `/api/figures?document=${figure.document}&year=2020&metric=registered`, headers: as('analyst') })).json<{ figures: Figure[] }>();
    expect(figures.find((f) => f.text === other.text)).toMatchObject({ value: other.value, reviewed: true });
    expect((await app.inject({ method: 'POST', url: '/api/figures/99999999/corrections', headers: as('archivist'), payload: { value: 1 } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/figures/${other.id}/corrections`, headers: as('archivist'), payload: { metric: 'nonsense' } })).statusCode).toBe(400);
  });

  describe('table cells', () => {
    interface Check { row: string; kind: string; expected: number; printed: number; ok: boolean }
    interface StoredTable { year: number; kind: string; columns: string[]; rows: { label: string; cells: Record<string, number | null> }[]; checks: Check[]; reviewed: [number, string][] }
    // seed 003, the 2020 results by unit: "01 BCĐ. TP. Rạch Giá 978 442 8 69 … 215 1202 123"
    const results = async () => {
      const { document } = await xuanHong();
      const { tables } = (await app.inject({ method: 'GET', url: `/api/documents/${document}`, headers: as('analyst') })).json<{ tables: StoredTable[] }>();
      const number = tables.findIndex((t) => t.kind === 'achieved' && t.year === 2020) + 1;
      const table = tables[number - 1]!;
      const row = table.rows.findIndex((r) => r.label === 'BCĐ. TP. Rạch Giá');
      return { document, number, table, row, url: `/api/documents/${document}/tables/${number}/corrections` };
    };
    const failed = (table: StoredTable) => table.checks.filter((c) => !c.ok).map((c) => [c.kind, c.row, c.expected, c.printed]).sort();
    const cellFact = async (document: string, number: number) => {
      const { facts } = (await app.inject({ method: 'GET', url: '/api/facts?scope=Rach%20Gia&year=2020&metric=achieved', headers: as('analyst') })).json<{
        facts: { value: number; sources: { sha256: string; table?: number; column?: string }[]; conflicts: { value: number }[] }[];
      }>();
      return facts.find((f) => f.sources.some((s) => s.sha256 === document && s.table === number && s.column === 'total'));
    };

    it("corrects a cell for an archivist: the table's checks are made again, the cell is reviewed and is the fact's value", async () => {
      const { document, number, table, row, url } = await results();
      expect(table.rows[row]!.cells.total).toBe(1202);
      // the seed's months do not all add up (T4's column, for one): those stay as they are
      expect(failed(table).filter(([, line]) => line === 'BCĐ. TP. Rạch Giá' || line === 'total')).toEqual([]);
      expect((await app.inject({ method: 'POST', url, headers: as('analyst'), payload: { row, column: 'total', value: 1203 } })).statusCode).toBe(403);
      const answer = await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row, column: 'total', value: 1203, note: 'thử' } });
      expect(answer.statusCode).toBe(201);
      const after = await results();
      expect(after.table.rows[row]!.cells.total).toBe(1203);
      expect(after.table.reviewed).toContainEqual([row, 'total']);
      // 442 + 8 + 69 + 468 + 215 = 1202 ≠ 1203, and the column no longer adds up to the total row's
      const printedTotal = table.checks.find((c) => c.kind === 'column_sum' && c.row === 'total')!.printed;
      expect(failed(after.table)).toEqual([...failed(table), ['row_sum', 'BCĐ. TP. Rạch Giá', 1202, 1203], ['column_sum', 'total', printedTotal + 1, printedTotal]].sort());
      expect((await cellFact(document, number))?.value).toBe(1203);
      const { corrections } = (await app.inject({ method: 'GET', url: `/api/corrections?document=${document}`, headers: as('analyst') })).json<{ corrections: Record<string, unknown>[] }>();
      expect(corrections[0]).toMatchObject({ field: 'value', before: 1202, after: 1203, username: 'archivist', note: 'thử', span: null, cell: { table: number, row, label: 'BCĐ. TP. Rạch Giá', column: 'total' } });
    });

    it('keeps a cell corrected when its document is stored again; corrected back, the checks are as read', async () => {
      const { document, number, row, url } = await results();
      const [extraction, aside] = await readSeed003();
      await storeDocument(db, extraction, aside);
      const again = await results();
      expect(again.document).toBe(document);
      expect(again.table.rows[row]!.cells.total).toBe(1203);
      expect(failed(again.table)).toContainEqual(['row_sum', 'BCĐ. TP. Rạch Giá', 1202, 1203]);
      expect((await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row, column: 'total', value: 1202 } })).statusCode).toBe(201);
      const back = await results();
      expect(back.table.rows[row]!.cells.total).toBe(1202);
      expect(back.table.checks).toEqual(extraction.tables[number - 1]!.checks);
      expect((await cellFact(document, number))?.value).toBe(1202);
    });

    it('refuses a cell with no number, a row or table that is not there, and a value that is no number', async () => {
      const { document, number, table, row, url } = await results();
      const empty = table.columns.find((c) => table.rows[row]!.cells[c] === null)!;
      const refused = await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row, column: empty, value: 5 } });
      expect([refused.statusCode, refused.json<{ error: string }>().error]).toEqual([422, 'Ô này không có số để sửa.']);
      expect((await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row: 999, column: 'total', value: 5 } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row, column: 'nonsense', value: 5 } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/documents/${document}/tables/${number + 50}/corrections`, headers: as('archivist'), payload: { row, column: 'total', value: 5 } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url, headers: as('archivist'), payload: { row, column: 'total', value: 'nhiều' } })).statusCode).toBe(400);
    });
  });
});

describe('users (admin)', () => {
  it('adds a user with a generated password shown once, who can then sign in', async () => {
    const made = await app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload: { username: 'nguyễn.văn.a', role: 'archivist' } });
    expect(made.statusCode).toBe(201);
    const { user, password } = made.json<{ user: { id: number; role: string }; password: string }>();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/u);
    expect(user.role).toBe('archivist');
    expect((await signIn('nguyễn.văn.a', password)).statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload: { username: 'nguyễn.văn.a', role: 'analyst' } });
    expect(again.statusCode).toBe(422);
  });

  it('disabling a user ends their sessions; a new password replaces the old one', async () => {
    const { user, password } = (await app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload: { username: 'tạm', role: 'analyst' } })).json<{ user: { id: number }; password: string }>();
    const cookie = `sohoa_session=${(await signIn('tạm', password)).cookies.find((c) => c.name === 'sohoa_session')!.value}`;
    expect((await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: as('admin'), payload: { disabled: true } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/facts', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn('tạm', password)).statusCode).toBe(401);
    const reset = await app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: as('admin'), payload: { disabled: false, reset_password: true } });
    const fresh = reset.json<{ password: string }>().password;
    expect((await signIn('tạm', password)).statusCode).toBe(401);
    expect((await signIn('tạm', fresh)).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${user.id}`, headers: as('admin') })).statusCode).toBe(204);
    expect((await signIn('tạm', fresh)).statusCode).toBe(401);
  });

  it('keeps the last admin', async () => {
    const { users } = (await app.inject({ method: 'GET', url: '/api/users', headers: as('admin') })).json<{ users: { id: number; username: string }[] }>();
    const admin = users.find((u) => u.username === 'admin')!;
    const demoted = await app.inject({ method: 'PATCH', url: `/api/users/${admin.id}`, headers: as('admin'), payload: { role: 'analyst' } });
    expect(demoted.statusCode).toBe(422);
    expect((await app.inject({ method: 'DELETE', url: `/api/users/${admin.id}`, headers: as('admin') })).statusCode).toBe(422);
  });

  it('refuses a short password', async () => {
    const answer = await app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload: { username: 'ngắn', role: 'analyst', password: 'short' } });
    expect(answer.statusCode).toBe(422);
    expect(answer.json<{ error: string }>().error).toContain('mật khẩu từ 10 ký tự');
  });

  it('a user changes their own password: the old one and every session end', async () => {
    await app.inject({ method: 'POST', url: '/api/users', headers: as('admin'), payload: { username: 'đổi', role: 'analyst', password: 'mật-khẩu-cũ-1' } });
    const answer = await signIn('đổi', 'mật-khẩu-cũ-1');
    const headers = { cookie: `sohoa_session=${answer.cookies.find((c) => c.name === 'sohoa_session')!.value}`, 'x-csrf-token': answer.json<{ csrf_token: string }>().csrf_token };
    const wrong = await app.inject({ method: 'PUT', url: '/api/session/password', headers, payload: { current: 'sai', password: 'mật-khẩu-mới-2' } });
    expect(wrong.statusCode).toBe(422);
    expect((await app.inject({ method: 'PUT', url: '/api/session/password', headers, payload: { current: 'mật-khẩu-cũ-1', password: 'mật-khẩu-mới-2' } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/facts', headers })).statusCode).toBe(401);
    expect((await signIn('đổi', 'mật-khẩu-mới-2')).statusCode).toBe(200);
  });
});

describe('the server itself', () => {
  it('answers health without an account, having asked the database', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/health' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ ok: true, database: { kind: 'pglite', ok: true }, queue: null, driver: 'in-process' });
  });

  it('sends security headers', async () => {
    const answer = await app.inject({ method: 'GET', url: '/' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('documents the API: OpenAPI from the zod schemas, and interactive docs at /docs', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    expect(spec.openapi).toMatch(/^3\./u);
    expect(spec.paths['/api/figures']?.get?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['metric', 'year', 'scope']));
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('the queue board (Redis)', () => {
  const prefix = queuePrefix('board');
  let queues: Queue[];
  let board: FastifyInstance;

  beforeAll(async () => {
    queues = watchedQueues(REDIS_SERVER, prefix);
    const settings = loadSettings({ SOHOA_DATA_DIR: dataDir });
    board = await buildApp({ db, submissions: new Submissions(intake, settings), accounts: new Accounts(db), driver: 'queue', maxFileBytes: MAX_FILE_BYTES, pageImages: new PageImages(db, dataDir), dataDir, queues, pingQueue: () => queues[0]!.getJobCounts('waiting').then(() => undefined) });
  });

  afterAll(async () => {
    await board?.close();
    await Promise.all(queues.map((q) => q.close()));
    await dropQueues(REDIS_SERVER, prefix);
  });

  it('is for admins only, and shows the three queues', async () => {
    expect((await board.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    expect((await board.inject({ method: 'GET', url: '/admin/queues', headers: as('archivist') })).statusCode).toBe(403);
    const page = await board.inject({ method: 'GET', url: '/admin/queues', headers: as('admin') });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('sohoa · hàng đợi');
    expect(page.body).not.toContain('googleapis');
    const listed = (await board.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: as('admin') })).json<{ queues: { name: string }[] }>();
    expect(listed.queues.map((q) => q.name).sort()).toEqual(['documents', 'pages', 'store']);
  });

  it('refuses a change to the queues from another site', async () => {
    const url = '/admin/queues/api/queues/pages/pause';
    expect((await board.inject({ method: 'PUT', url, headers: { ...as('admin', false), origin: 'https://evil.example', host: 'sohoa.local' } })).statusCode).toBe(403);
    expect((await board.inject({ method: 'PUT', url, headers: { ...as('admin', false), origin: 'http://sohoa.local', host: 'sohoa.local' } })).statusCode).toBeLessThan(300);
    expect(await queues.find((q) => q.name === 'pages')!.isPaused()).toBe(true);
  });

  it('says in health that the queue answers', async () => {
    expect((await board.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ ok: true, queue: { ok: true }, driver: 'queue' });
  });
});
