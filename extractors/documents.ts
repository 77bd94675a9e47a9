// A file that binds several documents (an archive's scanned bundle): each one opens, on a page of its
// own, with the header block of Decree 30/2020/NĐ-CP — the number line or the place-and-date line,
// then the kind's title line (THÔNG BÁO, KẾ HOẠCH …). A later page whose first lines hold such a
// block starts another document, read in its own context (kind, year).
import type { Page } from '../core/records.js';
import { readHeader, type Header } from './header.js';

/** the lines of a page's top that a header block fits in */
const HEADER_LINES = 12;

interface DocumentPart {
  pages: Page[];
  header: Header;
}

function opensDocument(page: Page): Header | null {
  const top = page.text.split(/\r?\n/u).filter((line) => line.trim() !== '').slice(0, HEADER_LINES).join('\n');
  const header = readHeader(top);
  return header.kind !== null && (header.number !== null || header.date !== null) ? header : null;
}

/** The documents a file's pages hold, in order; a file of one document is one part. */
export function documentParts(pages: Page[]): DocumentPart[] {
  const parts: { pages: Page[] }[] = [];
  for (const [index, page] of pages.entries()) {
    if (index === 0 || opensDocument(page)) parts.push({ pages: [] });
    parts.at(-1)!.pages.push(page);
  }
  return parts.map((part) => ({ pages: part.pages, header: readHeader(part.pages.map((p) => p.text).join('\n')) }));
}
