// Records: figures as read, facts (counted once), conflicts, year-over-year comparisons, the records
// browser (figures and table cells, searched, sorted, paged) and exports.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FigureMetric, Measure } from '../../core/records.js';
import type { Db } from '../../db/connection.js';
import { exportBrowsed, exportRecords, factRecord, storedForExport } from '../../db/export.js';
import { queryFacts, type FactFilter } from '../../db/facts.js';
import { compareYears, fileNames, queryFigures } from '../../db/queries.js';
import { browseRecords } from '../../db/records.js';

const TAGS = ['số liệu'];

const Year = z.coerce.number().int().min(1900).max(2100);

const FigureQuery = z.object({
  metric: FigureMetric.optional(),
  year: Year.optional(),
  scope: z.string().min(1).optional(),
  document: z.string().min(1).optional(),
  campaign: z.string().min(1).optional(),
});

const FactQuery = FigureQuery.extend({ measure: Measure.optional() });

const CompareQuery = z.object({
  metric: FigureMetric.default('achieved'),
  to_metric: FigureMetric.optional(),
  years: z
    .string()
    .regex(/^\s*\d{4}\s*,\s*\d{4}\s*$/u, 'hai năm, ví dụ 2023,2024')
    .transform((value) => value.split(',').map((year) => Number(year.trim())) as [number, number]),
  scope: z.string().min(1).optional(),
});

const ExportQuery = FactQuery.extend({
  format: z.enum(['csv', 'xlsx', 'json']),
  what: z.enum(['figures', 'cells', 'facts']).default('figures'),
  conflicts: z.enum(['1']).optional().describe('chỉ dữ kiện có nguồn nói khác'),
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const RecordQuery = z.object({
  q: z.string().trim().min(1).optional().describe('một phần tên đơn vị / địa bàn, có dấu hoặc không'),
  metric: FigureMetric.optional(),
  year: Year.optional(),
  document: z.string().min(1).optional(),
  campaign: z.string().min(1).optional(),
  source: z.enum(['figure', 'cell']).optional(),
  sort: z.enum(['document', 'value', 'year', 'scope', 'metric']).default('document'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().positive().default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
});

const BrowseExportQuery = RecordQuery.omit({ page: true, per_page: true }).extend({ format: z.enum(['csv', 'xlsx']) });

/** Facts as the contract records them, with their ids, and the names of the files their sources are in. */
export const factsAnswer = async (db: Db, filter: FactFilter) => ({
  facts: (await queryFacts(db, filter)).map((f) => ({ id: f.id, ...factRecord(f) })),
  documents: Object.fromEntries(await fileNames(db)),
});

const attachment = (name: string) => `attachment; filename="${name}"`;

export function recordRoutes(db: Db) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get('/api/figures', { schema: { tags: TAGS, summary: 'Số liệu như đã đọc (mọi lần nhắc đến)', querystring: FigureQuery } }, async (request) => ({ figures: await queryFigures(db, request.query) }));

    app.get('/api/facts', { schema: { tags: TAGS, summary: 'Dữ kiện: một giá trị cho mỗi đơn vị, năm, chỉ số, đại lượng, kèm nguồn', querystring: FactQuery } }, (request) => factsAnswer(db, request.query));
    app.get('/api/conflicts', { schema: { tags: TAGS, summary: 'Dữ kiện có nguồn nói khác', querystring: FactQuery } }, (request) => factsAnswer(db, { ...request.query, conflicting: true }));

    app.get('/api/compare', { schema: { tags: TAGS, summary: 'So sánh một chỉ số của năm này với một chỉ số của năm khác', querystring: CompareQuery } }, async (request) => {
      const { metric, to_metric: toMetric, years, scope } = request.query;
      return { rows: await compareYears(db, { metric, toMetric, years, scope }) };
    });

    app.get('/api/export', { schema: { tags: TAGS, summary: 'Xuất số liệu hoặc dữ kiện theo bộ lọc (ô bảng: tất cả), như sohoa export; CSV có BOM', querystring: ExportQuery } }, async (request, reply) => {
      const { format, what, conflicts, ...filter } = request.query;
      const bytes = await exportRecords(await storedForExport(db, what, { ...filter, conflicting: conflicts === '1' }), format);
      // a byte-order mark, so that Excel on Windows reads the CSV as UTF-8 (Vietnamese intact)
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="sohoa-${what}.${format}"`)
        .send(format === 'csv' ? Buffer.concat([Buffer.from('\uFEFF'), bytes]) : bytes);
    });


    app.get(
      '/api/records',
      { schema: { tags: TAGS, summary: 'Số liệu và ô bảng: lọc, tìm theo đơn vị (có dấu hoặc không), sắp xếp, phân trang', querystring: RecordQuery } },
      async (request) => ({ ...(await browseRecords(db, request.query)), page: request.query.page, per_page: request.query.per_page }),
    );

    app.get(
      '/api/records/export',
      { schema: { tags: TAGS, summary: 'Xuất đúng những số liệu đang lọc (CSV có BOM, Excel), tiêu đề tiếng Việt', querystring: BrowseExportQuery } },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const { records } = await browseRecords(db, query);
        return reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', attachment(`sohoa-so-lieu.${format}`)).send(await exportBrowsed(records, format));
      },
    );
  };
}
