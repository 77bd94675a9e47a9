// The last stage before storing: every table row named by the stored unit registry (which learns
// the document's new units and spellings), the tables' cells with their unit ids, and the text
// fingerprint of each document the file holds, by which copies of a document are known. Both
// drivers call it inside the store transaction, so the rows stored are the rows returned.
import type { Extraction, ReadAside, StoreBatch, Unit } from '../core/records.js';
import { tableCells } from '../extractors/tables/cells.js';
import { UnitRegistry } from '../extractors/unit-registry.js';
import { fingerprint } from '../lang/fingerprint.js';
import { shippedSpellingScore } from '../repair/model.js';

/** A registry whose ties between spellings the shipped language model breaks (loaded when needed). */
export const newUnitRegistry = (known: Unit[] = []) => new UnitRegistry(known, shippedSpellingScore);

/** Nothing kept beside a document's records (a document read before layouts and shapes were kept, or in a test). */
export const NOTHING_ASIDE: ReadAside = { layouts: [], shapes: [] };

export function storeBatch(extraction: Extraction, storedUnits: Unit[], aside: ReadAside = NOTHING_ASIDE): StoreBatch {
  const registry = newUnitRegistry(storedUnits);
  const tables = extraction.tables.map((table) => ({
    ...table,
    rows: table.rows.map((row) => ({ ...row, scope: registry.resolve(row.label)?.name ?? null })),
  }));
  return {
    extraction: { ...extraction, tables },
    ...aside,
    cells: tables.map((table) => tableCells(table, registry)),
    units: registry.all,
    fingerprints: extraction.parts.map(({ pages: [first, last] }) =>
      fingerprint(extraction.pages.filter((page) => page.page >= first && page.page <= last).map((page) => page.text).join('\n')),
    ),
  };
}
