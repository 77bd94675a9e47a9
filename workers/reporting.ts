// The reporting database as the product uses it: a document stored together with the facts made
// again from every stored record (in one transaction), and a database opened with facts made by
// today's rules (after a migration or a change of rules, from the stored records, without OCR).
import type { Extraction, ReadAside } from '../core/records.js';
import type { Db } from '../db/connection.js';
import { copyOf, factRulesMade, remakeFacts } from '../db/facts.js';
import { openMigrated } from '../db/migrations.js';
import { deleteStored, persistExtraction } from '../db/store.js';
import { applyCorrections, correctCell, correctFigure, saveChecks, tablesToCheck, type CellName, type FigureChanges } from '../db/corrections.js';
import { checkStored } from '../extractors/tables/checks.js';
import { FACT_RULES, reconcile } from '../facts/reconcile.js';
import { NOTHING_ASIDE, storeBatch } from '../pipeline/store-batch.js';

const remake = (tx: Db) => remakeFacts(tx, reconcile, FACT_RULES);

/** A document's corrections applied to what is stored of it, the tables whose cells changed checked again, the facts made again. */
async function corrected(tx: Db, document: string): Promise<void> {
  for (const { id, table, shape } of await tablesToCheck(tx, await applyCorrections(tx, document))) await saveChecks(tx, id, checkStored(table, shape));
  await remake(tx);
}

/** Stores a document's records, its table rows named by the stored units; says which document it is a copy of, if any. */
export async function storeDocument(db: Db, extraction: Extraction, aside: ReadAside = NOTHING_ASIDE): Promise<{ copy_of: string | null }> {
  const { sha256 } = extraction.document;
  await persistExtraction(db, sha256, (units) => storeBatch(extraction, units, aside), (tx) => corrected(tx, sha256));
  return { copy_of: await copyOf(db, sha256) };
}

/** Removes a stored document's records; the facts are made again without them. False if it was not stored. */
export const deleteDocument = (db: Db, sha256: string): Promise<boolean> => deleteStored(db, sha256, remake);

/** Corrects (or confirms) a stored figure; the facts are made again with it, in the same transaction. */
export const correctStoredFigure = (db: Db, id: number, changes: FigureChanges, by: { id: number; username: string }, note: string | null) =>
  db.transaction(async (tx) => {
    const written = await correctFigure(tx, id, changes, by, note);
    if (written) await corrected(tx, written[0]!.document);
    return written;
  });

/** Corrects (or confirms) a stored table's cell; its table is checked again and the facts made again, in the same transaction. */
export const correctStoredCell = (db: Db, cell: CellName, value: number, by: { id: number; username: string }, note: string | null) =>
  db.transaction(async (tx) => {
    const written = await correctCell(tx, cell, value, by, note);
    if (typeof written !== 'string') await corrected(tx, cell.document);
    return written;
  });

export async function openReportingDb(settings: Parameters<typeof openMigrated>[0]): Promise<Db> {
  const db = await openMigrated(settings);
  if ((await factRulesMade(db)) !== FACT_RULES) await db.transaction(remake);
  return db;
}
