// Persisting a document's records: one transaction, so that its records appear whole or not at
// all; processing a document again replaces them. The caller names the table rows by the stored
// units, read in the same transaction so that the registry learns each document's new units and
// spellings in turn.
import type { StoreBatch, Unit } from '../core/records.js';
import { fold } from '../lang/vietnamese.js';
import type { Db } from './connection.js';

/** The stored units, each with its aliases. */
export async function loadUnits(db: Db): Promise<Unit[]> {
  const units = await db.query<{ id: string; name: string }>('SELECT id, name FROM units ORDER BY id');
  const aliases = await db.query<{ unit: string; alias: string }>('SELECT unit, alias FROM unit_aliases');
  return units.map((unit) => ({
    id: Number(unit.id),
    name: unit.name,
    aliases: aliases.filter((a) => a.unit === unit.id).map((a) => a.alias),
  }));
}

/** Stores the units: new ones (negative ids) get their database id, renamed ones their new name. */
async function saveUnits(tx: Db, units: readonly Unit[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const unit of units) {
    let id = unit.id;
    if (id < 0) {
      const [row] = await tx.query<{ id: string }>(
        'INSERT INTO units (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id',
        [unit.name],
      );
      id = Number(row!.id);
    } else {
      await tx.query('UPDATE units SET name = $2 WHERE id = $1 AND name <> $2 AND NOT EXISTS (SELECT 1 FROM units WHERE name = $2)', [id, unit.name]);
    }
    ids.set(unit.id, id);
    for (const alias of [unit.name, ...unit.aliases]) {
      await tx.query('INSERT INTO unit_aliases (key, alias, unit) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [fold(alias), alias, id]);
    }
  }
  return ids;
}

/**
 * Stores what `prepare` makes of the stored units (the document's batch, rows named by them), then
 * runs `then` in the same transaction (corrections made again, facts made again with the document
 * among them).
 */
export async function persistExtraction(db: Db, documentSha256: string, prepare: (stored: Unit[]) => StoreBatch, then: (tx: Db) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    // one document's writes at a time, whoever writes it
    if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [documentSha256]);
    const { extraction, layouts, shapes, cells, units, fingerprints } = prepare(await loadUnits(tx));
    const doc = extraction.document;
    await tx.query('DELETE FROM documents WHERE sha256 = $1', [doc.sha256]);
    await tx.query(
      `INSERT INTO documents (sha256, filename, kind, number, issuer, place, date, subject, page_count, text_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [doc.sha256, doc.filename, doc.kind, doc.number, doc.issuer, doc.place, doc.date, doc.subject, doc.page_count, doc.text_source],
    );
    for (const [index, part] of extraction.parts.entries()) {
      await tx.query(
        `INSERT INTO document_parts (document, part, first_page, last_page, kind, number, issuer, place, date, subject, fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [doc.sha256, part.part, part.pages[0], part.pages[1], part.kind, part.number, part.issuer, part.place, part.date, part.subject, JSON.stringify(fingerprints[index] ?? [])],
      );
    }
    for (const page of extraction.pages) {
      await tx.query('INSERT INTO pages (document, page, text, source, quality, ocr_confidence) VALUES ($1, $2, $3, $4, $5, $6)', [
        doc.sha256, page.page, page.text, page.source, page.quality, page.ocr_confidence,
      ]);
    }
    for (const layout of layouts) {
      await tx.query('INSERT INTO page_layouts (document, page, layout) VALUES ($1, $2, $3)', [doc.sha256, layout.page, JSON.stringify(layout)]);
    }
    const pageText = new Map(extraction.pages.map((page) => [page.page, page.text]));
    for (const f of extraction.figures) {
      await tx.query(
        `INSERT INTO figures (document, metric, read_metric, value, unit, year, scope, campaign, qualifier, page, span_start, span_end, text, confidence, words_after)
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          doc.sha256, f.metric, f.value, f.unit, f.year, f.scope, f.campaign, f.qualifier, f.page, f.span[0], f.span[1], f.text, f.confidence,
          (pageText.get(f.page) ?? '').slice(f.span[1], f.span[1] + 24),
        ],
      );
    }
    const unitIds = await saveUnits(tx, units);
    for (const [position, table] of extraction.tables.entries()) {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO doc_tables (document, position, page, title, year, kind, columns, rows, checks, shape)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          doc.sha256, position, table.page, table.title, table.year, table.kind, JSON.stringify(table.columns), JSON.stringify(table.rows), JSON.stringify(table.checks),
          shapes[position] ? JSON.stringify(shapes[position]) : null,
        ],
      );
      for (const cell of cells[position] ?? []) {
        await tx.query(
          `INSERT INTO table_cells (doc_table, document, year, kind, unit, row_index, label, col, month, value)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [row!.id, doc.sha256, cell.year, cell.kind, cell.unit === null ? null : (unitIds.get(cell.unit) ?? null), cell.row, cell.label, cell.column, cell.month, cell.value],
        );
      }
    }
    for (const warning of extraction.warnings) {
      await tx.query('INSERT INTO processing_events (document, kind, code, page, message) VALUES ($1, $2, $3, $4, $5)', [
        doc.sha256, 'warning', warning.code, warning.page ?? null, warning.message,
      ]);
    }
    await tx.query('INSERT INTO processing_events (document, kind, message) VALUES ($1, $2, $3)', [doc.sha256, 'stored', `Đã lưu ${doc.filename}.`]);
    await forgetTakenIn(tx, doc.sha256);
    await then(tx);
  });
}

/** Removes a stored document and everything read from it, then runs `then` in the same transaction (facts made again without it). */
export async function deleteStored(db: Db, sha256: string, then: (tx: Db) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [sha256]);
    const gone = (await tx.query('DELETE FROM documents WHERE sha256 = $1 RETURNING sha256', [sha256])).length > 0;
    await tx.query('DELETE FROM processing_events WHERE document = $1', [sha256]);
    if (gone) await then(tx);
    return gone;
  });
}

/** Notes a document taken in to be read in this process: until it is stored or fails, a restart reads it again. */
export async function noteTakenIn(db: Db, sha256: string, filename: string): Promise<void> {
  await db.query('INSERT INTO taken_in (sha256, filename) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, filename]);
}

/** Forgets a document taken in: stored, or failed with its reason told. */
export async function forgetTakenIn(db: Db, sha256: string): Promise<void> {
  await db.query('DELETE FROM taken_in WHERE sha256 = $1', [sha256]);
}

/** The documents taken in and neither stored nor failed, first taken first. */
export function stillTakenIn(db: Db): Promise<{ sha256: string; filename: string }[]> {
  return db.query('SELECT sha256, filename FROM taken_in ORDER BY at, sha256');
}
