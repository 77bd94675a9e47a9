// The command line of CONTRACT.md. Exit codes: 0 ok,
// 1 an input failed, 2 usage error.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { compareYears, fileNames, queryFigures } from '../db/queries.js';
import { queryFacts, type FactFilter } from '../db/facts.js';
import { FigureMetric, Measure } from '../core/records.js';
import { openReportingDb } from '../workers/reporting.js';
import type { Db } from '../db/connection.js';
import { ingest } from './ingest.js';
import { exportRecords, factRecord, storedForExport, type Exported } from '../db/export.js';
import { comparisonLines, factLines, figureLines } from './reports.js';
import { startWorkers } from '../workers/worker.js';
import { InputError } from '../core/errors.js';
import { Role } from '../core/accounts.js';
import { LABELS } from '../core/labels.js';
import { Accounts } from '../web/accounts.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { runPipeline } from '../pipeline/run.js';
import { loadSettings } from '../core/settings.js';
import { decodeText } from '../pages/text-file.js';
import { defaultRepairer } from '../repair/model.js';
import { serve } from './serve.js';
import { summarize } from './summary.js';

async function readInput(file: string): Promise<{ filename: string; bytes: Uint8Array }> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { filename: 'stdin', bytes: Buffer.concat(chunks) };
  }
  try {
    return { filename: path.basename(file), bytes: await readFile(file) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'không tồn tại' : code === 'EISDIR' ? 'là thư mục' : `không đọc được (${code})`;
    throw new InputError('unreadable_file', `Tệp ${file} ${why}.`);
  }
}

function buildProgram(): Command {
  const program = new Command('sohoa')
    .description('Số hóa văn bản hành chính tiếng Việt: PDF quét → văn bản → số liệu → cơ sở dữ liệu')
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(message) });

  program
    .command('extract')
    .description('chạy toàn bộ quy trình trên một tệp PDF, ảnh hoặc văn bản (- = đọc từ stdin); không ghi vào cơ sở dữ liệu')
    .argument('<file>', 'tệp PDF, PNG, JPEG, TIFF hoặc văn bản, hoặc - cho stdin')
    .option('--json', 'in một đối tượng Extraction dạng JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const settings = loadSettings();
      const ocr = new LazyOcrProvider(settings.OCR_ENGINE);
      try {
        const extraction = await runPipeline(await readInput(file), { maxFileBytes: settings.maxFileBytes, ocr });
        process.stdout.write(options.json ? `${JSON.stringify(extraction, null, 2)}\n` : `${summarize(extraction)}\n`);
      } finally {
        await ocr.close();
      }
    });
  program
    .command('repair')
    .description('sửa văn bản tiếng Việt: khôi phục dấu bị mất, sửa lỗi nhận dạng OCR, chuyển mã TCVN3/VNI sang Unicode')
    .argument('<file>', 'tệp văn bản UTF-8 (hoặc TCVN3/VNI), hoặc - cho stdin')
    .option('--json', 'in {text, changes: [{offset, before, after, confidence}]}')
    .action(async (file: string, options: { json?: boolean }) => {
      const { bytes } = await readInput(file);
      const result = defaultRepairer().repair(decodeText(bytes));
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : result.text);
    });
  program
    .command('ingest')
    .description('lưu bản gốc và xử lý các tệp (thư mục: mọi tệp PDF, ảnh, văn bản bên trong) vào cơ sở dữ liệu')
    .argument('<path...>', 'tệp hoặc thư mục')
    .option('--no-wait', 'chỉ xếp vào hàng đợi (cần REDIS_URL và DATABASE_URL), không chờ xử lý xong')
    .action(async (paths: string[], options: { wait: boolean }) => {
      const settings = loadSettings();
      if (!options.wait && (!settings.REDIS_URL || !settings.DATABASE_URL)) {
        throw new UsageError('--no-wait cần REDIS_URL (hàng đợi) và DATABASE_URL (PostgreSQL): cơ sở dữ liệu nhúng chỉ được ghi bởi tiến trình đang chờ.');
      }
      process.exitCode = await ingest(paths, options, settings);
    });
  program
    .command('serve')
    .description('API HTTP và giao diện web (cổng PORT, mặc định 3000)')
    .option('--host <host>', 'địa chỉ lắng nghe', '127.0.0.1')
    .option('--samples', 'xử lý các tệp mẫu kèm theo chưa có trong cơ sở dữ liệu')
    .action(async (options: { host: string; samples?: boolean }) => {
      await serve(loadSettings(), { samples: options.samples ?? false, host: options.host });
    });
  program
    .command('worker')
    .description('một tiến trình xử lý hàng đợi (cần REDIS_URL); dừng êm khi nhận SIGTERM')
    .action(async () => {
      const settings = loadSettings();
      if (!settings.REDIS_URL) throw new UsageError('sohoa worker cần REDIS_URL (ví dụ redis://127.0.0.1:6379).');
      // on embedded PGlite the ingesting process stores; on PostgreSQL every worker may
      const tag = `sohoa worker ${process.pid}`;
      const log = { info: (line: string) => process.stdout.write(`${tag}: ${line}\n`), error: (line: string) => process.stderr.write(`${tag}: ${line}\n`) };
      const queues = settings.DATABASE_URL ? (['pages', 'documents', 'store'] as const) : (['pages', 'documents'] as const);
      const running = startWorkers({ ...settings, REDIS_URL: settings.REDIS_URL }, { queues: [...queues], log });
      log.info(`đang chờ việc (${running.workers.map((w) => w.name).join(', ')})`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await running.close();
      log.info('đã dừng');
    });
  const user = program.command('user').description('tài khoản đăng nhập giao diện web và API');
  user
    .command('add')
    .description('thêm người dùng; mật khẩu được tạo ngẫu nhiên và in ra một lần (hoặc đọc từ stdin với --password-stdin)')
    .argument('<username>', 'tên đăng nhập')
    .addOption(new Option('--role <role>', 'vai trò: archivist (lưu trữ: tải lên, duyệt), analyst (phân tích: xem, tra cứu, xuất), admin (quản trị)').choices(Role.options).makeOptionMandatory())
    .option('--password-stdin', 'đọc mật khẩu (dòng đầu) từ stdin')
    .action(async (username: string, options: { role: Role; passwordStdin?: boolean }) => {
      const password = options.passwordStdin ? (await readInput('-')).bytes.toString().split(/\r?\n/u)[0] : undefined;
      await withDb(async (db) => {
        const added = await new Accounts(db).addUser(username, options.role, password);
        process.stdout.write(`Đã thêm ${added.user.username} (${LABELS.roles[added.user.role]})${password ? '' : `, mật khẩu: ${added.password}`}\n`);
      });
    });
  user
    .command('list')
    .description('liệt kê người dùng')
    .action(async () => {
      await withDb(async (db) => {
        for (const u of await new Accounts(db).listUsers()) process.stdout.write(`${u.username}\t${LABELS.roles[u.role]}${u.disabled ? '\tđã khóa' : ''}\n`);
      });
    });
  const query = program.command('query').description('tra cứu cơ sở dữ liệu');
  /** The filters of figures and facts; facts also by measure. */
  const filtered = (command: Command, facts: boolean) => {
    command
      .addOption(new Option('--metric <metric>', 'chỉ số').choices(FigureMetric.options))
      .option('--year <year>', 'năm', parseYear)
      .option('--scope <scope>', 'đơn vị / địa bàn (một phần tên, có dấu hoặc không)')
      .option('--document <document>', 'tên tệp, sha256 (phần đầu) hoặc số văn bản (54/BC-BCĐ)')
      .option('--campaign <campaign>', 'chiến dịch (một phần tên)');
    if (facts) command.addOption(new Option('--measure <measure>', 'đại lượng').choices(Measure.options));
    return command.option('--json', 'in JSON');
  };
  filtered(query.command('figures').description('mọi số liệu đã trích như đã đọc, mỗi số liệu kèm trang và câu chữ gốc'), false).action(
    async (options: FactFilter & { json?: boolean }) => {
      const figures = await withDb((db) => queryFigures(db, options));
      process.stdout.write(options.json ? `${JSON.stringify(figures, null, 2)}\n` : figureLines(figures));
    },
  );
  const printFacts = async (options: FactFilter & { json?: boolean }) => {
    const [facts, names] = await withDb(async (db) => [await queryFacts(db, options), await fileNames(db)] as const);
    process.stdout.write(options.json ? `${JSON.stringify(facts.map(factRecord), null, 2)}\n` : factLines(facts, names));
  };
  filtered(query.command('facts').description('dữ kiện: một giá trị cho mỗi đơn vị, năm, chỉ số và đại lượng, kèm mọi nguồn nói ra nó (các bản sao của một văn bản tính một lần)'), true).action(
    printFacts,
  );
  filtered(program.command('conflicts').description('các dữ kiện mà các nguồn nói khác nhau: giá trị được chọn, các giá trị khác và nguồn của từng giá trị'), true).action(
    (options: FactFilter & { json?: boolean }) => printFacts({ ...options, conflicting: true }),
  );
  program
    .command('compare')
    .description('so sánh hai năm theo đơn vị và toàn địa bàn từ các dữ kiện: giá trị, chênh lệch, phần trăm, tỷ lệ')
    .addOption(new Option('--metric <metric>', 'chỉ số của năm đầu, ví dụ achieved').choices(FigureMetric.options).makeOptionMandatory())
    .addOption(new Option('--to-metric <metric>', 'chỉ số của năm sau (mặc định: cùng chỉ số, không có thì chỉ tiêu)').choices(FigureMetric.options))
    .requiredOption('--years <years>', 'hai năm, ví dụ 2023,2024', parseYears)
    .option('--scope <scope>', 'đơn vị / địa bàn (một phần tên)')
    .option('--json', 'in JSON')
    .action(async (options: { metric: string; toMetric?: string; years: [number, number]; scope?: string; json?: boolean }) => {
      const rows = await withDb((db) => compareYears(db, options));
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 2)}\n` : comparisonLines(rows));
    });
  program
    .command('export')
    .description('xuất số liệu, ô bảng hoặc dữ kiện (Excel: một trang dữ kiện và một trang nguồn)')
    .addOption(new Option('--format <format>', 'định dạng').choices(['csv', 'xlsx', 'json']).makeOptionMandatory())
    .addOption(new Option('--what <what>', 'số liệu, ô bảng hay dữ kiện').choices(['figures', 'cells', 'facts']).default('figures'))
    .option('--output <file>', 'ghi ra tệp (mặc định: stdout)')
    .action(async (options: { format: 'csv' | 'xlsx' | 'json'; what: Exported['what']; output?: string }) => {
      const bytes = await withDb(async (db) => exportRecords(await storedForExport(db, options.what), options.format));
      if (options.output) await writeFile(options.output, bytes);
      else process.stdout.write(bytes);
    });
  return program;
}

class UsageError extends Error {}

/** Runs one read against the configured database, closed afterwards. */
async function withDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const db = await openReportingDb(loadSettings());
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

function parseYear(value: string): number {
  if (!/^(?:19|20)\d{2}$/u.test(value)) throw new InvalidArgumentError('năm phải có dạng 2024.');
  return Number(value);
}

function parseYears(value: string): [number, number] {
  const years = value.split(',').map((year) => parseYear(year.trim()));
  if (years.length !== 2) throw new InvalidArgumentError('cần đúng hai năm, ví dụ 2023,2024.');
  return [years[0]!, years[1]!];
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // a command that failed on some input (ingest) has said so through the exit code
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`Lỗi: ${error.message}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      process.stderr.write(`Lỗi: ${error.message}\n`);
      return 1;
    }
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Lỗi không mong đợi: ${reason}\n`);
    return 1;
  }
}

// a reader that stops early (| head) is no error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
