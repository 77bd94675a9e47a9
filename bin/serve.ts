// `sohoa serve` (and `npm start`): the HTTP API and web UI on PORT, documents processed in this
// process (no REDIS_URL) or by `sohoa worker` processes (REDIS_URL). In process, the documents taken
// in before a stop and not stored are read first. With `samples`, the bundled sample scans the
// database does not hold yet are processed (all of them on a first start).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openReportingDb } from '../workers/reporting.js';
import { listDocuments } from '../db/queries.js';
import type { Db } from '../db/connection.js';
import { forgetTakenIn, stillTakenIn } from '../db/store.js';
import { readOriginal } from '../pages/ingest.js';
import type { Settings } from '../core/settings.js';
import { ManifestSchema } from '../samples/manifest.js';
import { Accounts } from '../web/accounts.js';
import { buildApp } from '../web/app.js';
import { PageImages } from '../web/page-images.js';
import { Submissions } from '../web/submissions.js';
import { openIntake } from '../workers/intake.js';
import { watchedQueues } from '../workers/queues.js';

const SAMPLES_DIR = path.resolve(fileURLToPath(import.meta.url), '../../samples');

/** The bundled samples not stored yet: all of them on a first start, the rest after an interrupted one. */
async function submitSamples(submissions: Submissions, stored: Set<string>): Promise<number> {
  const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(SAMPLES_DIR, 'manifest.json'), 'utf8')));
  const missing = manifest.filter((entry) => !stored.has(entry.sha256));
  for (const entry of missing) await submissions.submit(path.basename(entry.file), await readFile(path.join(SAMPLES_DIR, entry.file)));
  return missing.length;
}

/** The documents a server that stopped had taken in and not stored: read now, from their kept originals. */
async function resumeTakenIn(submissions: Submissions, db: Db, dataDir: string): Promise<number> {
  const waiting = await stillTakenIn(db);
  for (const { sha256, filename } of waiting) {
    const original = await readOriginal(dataDir, sha256);
    // (an original that is gone, or no longer admitted, cannot be read again)
    const resumed = original && (await submissions.submit(filename, original.bytes, sha256).then(() => true, () => false));
    if (!resumed) await forgetTakenIn(db, sha256);
  }
  return waiting.length;
}

export async function serve(settings: Settings, options: { samples: boolean; host?: string }): Promise<void> {
  const db = await openReportingDb(settings);
  const intake = await openIntake(settings, db);
  const submissions = new Submissions(intake, settings);
  const accounts = new Accounts(db);
  const queues = settings.REDIS_URL ? watchedQueues(settings.REDIS_URL, settings.SOHOA_QUEUE_PREFIX) : undefined;
  const first = await accounts.firstAdmin();
  const app = await buildApp({
    db,
    submissions,
    accounts,
    ...(intake.ping ? { pingQueue: () => intake.ping!() } : {}),
    driver: settings.REDIS_URL ? 'queue' : 'in-process',
    maxFileBytes: settings.maxFileBytes,
    pageImages: new PageImages(db, settings.dataDir),
    dataDir: settings.dataDir,
    ...(queues ? { queues } : {}),
  });
  const address = await app.listen({ port: settings.PORT, host: options.host ?? '127.0.0.1' });
  process.stdout.write(`sohoa: giao diện và API tại ${address} (cơ sở dữ liệu ${db.kind === 'postgres' ? 'PostgreSQL' : `PGlite tại ${path.join(settings.dataDir, 'db')}`}; ${settings.REDIS_URL ? 'xử lý bởi các tiến trình sohoa worker' : 'xử lý trong tiến trình này'})\n`);
  if (first) {
    process.stdout.write(
      `sohoa: chưa có tài khoản nào — đã tạo quản trị viên. Đăng nhập tại ${address} với tên "${first.user.username}", mật khẩu: ${first.password}\n` +
        'sohoa: mật khẩu này chỉ hiện một lần; hãy đổi nó sau khi đăng nhập, và tạo tài khoản cho người khác trong mục Quản trị (hoặc: npx sohoa user add <tên> --role archivist).\n',
    );
  }
  if (!settings.REDIS_URL) {
    const count = await resumeTakenIn(submissions, db, settings.dataDir);
    if (count > 0) process.stdout.write(`sohoa: đang đọc tiếp ${count} tệp đã nhận trước lần dừng trước\n`);
  }
  if (options.samples) {
    const count = await submitSamples(submissions, new Set((await listDocuments(db)).map((d) => d.sha256)));
    if (count > 0) process.stdout.write(`sohoa: đang xử lý ${count} tệp mẫu chưa có trong cơ sở dữ liệu (xem tiến độ trên giao diện)\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.stdout.write('sohoa: đang dừng (chờ văn bản đang xử lý)…\n');
  await app.close();
  await Promise.all((queues ?? []).map((queue) => queue.close()));
  await intake.close();
  await db.close();
}
