// The extraction stage: from the pages' text to the document header and the figures, each
// figure pointing at its page and words.
import type { Figure, Page, Warning } from '../pipeline/records.js';
import { findFigures } from './figures.js';
import { readHeader, type Header } from './header.js';

export interface ExtractedRecords {
  header: Header;
  figures: Figure[];
  warnings: Warning[];
}

/** The year a document speaks from: its date, else the latest year its subject names. */
export function documentYear(header: Header): number | null {
  if (header.date) return Number(header.date.slice(0, 4));
  const years = [...(header.subject ?? '').matchAll(/\b(19|20)\d{2}\b/gu)].map((m) => Number(m[0]));
  return years.length > 0 ? Math.max(...years) : null;
}

export function extractRecords(pages: Page[]): ExtractedRecords {
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

  const header = readHeader(text);
  const { figures, issues } = findFigures(text, { year: documentYear(header), kind: header.kind });
  return {
    header,
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
    warnings: issues.map((issue) => ({ code: issue.code, message: issue.message, page: pageAt(issue.at).page })),
  };
}
