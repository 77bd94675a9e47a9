// The command line of CONTRACT.md. Only commands whose stages exist are listed; the rest come
// with their issues. Exit codes: 0 ok, 1 an input failed, 2 usage error.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { InputError } from '../pipeline/errors.js';
import { LazyOcrProvider } from '../pipeline/ocr-provider.js';
import { runPipeline } from '../pipeline/run.js';
import { loadSettings } from '../pipeline/settings.js';
import { decodeText } from '../pipeline/text-file.js';
import { defaultRepairer } from '../repair/model.js';
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
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
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

process.exitCode = await main(process.argv);
