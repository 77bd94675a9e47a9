// What analysts and staff ask of the database: figures by metric, year, scope, document and
// campaign; year-over-year comparisons per metric and per unit; and the rows behind an export.
import { fold } from '../lang/vietnamese.js';
import type { Db } from './connection.js';

interface FigureFilter {
  metric?: string | undefined;
  year?: number | undefined;
  scope?: string | undefined;
  document?: string | undefined;
  campaign?: string | undefined;
}

export interface StoredFigure {
  document: string;
  filename: string;
  metric: string;
  value: number;
  unit: string;
  year: number | null;
  scope: string | null;
  campaign: string | null;
  qualifier: string | null;
  page: number;
  span: [number, number];
  text: string;
  confidence: number;
}

export async function queryFigures(db: Db, filter: FigureFilter): Promise<StoredFigure[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT f.*, d.filename FROM figures f JOIN documents d ON d.sha256 = f.document
     WHERE ($1::text IS NULL OR f.metric = $1)
       AND ($2::int IS NULL OR f.year = $2)
       AND ($3::text IS NULL OR f.scope ILIKE '%' || $3 || '%')
       AND ($4::text IS NULL OR f.document LIKE $4 || '%' OR d.filename = $4)
       AND ($5::text IS NULL OR f.campaign ILIKE '%' || $5 || '%')
     ORDER BY d.filename, f.page, f.span_start`,
    [filter.metric ?? null, filter.year ?? null, filter.scope ?? null, filter.document ?? null, filter.campaign ?? null],
  );
  return rows.map((r) => ({
    document: String(r.document),
    filename: String(r.filename),
    metric: String(r.metric),
    value: Number(r.value),
    unit: String(r.unit),
    year: r.year === null ? null : Number(r.year),
    scope: (r.scope as string | null) ?? null,
    campaign: (r.campaign as string | null) ?? null,
    qualifier: (r.qualifier as string | null) ?? null,
    page: Number(r.page),
    span: [Number(r.span_start), Number(r.span_end)],
    text: String(r.text),
    confidence: Number(r.confidence),
  }));
}

export interface Comparison {
  /** the unit or area compared (null: the whole area a document speaks of) */
  scope: string | null;
  /** what is counted: đơn vị máu, người … */
  unit: string;
  from: { year: number; metric: string; value: number };
  to: { year: number; metric: string; value: number } | null;
  change: number | null;
  ratio: number | null;
}

/**
 * One row per unit (and per area figure): the metric in the first year against the same metric in
 * the second, or, when the second year has none, against its target (last year's result against
 * this year's plan).
 */
export async function compareYears(db: Db, metric: string, [from, to]: [number, number], scope?: string): Promise<Comparison[]> {
  const figures = await db.query<{ metric: string; value: number; unit: string; year: number; scope: string | null }>(
    // a year's figures, not a campaign's (Xuân hồng 2020's 442 units are part of the year's 1202)
    `SELECT metric, max(value) AS value, unit, year, scope FROM figures
     WHERE year IN ($1, $2) AND metric IN ($3, 'target') AND campaign IS NULL GROUP BY metric, unit, year, scope`,
    [from, to, metric],
  );
  // per-unit values from the tables: a result is a row's total, a target its target column
  const cells = await db.query<{ metric: string; value: number; year: number; scope: string }>(
    `SELECT CASE WHEN c.kind = 'achieved' AND c.col = 'total' THEN 'achieved' ELSE 'target' END AS metric,
            sum(c.value) AS value, c.year, u.name AS scope
     FROM table_cells c JOIN units u ON u.id = c.unit
     WHERE c.year IN ($1, $2) AND ((c.kind = 'achieved' AND c.col = 'total') OR (c.kind IN ('allocation', 'target') AND c.col = 'target'))
     GROUP BY 1, c.year, u.name`,
    [from, to],
  );
  const values = [
    ...figures.map((f) => ({ ...f, value: Number(f.value), year: Number(f.year) })),
    ...cells.map((c) => ({ ...c, value: Number(c.value), year: Number(c.year), unit: 'đơn vị máu' })),
  ];
  const wanted = (s: string | null) => !scope || (s !== null && fold(s).includes(fold(scope)));
  const comparisons: Comparison[] = [];
  for (const start of values.filter((v) => v.metric === metric && v.year === from && wanted(v.scope))) {
    const same = (v: (typeof values)[number]) => v.year === to && v.unit === start.unit && v.scope === start.scope;
    const end = values.find((v) => same(v) && v.metric === metric) ?? values.find((v) => same(v) && v.metric === 'target');
    comparisons.push({
      scope: start.scope,
      unit: start.unit,
      from: { year: from, metric, value: start.value },
      to: end ? { year: to, metric: end.metric, value: end.value } : null,
      change: end ? end.value - start.value : null,
      ratio: end && start.value !== 0 ? Math.round((end.value / start.value) * 1000) / 1000 : null,
    });
  }
  return comparisons.sort((a, b) => (a.scope ?? '').localeCompare(b.scope ?? '', 'vi'));
}

export interface StoredCell {
  document: string;
  table: string | null;
  year: number | null;
  kind: string;
  unit: string | null;
  label: string;
  column: string;
  month: number | null;
  value: number;
}

export async function queryCells(db: Db): Promise<StoredCell[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.filename AS document, t.title, c.year, c.kind, u.name AS unit, c.label, c.col, c.month, c.value
     FROM table_cells c JOIN doc_tables t ON t.id = c.doc_table JOIN documents d ON d.sha256 = c.document
     LEFT JOIN units u ON u.id = c.unit ORDER BY d.filename, t.position, c.id`,
  );
  return rows.map((r) => ({
    document: String(r.document),
    table: (r.title as string | null) ?? null,
    year: r.year === null ? null : Number(r.year),
    kind: String(r.kind),
    unit: (r.unit as string | null) ?? null,
    label: String(r.label),
    column: String(r.col),
    month: r.month === null ? null : Number(r.month),
    value: Number(r.value),
  }));
}

interface StoredDocument {
  sha256: string;
  filename: string;
  kind: string | null;
  number: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  page_count: number;
  text_source: string;
  figures: number;
  tables: number;
  warnings: number;
  stored_at: string;
}

export async function listDocuments(db: Db, sha256?: string): Promise<StoredDocument[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.sha256, d.filename, d.kind, d.number, d.issuer, d.date, d.subject, d.page_count, d.text_source,
            (SELECT count(*) FROM figures f WHERE f.document = d.sha256) AS figures,
            (SELECT count(*) FROM doc_tables t WHERE t.document = d.sha256) AS tables,
            (SELECT count(*) FROM processing_events e WHERE e.document = d.sha256 AND e.kind = 'warning') AS warnings,
            (SELECT max(e.at) FROM processing_events e WHERE e.document = d.sha256 AND e.kind = 'stored') AS stored_at
     FROM documents d
     WHERE ($1::text IS NULL OR d.sha256 = $1)
     ORDER BY stored_at DESC, d.filename`,
    [sha256 ?? null],
  );
  return rows.map((r) => ({
    sha256: String(r.sha256),
    filename: String(r.filename),
    kind: (r.kind as string | null) ?? null,
    number: (r.number as string | null) ?? null,
    issuer: (r.issuer as string | null) ?? null,
    date: (r.date as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
    page_count: Number(r.page_count),
    text_source: String(r.text_source),
    figures: Number(r.figures),
    tables: Number(r.tables),
    warnings: Number(r.warnings),
    stored_at: new Date(r.stored_at as string).toISOString(),
  }));
}

interface StoredPage {
  page: number;
  text: string;
  source: string;
  quality: number;
  ocr_confidence: number | null;
}

export async function documentPages(db: Db, sha256: string): Promise<StoredPage[]> {
  const rows = await db.query<Record<string, unknown>>('SELECT page, text, source, quality, ocr_confidence FROM pages WHERE document = $1 ORDER BY page', [sha256]);
  return rows.map((r) => ({
    page: Number(r.page),
    text: String(r.text),
    source: String(r.source),
    quality: Number(r.quality),
    ocr_confidence: r.ocr_confidence === null ? null : Number(r.ocr_confidence),
  }));
}

interface StoredEvent {
  kind: string;
  code: string | null;
  page: number | null;
  message: string;
}

export async function documentEvents(db: Db, sha256: string): Promise<StoredEvent[]> {
  const rows = await db.query<Record<string, unknown>>('SELECT kind, code, page, message FROM processing_events WHERE document = $1 ORDER BY id', [sha256]);
  return rows.map((r) => ({ kind: String(r.kind), code: (r.code as string | null) ?? null, page: r.page === null ? null : Number(r.page), message: String(r.message) }));
}

interface StoredTable {
  page: number;
  title: string | null;
  year: number | null;
  kind: string;
  columns: string[];
  rows: { label: string; scope: string | null; parent: string | null; cells: Record<string, number | null> }[];
  checks: { row: string | null; kind: string; expected: number; printed: number | null; ok: boolean }[];
}

export async function documentTables(db: Db, sha256: string): Promise<StoredTable[]> {
  const rows = await db.query<Record<string, unknown>>('SELECT page, title, year, kind, columns, rows, checks FROM doc_tables WHERE document = $1 ORDER BY position', [sha256]);
  // JSONB arrives parsed from PostgreSQL and PGlite alike; a TEXT column would not
  const json = <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
  return rows.map((r) => ({
    page: Number(r.page),
    title: (r.title as string | null) ?? null,
    year: r.year === null ? null : Number(r.year),
    kind: String(r.kind),
    columns: json(r.columns),
    rows: json(r.rows),
    checks: json(r.checks),
  }));
}
