// The HTTP API and the web UI (`sohoa serve`): security headers, accounts, the OpenAPI document,
// health, and the route plugins of routes/ (accounts, documents, records). Routes validate their
// input with zod schemas; the services they call (accounts, intake, queries) know nothing of HTTP.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/connection.js';
import { InputError } from '../core/errors.js';
import { LABELS } from '../core/labels.js';
import type { Submissions } from './submissions.js';
import type { Accounts } from './accounts.js';
import { installAuth } from './auth.js';
import { accountRoutes } from './routes/accounts.js';
import { documentRoutes } from './routes/documents.js';
import { recordRoutes } from './routes/records.js';
import { reviewRoutes } from './routes/review.js';
import { registerQueueBoard } from './queue-board.js';
import type { Queue } from 'bullmq';
import type { PageImages } from './page-images.js';

const UI_DIR = path.resolve(fileURLToPath(import.meta.url), '../ui');
const CHART_DIR = path.dirname(createRequire(import.meta.url).resolve('chart.js'));

interface AppServices {
  db: Db;
  submissions: Submissions;
  accounts: Accounts;
  /** on the queues: throws, or never settles, when their Redis does not answer */
  pingQueue?: () => Promise<void>;
  /** how documents are processed, as the health route reports it */
  driver: 'in-process' | 'queue';
  maxFileBytes: number;
  pageImages: PageImages;
  dataDir: string;
  /** on the queues: shown to admins at /admin/queues */
  queues?: Queue[];
}

export async function buildApp(services: AppServices): Promise<FastifyInstance> {
  const { db, submissions } = services;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, _request, reply) => {
    if (error.validation) return reply.code(400).send({ error: `Tham số không hợp lệ: ${error.message}` });
    if (error instanceof InputError) return reply.code(422).send({ error: error.message });
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) process.stderr.write(`sohoa serve: ${error.stack ?? error.message}\n`);
    return reply.code(status).send({ error: status === 500 ? 'Lỗi máy chủ.' : error.message });
  });

  // no upgrade-insecure-requests: an office server is often reached over plain HTTP on its network,
  // where the browser would then ask for every script and style over HTTPS and get nothing
  await app.register(helmet, { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(multipart, { limits: { fileSize: services.maxFileBytes, files: 50 }, throwFileSizeLimit: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'sohoa', description: 'Số hóa văn bản hành chính: văn bản, số liệu, dữ kiện', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sohoa_session' },
          token: { type: 'http', scheme: 'bearer', description: 'mã API sohoa_… (POST /api/tokens)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets inline styles its shipped hashes do not cover (with a hash listed, a browser
    // ignores 'unsafe-inline'); scripts stay limited to its own files and hashes
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/u, "style-src 'self' 'unsafe-inline'").replace(/\s*upgrade-insecure-requests;/u, ''),
  });
  await app.register(fastifyStatic, { root: UI_DIR, prefix: '/' });
  // the charting library the UI draws with, as its package ships it (no CDN, no build step)
  await app.register(fastifyStatic, { root: CHART_DIR, prefix: '/vendor/chart.js/', decorateReply: false, allowedPath: (file) => file === '/chart.umd.min.js' });
  installAuth(app, services.accounts);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(accountRoutes(services.accounts));

  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['hệ thống'], summary: 'Máy chủ, cơ sở dữ liệu và hàng đợi có trả lời không' } }, async (_request, reply) => {
    // a service that is down may never answer: two seconds each
    const answers = (check: () => Promise<unknown>) =>
      Promise.race([check().then(() => true, () => false), new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false).unref())]);
    const database = await answers(() => db.query('SELECT 1'));
    const queue = services.pingQueue ? await answers(services.pingQueue) : null;
    const ok = database && queue !== false;
    return reply.code(ok ? 200 : 503).send({ ok, database: { kind: db.kind, ok: database }, queue: queue === null ? null : { ok: queue }, driver: services.driver });
  });

  app.get('/api/labels', { schema: { tags: ['hệ thống'], summary: 'Tên tiếng Việt của các mã' } }, async () => LABELS);

  await app.register(documentRoutes({ db, submissions, pageImages: services.pageImages, dataDir: services.dataDir, maxFileBytes: services.maxFileBytes }));

  await app.register(recordRoutes(db));
  await app.register(reviewRoutes(db));
  if (services.queues) await registerQueueBoard(app, services.queues);

  return app;
}
