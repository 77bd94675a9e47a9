// The extraction stage: from the pages' text to the document header and the figures, each
// figure pointing at its page and words. A file that binds several documents has each one's
// figures read in that document's own context.
import { LABELS } from '../core/labels.js';
import type { Figure, Page, Warning } from '../core/records.js';
import { warning } from '../core/warnings.js';
import { findFigures } from './figures.js';
import { documentParts } from './documents.js';
import type { Header } from './header.js';

interface ExtractedRecords {
  /** the header of the file's (first) document */
  header: Header;
  figures: Figure[];
  warnings: Warning[];
  /** the documents the file binds, by page, each with its header and the year it speaks from */
  parts: { pages: number[]; header: Header; year: number | null }[];
}

/** The year a document speaks from: its date, else the latest year its subject names. */
function documentYear(header: Header): number | null {
  if (header.date) return Number(header.date.slice(0, 4));
  const years = [...(header.subject ?? '').matchAll(/\b(19|20)\d{2}\b/gu)].map((m) => Number(m[0]));
  return years.length > 0 ? Math.max(...years) : null;
}


/** The figures of one document's pages, read with its own header's kind and year. */
function partFigures(pages: Page[], header: Header): { figures: Figure[]; warnings: Warning[] } {
  // one text for the whole document, so that context (years, headings) crosses page breaks
  const starts: number[] = [];
  let text = '';
  for (const page of pages) {
    starts.push(text.length);
    text += `${page.text}\n`;
  }
  const pageAt = (offset: number) => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= offset) index++;
    return { page: pages[index]?.page ?? 1, start: starts[index] ?? 0 };
  };
  const facts = { year: documentYear(header), kind: header.kind };
  const { figures, issues } = findFigures(text, facts, pages.every((page) => page.source !== 'repaired'), header);
  return {
    figures: figures.map((found) => {
      const { page, start } = pageAt(found.start);
      return {
        metric: found.metric,
        value: found.value,
        unit: found.unit,
        year: found.year,
        scope: found.scope,
        campaign: found.campaign,
        qualifier: found.qualifier,
        page,
        span: [found.start - start, found.end - start] as [number, number],
        text: text.slice(found.start, found.end),
        confidence: found.confidence,
      };
    }),
    warnings: issues.map(({ at, warning: { code, message } }) => ({ code, message, page: pageAt(at).page })),
  };
}

export function extractRecords(pages: Page[]): ExtractedRecords {
  const parts = documentParts(pages);
  const figures: Figure[] = [];
  const warnings: Warning[] = [];
  for (const [index, part] of parts.entries()) {
    const read = partFigures(part.pages, part.header);
    figures.push(...read.figures);
    warnings.push(...read.warnings);
    if (index > 0) {
      const { kind, number, date } = part.header;
      const first = part.pages[0]!.page;
      const document = `${LABELS.documentKinds[kind ?? 'other']}${number ? ` số ${number}` : ''}${date ? ` ngày ${date}` : ''}`;
      warnings.push(warning('another_document', { page: first, document }, first));
    }
  }
  return {
    header: parts[0]!.header,
    figures,
    warnings,
    parts: parts.map((part) => ({ pages: part.pages.map((p) => p.page), header: part.header, year: documentYear(part.header) })),
  };
}
