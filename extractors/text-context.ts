// Where a position in a document's text stands: its sentence and clause, its paragraph, the
// section heading above it, and the year the text is talking about there.
import { fold } from '../lang/vietnamese.js';

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
// In a text whose lines are not separated by blank lines, a blank line parts paragraphs, and so
// sentences, unless the next line goes on in small letters; where every line is followed by one (a
// layer that doubles line breaks), it is a wrap.
const PARAGRAPH_BREAK = /\r?\n[ \t]*\r?\n(?=\s*[^\s\p{Ll}])/gu;
// A clause ends at a comma or semicolon too.
const CLAUSE_END = /[,;](?=\s)/gu;

function ranges(text: string, boundary: RegExp | null, extra: number[] = []): Range[] {
  const ends = [...(boundary ? [...text.matchAll(boundary)].map((m) => (m.index ?? 0) + m[0].length) : []), ...extra].sort((a, b) => a - b);
  const result: Range[] = [];
  let start = 0;
  for (const end of ends) {
    // white space alone ("\n" between "…;" and "- …") belongs to what follows
    if (end <= start || text.slice(start, end).trim() === '') continue;
    result.push({ start, end });
    start = end;
  }
  if (start < text.length) result.push({ start, end: text.length });
  return result;
}

/** Whether most lines of a text are followed by a blank line (line breaks doubled). */
function doubleSpaced(text: string): boolean {
  const lines = text.split('\n');
  let filled = 0;
  let followedByBlank = 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    filled++;
    if ((lines[i + 1] ?? 'x').trim() === '') followedByBlank++;
  });
  return filled > 4 && followedByBlank / filled > 0.6;
}

const HEADING = /^[ \t#*]*(?:[IVX]+\.|[A-ZĐ]\.|\d+(?:\.\d+)*[.)]|[a-zđ]\))[ \t]+\S.*$/gmu;

/** Headings are ranked A. > I. > 1. > 1.1. > a). */
function headingRank(text: string): number {
  const mark = /^[#*\s]*([A-ZĐ]\.|[IVX]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\))/u.exec(text)?.[1] ?? '';
  if (/^[IVX]+\.$/u.test(mark)) return 1;
  if (/^[A-ZĐ]\.$/u.test(mark)) return 0;
  if (/^[a-zđ]\)$/u.test(mark)) return 4;
  return 1 + mark.split('.').filter((part) => part !== '').length;
}

// Years as the text names them, folded: "năm 2020", "hè 2020", a date (09/10/2017, 30.11.2010,
// "tháng 2.2012"), a round of a year (đợt 1/2023), a campaign named with its year ("Hành trình Đỏ
// 2023", "Xuân hồng 2024"). The campaign form is checked on the printed text: a capitalised word
// (and at most one more) before the year.
const YEAR_MENTION = /\b(?:(?:nam|he|xuan|tet)\s+((?:19|20)\d{2})|\d{1,2}[/.]\d{1,2}[/.]((?:19|20)\d{2})|(?:thang|dot|quy)\s+(?:\d{1,2}|[ivx]{1,4})\s*[/.]\s*((?:19|20)\d{2}))(?![\d/.-]\d)/gu;
const BARE_YEAR = /(?<![\d/.-])((?:19|20)\d{2})(?![\d/-])/gu;
const NAMED_BEFORE = /\p{Lu}\p{L}*\s(?:\p{Ll}+\s)?$/u;
// what makes a year mention no year of the figures around it: a comparison's base, the start of
// a span of years (cumulative counts), a range, the date of a cited document
// ("so" alone is no comparison: folded, it is also "số", as in "tổng số máu cả năm 2023")
const COMPARED = /\bso\s+(?:voi\s+(?:cung ky\s+)?|cung ky\s+)(?:(?!chi tieu|ke hoach|muc tieu|du toan)[^\s,;]+\s+){0,5}[^\s,;]*$/u;
// after a rise or fall, even a target's year is the base: "tăng 12% so với dự toán năm 2023"
const CHANGE_COMPARED = /\b(?:tang|giam|hon|gap)\b[^,;.]{0,20}\bso\s+(?:voi|cung ky)\s+(?:[^\s,;]+\s+){0,6}[^\s,;]*$/u;
const BASE_BEFORE = /\b(?:gap\s+[\d.,]+\s+lan|(?:cao|thap|nhieu|it)\s+hon)\s+(?:so voi\s+)?(?:cung ky\s+)?(?:nam\s+)?$/u;
const SPAN_START = /\b(?:tu|giai doan|thoi ky|nhiem ky)\s+(?:nam\s+)?$/u;
const CITATION = /\bso\s*:?\s*\d+[\w.]*\/[^\n]{0,60}$/u;
const RANGE_AFTER = /^\s*(?:-|–|den(?:\s+nam)?\s)\s*(?:\d{1,2}[/.]\d{1,2}[/.])?(?:19|20)\d{2}/u;
const SPAN_PHRASE = /\b(?:tu nam\s+(?:19|20)\d{2}|(?:sau|qua|trong)\s+\d+\s+nam\b|giai doan\s+(?:19|20)\d{2}|qua cac nam|luy ke)/u;

interface YearMention {
  at: number;
  year: number;
}

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

interface Heading extends Range {
  text: string;
}

export class TextContext {
  readonly sentences: Range[];
  readonly paragraphs: Range[];
  readonly headings: Heading[];
  /** the years the text names as the time of what it reports, in order */
  readonly years: YearMention[];
  /** [offset from which a year holds (null: no single year), the year], in order */
  private readonly yearMarks: [number, number | null][];
  private readonly folded: string;
  /** each sentence's clauses, by the sentence's start, as they are asked for */
  private readonly clauses = new Map<number, Range[]>();
  /**
   * The text cues are read from: lower case, with its diacritics where the text has them (so that
   * sẽ is not se, đã not đa), folded where it lost them. Offsets are the text's own.
   */
  readonly cueText: string;
  /** whether `cueText` is folded (the text lost its marks, or they are not its own) */
  readonly foldedCues: boolean;

  constructor(readonly text: string, marksTrusted = true) {
    this.folded = fold(text);
    const lower = text.toLowerCase();
    // letters, and those outside ASCII (a Vietnamese letter with a mark), counted without building arrays
    let letters = 0;
    let marked = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
      else if (code > 127 && (code < 0x2000 || code > 0x206f)) {
        letters++;
        marked++;
      }
    }
    this.foldedCues = !(marksTrusted && letters > 0 && marked / letters > 0.04);
    this.cueText = this.foldedCues ? this.folded : lower;
    const breaks = doubleSpaced(text) ? [] : [...text.matchAll(PARAGRAPH_BREAK)].map((m) => (m.index ?? 0) + m[0].length);
    this.sentences = ranges(text, SENTENCE_END, breaks);
    this.paragraphs = ranges(text, null, breaks);
    this.headings = [...text.matchAll(HEADING)]
      .filter((m) => m[0].trim().length < 200)
      .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0].trim() }));
    this.years = this.findYears();
    this.yearMarks = [];
    for (const sentence of this.sentences) {
      const inside = this.yearsIn(sentence);
      if (inside.length === 0) {
        if (this.spansYears(sentence)) this.yearMarks.push([sentence.start, null]);
        continue;
      }
      const lead = this.text.slice(sentence.start, sentence.end).search(/\S/u);
      const opening = inside[0]!.at - sentence.start - Math.max(0, lead) < 45;
      // a sentence that opens with a year, or speaks of one year only, sets the year that follows
      const distinct = new Set(inside.map((m) => m.year));
      if (opening || distinct.size === 1) this.yearMarks.push([sentence.start, inside[0]!.year]);
    }
  }

  private findYears(): YearMention[] {
    const found: YearMention[] = [];
    let lastBase = -1;
    const add = (at: number, year: number) => {
      // what stands before it in its own sentence
      const before = this.folded.slice(Math.max(0, at - 80, this.sentenceAt(at).start), at);
      // a comparison's base: "so với năm 2023 (…) và năm 2022", "gấp 2 lần năm 2020", "cao hơn năm 2023"
      const continued = lastBase >= 0 && /^\d{4}(?:\s*\([^)]*\))?\s*(?:,|va)\s+(?:nam\s+)?$/u.test(this.folded.slice(lastBase, at));
      if (COMPARED.test(before.slice(-40)) || CHANGE_COMPARED.test(before.slice(-60)) || continued || BASE_BEFORE.test(before.slice(-30))) {
        lastBase = at;
        return;
      }
      if (SPAN_START.test(before.slice(-20)) || CITATION.test(before)) return;
      if (RANGE_AFTER.test(this.folded.slice(at + 4, at + 20))) return;
      if (/(?:19|20)\d{2}\s*(?:-|–|den)\s*(?:nam\s+)?$/u.test(before.slice(-12))) return; // the end of a range
      found.push({ at, year });
    };
    for (const m of this.folded.matchAll(YEAR_MENTION)) {
      const year = m[1] ?? m[2] ?? m[3];
      add((m.index ?? 0) + m[0].length - 4, Number(year));
    }
    for (const m of this.text.matchAll(BARE_YEAR)) {
      const at = m.index ?? 0;
      if (NAMED_BEFORE.test(this.text.slice(Math.max(0, at - 30), at)) && !found.some((f) => f.at === at)) add(at, Number(m[1]));
    }
    return found.sort((a, b) => a.at - b.at);
  }

  /** Whether a sentence speaks of a span of years (from a year until now, a range of dates). */
  private spansYears(sentence: Range): boolean {
    const folded = this.folded.slice(sentence.start, sentence.end);
    if (SPAN_PHRASE.test(folded)) return true;
    const dates = [...folded.matchAll(/\btu\s+(?:ngay\s+)?\d{1,2}[/.]\d{1,2}[/.]((?:19|20)\d{2})\s*(?:-|–|den)\s*(?:ngay\s+)?\d{1,2}[/.]\d{1,2}[/.]((?:19|20)\d{2})/gu)];
    return dates.some((m) => m[1] !== m[2]);
  }

  namesYear(range: Range): boolean {
    return this.yearsIn(range).length > 0;
  }

  private yearsIn(range: Range): YearMention[] {
    return this.years.filter((m) => m.at >= range.start && m.at < range.end);
  }

  sentenceAt(offset: number): Range {
    const sentence = this.sentences[lastStartingBefore(this.sentences, offset, (s) => s.start)];
    return sentence && offset < sentence.end ? sentence : { start: 0, end: this.text.length };
  }

  /** The sentence before the one that holds `offset`, if any. */
  sentenceBefore(offset: number): Range | null {
    const index = lastStartingBefore(this.sentences, offset, (s) => s.start);
    return index > 0 ? (this.sentences[index - 1] ?? null) : null;
  }

  paragraphAt(offset: number): Range {
    const paragraph = this.paragraphs[lastStartingBefore(this.paragraphs, offset, (p) => p.start)];
    return paragraph ?? { start: 0, end: this.text.length };
  }

  /** The clause (comma-separated part) of the sentence that holds `offset`. */
  clauseAt(offset: number): Range {
    const sentence = this.sentenceAt(offset);
    let clauses = this.clauses.get(sentence.start);
    if (!clauses) {
      clauses = ranges(this.text.slice(sentence.start, sentence.end), CLAUSE_END).map((c) => ({ start: sentence.start + c.start, end: sentence.start + c.end }));
      this.clauses.set(sentence.start, clauses);
    }
    return clauses.find((c) => c.start <= offset && offset < c.end) ?? sentence;
  }

  /** The numbered headings of the sections that hold `offset`, innermost first. */
  headingsAbove(offset: number): Heading[] {
    const above: Heading[] = [];
    let rank = Infinity;
    for (const heading of this.headings.slice(0, lastStartingBefore(this.headings, offset, (h) => h.start) + 1).reverse()) {
      const own = headingRank(heading.text);
      if (own >= rank) continue;
      rank = own;
      above.push(heading);
    }
    return above;
  }

  /**
   * The year a figure at `offset` is about, as the text says it: the nearest year named before it
   * in its clause or sentence, else one named after it in the sentence, else the year the running
   * text is about, else the one year the whole text names; null where the text does not say.
   * `sure` says how directly (1: in the sentence).
   */
  yearAt(offset: number): { year: number | null; sure: number } {
    const sentence = this.sentenceAt(offset);
    const inside = this.yearsIn(sentence);
    const clause = this.clauseAt(offset);
    const inClause = inside.filter((m) => m.at >= clause.start && m.at < clause.end);
    const before = (mentions: YearMention[]) => mentions.filter((m) => m.at < offset).at(-1);
    const direct = before(inClause) ?? inClause[0] ?? before(inside) ?? inside.find((m) => m.at > offset);
    if (direct) return { year: direct.year, sure: 1 };
    if (this.spansYears(sentence)) return { year: null, sure: 1 };
    const mark = this.yearMarks[lastStartingBefore(this.yearMarks, offset, ([at]) => at)];
    if (mark) return { year: mark[1], sure: mark[1] === null ? 1 : 0.9 };
    const distinct = new Set(this.years.map((m) => m.year));
    if (distinct.size === 1) return { year: this.years[0]!.year, sure: 0.8 };
    return { year: null, sure: 0.7 };
  }

  foldedSlice(range: Range): string {
    return this.folded.slice(range.start, range.end);
  }

  cueSlice(range: Range): string {
    return this.cueText.slice(range.start, range.end);
  }
}
