// The schema, as numbered migrations applied once each, in order, under a lock so that workers
// starting together do not race.
import { fingerprint } from '../lang/fingerprint.js';
import { openDb, type Db } from './connection.js';

interface Migration {
  id: number;
  name: string;
  sql: string;
  /** work on the data that SQL alone cannot do, after the SQL */
  then?: (tx: Db) => Promise<void>;
}

/** Each stored document's text fingerprint, from its stored pages (no page is read again). */
async function fingerprintStored(tx: Db): Promise<void> {
  const pages = await tx.query<{ document: string; text: string }>('SELECT document, text FROM pages ORDER BY document, page');
  const texts = new Map<string, string[]>();
  for (const page of pages) {
    const text = texts.get(page.document) ?? [];
    if (text.length === 0) texts.set(page.document, text);
    text.push(page.text);
  }
  for (const [document, text] of texts) {
    await tx.query('UPDATE documents SET fingerprint = $2 WHERE sha256 = $1', [document, JSON.stringify(fingerprint(text.join('\n')))]);
  }
}

const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'documents, pages, figures, tables, cells, units, events',
    sql: `
      CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY,
        filename TEXT NOT NULL,
        kind TEXT, number TEXT, issuer TEXT, place TEXT, date TEXT, subject TEXT,
        page_count INTEGER NOT NULL,
        text_source TEXT NOT NULL,
        processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE pages (
        document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        quality DOUBLE PRECISION NOT NULL,
        ocr_confidence DOUBLE PRECISION,
        PRIMARY KEY (document, page)
      );
      CREATE TABLE figures (
        id BIGSERIAL PRIMARY KEY,
        document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        metric TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL,
        year INTEGER, scope TEXT, campaign TEXT, qualifier TEXT,
        page INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        text TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX figures_by_metric_year ON figures (metric, year);
      CREATE TABLE units (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE unit_aliases (
        key TEXT PRIMARY KEY,
        alias TEXT NOT NULL,
        unit BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE
      );
      CREATE TABLE doc_tables (
        id BIGSERIAL PRIMARY KEY,
        document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        page INTEGER NOT NULL,
        title TEXT, year INTEGER, kind TEXT NOT NULL,
        columns JSONB NOT NULL,
        rows JSONB NOT NULL,
        checks JSONB NOT NULL
      );
      CREATE TABLE table_cells (
        id BIGSERIAL PRIMARY KEY,
        doc_table BIGINT NOT NULL REFERENCES doc_tables(id) ON DELETE CASCADE,
        document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        year INTEGER, kind TEXT NOT NULL,
        unit BIGINT REFERENCES units(id),
        label TEXT NOT NULL,
        col TEXT NOT NULL,
        month INTEGER,
        value DOUBLE PRECISION NOT NULL
      );
      CREATE INDEX table_cells_by_unit ON table_cells (unit, year, kind);
      CREATE TABLE processing_events (
        id BIGSERIAL PRIMARY KEY,
        document TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL DEFAULT now(),
        kind TEXT NOT NULL,
        code TEXT,
        page INTEGER,
        message TEXT NOT NULL
      );
      CREATE INDEX processing_events_by_document ON processing_events (document, at);
    `,
  },
  {
    id: 2,
    name: 'copies of one document, facts',
    sql: `
      -- work: the first stored copy of the document this file is a copy of; read: the copy whose
      -- records make facts. Both are set whenever facts are made.
      ALTER TABLE documents ADD COLUMN fingerprint JSONB NOT NULL DEFAULT '[]';
      ALTER TABLE documents ADD COLUMN work TEXT;
      ALTER TABLE documents ADD COLUMN read BOOLEAN NOT NULL DEFAULT true;
      -- the words after a figure's on its page, which may say what it counts ("người" … "đăng ký")
      ALTER TABLE figures ADD COLUMN words_after TEXT NOT NULL DEFAULT '';
      UPDATE figures f SET words_after = substr(p.text, f.span_end + 1, 24) FROM pages p WHERE p.document = f.document AND p.page = f.page;
      CREATE TABLE facts (
        id BIGSERIAL PRIMARY KEY,
        scope TEXT, scope_key TEXT NOT NULL,
        year INTEGER NOT NULL, metric TEXT NOT NULL, measure TEXT NOT NULL, campaign TEXT,
        value DOUBLE PRECISION NOT NULL, unit TEXT NOT NULL,
        sources JSONB NOT NULL, conflicts JSONB NOT NULL,
        -- the fact's record hashed, so that a remake writes only the facts that changed
        digest TEXT NOT NULL UNIQUE
      );
      CREATE INDEX facts_by_metric_year ON facts (metric, year);
      -- the version of the rules the stored facts were made by (facts/reconcile.ts FACT_RULES)
      CREATE TABLE facts_made (id INTEGER PRIMARY KEY CHECK (id = 1), rules INTEGER NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now());
    `,
    then: fingerprintStored,
  },
  {
    id: 3,
    name: 'accounts: users, sessions, API tokens',
    sql: `
      CREATE TABLE users (
        id BIGSERIAL PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        -- scrypt, with its parameters and salt (web/passwords.ts)
        password_hash TEXT NOT NULL,
        disabled BOOLEAN NOT NULL DEFAULT false,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      -- tokens are kept as their sha256: a copy of this table lets no one in
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE api_tokens (
        id BIGSERIAL PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_used_at TIMESTAMPTZ
      );
    `,
  },
  {
    id: 4,
    name: "where each page's words stand on its image",
    sql: `
      CREATE TABLE page_layouts (
        document TEXT NOT NULL,
        page INTEGER NOT NULL,
        layout JSONB NOT NULL,
        PRIMARY KEY (document, page),
        FOREIGN KEY (document, page) REFERENCES pages(document, page) ON DELETE CASCADE
      );
    `,
  },
  {
    id: 5,
    name: 'corrections of figures, with their audit trail',
    sql: `
      -- the metric a figure was read with: with its page and words, what names the figure when its
      -- document is read again, so that corrections made to it are made again
      ALTER TABLE figures ADD COLUMN read_metric TEXT;
      UPDATE figures SET read_metric = metric;
      ALTER TABLE figures ALTER COLUMN read_metric SET NOT NULL;
      -- a person corrected or confirmed it
      ALTER TABLE figures ADD COLUMN reviewed BOOLEAN NOT NULL DEFAULT false;
      -- every change a person made, never changed itself: who, when, the field, before and after
      CREATE TABLE corrections (
        id BIGSERIAL PRIMARY KEY,
        document TEXT NOT NULL,
        page INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        read_metric TEXT NOT NULL,
        field TEXT NOT NULL,
        before JSONB,
        after JSONB,
        user_id BIGINT,
        username TEXT NOT NULL,
        note TEXT,
        at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX corrections_by_document ON corrections (document, at);
    `,
  },
  {
    id: 6,
    name: 'corrections of table cells',
    sql: `
      -- which rows are totals and group heads, which columns hold hidden cells: what the table's
      -- checks need to be made again after a cell is corrected (null for tables stored before)
      ALTER TABLE doc_tables ADD COLUMN shape JSONB;
      -- a cell is known by its row's place in its table (two rows may share a label)
      ALTER TABLE table_cells ADD COLUMN row_index INTEGER;
      ALTER TABLE table_cells ADD COLUMN reviewed BOOLEAN NOT NULL DEFAULT false;
      -- a correction names a figure (page, words, metric read) or a table's cell (table, row, column)
      ALTER TABLE corrections ALTER COLUMN span_start DROP NOT NULL;
      ALTER TABLE corrections ALTER COLUMN span_end DROP NOT NULL;
      ALTER TABLE corrections ALTER COLUMN read_metric DROP NOT NULL;
      ALTER TABLE corrections ADD COLUMN table_position INTEGER;
      ALTER TABLE corrections ADD COLUMN row_index INTEGER;
      ALTER TABLE corrections ADD COLUMN row_label TEXT;
      ALTER TABLE corrections ADD COLUMN col TEXT;
      ALTER TABLE corrections ADD CONSTRAINT corrections_name_one CHECK ((span_start IS NULL) <> (table_position IS NULL));
    `,
  },
  {
    id: 7,
    name: 'the documents a file holds (a bound scan holds several)',
    sql: `
      -- one row per document found in a stored file, by the pages it spans, with its own header
      -- (the file's row keeps its first document's). Copies are known per document: work names the
      -- first stored copy (its file and part), read says whether it is the copy whose records make
      -- facts. A file stored before this holds one document until it is read again.
      CREATE TABLE document_parts (
        document TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
        part INTEGER NOT NULL,
        first_page INTEGER NOT NULL,
        last_page INTEGER NOT NULL,
        kind TEXT, number TEXT, issuer TEXT, place TEXT, date TEXT, subject TEXT,
        fingerprint JSONB NOT NULL DEFAULT '[]',
        work TEXT,
        work_part INTEGER,
        read BOOLEAN NOT NULL DEFAULT true,
        PRIMARY KEY (document, part)
      );
      INSERT INTO document_parts (document, part, first_page, last_page, kind, number, issuer, place, date, subject, fingerprint, work, work_part, read)
        SELECT sha256, 1, 1, greatest(page_count, 1), kind, number, issuer, place, date, subject, fingerprint, work, CASE WHEN work IS NOT NULL THEN 1 END, read
        FROM documents;
      ALTER TABLE documents DROP COLUMN fingerprint;
      ALTER TABLE documents DROP COLUMN work;
      ALTER TABLE documents DROP COLUMN read;
    `,
  },
  {
    id: 8,
    name: 'documents taken in and not yet stored',
    sql: `
      -- a document the in-process driver took in (its original kept) until it is stored or fails:
      -- those left by a process that stopped are read when the server starts again
      CREATE TABLE taken_in (
        sha256 TEXT PRIMARY KEY,
        filename TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
    `,
  },
];

/** The database of these settings, its schema brought up to date. */
export async function openMigrated(settings: Parameters<typeof openDb>[0]): Promise<Db> {
  const db = await openDb(settings);
  await migrate(db);
  return db;
}

async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // one migrating process at a time (PostgreSQL); PGlite has a single connection anyway
    if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7001)');
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const applied = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((row) => Number(row.id)));
    for (const migration of MIGRATIONS.filter((m) => !applied.has(m.id))) {
      await tx.exec(migration.sql);
      await migration.then?.(tx);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
    }
  });
}
