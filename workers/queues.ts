// The queues of the document flow and the ids of their jobs. A document is a flow of jobs:
//   store (persist the records)  ←  assemble (repair, figures, tables)  ←  one job per page
// Job ids derive from the document's sha256, the stage and the page, so that a retry or a second
// upload of the same file never duplicates work or rows.
import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';

export const QUEUES = {
  pages: 'pages',
  documents: 'documents',
  store: 'store',
} as const;

export interface DocumentJob {
  sha256: string;
  filename: string;
  /** the stored original, readable by every worker (a shared SOHOA_DATA_DIR) */
  path: string;
}

export interface PageJob extends DocumentJob {
  page: number;
}

/** BullMQ job ids may not contain ':' */
export const jobIds = {
  store: (sha256: string) => `${sha256}-store`,
  assemble: (sha256: string) => `${sha256}-assemble`,
  page: (sha256: string, page: number) => `${sha256}-page-${page}`,
};

const JOB_ID = /^([0-9a-f]{64})-(?:store|assemble|page-(\d+))$/u;

/** The document (and, for a page job, the page) a job id of `jobIds` names; null for another id. */
export function jobOf(jobId: string): { sha256: string; page: number | null } | null {
  const match = JOB_ID.exec(jobId);
  return match ? { sha256: match[1]!, page: match[2] === undefined ? null : Number(match[2]) } : null;
}

export const JOB_OPTIONS: DefaultJobOptions = {
  // a database or an engine that is briefly away: retried after 1, 2, 4 … 128 s
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * The connection settings of a redis:// or rediss:// URL. Given settings rather than a connection,
 * BullMQ makes its own connections and closes them with the queue or worker; a command waits
 * for a Redis that is away instead of failing.
 */
export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db: Number(parsed.pathname.slice(1) || 0),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** The three queues, for watching them (the server's queue board); the caller closes them. */
export const watchedQueues = (redisUrl: string, prefix: string): Queue[] =>
  Object.values(QUEUES).map((name) => new Queue(name, { connection: redisConnection(redisUrl), prefix }));
