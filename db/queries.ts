// What analysts and staff ask of the database: figures (every mention, as read) by metric, year,
// scope, document and campaign; year-over-year comparisons of facts per unit and area; documents,
// their pages, tables and events; and the rows behind an export.
import { fold, scopeKey } from '../lang/vietnamese.js';
import { folded, NUMBERED } from './records.js';
import { parsedJson, type Db } from './connection.js';
import type { PageLayout } from '../core/records.js';
import { DOCUMENT_NAME, IS_COPY } from './facts.js';

interface FigureFilter {
  metric?: string | undefined;
  year?: number | undefined;
  scope?: string | undefined;
  document?: string | undefined;
  campaign?: string | undefined;
}

export interface StoredFigure {
  /** the stored row (changes when its document is stored again) */
  id: number;
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
  /** a person corrected or confirmed it */
  reviewed: boolean;
}

export async function queryFigures(db: Db, filter: FigureFilter): Promise<StoredFigure[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT f.*, d.filename FROM figures f JOIN documents d ON d.sha256 = f.document
     WHERE ($1::text IS NULL OR f.metric = $1)
       AND ($2::int IS NULL OR f.year = $2)
       AND ($3::text IS NULL OR ${folded('f.scope')} LIKE '%' || $3 || '%')
       AND ($4::text IS NULL OR f.document LIKE $4 || '%' OR d.filename = $4 OR ${NUMBERED('f')})
       AND ($5::text IS NULL OR ${folded('f.campaign')} LIKE '%' || $5 || '%')
     ORDER BY d.filename, f.page, f.span_start`,
    [filter.metric ?? null, filter.year ?? null, filter.scope ? fold(filter.scope) : null, filter.document ?? null, filter.campaign ? fold(filter.campaign) : null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
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
    reviewed: Boolean(r.reviewed),
  }));
}

export interface Comparison {
  /** the unit or area compared (null: an area no document names) */
  scope: string | null;
  /** what is counted: đơn vị máu, người … */
  unit: string;
  measure: string;
  from: { year: number; metric: string; value: number };
  to: { year: number; metric: string; value: number } | null;
  change: number | null;
  /** the second value over the first */
  ratio: number | null;
  /** the change as a percentage of the first value */
  change_percent: number | null;
}

interface ComparisonQuery {
  /** the metric of the first year */
  metric: string;
  /** the metric of the second year; unset: the same metric, or the target when the second year has none (last year's result against this year's plan) */
  toMetric?: string | undefined;
  years: [number, number];
  scope?: string | undefined;
}

/** One row per unit and area: a year's fact against the other year's, from the facts (a year's, not a campaign's). */
export async function compareYears(db: Db, query: ComparisonQuery): Promise<Comparison[]> {
  const [from, to] = query.years;
  const facts = await db.query<{ scope: string | null; scope_key: string; year: number; metric: string; measure: string; unit: string; value: number }>(
    `SELECT scope, scope_key, year, metric, measure, unit, value FROM facts
     WHERE campaign IS NULL AND year IN ($1, $2) AND ($3::text IS NULL OR scope_key LIKE '%' || $3 || '%')`,
    [from, to, query.scope ? scopeKey(query.scope) : null],
  );
  const comparisons: Comparison[] = [];
  for (const start of facts.filter((f) => Number(f.year) === from && f.metric === query.metric)) {
    const ends = facts.filter((f) => Number(f.year) === to && f.scope_key === start.scope_key && f.measure === start.measure && f.unit === start.unit);
    const end = query.toMetric
      ? ends.find((f) => f.metric === query.toMetric)
      : (ends.find((f) => f.metric === query.metric) ?? ends.find((f) => f.metric === 'target'));
    const [a, b] = [Number(start.value), end ? Number(end.value) : null];
    comparisons.push({
      scope: start.scope,
      unit: start.unit,
      measure: start.measure,
      from: { year: from, metric: query.metric, value: a },
      to: end ? { year: to, metric: end.metric, value: b! } : null,
      change: b === null ? null : b - a,
      ratio: b === null || a === 0 ? null : Math.round((b / a) * 1000) / 1000,
      change_percent: b === null || a === 0 ? null : Math.round(((b - a) / a) * 1000) / 10,
    });
  }
  return comparisons.sort((a, b) => (a.scope ?? '').localeCompare(b.scope ?? '', 'vi') || a.unit.localeCompare(b.unit, 'vi'));
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

/** One document a stored file holds (a bound scan holds several), by the pages it spans. */
interface StoredPart {
  part: number;
  pages: [number, number];
  kind: string | null;
  number: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
  figures: number;
  tables: number;
  /** the name of the document when an earlier stored file holds another copy of it (`54/BC-BCĐ`) */
  copy_of: string | null;
  /** whether its records are the ones facts are made of (the best-read copy of its document) */
  read: boolean;
}

/** A stored file, with the header of its first document and every document it holds. */
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
  /** the names of its documents that an earlier stored file holds other copies of */
  copy_of: string | null;
  /** whether the records of all its documents are the ones facts are made of */
  read: boolean;
  parts: StoredPart[];
}

const PART_FIELDS = `json_build_object(
  'part', d.part, 'pages', json_build_array(d.first_page, d.last_page),
  'kind', d.kind, 'number', d.number, 'issuer', d.issuer, 'date', d.date, 'subject', d.subject,
  'figures', (SELECT count(*) FROM figures g WHERE g.document = d.document AND g.page BETWEEN d.first_page AND d.last_page),
  'tables', (SELECT count(*) FROM doc_tables t WHERE t.document = d.document AND t.page BETWEEN d.first_page AND d.last_page),
  'copy_of', CASE WHEN ${IS_COPY} THEN ${DOCUMENT_NAME} END,
  'read', d.read)`;

export async function listDocuments(db: Db, sha256?: string): Promise<StoredDocument[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT s.sha256, s.filename, s.kind, s.number, s.issuer, s.date, s.subject, s.page_count, s.text_source,
            (SELECT count(*) FROM figures f WHERE f.document = s.sha256) AS figures,
            (SELECT count(*) FROM doc_tables t WHERE t.document = s.sha256) AS tables,
            (SELECT count(*) FROM processing_events e WHERE e.document = s.sha256 AND e.kind = 'warning') AS warnings,
            (SELECT max(e.at) FROM processing_events e WHERE e.document = s.sha256 AND e.kind = 'stored') AS stored_at,
            (SELECT json_agg(${PART_FIELDS} ORDER BY d.part)::text FROM document_parts d WHERE d.document = s.sha256) AS parts
     FROM documents s
     WHERE ($1::text IS NULL OR s.sha256 = $1)
     ORDER BY stored_at DESC, s.filename`,
    [sha256 ?? null],
  );
  return rows.map((r) => {
    const parts = parsedJson<StoredPart[] | null>(r.parts) ?? [];
    const copies = parts.flatMap((part) => (part.copy_of ? [part.copy_of] : []));
    return {
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
      copy_of: copies.length > 0 ? copies.join(', ') : null,
      read: parts.every((part) => part.read),
      parts,
    };
  });
}

interface StoredPage {
  page: number;
  text: string;
  source: string;
  quality: number;
  ocr_confidence: number | null;
  /** whether the page's words have their places on its image */
  layout: boolean;
}

export async function documentPages(db: Db, sha256: string): Promise<StoredPage[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.page, p.text, p.source, p.quality, p.ocr_confidence, EXISTS (SELECT 1 FROM page_layouts l WHERE l.document = p.document AND l.page = p.page) AS layout
     FROM pages p WHERE p.document = $1 ORDER BY p.page`,
    [sha256],
  );
  return rows.map((r) => ({
    page: Number(r.page),
    text: String(r.text),
    source: String(r.source),
    quality: Number(r.quality),
    ocr_confidence: r.ocr_confidence === null ? null : Number(r.ocr_confidence),
    layout: Boolean(r.layout),
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
  /** the cells a person corrected or confirmed: [row index, column] */
  reviewed: [number, string][];
}

export async function documentTables(db: Db, sha256: string): Promise<StoredTable[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT t.page, t.title, t.year, t.kind, t.columns, t.rows, t.checks,
            (SELECT coalesce(json_agg(json_build_array(c.row_index, c.col) ORDER BY c.row_index, c.col), '[]')::text FROM table_cells c WHERE c.doc_table = t.id AND c.reviewed) AS reviewed
     FROM doc_tables t WHERE t.document = $1 ORDER BY t.position`,
    [sha256],
  );
  return rows.map((r) => ({
    page: Number(r.page),
    title: (r.title as string | null) ?? null,
    year: r.year === null ? null : Number(r.year),
    kind: String(r.kind),
    columns: parsedJson(r.columns),
    rows: parsedJson(r.rows),
    checks: parsedJson(r.checks),
    reviewed: parsedJson(r.reviewed),
  }));
}

/** Where a page's words stand on its image; null for a page that has none (text layers, text files). */
export async function pageLayout(db: Db, sha256: string, page: number): Promise<PageLayout | null> {
  const [row] = await db.query<{ layout: unknown }>('SELECT layout FROM page_layouts WHERE document = $1 AND page = $2', [sha256, page]);
  return row ? parsedJson<PageLayout>(row.layout) : null;
}

/** The other stored copies of the documents a file holds: each with the part of this file it copies and its own file, part and pages. */
export async function documentCopies(
  db: Db,
  sha256: string,
): Promise<{ of_part: number; sha256: string; filename: string; part: number; pages: [number, number]; read: boolean }[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT d.part AS of_part, c.document AS sha256, f.filename, c.part, c.first_page, c.last_page, c.read
     FROM document_parts d JOIN document_parts c ON c.work = d.work AND c.work_part = d.work_part AND c.document <> d.document
     JOIN documents f ON f.sha256 = c.document
     WHERE d.document = $1 ORDER BY d.part, f.filename, c.part`,
    [sha256],
  );
  return rows.map((r) => ({
    of_part: Number(r.of_part),
    sha256: String(r.sha256),
    filename: String(r.filename),
    part: Number(r.part),
    pages: [Number(r.first_page), Number(r.last_page)],
    read: Boolean(r.read),
  }));
}

/** Every stored file's name by its sha256. */
export async function fileNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ sha256: string; filename: string }>('SELECT sha256, filename FROM documents');
  return new Map(rows.map((r) => [r.sha256, r.filename]));
}
