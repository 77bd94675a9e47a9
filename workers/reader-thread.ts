// The thread that reads documents for the in-process driver: each document's stages (pages, OCR,
// repair, extraction) run here, off the server's event loop, one at a time. It tells its parent
// each step and hands back what it read; the parent stores it and holds the time limit.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import type { OcrEngineChoice } from '../core/settings.js';
import { identify } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { runStages } from '../pipeline/run.js';
import type { ThreadAnswer, ThreadTask } from './thread-reader.js';

const { engine, maxFileBytes } = workerData as { engine: OcrEngineChoice; maxFileBytes: number };
const ocr = new LazyOcrProvider(engine);
const port = parentPort!;
const answer = (message: ThreadAnswer) => port.postMessage(message);

port.on('message', async (task: ThreadTask | 'close') => {
  if (task === 'close') {
    await ocr.close();
    port.close();
    return;
  }
  try {
    const file = identify({ filename: task.filename, bytes: await readFile(task.stored) }, maxFileBytes, task.sha256);
    const read = await runStages({ file, pdf: null }, { maxFileBytes, ocr, onProgress: (progress) => answer({ kind: 'progress', progress }) });
    answer({ kind: 'read', read });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer({ kind: 'failed', message, input: error instanceof InputError ? error.code : null });
  }
});
answer({ kind: 'ready' });
