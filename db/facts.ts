// The facts' side of the database: the stored records that facts are made of, the facts and the
// copies as made of them (by rules it is handed), and the questions asked of facts.
import type { Fact, Reconciled, StoredCopy, StoredFigureMention, StoredRecords, StoredTableMention } from '../core/records.js';
import { scopeKey } from '../lang/vietnamese.js';
import type { Db } from './connection.js';
import { loadUnits } from './store.js';

// JSONB arrives parsed from PostgreSQL and PGlite alike; a TEXT column would not
export const json = <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

async function loadStoredRecords(db: Db): Promise<StoredRecords> {
  const copies = await db.query<Record<string, unknown>>(
    `SELECT d.sha256, d.filename, d.kind, d.number, d.issuer, d.place, d.date, d.fingerprint, d.text_source,
            to_char(d.processed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS stored_at,
            (SELECT count(*) FROM doc_tables t, jsonb_array_elements(t.checks) c WHERE t.document = d.sha256 AND NOT (c->>'ok')::boolean) AS failed_checks,
            (SELECT coalesce(avg(p.quality), 0) FROM pages p WHERE p.document = d.sha256) AS quality
     FROM documents d`,
  );
  const figures = await db.query<StoredFigureMention>(
    `SELECT f.document AS sha256, f.metric, f.value, f.unit, f.year, f.scope, f.campaign, f.page, f.text, f.confidence,
            substr(p.text, f.span_end + 1, 24) AS after
     FROM figures f JOIN pages p ON p.document = f.document AND p.page = f.page
     WHERE f.year IS NOT NULL AND f.metric <> 'other'`,
  );
  const tables = await db.query<Record<string, unknown>>('SELECT id, document, position, page, kind, year, columns, checks FROM doc_tables WHERE year IS NOT NULL');
  const cells = await db.query<{ doc_table: string; label: string; unit: string | null; col: string; value: number }>(
    'SELECT c.doc_table, c.label, u.name AS unit, c.col, c.value FROM table_cells c LEFT JOIN units u ON u.id = c.unit ORDER BY c.id',
  );
  const cellsOf = new Map<string, StoredTableMention['cells']>();
  for (const cell of cells) {
    const id = String(cell.doc_table);
    cellsOf.set(id, [...(cellsOf.get(id) ?? []), { row: cell.label, unit: cell.unit, column: cell.col, value: Number(cell.value) }]);
  }
  return {
    copies: copies.map(
      (c): StoredCopy => ({
        sha256: String(c.sha256),
        filename: String(c.filename),
        kind: (c.kind as StoredCopy['kind']) ?? null,
        number: (c.number as string | null) ?? null,
        issuer: (c.issuer as string | null) ?? null,
        place: (c.place as string | null) ?? null,
        date: (c.date as string | null) ?? null,
        fingerprint: json<number[]>(c.fingerprint),
        text_source: c.text_source as StoredCopy['text_source'],
        failed_checks: Number(c.failed_checks),
        quality: Number(c.quality),
        stored_at: String(c.stored_at),
      }),
    ),
    figures: figures.map((f) => ({ ...f, value: Number(f.value), year: Number(f.year), page: Number(f.page), confidence: Number(f.confidence) })),
    tables: tables.map(
      (t): StoredTableMention => ({
        sha256: String(t.document),
        table: Number(t.position) + 1,
        page: Number(t.page),
        kind: t.kind as StoredTableMention['kind'],
        year: Number(t.year),
        columns: json(t.columns),
        checks: json(t.checks),
        cells: cellsOf.get(String(t.id)) ?? [],
      }),
    ),
    units: await loadUnits(db),
  };
}

/**
 * Makes the facts again from every stored record, by `rules` (version `version`), in the caller's
 * transaction; one maker at a time (PostgreSQL), so that each sees the records the last one stored.
 */
export async function remakeFacts(tx: Db, rules: (records: StoredRecords) => Reconciled, version: number): Promise<void> {
  if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7002)');
  const { copies, facts } = rules(await loadStoredRecords(tx));
  await tx.query(
    `UPDATE documents d SET work = x.work, read = x.read
     FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, work text, read boolean) WHERE d.sha256 = x.sha256`,
    [JSON.stringify(copies)],
  );
  await tx.query('DELETE FROM facts');
  await tx.query(
    `INSERT INTO facts (scope, scope_key, year, metric, measure, campaign, value, unit, sources, conflicts)
     SELECT scope, scope_key, year, metric, measure, campaign, value, unit, sources, conflicts
     FROM jsonb_to_recordset($1::jsonb) AS x(scope text, scope_key text, year integer, metric text, measure text, campaign text,
                                             value double precision, unit text, sources jsonb, conflicts jsonb)`,
    [JSON.stringify(facts)],
  );
  await tx.query('INSERT INTO facts_made (id, rules) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, at = now()', [version]);
}

/** The version of the rules the stored facts were made by; null when none were made yet. */
export async function factRulesMade(db: Db): Promise<number | null> {
  const [row] = await db.query<{ rules: number }>('SELECT rules FROM facts_made WHERE id = 1');
  return row ? Number(row.rules) : null;
}

/** The name a copy's document goes by: the number it prints, else the file first stored of it. */
export const DOCUMENT_NAME = `coalesce(
  (SELECT c.number FROM documents c WHERE c.work = d.work AND c.number IS NOT NULL ORDER BY c.read DESC, c.processed_at LIMIT 1),
  (SELECT w.filename FROM documents w WHERE w.sha256 = d.work))`;

/** For a file stored after another copy of its document: that document's name (`54/BC-BCĐ`); else null. */
export async function copyOf(db: Db, sha256: string): Promise<string | null> {
  const [row] = await db.query<{ name: string | null }>(`SELECT ${DOCUMENT_NAME} AS name FROM documents d WHERE d.sha256 = $1 AND d.work <> d.sha256`, [sha256]);
  return row?.name ?? null;
}

export interface FactFilter {
  metric?: string | undefined;
  year?: number | undefined;
  scope?: string | undefined;
  document?: string | undefined;
  campaign?: string | undefined;
  measure?: string | undefined;
  /** only facts whose sources disagree */
  conflicting?: boolean | undefined;
}

export type StoredFactRow = Fact & { id: number; scope_key: string };

export async function queryFacts(db: Db, filter: FactFilter): Promise<StoredFactRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT f.* FROM facts f
     WHERE ($1::text IS NULL OR f.metric = $1)
       AND ($2::int IS NULL OR f.year = $2)
       AND ($3::text IS NULL OR f.scope_key LIKE '%' || $3 || '%')
       AND ($4::text IS NULL OR EXISTS (
             SELECT 1 FROM jsonb_array_elements(f.sources) s
             WHERE s->>'sha256' IN (SELECT r.sha256 FROM documents q JOIN documents r ON r.work = q.work WHERE q.sha256 LIKE $4 || '%' OR q.filename = $4)))
       AND ($5::text IS NULL OR f.campaign ILIKE '%' || $5 || '%')
       AND ($6::text IS NULL OR f.measure = $6)
       AND (NOT $7::boolean OR jsonb_array_length(f.conflicts) > 0)
     ORDER BY f.scope_key, f.year, f.metric, f.measure, f.campaign NULLS FIRST, f.value`,
    [
      filter.metric ?? null,
      filter.year ?? null,
      filter.scope ? scopeKey(filter.scope) : null,
      filter.document ?? null,
      filter.campaign ?? null,
      filter.measure ?? null,
      filter.conflicting ?? false,
    ],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    scope: (r.scope as string | null) ?? null,
    scope_key: String(r.scope_key),
    year: Number(r.year),
    metric: r.metric as Fact['metric'],
    measure: r.measure as Fact['measure'],
    campaign: (r.campaign as string | null) ?? null,
    value: Number(r.value),
    unit: String(r.unit),
    sources: json(r.sources),
    conflicts: json(r.conflicts),
  }));
}
