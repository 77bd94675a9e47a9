// Settings from the environment (CONTRACT.md), read once and checked.
import path from 'node:path';
import { z } from 'zod';

const SettingsSchema = z.object({
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  SOHOA_DATA_DIR: z.string().default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  OCR_ENGINE: z.enum(['tesseractjs', 'tesseract']).default('tesseractjs'),
  /** documents larger than this are refused, so one huge file cannot exhaust a worker */
  SOHOA_MAX_FILE_MB: z.coerce.number().positive().default(200),
});

export type Settings = z.infer<typeof SettingsSchema> & { dataDir: string; maxFileBytes: number };

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings = SettingsSchema.parse(env);
  return {
    ...settings,
    dataDir: path.resolve(settings.SOHOA_DATA_DIR),
    maxFileBytes: settings.SOHOA_MAX_FILE_MB * 1024 * 1024,
  };
}
