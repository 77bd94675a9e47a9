// A reader thread (workers/thread-reader.ts): whole documents for the in-process driver (pages, OCR,
// repair, extraction), or single pages for a worker's page jobs, off the process's event loop, one
// task at a time. It tells its parent each step and hands back what it read; the parent holds the
// time limit and, past it, tells the thread to stop its OCR commands before ending it.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../core/errors.js';
import type { OcrEngineChoice } from '../core/settings.js';
import { stopCommands } from '../pages/ocr-engine.js';
import { identify } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { OpenDocuments } from '../pipeline/open-documents.js';
import { runStages } from '../pipeline/run.js';
import type { ThreadAnswer, ThreadTask } from './thread-reader.js';

const { engine, lanes, maxFileBytes } = workerData as { engine: OcrEngineChoice; lanes: number | undefined; maxFileBytes: number };
const ocr = new LazyOcrProvider(engine, lanes);
const documents = new OpenDocuments(maxFileBytes);
const port = parentPort!;
const answer = (message: ThreadAnswer) => port.postMessage(message);

async function perform(task: ThreadTask): Promise<ThreadAnswer> {
  if (task.kind === 'page') return { kind: 'page', texts: await documents.readPage({ ...task, path: task.stored }, task.page, ocr) };
  const file = identify({ filename: task.filename, bytes: await readFile(task.stored) }, maxFileBytes, task.sha256);
  return { kind: 'read', read: await runStages({ file, pdf: null }, { maxFileBytes, ocr, onProgress: (progress) => answer({ kind: 'progress', progress }) }) };
}

port.on('message', async (task: ThreadTask | 'close' | 'stop') => {
  if (task === 'stop') {
    stopCommands();
    answer({ kind: 'stopped' });
    return;
  }
  if (task === 'close') {
    await documents.close();
    await ocr.close();
    port.close();
    return;
  }
  try {
    answer(await perform(task));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer({ kind: 'failed', message, input: error instanceof InputError ? error.code : null });
  }
});
answer({ kind: 'ready' });
