// Review: what waits for a person (figures read unsure, failed table checks, conflicting facts),
// corrections of figures and table cells (or their confirmation) by archivists, and the audit trail
// of them all.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FigureMetric } from '../../core/records.js';
import type { Db } from '../../db/connection.js';
import { listCorrections, reviewQueue } from '../../db/corrections.js';
import { correctStoredCell, correctStoredFigure } from '../../workers/reporting.js';
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

const CellCorrection = z
  .object({
    row: z.number().int().nonnegative().describe('chỉ số dòng trong bảng (từ 0)'),
    column: z.string().min(1).max(200).describe('khóa cột (total, target, percent, T6 …)'),
    value: z.number().finite().describe('giá trị đúng; bằng giá trị đã đọc: xác nhận ô đúng'),
    note: z.string().trim().max(500).optional(),
  })
  .describe('một ô của bảng và giá trị đúng của nó');

const CELL_REFUSED = {
  no_cell: [404, 'Không có ô này (văn bản có thể vừa được đọc lại; hãy tải lại trang).'],
  no_number: [422, 'Ô này không có số để sửa.'],
} as const;

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

    app.post(
      '/api/documents/:sha256/tables/:table/corrections',
      {
        config: { access: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Sửa (hoặc xác nhận) một ô của bảng; bản đọc gốc giữ trong nhật ký; các phép kiểm tra cộng của bảng và dữ kiện được tính lại',
          params: z.object({ sha256: Sha256, table: z.coerce.number().int().positive().describe('bảng thứ mấy của văn bản (từ 1)') }),
          body: CellCorrection,
        },
      },
      async (request, reply) => {
        const { row, column, value, note } = request.body;
        const cell = { document: request.params.sha256, table: request.params.table, row, column };
        const written = await correctStoredCell(db, cell, value, { id: request.user!.id, username: request.user!.username }, note ?? null);
        if (typeof written === 'string') {
          const [code, error] = CELL_REFUSED[written];
          return reply.code(code).send({ error });
        }
        return reply.code(201).send({ corrections: [written] });
      },
    );

    app.get(
      '/api/corrections',
      { schema: { tags: TAGS, summary: 'Nhật ký sửa: ai, lúc nào, trường nào, trước và sau (mới nhất trước)', querystring: z.object({ document: Sha256.optional() }) } },
      async (request) => ({ corrections: await listCorrections(db, request.query.document) }),
    );
  };
}
