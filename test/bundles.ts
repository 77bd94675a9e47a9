// A file that binds several documents, made of the seeds' texts cut into pages.
import type { Page } from '../core/records.js';
import { seedText } from '../samples/seeds.js';

export const seed = (prefix: string) => seedText(prefix).normalize('NFC');

/** A text cut into pages of `lines` lines, numbered from `first`. */
export function pagesOf(text: string, lines: number, first = 1): Page[] {
  const all = text.split('\n');
  const pages: Page[] = [];
  for (let at = 0; at < all.length; at += lines) {
    pages.push({ page: first + pages.length, text: all.slice(at, at + lines).join('\n'), source: 'text_layer', quality: 1, ocr_confidence: null });
  }
  return pages;
}

/** Seed 003 (a report) then seed 004 (a plan) bound in one file, 40 lines a page. */
export function reportAndPlan(): { report: Page[]; plan: Page[] } {
  const report = pagesOf(seed('003'), 40);
  return { report, plan: pagesOf(seed('004'), 40, report.length + 1) };
}
