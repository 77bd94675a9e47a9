// Corrections people make to figures: each kept as a row of the audit trail (who, when, the field,
// before and after; never changed), and applied to the figure, so that the figure and the facts made
// of it carry the corrected value. A document read again gets its corrections again: a figure is
// known by its page, its words' place and the metric it was read with.
import type { Db } from './connection.js';

export const CORRECTABLE = ['value', 'metric', 'unit', 'year'] as const;
/** a field corrected, or `confirmed`: a person read the figure and found it right */
export type CorrectableField = (typeof CORRECTABLE)[number] | 'confirmed';
export type FigureChanges = Partial<{ value: number; metric: string; unit: string; year: number | null }>;

export interface Correction {
  id: number;
  document: string;
  page: number;
  span: [number, number];
  field: CorrectableField;
  before: unknown;
  after: unknown;
  username: string;
  note: string | null;
  at: string;
}

interface FigureRow {
  id: string;
  document: string;
  page: number;
  span_start: number;
  span_end: number;
  read_metric: string;
  value: number;
  metric: string;
  unit: string;
  year: number | null;
}

/**
 * Corrects a figure: one audit row per field that changes (a `confirmed` row when none does), the
 * figure updated and marked reviewed. Returns the rows written, or null for no such figure.
 */
export async function correctFigure(tx: Db, id: number, changes: FigureChanges, by: { id: number; username: string }, note: string | null): Promise<Correction[] | null> {
  const [figure] = await tx.query<FigureRow>('SELECT id, document, page, span_start, span_end, read_metric, value, metric, unit, year FROM figures WHERE id = $1 FOR UPDATE', [id]);
  if (!figure) return null;
  const changed = CORRECTABLE.filter((field) => changes[field] !== undefined && (field === 'value' ? Number(changes.value) !== Number(figure.value) : changes[field] !== figure[field]));
  // nothing to change: the person confirms the figure as read
  const fields: CorrectableField[] = changed.length > 0 ? changed : ['confirmed'];
  const written: Correction[] = [];
  for (const field of fields) {
    const after = field === 'confirmed' ? true : changes[field];
    const [row] = await tx.query<{ id: string; at: Date | string }>(
      `INSERT INTO corrections (document, page, span_start, span_end, read_metric, field, before, after, user_id, username, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, at`,
      [figure.document, figure.page, figure.span_start, figure.span_end, figure.read_metric, field, JSON.stringify(field === 'confirmed' ? false : figure[field]), JSON.stringify(after), by.id, by.username, note],
    );
    written.push({
      id: Number(row!.id),
      document: figure.document,
      page: figure.page,
      span: [figure.span_start, figure.span_end],
      field,
      before: field === 'confirmed' ? false : figure[field],
      after,
      username: by.username,
      note,
      at: new Date(row!.at).toISOString(),
    });
  }
  await applyCorrections(tx, figure.document);
  return written;
}

/** Applies the latest correction of each field of each figure of a document to its stored figures; a confirmed figure is reviewed. */
export async function applyCorrections(tx: Db, document: string): Promise<void> {
  await tx.query(
    `UPDATE figures f SET reviewed = true FROM corrections c
     WHERE c.document = $1 AND f.document = $1 AND f.page = c.page AND f.span_start = c.span_start AND f.span_end = c.span_end AND f.read_metric = c.read_metric`,
    [document],
  );
  for (const field of CORRECTABLE) {
    // the field's name comes from the list above, never from a request
    await tx.query(
      `UPDATE figures f SET ${field} = (latest.after #>> '{}')::${field === 'value' ? 'double precision' : field === 'year' ? 'integer' : 'text'}
       FROM (SELECT DISTINCT ON (page, span_start, span_end, read_metric) page, span_start, span_end, read_metric, after
             FROM corrections WHERE document = $1 AND field = $2 ORDER BY page, span_start, span_end, read_metric, id DESC) latest
       WHERE f.document = $1 AND f.page = latest.page AND f.span_start = latest.span_start AND f.span_end = latest.span_end AND f.read_metric = latest.read_metric`,
      [document, field],
    );
  }
}

/** The audit trail: every correction, newest first; of one document if given. */
export async function listCorrections(db: Db, document?: string): Promise<Correction[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, document, page, span_start, span_end, field, before::text AS before, after::text AS after, username, note, at FROM corrections
     WHERE ($1::text IS NULL OR document = $1) ORDER BY id DESC`,
    [document ?? null],
  );
  const json = (text: unknown) => JSON.parse(String(text)) as unknown;
  return rows.map((r) => ({
    id: Number(r.id),
    document: String(r.document),
    page: Number(r.page),
    span: [Number(r.span_start), Number(r.span_end)],
    field: r.field as CorrectableField,
    before: json(r.before),
    after: json(r.after),
    username: String(r.username),
    note: (r.note as string | null) ?? null,
    at: new Date(r.at as string).toISOString(),
  }));
}

/** Figures read with less confidence than this wait for a person's review. */
export const UNSURE_FIGURE = 0.6;

export interface ReviewQueue {
  figures: { id: number; document: string; filename: string; page: number; span: [number, number]; metric: string; value: number; unit: string; year: number | null; scope: string | null; text: string; confidence: number }[];
  checks: { document: string; filename: string; page: number; table: string | null; row: string | null; kind: string; expected: number; printed: number | null }[];
}

/** What waits for a person: figures read unsure and not reviewed, table checks that failed (conflicts come from the facts). */
export async function reviewQueue(db: Db): Promise<ReviewQueue> {
  const figures = await db.query<Record<string, unknown>>(
    `SELECT f.id, f.document, d.filename, f.page, f.span_start, f.span_end, f.metric, f.value, f.unit, f.year, f.scope, f.text, f.confidence
     FROM figures f JOIN documents d ON d.sha256 = f.document
     WHERE NOT f.reviewed AND f.confidence < $1 ORDER BY f.confidence, d.filename, f.page, f.span_start`,
    [UNSURE_FIGURE],
  );
  const checks = await db.query<Record<string, unknown>>(
    `SELECT t.document, d.filename, t.page, t.title, c->>'row' AS row, c->>'kind' AS kind, (c->>'expected')::double precision AS expected, (c->>'printed')::double precision AS printed
     FROM doc_tables t JOIN documents d ON d.sha256 = t.document, jsonb_array_elements(t.checks) c
     WHERE NOT (c->>'ok')::boolean ORDER BY d.filename, t.position`,
  );
  return {
    figures: figures.map((r) => ({
      id: Number(r.id),
      document: String(r.document),
      filename: String(r.filename),
      page: Number(r.page),
      span: [Number(r.span_start), Number(r.span_end)],
      metric: String(r.metric),
      value: Number(r.value),
      unit: String(r.unit),
      year: r.year === null ? null : Number(r.year),
      scope: (r.scope as string | null) ?? null,
      text: String(r.text),
      confidence: Number(r.confidence),
    })),
    checks: checks.map((r) => ({
      document: String(r.document),
      filename: String(r.filename),
      page: Number(r.page),
      table: (r.title as string | null) ?? null,
      row: (r.row as string | null) ?? null,
      kind: String(r.kind),
      expected: Number(r.expected),
      printed: r.printed === null ? null : Number(r.printed),
    })),
  };
}
