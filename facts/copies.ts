// Copies of one document: stored documents (a file, or one document of a bound scan) that are scans
// or readings of the same paper. Two are one document when they print the same kind, number (and
// issuer and date where both print them), or, when either lacks a number, when their texts are alike.
// Of a document's copies, the best read (fewest failed table checks, then the fewest pages whose
// marks had to be restored, then the highest page quality) is the one whose records make facts.
import { distance } from 'fastest-levenshtein';
import type { StoredCopy } from '../core/records.js';
import { resemblance } from '../lang/fingerprint.js';
import { fold } from '../lang/vietnamese.js';

/** Texts sharing this much of their word triples are one document read twice (OCR slips break a few). */
const SAME_TEXT = 0.5;

const compact = (text: string) => fold(text).replace(/[^\p{L}\p{N}]/gu, '');

/** A copy with its number and issuer compared as letters and digits alone. */
type Keyed = StoredCopy & { numberKey: string | null; issuerKey: string | null };

/** Issuer names this close are one issuer read twice. */
const sameIssuer = (a: string, b: string) => distance(a, b) <= 0.2 * Math.max(a.length, b.length);

function sameDocument(a: Keyed, b: Keyed): boolean {
  if (a.kind && b.kind && a.kind !== b.kind) return false;
  if (a.date && b.date && a.date !== b.date) return false;
  if (a.numberKey && b.numberKey) return a.numberKey === b.numberKey && (!a.issuerKey || !b.issuerKey || sameIssuer(a.issuerKey, b.issuerKey));
  return resemblance(a.fingerprint, b.fingerprint) >= SAME_TEXT;
}

const storedFirst = (a: StoredCopy, b: StoredCopy) => a.stored_at.localeCompare(b.stored_at) || a.sha256.localeCompare(b.sha256) || a.part - b.part;

/** The documents the files are copies of: each a list of its copies, first stored first. */
export function documentsOf(copies: readonly StoredCopy[]): StoredCopy[][] {
  const documents: Keyed[][] = [];
  const keyed = copies.map((copy): Keyed => ({
    ...copy,
    numberKey: copy.number && compact(copy.number),
    issuerKey: copy.issuer && compact(copy.issuer),
  }));
  for (const copy of keyed.sort(storedFirst)) {
    const same = documents.find((document) => document.some((other) => sameDocument(copy, other)));
    if (same) same.push(copy);
    else documents.push([copy]);
  }
  return documents;
}

/** Text read as printed or by OCR is surer than text whose diacritics were restored. */
const RESTORED: Record<StoredCopy['text_source'], number> = { text_layer: 0, ocr: 0, mixed: 1, repaired: 2 };

/** The copy whose records are read. */
export function bestCopy(copies: readonly StoredCopy[]): StoredCopy {
  return [...copies].sort(
    (a, b) => a.failed_checks - b.failed_checks || RESTORED[a.text_source] - RESTORED[b.text_source] || b.quality - a.quality || storedFirst(a, b),
  )[0]!;
}
