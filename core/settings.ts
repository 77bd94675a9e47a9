// Settings from the environment (CONTRACT.md), read once and checked.
import path from 'node:path';
import { z } from 'zod';

const SettingsSchema = z.object({
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  SOHOA_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** auto: native tesseract when it and its Vietnamese model are installed (faster), tesseract.js otherwise */
  OCR_ENGINE: z.enum(['auto', 'tesseractjs', 'tesseract']).default('auto'),
  /** documents larger than this are refused, so one huge file cannot exhaust a worker */
  SOHOA_MAX_FILE_MB: z.coerce.number().positive().default(200),
  /** documents of more pages than this are refused (a bound volume is split before scanning) */
  SOHOA_MAX_PAGES: z.coerce.number().int().positive().default(250),
  /** the longest a document may take to read (or a worker a page), per page; past it, the document fails (and the rest go on) */
  SOHOA_PAGE_SECONDS: z.coerce.number().positive().default(300),
  /** the memory (V8 heap) a reader process may take (workers/reader.ts); past it, the document fails */
  SOHOA_READER_MEMORY_MB: z.coerce.number().int().positive().default(4096),
  /** the prefix of the queues' Redis keys: installations (or test runs) sharing a Redis keep apart */
  SOHOA_QUEUE_PREFIX: z.string().min(1).default('sohoa'),
  /** page jobs a worker process runs at once (default: its cores) */
  SOHOA_WORKER_CONCURRENCY: z.coerce.number().int().positive().optional(),
  /** how long a worker holds a job before another may take it over, if the holder went silent */
  SOHOA_JOB_LOCK_SECONDS: z.coerce.number().positive().default(30),
});

export type OcrEngineChoice = z.infer<typeof SettingsSchema>['OCR_ENGINE'];

export type Settings = z.infer<typeof SettingsSchema> & { dataDir: string; maxFileBytes: number };

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings = SettingsSchema.parse(env);
  return {
    ...settings,
    dataDir: path.resolve(settings.SOHOA_DATA_DIR),
    maxFileBytes: settings.SOHOA_MAX_FILE_MB * 1024 * 1024,
  };
}
