// Load: 20 multi-page scans uploaded at once, each in its own request, to one server with two
// `sohoa worker` processes on Redis + PostgreSQL. Prints the pages per minute from the first upload
// to the last document stored, each document's time from its upload to stored (median, p95,
// slowest), the errors (which must be none), and each process's peak memory (with its reader processes).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestSchema } from '../samples/manifest.js';
import { createTestDatabase } from '../test/databases.js';
import { dropQueues, freePort, queuePrefix, REDIS_SERVER, sohoa, stop } from '../test/queue-harness.js';

const samples = path.resolve(fileURLToPath(import.meta.url), '../../samples');
const UPLOADS = 20;

/** The processes a process started, and theirs (its reader processes, their OCR commands). */
async function descendants(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const children = (await Promise.all(tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')))).flatMap((list) =>
    list.split(/\s+/u).filter(Boolean).map(Number),
  );
  return [...children, ...(await Promise.all(children.map(descendants))).flat()];
}

/** The most memory a process and those it started have each held (VmHWM), summed, in MB. */
async function peakMemoryMb(pid: number): Promise<number> {
  let kB = 0;
  for (const one of [pid, ...(await descendants(pid))]) {
    const status = await readFile(`/proc/${one}/status`, 'utf8').catch(() => '');
    kB += Number(/^VmHWM:\s+(\d+) kB/mu.exec(status)?.[1] ?? 0);
  }
  return kB / 1024;
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;

export async function benchLoad(): Promise<void> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(samples, 'manifest.json'), 'utf8')));
  // the scans of 2 to 5 pages, each sent several times as a file of its own (a comment after its end makes it another file)
  const scans = manifest.filter((e) => e.pages >= 2 && e.pages <= 5);
  const uploads = await Promise.all(
    Array.from({ length: UPLOADS }, async (_, i) => {
      const entry = scans[i % scans.length]!;
      const bytes = Buffer.concat([await readFile(path.join(samples, entry.file)), Buffer.from(`%tải ${i}\n`)]);
      return { name: `${i}-${path.basename(entry.file)}`, bytes, pages: entry.pages };
    }),
  );
  const pages = uploads.reduce((n, u) => n + u.pages, 0);
  const database = await createTestDatabase('postgres');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { REDIS_URL: REDIS_SERVER, DATABASE_URL: database.settings.DATABASE_URL!, SOHOA_DATA_DIR: database.settings.dataDir, SOHOA_QUEUE_PREFIX: queuePrefix('bench-load'), PORT: String(port) };
  const server = sohoa(['serve'], env);
  const workers = [sohoa(['worker'], env), sohoa(['worker'], env)];
  try {
    await server.waitFor(/giao diện và API tại/u, 120_000);
    const [, password] = (await server.waitFor(/tên "admin", mật khẩu: (\S+)/u, 10_000)) as [string, string];
    await Promise.all(workers.map((w) => w.waitFor(/đang chờ việc/u, 60_000)));
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const cookie = /sohoa_session=[^;]+/u.exec(signIn.headers.get('set-cookie') ?? '')![0];
    const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
    const call = async (url: string, init: RequestInit = {}) => fetch(`${base}${url}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, 'x-csrf-token': csrf } });

    const start = performance.now();
    const sent = await Promise.all(
      uploads.map(async (upload) => {
        const form = new FormData();
        form.append('files', new Blob([new Uint8Array(upload.bytes)]), upload.name);
        const answer = (await (await call('/api/documents', { method: 'POST', body: form })).json()) as { accepted?: { sha256: string }[] };
        return { sha256: answer.accepted?.[0]?.sha256 ?? null, at: performance.now() };
      }),
    );
    const stored = new Map<string, number>();
    let errors = sent.filter((s) => !s.sha256).length;
    while (stored.size + errors < UPLOADS) {
      const { submissions, documents } = (await (await call('/api/documents')).json()) as { submissions: { sha256: string; state: string }[]; documents: { sha256: string }[] };
      for (const d of documents) if (!stored.has(d.sha256)) stored.set(d.sha256, performance.now());
      errors = sent.filter((s) => !s.sha256).length + submissions.filter((s) => s.state === 'failed').length;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (performance.now() - start) / 1000;
    const toStored = sent.flatMap((s) => (s.sha256 && stored.has(s.sha256) ? [(stored.get(s.sha256)! - s.at) / 1000] : [])).sort((a, b) => a - b);
    const peaks = await Promise.all([server, ...workers].map((p) => peakMemoryMb(p.child.pid!)));
    console.log(`load   ${UPLOADS} bản quét (${pages} trang) tải lên cùng lúc, mỗi tệp một yêu cầu; 1 máy chủ + 2 worker, Redis + PostgreSQL`);
    console.log(`load   ${((pages / seconds) * 60).toFixed(1)} trang/phút; từ lúc tải lên đến lúc lưu: trung vị ${percentile(toStored, 0.5).toFixed(0)} s, p95 ${percentile(toStored, 0.95).toFixed(0)} s, lâu nhất ${toStored.at(-1)?.toFixed(0)} s; lỗi ${errors}`);
    console.log(`load   đỉnh bộ nhớ (cả tiến trình đọc): máy chủ ${peaks[0]!.toFixed(0)} MB, worker ${peaks.slice(1).map((mb) => `${mb.toFixed(0)} MB`).join(', ')}`);
  } finally {
    await Promise.all([server, ...workers].map(stop));
    await dropQueues(env.REDIS_URL, env.SOHOA_QUEUE_PREFIX);
    await database.drop();
  }
}
