// The facts' side of the database: the stored records that facts are made of, the facts and the
// copies as made of them (by rules it is handed), and the questions asked of facts.
import { createHash } from 'node:crypto';
import type { Fact, Reconciled, StoredCopy, StoredFigureMention, StoredRecords, StoredTableMention } from '../core/records.js';
import { scopeKey } from '../lang/vietnamese.js';
import { parsedJson, type Db } from './connection.js';
import { loadUnits } from './store.js';

/**
 * Every row of a query at once: the database builds one JSON text of them, parsed here — on PGlite
 * several times faster than rows handed over one by one. `columns` names each row's fields by the
 * SQL that gives them.
 */
async function rowsOf<T>(db: Db, columns: { [K in keyof T]: string }, from: string, order = ''): Promise<T[]> {
  const names = Object.keys(columns);
  const sql = Object.values<string>(columns).join(', ');
  const [result] = await db.query<{ rows: string }>(`SELECT coalesce(json_agg(json_build_array(${sql})${order ? ` ORDER BY ${order}` : ''}), '[]')::text AS rows ${from}`);
  return (JSON.parse(result!.rows) as unknown[][]).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])) as T);
}

/** SQL for the part of its file that a row's page is in (`row` names the row: its document and page). */
const partOf = (row: string) =>
  `coalesce((SELECT p.part FROM document_parts p WHERE p.document = ${row}.document AND ${row}.page BETWEEN p.first_page AND p.last_page), 1)`;

async function loadStoredRecords(db: Db): Promise<StoredRecords> {
  const copies = await rowsOf<StoredCopy>(
    db,
    {
      sha256: 'd.sha256', part: 'p.part', filename: 'd.filename', kind: 'p.kind', number: 'p.number', issuer: 'p.issuer', place: 'p.place', date: 'p.date',
      fingerprint: 'p.fingerprint', text_source: 'd.text_source',
      failed_checks: `(SELECT count(*) FROM doc_tables t, jsonb_array_elements(t.checks) c
                       WHERE t.document = d.sha256 AND t.page BETWEEN p.first_page AND p.last_page AND NOT (c->>'ok')::boolean)`,
      quality: '(SELECT coalesce(avg(g.quality), 0) FROM pages g WHERE g.document = d.sha256 AND g.page BETWEEN p.first_page AND p.last_page)',
      stored_at: `to_char(d.processed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
    },
    'FROM documents d JOIN document_parts p ON p.document = d.sha256',
  );
  const figures = await rowsOf<StoredFigureMention>(
    db,
    {
      sha256: 'f.document', part: partOf('f'), metric: 'f.metric', value: 'f.value', unit: 'f.unit', year: 'f.year', scope: 'f.scope', campaign: 'f.campaign',
      page: 'f.page', text: 'f.text', after: 'f.words_after', confidence: 'f.confidence', reviewed: 'f.reviewed',
    },
    "FROM figures f WHERE f.year IS NOT NULL AND f.metric <> 'other'",
    'f.id',
  );
  const tables = await rowsOf<Omit<StoredTableMention, 'cells'> & { id: number }>(
    db,
    { id: 't.id', sha256: 't.document', part: partOf('t'), table: 't.position + 1', page: 't.page', kind: 't.kind', year: 't.year', columns: 't.columns', checks: 't.checks' },
    'FROM doc_tables t WHERE t.year IS NOT NULL',
  );
  // a month's cell is part of a year's fact, never a fact of its own
  const cells = await rowsOf<StoredTableMention['cells'][number] & { table: number }>(
    db,
    { table: 'c.doc_table', row: 'c.label', unit: 'u.name', column: 'c.col', value: 'c.value', reviewed: 'c.reviewed' },
    'FROM table_cells c LEFT JOIN units u ON u.id = c.unit WHERE c.month IS NULL',
    'c.id',
  );
  const cellsOf = new Map<number, StoredTableMention['cells']>();
  for (const { table, ...cell } of cells) {
    const list = cellsOf.get(table) ?? [];
    if (list.length === 0) cellsOf.set(table, list);
    list.push(cell);
  }
  return {
    copies,
    figures,
    tables: tables.map(({ id, ...table }) => ({ ...table, cells: cellsOf.get(id) ?? [] })),
    units: await loadUnits(db),
  };
}

/**
 * Makes the facts again from every stored record, by `rules` (version `version`), in the caller's
 * transaction; one maker at a time (PostgreSQL), so that each sees the records the last one stored.
 * Facts that come out as they were stay as they are; readers see the old facts until it commits.
 */
export async function remakeFacts(tx: Db, rules: (records: StoredRecords) => Reconciled, version: number): Promise<void> {
  if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7002)');
  const { copies, facts } = rules(await loadStoredRecords(tx));
  await tx.query(
    `UPDATE document_parts p SET work = x.work, work_part = x.work_part, read = x.read
     FROM jsonb_to_recordset($1::jsonb) AS x(sha256 text, part integer, work text, work_part integer, read boolean)
     WHERE p.document = x.sha256 AND p.part = x.part
       AND (p.work IS DISTINCT FROM x.work OR p.work_part IS DISTINCT FROM x.work_part OR p.read <> x.read)`,
    [JSON.stringify(copies)],
  );
  // a store changes few facts: the others stay as they are, written once
  const made = new Map(facts.map((fact) => [createHash('md5').update(JSON.stringify(fact)).digest('hex'), fact]));
  const stored = await rowsOf<{ id: number; digest: string }>(tx, { id: 'id', digest: 'digest' }, 'FROM facts');
  const gone = stored.filter((f) => !made.has(f.digest)).map((f) => f.id);
  for (const { digest } of stored) made.delete(digest);
  if (gone.length > 0) await tx.query('DELETE FROM facts WHERE id = ANY($1::bigint[])', [gone]);
  await tx.query(
    `INSERT INTO facts (scope, scope_key, year, metric, measure, campaign, value, unit, sources, conflicts, digest)
     SELECT scope, scope_key, year, metric, measure, campaign, value, unit, sources, conflicts, digest
     FROM jsonb_to_recordset($1::jsonb) AS x(scope text, scope_key text, year integer, metric text, measure text, campaign text,
                                             value double precision, unit text, sources jsonb, conflicts jsonb, digest text)`,
    [JSON.stringify([...made].map(([digest, fact]) => ({ ...fact, digest })))],
  );
  await tx.query('INSERT INTO facts_made (id, rules) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, at = now()', [version]);
}

/** The version of the rules the stored facts were made by; null when none were made yet. */
export async function factRulesMade(db: Db): Promise<number | null> {
  const [row] = await db.query<{ rules: number }>('SELECT rules FROM facts_made WHERE id = 1');
  return row ? Number(row.rules) : null;
}

/** The name a stored document (a `document_parts` row named `d`) goes by: the number a copy of it prints, else the file first stored of it. */
export const DOCUMENT_NAME = `coalesce(
  (SELECT c.number FROM document_parts c JOIN documents cf ON cf.sha256 = c.document
   WHERE c.work = d.work AND c.work_part = d.work_part AND c.number IS NOT NULL ORDER BY c.read DESC, cf.processed_at LIMIT 1),
  (SELECT w.filename FROM documents w WHERE w.sha256 = d.work))`;

/** SQL: whether the stored document `d` (a `document_parts` row) is a later copy of one stored before. */
export const IS_COPY = `(d.work <> d.document OR d.work_part <> d.part)`;

/** For a file holding documents stored before in other copies: those documents' names (`54/BC-BCĐ`); else null. */
export async function copyOf(db: Db, sha256: string): Promise<string | null> {
  const rows = await db.query<{ name: string | null }>(`SELECT ${DOCUMENT_NAME} AS name FROM document_parts d WHERE d.document = $1 AND ${IS_COPY} ORDER BY d.part`, [sha256]);
  const names = rows.flatMap((row) => (row.name ? [row.name] : []));
  return names.length > 0 ? names.join(', ') : null;
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
             JOIN document_parts r ON r.document = s->>'sha256' AND (s->>'page')::int BETWEEN r.first_page AND r.last_page
             JOIN document_parts q ON q.work = r.work AND q.work_part = r.work_part
             JOIN documents qf ON qf.sha256 = q.document
             WHERE q.document LIKE $4 || '%' OR qf.filename = $4 OR q.number = $4))
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
    sources: parsedJson(r.sources),
    conflicts: parsedJson(r.conflicts),
  }));
}
