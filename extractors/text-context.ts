// Where a position in a document's text stands: its sentence and clause, the section heading
// above it, and the year the text is talking about there.
import { fold } from '../pipeline/vietnamese.js';

export interface Range {
  start: number;
  end: number;
}

export { fold };

// A sentence ends at . ! ? ; before a capital, a digit, an opening quote or a list marker, at a colon
// that ends a line, at a blank line before a capital unless the line above ran on (ended in a
// small letter or a comma), and at
// a line that starts a list item, a numbered heading or a paragraph opening on a year ("Năm 2020, …",
// which is all that marks a new paragraph in OCR text); not after an abbreviation (TP. Rạch Giá).
const SENTENCE_END = /(?<!\b(?:TP|Tp|TX|BCĐ|BCD|H|CP|KT|TS|ThS|BS|PGS|GS|Cty|VP|TW|TV|P|Q))[.!?;](?=[ \t]*(?:\r?\n|[ \t]+[\p{Lu}\d“"(«+-]))|:(?=[ \t]*\r?\n)|(?<=[^\s\p{Ll},][ \t]*)\n(?=[ \t]*\r?\n\s*\p{Lu})|\n(?=[ \t]*(?:[-+•]\s|\d+(?:\.\d+)*[.)]\s|[IVX]+\.\s|[a-zđ]\)\s|(?:Trong năm|Trong nam|Năm|Nam)\s+\d{4}\b))/gu;
// A clause ends at a comma or semicolon too.
const CLAUSE_END = /[,;](?=\s)/gu;

function ranges(text: string, boundary: RegExp): Range[] {
  const result: Range[] = [];
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > start) result.push({ start, end });
    start = end;
  }
  if (start < text.length) result.push({ start, end: text.length });
  return result;
}

const HEADING = /^[ \t]*(?:[IVX]+\.|[A-ZĐ]\.|\d+(?:\.\d+)*[.)]|[a-zđ]\))[ \t]+\S.*$/gmu;
const YEAR_IN_HEADING = /\bnam\s+(\d{4})\b/u;
// "Năm 2023, …", "Trong năm 2020, …", "Năm 2024 phấn đấu …", "6 tháng đầu năm 2024, …"
const YEAR_OPENING = /^[\s\-+•*]*(?:(?:trong|ket qua|den het|tinh den)\s+)?(?:(?:\d+\s+thang\s+(?:dau|cuoi)\s+)?nam|quy\s+\w+\s+nam)\s+(\d{4})\b/u;

/** Index of the last item whose start is at or before `offset` (items sorted by start), or -1. */
function lastStartingBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (startOf(items[middle] as T) <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export interface Heading extends Range {
  text: string;
}

export class TextContext {
  readonly sentences: Range[];
  readonly headings: Heading[];
  /** [offset from which a year holds, the year], in order */
  private readonly yearMarks: [number, number][];
  private readonly folded: string;

  constructor(readonly text: string) {
    this.folded = fold(text);
    this.sentences = ranges(text, SENTENCE_END);
    this.headings = [...text.matchAll(HEADING)]
      .filter((m) => m[0].trim().length < 200)
      .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0].trim() }));
    this.yearMarks = [];
    for (const heading of this.headings) {
      const year = YEAR_IN_HEADING.exec(fold(heading.text));
      if (year) this.yearMarks.push([heading.start, Number(year[1])]);
    }
    for (const sentence of this.sentences) {
      const folded = this.folded.slice(sentence.start, sentence.end);
      const opening = YEAR_OPENING.exec(folded);
      // a sentence that opens with a year, or speaks of one year only, sets the year that follows
      const years = new Set(
        [...folded.matchAll(/\bnam\s+(\d{4})\b/gu)]
          .filter((m) => !/(?:so voi|giai doan|tu)\s+(?:cung ky\s+)?$/u.test(folded.slice(Math.max(0, (m.index ?? 0) - 20), m.index)))
          .map((m) => Number(m[1])),
      );
      const year = opening ? Number(opening[1]) : years.size === 1 ? [...years][0] : undefined;
      if (year !== undefined) this.yearMarks.push([sentence.start, year]);
    }
    this.yearMarks.sort((a, b) => a[0] - b[0]);
  }

  sentenceAt(offset: number): Range {
    const sentence = this.sentences[lastStartingBefore(this.sentences, offset, (s) => s.start)];
    return sentence && offset < sentence.end ? sentence : { start: 0, end: this.text.length };
  }

  /** The clause (comma-separated part) of the sentence that holds `offset`. */
  clauseAt(offset: number): Range {
    const sentence = this.sentenceAt(offset);
    const clause = ranges(this.text.slice(sentence.start, sentence.end), CLAUSE_END).find(
      (c) => sentence.start + c.start <= offset && offset < sentence.start + c.end,
    );
    return clause ? { start: sentence.start + clause.start, end: sentence.start + clause.end } : sentence;
  }

  /** The nearest numbered heading above `offset`. */
  headingAbove(offset: number): Heading | null {
    return this.headings[lastStartingBefore(this.headings, offset, (h) => h.start)] ?? null;
  }

  /** The year that the running text at `offset` is about, from the last year-opening above it. */
  runningYear(offset: number): number | null {
    return this.yearMarks[lastStartingBefore(this.yearMarks, offset, ([at]) => at)]?.[1] ?? null;
  }

  foldedSlice(range: Range): string {
    return this.folded.slice(range.start, range.end);
  }
}
