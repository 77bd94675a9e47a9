// Figures: every measured or planned quantity a Vietnamese administrative text states, with its
// metric, unit, year, qualifier, campaign and scope, and the exact words it came from. General
// rules of the language of reports and plans; numbers that are dates, codes, numbering, years,
// durations, ages, names or selection criteria are not figures.
import type { DocumentKind } from '../pipeline/records.js';
import { NUMERAL_SOURCE, parseNumeral, scaleAt, tidy } from './numbers.js';
import { fold, TextContext, type Range } from './text-context.js';
import { unitAt, type UnitMatch } from './units.js';

export type Metric =
  | 'achieved'
  | 'target'
  | 'percent_of_target'
  | 'registered'
  | 'participants'
  | 'change'
  | 'rate'
  | 'events'
  | 'other';
export type Qualifier = 'approx' | 'at_least' | 'more_than' | 'less_than';

export interface FoundFigure {
  metric: Metric;
  value: number;
  unit: string;
  year: number | null;
  scope: string | null;
  campaign: string | null;
  qualifier: Qualifier | null;
  start: number;
  end: number;
  confidence: number;
}

export interface FigureIssue {
  at: number;
  code: string;
  message: string;
}

export interface DocumentFacts {
  year: number | null;
  kind: DocumentKind | null;
}

const NUMERAL = new RegExp(`(?<![\\p{L}\\d]|\\d[.,])(?:${NUMERAL_SOURCE})(?![\\d\\p{L}])`, 'gu');
const AFTER_SLASH = new RegExp(`^[ \\t]*/[ \\t]*(${NUMERAL_SOURCE})(?![\\d\\p{L}])`, 'u');

// Words just before a number that make it an ordinal, a name or a code rather than a quantity.
const NAMING_BEFORE =
  /\b(?:thu|(?<!tong )so|dot|lan thu|dieu|khoan|chuong|muc|phan|khoa|cau lac bo|clb|phuong|quan|ap|khu pho|covid)\s*$/u;
const RANK_BEFORE = /\b(?:dan dau|dung dau|dung thu|xep thu|trong tong so|tren tong so|trong so)\s*$/u;
const CHOICE_BEFORE = /\b(?:chon trong|mot trong|chon)\s*$/u;
const PHONE_BEFORE = /\b(?:dt|fax|dien thoai|sdt|hotline|so dien thoai)[:.\s]*$/u;
// Selection criteria (xét chọn … hiến máu 20, 30 lần) state thresholds, not results.
const CRITERIA = /\b(?:xet(?: lua)? chon|lua chon nhung|tieu chuan)\b/u;

const QUALIFIERS: [RegExp, Qualifier][] = [
  [/\b(?:khoang|gan|xap xi|uoc tinh|uoc chung)\s*$/u, 'approx'],
  [/\b(?:it nhat|toi thieu)\s*$/u, 'at_least'],
  [/\b(?:hon|tren|vuot)\s*$/u, 'more_than'],
  [/\b(?:duoi|chua den|khong qua|toi da|chua toi)\s*$/u, 'less_than'],
];

// "tăng 146 đơn vị" in a sentence about blood counts blood units
const BLOOD_VERB_BEFORE =
  /\b(?:tang|giam|them|vuot|tiep nhan|thu nhan|thu duoc|hien|len|dat)(?: duoc)?(?: (?:gan|khoang|hon|tren|xap xi))?\s*$/u;

const PLAN_WORDS = /\b(?:chi tieu|ke hoach|phan dau|du kien|muc tieu|nhiem vu|phuong huong|giao)\b/u;

const CAMPAIGNS: [RegExp, string][] = [
  [/\bxuan hong\b|\bdip tet\b|\btet nguyen dan\b/u, 'Xuân hồng'],
  [/\btoan dan hien mau\b/u, 'Toàn dân hiến máu 7/4'],
  [/\bgiot mau hong\b|\bchien dich\b[^.]{0,40}\bhe\b/u, 'Hè'],
  [/\bhanh trinh do\b/u, 'Hành trình đỏ'],
  [/\bchu nhat do\b/u, 'Chủ nhật đỏ'],
];

// A named unit a figure is about: a district, city, company, school, the armed forces …
const SCOPE_NAME =
  /(?:huyện|thành phố|TP\.|thị xã|quận|xã|phường|Công ty|Trường|Bệnh viện|Công an|Bộ Chỉ huy|Liên đoàn Lao động)\s+(?:[\p{Lu}\d][\p{L}\d]*\.?(?:\s+|$))+|lực lượng vũ trang/gu;

interface Quantity {
  start: number;
  end: number; // end of the unit
  value: number;
  unit: UnitMatch;
  /** the second number of "X/Y" */
  of?: { value: number; start: number };
}

function lastWords(text: string, from: number, chars = 40): string {
  return fold(text.slice(Math.max(0, from - chars), from)).replace(/\s+/gu, ' ');
}

function lineAround(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}

function lineStartBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at);
}

/** Reads the number at `match` with what follows it; null when it is not a quantity. */
function readQuantity(text: string, match: RegExpExecArray, context: TextContext): Quantity | null {
  const start = match.index;
  const token = match[0];
  let end = start + token.length;
  let value = parseNumeral(token);
  if (value === null) return null;
  const before = lastWords(text, start);
  const prevChar = text[start - 1] ?? ' ';
  const nextChars = text.slice(end, end + 3);

  // codes, times, ISO dates, names like Covid-19, phone numbers
  if (/[-:–_/]/u.test(prevChar) && /[\p{L}\d]/u.test(text[start - 2] ?? ' ')) return null;
  if (/^[:\-_][\d]/u.test(nextChars) || /^\s*\/\s*[\p{Lu}]/u.test(text.slice(end, end + 6))) return null;
  if (/^0\d{2,}/u.test(token.replace(/\D/gu, '')) || PHONE_BEFORE.test(before)) return null;
  // article and list numbering: "1.", "2.1.", "3)" at the start of a line
  if (/^[\s*#>-]*$/u.test(lineStartBefore(text, start)) && /^[.)]\s|^\.\d/u.test(nextChars)) return null;
  if (/^[.)]\s/u.test(nextChars) && /^\d{1,2}$/u.test(token) && /^[\s*#>-]*$/u.test(lineStartBefore(text, start))) return null;
  // years and parts of names
  if (/^(19|20)\d{2}$/u.test(token)) return null;
  if (/\d\s*[-–]\s*$/u.test(text.slice(Math.max(0, start - 6), start))) return null; // the end of a range
  if (NAMING_BEFORE.test(before) || RANK_BEFORE.test(before) || CHOICE_BEFORE.test(before)) return null;
  if (CRITERIA.test(context.foldedSlice(context.sentenceAt(start)))) return null;
  // cells of a tab-separated table row are read by the table extractor, not as prose
  if (lineAround(text, start).includes('\t')) return null;

  let of: Quantity['of'];
  const slash = AFTER_SLASH.exec(text.slice(end));
  if (slash) {
    const second = parseNumeral(slash[1] ?? '');
    const afterSecond = text.slice(end + slash[0].length, end + slash[0].length + 8);
    // a date (07/4, 14/6/2020) or a code (182/2009/TT-BTC)
    if (second === null || /^\s*\/\s*[\d\p{L}]/u.test(afterSecond)) return null;
    const small = Number.isInteger(value) && Number.isInteger(second) && !token.includes('.') && value <= 31 && second <= 12;
    if (small && (/\bngay\s*$/u.test(before) || prevChar === '(' || !unitAt(text.slice(end + slash[0].length)))) return null;
    of = { value: second, start: end + slash[0].length - (slash[1] ?? '').length };
    end += slash[0].length;
  }

  let rest = text.slice(end);
  if (/^[ \t]?%/u.test(rest)) {
    const length = rest.indexOf('%') + 1;
    return { start, end: end + length, value, unit: { unit: '%', kind: 'count', length }, of };
  }
  let unit = unitAt(rest);
  if (!unit || unit.kind !== 'money') {
    const scale = scaleAt(rest);
    if (scale) {
      value = tidy(value * scale.factor);
      if (of) of = { ...of, value: tidy(of.value * scale.factor) };
      end += scale.length;
      rest = text.slice(end);
      unit = unitAt(rest);
    }
  }
  if (!unit || unit.kind === 'time' || unit.kind === 'age') return null;
  // "21 Trường Cao đẳng Y tế" at the head of a line: a table row's number before a unit's name
  const unitText = rest.replace(/^[\s*_]+/u, '');
  if (/^[\s*#>-]*$/u.test(lineStartBefore(text, start)) && /^\p{Lu}/u.test(unitText)) return null;
  if (unit.unit === 'đơn vị' && BLOOD_VERB_BEFORE.test(before) && /\bmau\b/u.test(context.foldedSlice(context.sentenceAt(start)))) {
    unit = { ...unit, unit: 'đơn vị máu', kind: 'blood' };
  }
  if (unit.kind === 'volume' && prevChar === '(') return null; // "(350ml)" defines the unit, it is no quantity
  return { start, end: end + unit.length, value, unit, of };
}

function qualifierOf(text: string, quantity: Quantity, context: TextContext): { qualifier: Qualifier | null; start: number } {
  const before = fold(text.slice(Math.max(0, quantity.start - 20), quantity.start));
  for (const [pattern, qualifier] of QUALIFIERS) {
    const match = pattern.exec(before);
    if (match) return { qualifier, start: quantity.start - (before.length - match.index) };
  }
  const clause = context.clauseAt(quantity.start);
  const after = fold(text.slice(quantity.end, Math.min(clause.end + 12, text.length)));
  const nextNumber = after.search(/\d/u);
  const upTo = nextNumber < 0 ? after : after.slice(0, nextNumber);
  if (/\btro len\b/u.test(upTo)) return { qualifier: 'at_least', start: quantity.start };
  return { qualifier: null, start: quantity.start };
}

function yearOf(text: string, at: number, context: TextContext, facts: DocumentFacts): { year: number | null; sure: number } {
  const sentence = context.sentenceAt(at);
  const folded = context.foldedSlice(sentence);
  let best: { year: number; distance: number } | null = null;
  for (const match of folded.matchAll(/\b(?:nam|he|xuan|tet)\s+(\d{4})\b/gu)) {
    const index = match.index ?? 0;
    if (/so voi\s+(?:cung ky\s+)?$/u.test(folded.slice(Math.max(0, index - 20), index))) continue;
    const distance = Math.abs(sentence.start + index - at);
    if (!best || distance < best.distance) best = { year: Number(match[1]), distance };
  }
  if (best) return { year: best.year, sure: 1 };
  const running = context.runningYear(at);
  if (running !== null) return { year: running, sure: 0.9 };
  return { year: facts.year, sure: 0.75 };
}

function campaignOf(context: TextContext, at: number, year: number | null): string | null {
  const heading = context.headingAbove(at);
  const places = [fold(context.text.slice(context.sentenceAt(at).start, at)), heading ? fold(heading.text) : ''];
  for (const place of places) {
    for (const [pattern, name] of CAMPAIGNS) {
      if (pattern.test(place)) return year ? `${name} ${year}` : name;
    }
  }
  return null;
}

function scopeOf(text: string, quantity: Quantity, context: TextContext): string | null {
  const sentence = context.sentenceAt(quantity.start);
  // "02 trường THPT (huyện Vĩnh Thuận)": a name in brackets right after the figure
  const bracket = /^\s*\(([^)]{3,60})\)/u.exec(text.slice(quantity.end, sentence.end));
  const named = (value: string) => [...value.matchAll(SCOPE_NAME)].map((m) => m[0].trim().replace(/[.,]$/u, ''));
  if (bracket) {
    const inside = named(bracket[1] ?? '');
    if (inside.length > 0) return inside.join(', ');
  }
  // the unit named as the subject of the clause, before the number
  const clause = context.clauseAt(quantity.start);
  const subject = named(text.slice(clause.start, quantity.start));
  return subject.length > 0 ? subject.join(', ') : null;
}

function metricOf(
  text: string,
  quantity: Quantity,
  role: 'single' | 'part' | 'whole',
  context: TextContext,
  facts: DocumentFacts,
  afterPair: boolean,
): { metric: Metric; value: number; sure: number } {
  const { unit } = quantity;
  const clause = context.clauseAt(quantity.start);
  const before = fold(text.slice(clause.start, quantity.start));
  const justBefore = lastWords(text, quantity.start, 16);
  const after = fold(text.slice(quantity.end, Math.max(clause.end, Math.min(quantity.end + 40, context.sentenceAt(quantity.start).end))));
  // on the text itself: folded, "tặng" (to award) would read as "tăng" (to rise); awards and gifts
  // are given, never increased, which settles text that lost its diacritics
  const change =
    unit.kind === 'award'
      ? null
      : /(?<![\p{L}])(tăng|giảm|tang|giam)(?: thêm| them)?\s*$/u.exec(text.slice(Math.max(0, quantity.start - 16), quantity.start).toLowerCase());

  if (unit.unit === '%') {
    if (/^\s*(?:so voi\s+)?(?:ke hoach|chi tieu|kh\b)/u.test(after)) return { metric: 'percent_of_target', value: quantity.value, sure: 1 };
    if (afterPair && /\bdat\s*$/u.test(justBefore)) return { metric: 'percent_of_target', value: quantity.value, sure: 0.95 };
    if (change) return { metric: 'change', value: /gi/u.test(change[1] ?? '') ? -quantity.value : quantity.value, sure: 0.9 };
    if (/^\s*dan so\b/u.test(after) || /\b(?:ty le|ti le)\b/u.test(before)) return { metric: 'rate', value: quantity.value, sure: 1 };
    // "30% cán bộ", "trên 50% lượng máu": a share of something named
    if (/^\s*[\p{L}]/u.test(after) && !/^\s*(?:va|tro len|so voi)\b/u.test(after)) return { metric: 'other', value: quantity.value, sure: 0.85 };
    if (/\b(?:dat|chiem)\s*$/u.test(justBefore)) return { metric: 'rate', value: quantity.value, sure: 0.8 };
    return { metric: 'other', value: quantity.value, sure: 0.7 };
  }
  if (change) return { metric: 'change', value: /gi/u.test(change[1] ?? '') ? -quantity.value : quantity.value, sure: 1 };
  if (unit.kind === 'blood' || unit.kind === 'volume') {
    if (role === 'part') return { metric: 'achieved', value: quantity.value, sure: 1 };
    if (role === 'whole') return { metric: 'target', value: quantity.value, sure: 1 };
    const heading = context.headingAbove(quantity.start);
    const planned =
      facts.kind === 'ke_hoach' ||
      PLAN_WORDS.test(before) ||
      (heading !== null && PLAN_WORDS.test(fold(heading.text)));
    return planned ? { metric: 'target', value: quantity.value, sure: 0.9 } : { metric: 'achieved', value: quantity.value, sure: 0.9 };
  }
  // "5.460 người đăng ký", "số người đăng ký hiến máu là 24.315 người"
  if (/^\s*(?:\S+\s+){0,2}dang ky\b/u.test(after) || (unit.kind === 'people' && /\bdang ky\b/u.test(before))) {
    return { metric: 'registered', value: quantity.value, sure: 1 };
  }
  if (unit.kind === 'event') return { metric: 'events', value: quantity.value, sure: 0.95 };
  if (unit.kind === 'people') {
    const attending = /\b(?:tham du|tham gia|du)\b/u.test(after);
    const always = ['người', 'lượt người', 'lượt', 'đại biểu', 'tình nguyện viên', 'tuyên truyền viên'].includes(unit.unit);
    if (always || attending) return { metric: 'participants', value: quantity.value, sure: 0.9 };
  }
  return { metric: 'other', value: quantity.value, sure: 0.85 };
}

function checkPercent(part: number, whole: number, printed: number): boolean {
  if (whole === 0) return false;
  const computed = (part / whole) * 100;
  const decimals = (String(printed).split('.')[1] ?? '').length;
  const scale = 10 ** decimals;
  return Math.round(computed * scale) / scale === printed || Math.trunc(computed * scale) / scale === printed;
}

export function findFigures(text: string, facts: DocumentFacts): { figures: FoundFigure[]; issues: FigureIssue[] } {
  const context = new TextContext(text);
  const figures: FoundFigure[] = [];
  const issues: FigureIssue[] = [];
  let skipUntil = 0;
  let lastPair: { sentence: Range; part: number; whole: number } | null = null;

  for (const match of text.matchAll(NUMERAL)) {
    if ((match.index ?? 0) < skipUntil) continue;
    const quantity = readQuantity(text, match as RegExpExecArray, context);
    if (!quantity) continue;
    skipUntil = quantity.end;
    const sentence = context.sentenceAt(quantity.start);
    const afterPair = lastPair !== null && lastPair.sentence.start === sentence.start;
    const { qualifier, start } = qualifierOf(text, quantity, context);
    const { year, sure: yearSure } = yearOf(text, quantity.start, context, facts);
    const campaign = campaignOf(context, quantity.start, year);
    const scope = scopeOf(text, quantity, context);
    const add = (value: Quantity, role: 'single' | 'part' | 'whole', spanStart: number) => {
      const { metric, value: signed, sure } = metricOf(text, value, role, context, facts, afterPair);
      figures.push({
        metric,
        value: signed,
        unit: value.unit.unit,
        year,
        scope,
        campaign,
        qualifier,
        start: spanStart,
        end: value.end,
        confidence: Math.round(sure * yearSure * 100) / 100,
      });
      return metric;
    };

    // "X/Y đơn vị máu": X received of a plan of Y; "10/15 huyện": 10 of all 15, one figure
    if (quantity.of && quantity.unit.kind === 'blood') {
      add(quantity, 'part', start);
      add({ ...quantity, value: quantity.of.value, start: quantity.of.start }, 'whole', quantity.of.start);
      lastPair = { sentence, part: quantity.value, whole: quantity.of.value };
      continue;
    }
    const metric = add(quantity, 'single', start);
    // the first percentage after "X/Y" is its ratio; later ones ("đạt 30% so với chỉ tiêu cả năm")
    // measure against something else
    if (metric === 'percent_of_target' && afterPair && lastPair) {
      if (!checkPercent(lastPair.part, lastPair.whole, quantity.value)) {
        const computed = ((lastPair.part / lastPair.whole) * 100).toFixed(1);
        issues.push({
          at: quantity.start,
          code: 'figure_arithmetic',
          message: `${lastPair.part}/${lastPair.whole} là ${computed}%, nhưng văn bản ghi ${quantity.value}%.`,
        });
      }
      lastPair = null;
    }
  }
  return { figures, issues };
}
