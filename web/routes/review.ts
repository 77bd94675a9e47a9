// Review: what waits for a person (figures read unsure, failed table checks, conflicting facts),
// corrections of figures (or their confirmation) by archivists, and the audit trail of them all.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FigureMetric } from '../../core/records.js';
import type { Db } from '../../db/connection.js';
import { listCorrections, reviewQueue } from '../../db/corrections.js';
import { correctStoredFigure } from '../../workers/reporting.js';
import { Sha256 } from './documents.js';
import { factsAnswer } from './records.js';

const TAGS = ['duyệt và sửa'];

const FigureCorrection = z
  .object({
    value: z.number().finite().optional(),
    metric: FigureMetric.optional(),
    unit: z.string().trim().min(1).max(60).optional(),
    year: z.number().int().min(1900).max(2100).nullable().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .describe('các trường cần sửa; không trường nào: xác nhận số liệu đúng như đã đọc');

export function reviewRoutes(db: Db) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get('/api/review', { schema: { tags: TAGS, summary: 'Việc chờ duyệt: số liệu đọc chưa chắc, phép kiểm tra cộng không khớp, dữ kiện có nguồn nói khác' } }, async () => {
      const { facts: conflicts, documents } = await factsAnswer(db, { conflicting: true });
      return { ...(await reviewQueue(db)), conflicts, documents };
    });

    app.post(
      '/api/figures/:id/corrections',
      {
        config: { access: 'write' },
        schema: { tags: TAGS, summary: 'Sửa (hoặc xác nhận) một số liệu: giá trị, chỉ số, đơn vị tính, năm; bản đọc gốc giữ trong nhật ký; dữ kiện được tính lại', params: z.object({ id: z.coerce.number().int().positive() }), body: FigureCorrection },
      },
      async (request, reply) => {
        const { note, ...changes } = request.body;
        const written = await correctStoredFigure(db, request.params.id, changes, { id: request.user!.id, username: request.user!.username }, note ?? null);
        if (!written) return reply.code(404).send({ error: 'Không có số liệu này (văn bản có thể vừa được đọc lại; hãy tải lại trang).' });
        return reply.code(201).send({ corrections: written });
      },
    );

    app.get(
      '/api/corrections',
      { schema: { tags: TAGS, summary: 'Nhật ký sửa: ai, lúc nào, trường nào, trước và sau (mới nhất trước)', querystring: z.object({ document: Sha256.optional() }) } },
      async (request) => ({ corrections: await listCorrections(db, request.query.document) }),
    );
  };
}
