// Documents: upload, the list (stored, and in hand with their stage), one document with its pages,
// figures, tables, warnings and copies, its page images and words' places, its original, deletion.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import { documentCopies, documentEvents, documentPages, documentTables, listDocuments, pageLayout, queryFigures } from '../../db/queries.js';
import { originalType, readOriginal, removeOriginal } from '../../pages/ingest.js';
import { deleteDocument } from '../../workers/reporting.js';
import type { PageImages } from '../page-images.js';
import type { Submissions } from '../submissions.js';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u, 'sha256 gồm 64 chữ số hex');
const OfDocument = z.object({ sha256: Sha256 });
const OfPage = OfDocument.extend({ page: z.coerce.number().int().positive() });
const TAGS = ['văn bản'];

const MIME = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff', text: 'text/plain; charset=utf-8' } as const;

/** Content-Disposition for a Vietnamese file name: an ASCII fallback and the UTF-8 name (RFC 6266). */
const attachment = (filename: string) =>
  `attachment; filename="${filename.normalize('NFD').replace(/[^\x20-\x7e]/gu, '').replace(/["\\]/gu, '_') || 'tep'}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

interface DocumentServices {
  db: Db;
  submissions: Submissions;
  pageImages: PageImages;
  dataDir: string;
  maxFileBytes: number;
}

export function documentRoutes({ db, submissions, pageImages, dataDir, maxFileBytes }: DocumentServices) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const missing = { error: 'Không có văn bản này.' };

    app.get('/api/documents', { schema: { tags: TAGS, summary: 'Văn bản đã lưu và văn bản đang xử lý' } }, async () => ({
      documents: await listDocuments(db),
      submissions: submissions.list().filter((s) => s.state !== 'stored'),
    }));

    // open event streams, ended when the server stops (they would hold it open)
    const streams = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const stream of streams) stream.end();
    });

    app.get(
      '/api/events',
      {
        schema: {
          tags: TAGS,
          summary: 'Tiến độ xử lý trực tiếp (server-sent events): sự kiện "submission" mỗi khi một văn bản được nhận, đọc xong một trang, sang bước mới, được lưu hoặc lỗi',
        },
      },
      (request, reply) => {
        reply.hijack();
        const stream = reply.raw;
        stream.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
        const send = (state: unknown) => stream.write(`event: submission\ndata: ${JSON.stringify(state)}\n\n`);
        for (const state of submissions.list()) send(state);
        const stop = submissions.onChange(send);
        // a comment now and then keeps proxies from closing a quiet stream
        const beat = setInterval(() => stream.write(': …\n\n'), 15_000);
        streams.add(stream);
        request.raw.on('close', () => {
          stop();
          clearInterval(beat);
          streams.delete(stream);
        });
      },
    );

    app.get('/api/documents/:sha256', { schema: { tags: TAGS, summary: 'Một văn bản: trang, số liệu, bảng, cảnh báo, bản sao', params: OfDocument } }, async (request, reply) => {
      const { sha256 } = request.params;
      const [document] = await listDocuments(db, sha256);
      const submission = submissions.get(sha256) ?? null;
      if (!document) {
        if (!submission) return reply.code(404).send(missing);
        return { document: null, submission, pages: [], figures: [], tables: [], events: [], copies: [], images: false };
      }
      const type = await originalType(dataDir, sha256);
      return {
        document,
        submission,
        /** whether its pages have images (a PDF or an image file kept) */
        images: type !== null && type !== 'text',
        pages: await documentPages(db, sha256),
        figures: await queryFigures(db, { document: sha256 }),
        tables: await documentTables(db, sha256),
        events: await documentEvents(db, sha256),
        copies: await documentCopies(db, sha256),
      };
    });

    app.get('/api/documents/:sha256/original', { schema: { tags: TAGS, summary: 'Tải bản gốc', params: OfDocument } }, async (request, reply) => {
      const { sha256 } = request.params;
      const [document] = await listDocuments(db, sha256);
      const original = document && (await readOriginal(dataDir, sha256));
      if (!document || !original) return reply.code(404).send(missing);
      return reply.header('content-type', MIME[original.type]).header('content-disposition', attachment(document.filename)).send(original.bytes);
    });

    app.get('/api/documents/:sha256/pages/:page/image', { schema: { tags: TAGS, summary: 'Ảnh trang (WebP), như khi được đọc: dựng thẳng', params: OfPage } }, async (request, reply) => {
      const { sha256, page } = request.params;
      const image = (await listDocuments(db, sha256)).length > 0 ? await pageImages.get(sha256, page) : null;
      if (!image) return reply.code(404).send({ error: 'Trang này không có ảnh.' });
      return reply.header('content-type', 'image/webp').header('cache-control', 'private, max-age=3600').send(image);
    });

    app.get('/api/documents/:sha256/pages/:page/layout', { schema: { tags: TAGS, summary: 'Vị trí từng chữ của trang trên ảnh trang (trang OCR)', params: OfPage } }, async (request, reply) => {
      const layout = await pageLayout(db, request.params.sha256, request.params.page);
      return layout ?? reply.code(404).send({ error: 'Trang này không có vị trí chữ (văn bản lấy từ lớp chữ).' });
    });

    app.post('/api/documents', { config: { access: 'write' }, schema: { tags: TAGS, summary: 'Tải lên tệp (multipart/form-data); tệp đã có trong kho không được đọc lại (duplicates)' } }, async (request, reply) => {
      if (!request.isMultipart()) return reply.code(415).send({ error: 'Gửi tệp dạng multipart/form-data.' });
      const accepted = [];
      const refused = [];
      const duplicates = [];
      for await (const part of request.files()) {
        // a file over the limit arrives cut at the limit (throwFileSizeLimit: false), so that the
        // files after it are still read and answered
        const bytes = await part.toBuffer();
        if (part.file.truncated) {
          refused.push({ filename: part.filename, error: `Tệp lớn hơn giới hạn ${Math.round(maxFileBytes / 1024 / 1024)} MB.` });
          continue;
        }
        // the same file again is not read again: it is said where it is
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const [stored] = await listDocuments(db, sha256);
        if (stored) {
          duplicates.push({ filename: part.filename, sha256: stored.sha256, stored_as: stored.filename });
          continue;
        }
        try {
          accepted.push(await submissions.submit(part.filename || 'tệp', bytes, sha256));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          refused.push({ filename: part.filename, error: error.message });
        }
      }
      if (accepted.length + refused.length + duplicates.length === 0) return reply.code(400).send({ error: 'Không có tệp nào.' });
      return reply.code(accepted.length > 0 ? 202 : duplicates.length > 0 ? 200 : 422).send({ accepted, refused, duplicates });
    });

    app.delete(
      '/api/documents/:sha256',
      { config: { access: 'write' }, schema: { tags: TAGS, summary: 'Xóa văn bản: bản gốc, mọi thứ đọc được từ nó; dữ kiện được tính lại', params: OfDocument } },
      async (request, reply) => {
        const { sha256 } = request.params;
        if (submissions.get(sha256)?.state === 'processing') return reply.code(409).send({ error: 'Văn bản đang được xử lý; hãy xóa khi xử lý xong.' });
        const stored = await deleteDocument(db, sha256);
        const known = submissions.forget(sha256);
        if (!stored && !known) return reply.code(404).send(missing);
        await removeOriginal(dataDir, sha256);
        await pageImages.forget(sha256);
        return reply.code(204).send();
      },
    );
  };
}
