// What the queue tests run against: `sohoa` processes (workers and ingests) on the real Redis and
// PostgreSQL, and a Redis server of the test's own that keeps its data on disk (to be restarted).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { Db } from '../db/connection.js';
import { countRows } from './databases.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../..');

export const REDIS_SERVER = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Queue keys of their own for each test, so tests sharing the machine's Redis never meet. */
export const queuePrefix = (name: string) => `sohoa-test-${name}-${process.pid}-${Date.now()}`;

/** Deletes every key of a test's queues from the Redis at `url`. */
export async function dropQueues(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

export interface SohoaProcess {
  child: ChildProcess;
  output(): string;
  errors(): string;
  /** resolves when the output (stdout + stderr) matches, rejects if the process ends first */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function sohoa(args: string[], env: Record<string, string>): SohoaProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/sohoa.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    listeners.forEach((l) => l());
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    exited,
    waitFor: (pattern, timeoutMs = 300_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = (stdout + stderr).match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const ended = () => {
          done();
          reject(new Error(`process ended before ${pattern}\n${stdout}\n${stderr}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', ended);
        };
        listeners.add(check);
        child.once('exit', ended);
        check();
      }),
  };
}

/** Stops a process with SIGTERM (a graceful stop) and waits for it. */
export async function stop(process: SohoaProcess): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGTERM');
  await process.exited;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end('PING\r\n');
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** A Redis server of the test's own, writing every command to its append-only file. */
export class DiskRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<DiskRedis> {
    const redis = new DiskRedis(await freePort(), await mkdtemp(path.join(tmpdir(), 'sohoa-redis-')));
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], {
      stdio: 'ignore',
    });
    await until(() => answers(this.port), 'redis up');
  }

  /** SHUTDOWN: the append-only file is flushed, the server exits */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export interface StoredCounts {
  documents: number;
  pages: number;
  figures: number;
  tables: number;
  cells: number;
  facts: number;
}

export async function storedCounts(db: Db): Promise<StoredCounts> {
  const count = (table: string) => countRows(db, table);
  return {
    documents: await count('documents'),
    pages: await count('pages'),
    figures: await count('figures'),
    tables: await count('doc_tables'),
    cells: await count('table_cells'),
    facts: await count('facts'),
  };
}
