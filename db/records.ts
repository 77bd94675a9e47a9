// The records browser: every figure of the prose and every table cell as one list, filtered (unit
// or area searched with or without diacritics), sorted and paged in SQL, for the UI and its export.
import { fold } from '../lang/vietnamese.js';
import type { Db } from './connection.js';

export interface RecordQuery {
  /** part of a unit's or area's name, with or without diacritics (a cell's row label too) */
  q?: string | undefined;
  metric?: string | undefined;
  year?: number | undefined;
  /** a document's sha256 (or its start), file name or number (`54/BC-BCĐ`) */
  document?: string | undefined;
  campaign?: string | undefined;
  source?: 'figure' | 'cell' | undefined;
  sort?: 'document' | 'value' | 'year' | 'scope' | 'metric' | undefined;
  order?: 'asc' | 'desc' | undefined;
  /** 1-based; with `per_page`, a page of the list; without, all of it */
  page?: number | undefined;
  per_page?: number | undefined;
}

export interface BrowsedRecord {
  source: 'figure' | 'cell';
  document: string;
  filename: string;
  page: number;
  metric: string;
  value: number;
  unit: string | null;
  year: number | null;
  /** the unit or area: a figure's scope, a cell's unit (else its row label) */
  scope: string | null;
  campaign: string | null;
  /** a figure's words */
  text: string | null;
  span: [number, number] | null;
  /** a cell's table title, row label and column */
  table: string | null;
  row: string | null;
  column: string | null;
}

// every Vietnamese letter with a mark, and the plain lower-case letter it folds to: translate()
// does in SQL what fold() does in code, the same in PostgreSQL and PGlite (no extension needed)
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const VOWELS = [...'aăâeêioôơuưy'].flatMap((vowel) => TONES.map((tone) => (vowel + tone).normalize('NFC')));
const LETTERS = [...VOWELS, 'đ', ...'bcdfghjklmnpqrstvwxz'].flatMap((letter) => [letter, letter.toLocaleUpperCase('vi')]);
const FROM = LETTERS.join('');
const TO = LETTERS.map((l) => fold(l)).join('');
/** SQL for a text column folded as fold() folds text: compare it with fold(query). */
export const folded = (column: string) => `translate(${column}, '${FROM}', '${TO}')`;

/** SQL: whether the row named `row` (its document and page) is in a document of its file numbered $4 (`54/BC-BCĐ`). */
export const NUMBERED = (row: string) =>
  `EXISTS (SELECT 1 FROM document_parts p WHERE p.document = ${row}.document AND ${row}.page BETWEEN p.first_page AND p.last_page AND p.number = $4)`;

const SORTS = {
  document: 'filename, page, position',
  value: 'value',
  year: 'year',
  scope: 'scope',
  metric: 'metric',
} as const;

export async function browseRecords(db: Db, query: RecordQuery): Promise<{ total: number; records: BrowsedRecord[] }> {
  const order = query.order === 'desc' ? 'DESC' : 'ASC';
  const sort = SORTS[query.sort ?? 'document'];
  const paged = query.per_page !== undefined;
  const perPage = query.per_page ?? 0;
  const offset = paged ? ((query.page ?? 1) - 1) * perPage : 0;
  const rows = await db.query<Record<string, unknown>>(
    `WITH records AS (
       SELECT 'figure' AS source, f.document, d.filename, f.page, f.span_start AS position, f.metric, f.value, f.unit, f.year,
              f.scope, f.campaign, f.text, f.span_start, f.span_end, NULL::text AS tbl, NULL::text AS row_label, NULL::text AS col
       FROM figures f JOIN documents d ON d.sha256 = f.document
       UNION ALL
       SELECT 'cell', c.document, d.filename, t.page, 1000000 + c.id,
              CASE WHEN c.col = 'percent' THEN 'percent_of_target' WHEN c.col = 'target' OR c.kind <> 'achieved' THEN 'target' ELSE 'achieved' END,
              c.value, CASE WHEN c.col = 'percent' THEN '%' END, c.year, COALESCE(u.name, c.label), NULL, NULL, NULL, NULL, t.title, c.label, c.col
       FROM table_cells c JOIN doc_tables t ON t.id = c.doc_table JOIN documents d ON d.sha256 = c.document LEFT JOIN units u ON u.id = c.unit
     )
     SELECT *, count(*) OVER () AS total FROM records
     WHERE ($1::text IS NULL OR ${folded('COALESCE(scope, \'\')')} LIKE '%' || $1 || '%' OR ${folded('COALESCE(row_label, \'\')')} LIKE '%' || $1 || '%')
       AND ($2::text IS NULL OR metric = $2)
       AND ($3::int IS NULL OR year = $3)
       AND ($4::text IS NULL OR document LIKE $4 || '%' OR filename = $4 OR ${NUMBERED('records')})
       AND ($5::text IS NULL OR ${folded('COALESCE(campaign, \'\')')} LIKE '%' || $5 || '%')
       AND ($6::text IS NULL OR source = $6)
     ORDER BY ${sort} ${order} NULLS LAST, filename, page, position
     ${paged ? 'LIMIT $7 OFFSET $8' : ''}`,
    [
      query.q ? fold(query.q).trim() : null,
      query.metric ?? null,
      query.year ?? null,
      query.document ?? null,
      query.campaign ? fold(query.campaign).trim() : null,
      query.source ?? null,
      ...(paged ? [perPage, offset] : []),
    ],
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    records: rows.map((r) => ({
      source: r.source as 'figure' | 'cell',
      document: String(r.document),
      filename: String(r.filename),
      page: Number(r.page),
      metric: String(r.metric),
      value: Number(r.value),
      unit: (r.unit as string | null) ?? null,
      year: r.year === null ? null : Number(r.year),
      scope: (r.scope as string | null) ?? null,
      campaign: (r.campaign as string | null) ?? null,
      text: (r.text as string | null) ?? null,
      span: r.span_start === null ? null : [Number(r.span_start), Number(r.span_end)],
      table: (r.tbl as string | null) ?? null,
      row: (r.row_label as string | null) ?? null,
      column: (r.col as string | null) ?? null,
    })),
  };
}
