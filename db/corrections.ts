// Corrections people make to figures and table cells: each kept as a row of the audit trail (who,
// when, the field, before and after; never changed), and applied to the figure or cell, so that it
// and the facts made of it carry the corrected value. A document read again gets its corrections
// again: a figure is known by its page, its words' place and the metric it was read with; a cell by
// its table's place in the document, its row's place and label, and its column.
import type { Table, TableShape } from '../core/records.js';
import type { Db } from './connection.js';

export const CORRECTABLE = ['value', 'metric', 'unit', 'year'] as const;
/** a field corrected, or `confirmed`: a person read the figure and found it right */
export type CorrectableField = (typeof CORRECTABLE)[number] | 'confirmed';
export type FigureChanges = Partial<{ value: number; metric: string; unit: string; year: number | null }>;

/** A table's cell: the table numbered from 1 in its document, the row's index in it, the column's key. */
export interface CellName {
  document: string;
  table: number;
  row: number;
  column: string;
}

export interface Correction {
  id: number;
  document: string;
  page: number;
  /** a figure's words in its page's text; null for a cell */
  span: [number, number] | null;
  /** a table's cell, with its row's label; null for a figure */
  cell: (Omit<CellName, 'document'> & { label: string }) | null;
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
 * Corrects a figure: one audit row per field that changes (a `confirmed` row when none does).
 * Returns the rows written, or null for no such figure. The caller applies them ({@link applyCorrections}).
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
      cell: null,
      field,
      before: field === 'confirmed' ? false : figure[field],
      after,
      username: by.username,
      note,
      at: new Date(row!.at).toISOString(),
    });
  }
  return written;
}

/**
 * Corrects a table's cell to `value` (or confirms it, when the value is the one read): an audit row.
 * Returns the row written,
 * `no_cell` for no such cell, `no_number` for a cell that holds no number (nothing to correct).
 * The caller applies it ({@link applyCorrections}) and checks the table again ({@link tablesToCheck}).
 */
export async function correctCell(tx: Db, name: CellName, value: number, by: { id: number; username: string }, note: string | null): Promise<Correction | 'no_cell' | 'no_number'> {
  const [table] = await tx.query<{ page: number; rows: Table['rows'] }>('SELECT page, rows FROM doc_tables WHERE document = $1 AND position = $2 FOR UPDATE', [name.document, name.table - 1]);
  const row = table?.rows[name.row];
  if (!table || !row || !(name.column in row.cells)) return 'no_cell';
  const before = row.cells[name.column] ?? null;
  if (before === null) return 'no_number';
  const field: CorrectableField = value === before ? 'confirmed' : 'value';
  const after = field === 'confirmed' ? true : value;
  const [written] = await tx.query<{ id: string; at: Date | string }>(
    `INSERT INTO corrections (document, page, table_position, row_index, row_label, col, field, before, after, user_id, username, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id, at`,
    [name.document, table.page, name.table - 1, name.row, row.label, name.column, field, JSON.stringify(field === 'confirmed' ? false : before), JSON.stringify(after), by.id, by.username, note],
  );
  return {
    id: Number(written!.id),
    document: name.document,
    page: Number(table.page),
    span: null,
    cell: { table: name.table, row: name.row, label: row.label, column: name.column },
    field,
    before: field === 'confirmed' ? false : before,
    after,
    username: by.username,
    note,
    at: new Date(written!.at).toISOString(),
  };
}

/**
 * Applies the latest corrections of a document to what is stored of it: each field of each figure,
 * each cell's value (where its row still has the label it was corrected under); a corrected or
 * confirmed figure or cell is reviewed. Returns the ids of the tables whose cells changed, to be
 * checked again.
 */
export async function applyCorrections(tx: Db, document: string): Promise<number[]> {
  await applyFigureCorrections(tx, document);
  return applyCellCorrections(tx, document);
}

async function applyCellCorrections(tx: Db, document: string): Promise<number[]> {
  const latest = await tx.query<{ table_position: number; row_index: number; row_label: string; col: string; field: string; after: string }>(
    `SELECT DISTINCT ON (table_position, row_index, col, field) table_position, row_index, row_label, col, field, after::text AS after
     FROM corrections WHERE document = $1 AND table_position IS NOT NULL ORDER BY table_position, row_index, col, field, id DESC`,
    [document],
  );
  const changed = new Set<number>();
  for (const c of latest) {
    const [table] = await tx.query<{ id: string }>(
      `SELECT id FROM doc_tables WHERE document = $1 AND position = $2 AND rows -> ($3::int) ->> 'label' = $4 AND rows -> ($3::int) -> 'cells' ->> $5 IS NOT NULL`,
      [document, c.table_position, c.row_index, c.row_label, c.col],
    );
    if (!table) continue;
    const id = Number(table.id);
    await tx.query('UPDATE table_cells SET reviewed = true WHERE doc_table = $1 AND row_index = $2 AND col = $3', [id, c.row_index, c.col]);
    if (c.field !== 'value') continue;
    const cells = await tx.query(
      'UPDATE table_cells SET value = $4::double precision WHERE doc_table = $1 AND row_index = $2 AND col = $3 AND value <> $4::double precision RETURNING id',
      [id, c.row_index, c.col, Number(JSON.parse(c.after))],
    );
    if (cells.length === 0) continue;
    await tx.query(`UPDATE doc_tables SET rows = jsonb_set(rows, ARRAY[$2::text, 'cells', $3::text], $4::jsonb) WHERE id = $1`, [id, c.row_index, c.col, c.after]);
    changed.add(id);
  }
  return [...changed];
}

/** The stored tables of these ids that can be checked again (those stored with their shape). */
export async function tablesToCheck(tx: Db, ids: number[]): Promise<{ id: number; table: Omit<Table, 'checks'>; shape: TableShape }[]> {
  const rows = await tx.query<Record<string, unknown>>('SELECT id, page, title, year, kind, columns, rows, shape FROM doc_tables WHERE id = ANY($1::bigint[]) AND shape IS NOT NULL', [ids]);
  return rows.map((r) => ({
    id: Number(r.id),
    table: { page: Number(r.page), title: (r.title as string | null) ?? null, year: r.year === null ? null : Number(r.year), kind: r.kind as Table['kind'], columns: r.columns as string[], rows: r.rows as Table['rows'] },
    shape: r.shape as TableShape,
  }));
}

export async function saveChecks(tx: Db, id: number, checks: Table['checks']): Promise<void> {
  await tx.query('UPDATE doc_tables SET checks = $2 WHERE id = $1', [id, JSON.stringify(checks)]);
}

/** Applies the latest correction of each field of each figure of a document to its stored figures; a confirmed figure is reviewed. */
async function applyFigureCorrections(tx: Db, document: string): Promise<void> {
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
             FROM corrections WHERE document = $1 AND field = $2 AND span_start IS NOT NULL ORDER BY page, span_start, span_end, read_metric, id DESC) latest
       WHERE f.document = $1 AND f.page = latest.page AND f.span_start = latest.span_start AND f.span_end = latest.span_end AND f.read_metric = latest.read_metric`,
      [document, field],
    );
  }
}

/** The audit trail: every correction, newest first; of one document if given. */
export async function listCorrections(db: Db, document?: string): Promise<Correction[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, document, page, span_start, span_end, table_position, row_index, row_label, col, field, before::text AS before, after::text AS after, username, note, at
     FROM corrections WHERE ($1::text IS NULL OR document = $1) ORDER BY id DESC`,
    [document ?? null],
  );
  const json = (text: unknown) => JSON.parse(String(text)) as unknown;
  return rows.map((r) => ({
    id: Number(r.id),
    document: String(r.document),
    page: Number(r.page),
    span: r.span_start === null ? null : [Number(r.span_start), Number(r.span_end)],
    cell: r.table_position === null ? null : { table: Number(r.table_position) + 1, row: Number(r.row_index), label: String(r.row_label), column: String(r.col) },
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
