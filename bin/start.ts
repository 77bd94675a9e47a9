// `npm start`: on embedded defaults, ingests the bundled sample scans and runs every stage built so
// far over them, printing a summary per document. (The server and queues come with their issues.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../pipeline/errors.js';
import { identify, storeOriginal } from '../pipeline/ingest.js';
import { LazyOcrProvider } from '../pipeline/ocr-provider.js';
import { runStages } from '../pipeline/run.js';
import { loadSettings } from '../pipeline/settings.js';
import { ManifestSchema } from '../samples/manifest.js';
import { summarize } from './summary.js';

const samplesDir = path.resolve(fileURLToPath(import.meta.url), '../../samples');
const settings = loadSettings();
const manifest = ManifestSchema.parse(JSON.parse(await readFile(path.join(samplesDir, 'manifest.json'), 'utf8')));

console.log(`sohoa: xử lý ${manifest.length} tệp mẫu; bản gốc lưu tại ${path.join(settings.dataDir, 'originals')}\n`);
let failed = 0;
const ocr = new LazyOcrProvider(settings.OCR_ENGINE);
for (const entry of manifest) {
  const source = { filename: path.basename(entry.file), bytes: await readFile(path.join(samplesDir, entry.file)) };
  try {
    const file = identify(source, settings.maxFileBytes);
    await storeOriginal(file, settings.dataDir);
    console.log(summarize(await runStages(file, { maxFileBytes: settings.maxFileBytes, ocr })), '\n');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    failed += 1;
    console.error(`${source.filename}: Lỗi: ${error.message}`);
  }
}
await ocr.close();
process.exitCode = failed > 0 ? 1 : 0;
