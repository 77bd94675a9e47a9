// A reader process (workers/reader.ts): whole documents for the in-process driver (pages, OCR,
// repair, extraction), or a worker's single pages and documents assembled from their pages, off the
// parent's event loop, one task at a time. It tells its parent each step and hands back what it
// read; the parent holds the time limit. It ends when its parent says so or is gone.
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { OcrEngineChoice } from '../core/settings.js';
import { identify } from '../pages/ingest.js';
import { LazyOcrProvider } from '../pages/ocr-provider.js';
import { OpenDocuments } from '../pipeline/open-documents.js';
import { assembleDocument, runStages } from '../pipeline/run.js';
import type { ReaderAnswer, ReaderTask } from './reader.js';

const { engine, lanes, maxFileBytes } = JSON.parse(process.argv[2]!) as { engine: OcrEngineChoice; lanes: number | undefined; maxFileBytes: number };
const ocr = new LazyOcrProvider(engine, lanes);
const documents = new OpenDocuments(maxFileBytes);
const answer = (message: ReaderAnswer) => process.send!(message);

async function perform(task: ReaderTask): Promise<ReaderAnswer> {
  if (task.kind === 'assemble') return { kind: 'read', read: assembleDocument(task, task.read) };
  if (task.kind === 'page') return { kind: 'page', texts: await documents.readPage(task, task.page, ocr) };
  const file = identify({ filename: task.filename, bytes: await readFile(task.path) }, maxFileBytes, task.sha256);
  return { kind: 'read', read: await runStages({ file, pdf: null }, { maxFileBytes, ocr, onProgress: (progress) => answer({ kind: 'progress', progress }) }) };
}

process.on('message', async (task: ReaderTask | 'close') => {
  if (task === 'close') {
    await documents.close();
    await ocr.close();
    process.exit(0);
  }
  try {
    answer(await perform(task));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer({ kind: 'failed', message, input: error instanceof InputError ? error.code : null });
  }
});
// a parent that is gone (killed) leaves no reader behind
process.on('disconnect', () => process.exit(0));
answer({ kind: 'ready' });
