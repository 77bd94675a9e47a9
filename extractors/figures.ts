// Figures: every measured or planned quantity a Vietnamese administrative text states, with its
// metric, unit, year, qualifier, campaign and scope, and the exact words it came from. General
// rules of the language of reports and plans; numbers that are dates, codes, numbering, years,
// durations, ages, names or selection criteria are not figures.
import type { FigureMetric, FigureQualifier, Warning } from '../core/records.js';
import { warning } from '../core/warnings.js';
import { metricOf, type DocumentFacts, type RoleSignals } from './figure-roles.js';
import { NUMERAL_SOURCE, parseNumeral, scaleAt, tidy } from './numbers.js';
import { fold, TextContext, type Range } from './text-context.js';
import { campaignOf, documentTopic, scopeNames, scopeOf } from './figure-scope.js';
import { unitAt, type UnitMatch } from './units.js';


interface FoundFigure {
  metric: FigureMetric;
  value: number;
  unit: string;
  year: number | null;
  scope: string | null;
  campaign: string | null;
  qualifier: FigureQualifier | null;
  start: number;
  end: number;
  confidence: number;
  /** what the words around it said of its role (not part of the record) */
  signals: RoleSignals;
}

interface FigureIssue {
  at: number;
  warning: Omit<Warning, 'page'>;
}

// a unit may stand right after the digits: 250ml, 67.550ml
const NUMERAL = new RegExp(`(?<![\\p{L}\\d]|\\d[.,])(?:${NUMERAL_SOURCE})(?:(?![\\d\\p{L}])|(?=ml(?![\\p{L}])))`, 'giu');
const AFTER_SLASH = new RegExp(`^[ \\t]*/[ \\t]*(${NUMERAL_SOURCE})(?![\\d\\p{L}])`, 'u');

// what a four-digit number must be followed by to be read as a quantity, not a year
const MEASURED = new Set(['blood', 'volume', 'people', 'money', 'event']);

// what turns (lượt) may count besides people
const NOT_PEOPLE_AFTER = /^\s*(?:nguoi benh|benh nhan|benh\b|y kien|kien nghi|van ban|tin|bai|phong su|chuong trinh|ho so|xe|phat song|truy cap|tiet muc|cuoc goi)\b/u;

// Words just before a number that make it an ordinal, a name or a code rather than a quantity.
const NAMING_BEFORE =
  /\b(?:thu|(?<!(?:tong|con) )so|dot|lan thu|dieu|khoan|chuong|muc|phan|khoa|cau lac bo|clb|phuong|quan|ap|khu pho|covid|mung|nhom)\s*$/u;
const RANK_BEFORE = /\b(?:dan dau|dung dau|dung thu|xep thu)\s*$/u;
const CHOICE_BEFORE = /\b(?:chon trong|chon)\s*$/u;
const PHONE_BEFORE = /\b(?:dt|fax|dien thoai|sdt|hotline|so dien thoai)[:.\s]*$/u;
// a stretch of time, not a count: "sau 1 buổi", "trong 8 ngày"
const DURATION_BEFORE = /\b(?:sau|trong|suot|qua)\s*$/u;
// Selection criteria (xét chọn … hiến máu 20, 30 lần) state thresholds, not results.
const CRITERIA = /\b(?:xet(?: lua)? chon|lua chon nhung)\b/u;

// (a line break may fall inside a qualifier: "ít\nnhất 30%")
const QUALIFIERS: [RegExp, FigureQualifier][] = [
  [/\b(?:khoang|gan|xap\s+xi|uoc\s+tinh|uoc\s+chung|uoc)\s*$/u, 'approx'],
  [/\b(?:it\s+nhat|toi\s+thieu)\s*$/u, 'at_least'],
  [/(?<!\b(?:cao|thap|nhieu|it|lon|nho|som|muon))\s+(?:hon|tren)\s*$|^(?:hon|tren)\s*$/u, 'more_than'],
  [/\b(?:duoi|chua\s+den|chua\s+day|khong\s+qua|toi\s+da|chua\s+toi)\s*$/u, 'less_than'],
];

// "đơn vị" counts blood in a text about blood, and organisations where it names who acted ("8/9
// đơn vị đạt", "có 4 đơn vị vận động", "05 đơn vị (Gò Quao, …)", "phối hợp với 32 đơn vị, doanh nghiệp").
const ORGANISATION_ACTS = /^\s*(?:\([^)]*\)\s*)?(?:da |deu |cung |khong |chua |moi )?(?:dat|vuot|van dong|to chuc|tham gia|huong ung|hoan|huy|thuc hien|hoan thanh|duoc(?! giao)|co|la|gom|nhan|dang ky)\b/u;
const ORGANISATIONS_LISTED = /^\s*(?:,|va|hoac)\s*(?:doanh nghiep|co quan|truong|to chuc|dia phuong|ban nganh|nganh|lực lượng|luc luong)/u;
const ORGANISATIONS_BEFORE = /\b(?:phoi hop(?: voi)?|cac|nhung|gom|cho|cua)\s*$/u;
const BLOOD_TEXT = /\bmau\b|\bdvm\b|\bhmtn\b|\bhien mau\b/u;

interface Quantity {
  start: number;
  end: number; // end of the unit
  value: number;
  unit: UnitMatch;
  /** the second number of "X/Y" */
  of?: { value: number; start: number };
}

/** The folded words before `from`, white space folded to single spaces. */
function lastWords(context: TextContext, from: number, chars = 40): string {
  return context.foldedSlice({ start: Math.max(0, from - chars), end: from }).replace(/\s+/gu, ' ');
}

function lineAround(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end < 0 ? text.length : end);
}

function lineStartBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at);
}

/** Blood units or organisations, for a bare "đơn vị". */
function resolveUnitWord(text: string, start: number, unit: UnitMatch, rest: string, context: TextContext): UnitMatch {
  if (unit.unit !== 'đơn vị') return unit;
  const blood: UnitMatch = { ...unit, unit: 'đơn vị máu', kind: 'blood' };
  const after = rest.slice(unit.length, unit.length + 30);
  const next = fold(after);
  if (/^\s*(?:(?:loai|the tich)\s+)?(?:\d+\s*ml|mau)\b/u.test(next)) return blood;
  if (ORGANISATION_ACTS.test(next) || ORGANISATIONS_LISTED.test(next) || /^\s*\(\s*\p{Lu}/u.test(after)) return unit;
  if (ORGANISATIONS_BEFORE.test(lastWords(context, start, 24))) return unit;
  return BLOOD_TEXT.test(context.foldedSlice({ start: 0, end: text.length })) ? blood : unit;
}

/** "52.100 và 49.800 đơn vị": numbers joined by "và" share the unit after the last one. */
const NEXT_NUMBER = new RegExp(`^\\s*(?:và|hoặc|,)\\s*(?:${NUMERAL_SOURCE})(?![\\d\\p{L}])`, 'u');

function sharedUnit(rest: string): UnitMatch | null {
  const next = NEXT_NUMBER.exec(rest);
  const unit = next ? unitAt(rest.slice(next[0].length)) : null;
  return unit && unit.kind !== 'time' && unit.kind !== 'age' ? { ...unit, length: 0 } : null;
}

/** "Số người đăng ký … lên đến trên 1.200", "tổng số ngân hàng máu sống … lên con số 66": the unit named before. */
function impliedUnit(text: string, start: number, context: TextContext): UnitMatch | null {
  const clause = context.clauseAt(start);
  const before = text.slice(clause.start, start);
  const link = /(?:la|len den|len toi|len|dat|con so|:)\s*(?:(?:khoang|gan|hon|tren|it nhat|toi thieu)\s*)?$/u;
  if (!link.test(fold(before))) return null;
  const subject = /\b(?:tong )?so(?: luong)?\s+/u.exec(fold(before));
  if (!subject) return null;
  const unit = unitAt(before.slice(subject.index + subject[0].length));
  return unit ? { ...unit, length: 0 } : null;
}

/** Reads the number at `match` with what follows it; null when it is not a quantity. */
function readQuantity(text: string, match: RegExpExecArray, context: TextContext): Quantity | null {
  const start = match.index;
  const token = match[0];
  let end = start + token.length;
  let value = parseNumeral(token);
  if (value === null) return null;
  const before = lastWords(context, start);
  const prevChar = text[start - 1] ?? ' ';
  const nextChars = text.slice(end, end + 3);

  // codes, times, ISO dates, names like Covid-19, phone numbers
  if (/[-:–_/]/u.test(prevChar) && /[\p{L}\d]/u.test(text[start - 2] ?? ' ')) return null;
  if (/^[:\-_][\d]/u.test(nextChars) || /^\s*\/\s*[\p{Lu}]/u.test(text.slice(end, end + 6))) return null;
  if (/^0[\d.]{2,}$/u.test(token) || PHONE_BEFORE.test(before)) return null;
  // dates written with dots (26.2, 30.11.2010) and times (7h, 7g30)
  if (/^\.\d{1,2}(?:\.\d{4})?(?!\d)/u.test(text.slice(end, end + 8)) && /\b(?:ngay|den|tu)\s*$/u.test(before)) return null;
  // article and list numbering: "1.", "2.1.", "3)" at the start of a line
  if (/^[\s*#>+-]*$/u.test(lineStartBefore(text, start)) && /^[.)]\s|^\.\d/u.test(nextChars)) return null;
  // parts of names and numbering
  if (/\d\s*[-–]\s*$/u.test(text.slice(Math.max(0, start - 6), start))) return null; // the end of a range
  if (RANK_BEFORE.test(before) || CHOICE_BEFORE.test(before)) return null;
  // "đợt 3", "số 92", "nhóm 1" name something; "mỗi đợt 350 đơn vị", "nhóm 300 người" measure it
  const named = NAMING_BEFORE.test(before);
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
    if (small && (/\b(?:ngay|den|tu|sang|chieu|toi)\s*$/u.test(before) || prevChar === '(' || !unitAt(text.slice(end + slash[0].length)))) return null;
    of = { value: second, start: end + slash[0].length - (slash[1] ?? '').length };
    end += slash[0].length;
  }

  let rest = text.slice(end);
  if (/^[^\S\r\n]?%/u.test(rest)) {
    const length = rest.indexOf('%') + 1;
    return { start, end: end + length, value, unit: { unit: '%', kind: 'percent', length }, of };
  }
  // magnitude words are multiplied into the value: 1,3 triệu → 1300000, 600 triệu đồng → 600000000 đồng
  const scale = scaleAt(rest);
  if (scale) {
    value = tidy(value * scale.factor);
    if (of) of = { ...of, value: tidy(of.value * scale.factor) };
    end += scale.length;
    rest = text.slice(end);
    // "301 tỷ 200 triệu đồng": a smaller magnitude read on
    const more = /^\s+(\d{1,3})(?=\s)/u.exec(rest);
    const smaller = more ? scaleAt(rest.slice(more[0].length)) : null;
    if (more && smaller && smaller.factor < scale.factor) {
      value = tidy(value + Number(more[1]) * smaller.factor);
      end += more[0].length + smaller.length;
      rest = text.slice(end);
    }
  }
  // a year, unless a measure follows it ("1936 đơn vị máu"); a capitalised word that opens the next
  // line starts a new line of text, not the number's unit ("lần 3\nNgày hội …")
  let unit = /^[^\S\r\n]*\r?\n\s*\p{Lu}/u.test(rest) ? null : unitAt(rest);
  // after a magnitude word only money is counted in "đồng", whatever marks OCR left on it (triệu đông)
  const dong = scale && !unit ? /^\s*dong(?![\p{L}\d])/u.exec(fold(rest)) : null;
  if (dong) unit = { unit: 'đồng', kind: 'money', length: dong[0].length };
  if (/^(19|20)\d{2}$/u.test(token) && !(unit && MEASURED.has(unit.kind))) return null;
  if (!unit && !of && !scale) unit = sharedUnit(rest) ?? impliedUnit(text, start, context);
  if (!unit) return null;
  if (unit.kind === 'age') return null;
  // what follows the unit; "trở lên" after it makes the number a floor
  const next = fold(rest.slice(unit.length, unit.length + 24));
  const floor = /^\s*tro len\b/u.test(next);
  if (unit.kind === 'time') {
    // a stretch of time is no figure; a least interval ("cách nhau 90 ngày trở lên") is a norm that is
    if (!floor && !/\b(?:it nhat|toi thieu)\s*$/u.test(before)) return null;
  }
  if (unit.unit === 'buổi' && DURATION_BEFORE.test(before)) return null;
  // "hiến máu từ 10 lần trở lên", "đã hiến 72 lần": a donor's count or its threshold, a norm like a
  // least interval, no count of events
  if (unit.kind === 'times' && (/\b(?:tu|hien(?: mau)?(?: duoc)?(?: (?:tren|hon))?)\s*$/u.test(before) || floor)) unit = { ...unit, kind: 'time' };
  // "21 Trường Cao đẳng Y tế" at the head of a line: a table row's number before a unit's name
  const unitText = rest.replace(/^[\s*_]+/u, '');
  if (/^[\s*#>-]*$/u.test(lineStartBefore(text, start)) && /^\p{Lu}/u.test(unitText) && unit.kind === 'count') return null;
  unit = resolveUnitWord(text, start, unit, rest, context);
  if (named && !MEASURED.has(unit.kind)) return null;
  // "96,5/100 điểm", "27 điểm trở lên": a score, not a count of donation sites
  if (unit.unit === 'điểm' && (!Number.isInteger(value) || (of && [10, 100].includes(of.value)) || floor)) unit = { ...unit, kind: 'count' };
  // "50 lượt ý kiến": turns of something other than people
  if (unit.unit === 'lượt' && NOT_PEOPLE_AFTER.test(next)) unit = { ...unit, kind: 'count' };
  if (unit.kind === 'volume' && prevChar === '(') return null; // "(350ml)" defines the unit, it is no quantity
  return { start, end: end + unit.length, value, unit, of };
}

function qualifierOf(text: string, quantity: Quantity, context: TextContext): { qualifier: FigureQualifier | null; start: number } {
  // emphasis marks may stand between the qualifier and the number: gần **28.973**
  const lead = /[*_\s]*$/u.exec(text.slice(Math.max(0, quantity.start - 6), quantity.start))?.[0].length ?? 0;
  const at = quantity.start - lead;
  const from = Math.max(0, at - 20);
  const before = fold(text.slice(from, at)).trimEnd();
  for (const [pattern, qualifier] of QUALIFIERS) {
    const match = pattern.exec(before);
    if (match) return { qualifier, start: from + match.index + match[0].length - match[0].trimStart().length };
  }
  // "đăng ký vượt 430 người": more than; "vượt 44 đơn vị so với chỉ tiêu", "vượt 17% chỉ tiêu" is
  // the excess itself
  const exceeds = /\bvuot\s*$/u.exec(before);
  if (exceeds && !/^[\s,]*(?:so\b|chi tieu|ke hoach|muc tieu|kh\b)/u.test(fold(text.slice(quantity.end, quantity.end + 14)))) return { qualifier: 'more_than', start: from + exceeds.index };
  const clause = context.clauseAt(quantity.start);
  const after = fold(text.slice(quantity.end, Math.min(clause.end + 12, text.length)));
  const nextNumber = after.search(/\d/u);
  const upTo = nextNumber < 0 ? after : after.slice(0, nextNumber);
  if (/\btro len\b/u.test(upTo)) return { qualifier: 'at_least', start: quantity.start };
  return { qualifier: null, start: quantity.start };
}

function checkPercent(part: number, whole: number, printed: number): boolean {
  if (whole === 0) return false;
  const computed = (part / whole) * 100;
  const decimals = (String(printed).split('.')[1] ?? '').length;
  const scale = 10 ** decimals;
  return Math.round(computed * scale) / scale === printed || Math.trunc(computed * scale) / scale === printed;
}

/**
 * @param marksTrusted whether the text's diacritics are its own; cues in text whose marks were
 * restored by the repair stage are read without them (a restored hiện may have been hiến)
 */
export function findFigures(text: string, facts: DocumentFacts, marksTrusted = true, header: { issuer: string | null; subject: string | null } = { issuer: null, subject: null }): { figures: FoundFigure[]; issues: FigureIssue[] } {
  const context = new TextContext(text, marksTrusted);
  const quantities: Quantity[] = [];
  let skipUntil = 0;
  for (const match of text.matchAll(NUMERAL)) {
    if ((match.index ?? 0) < skipUntil) continue;
    const quantity = readQuantity(text, match as RegExpExecArray, context);
    if (!quantity) continue;
    skipUntil = quantity.end;
    quantities.push(quantity);
  }
  const topic = documentTopic(context, header, quantities[0]?.start ?? text.length);
  const figures: FoundFigure[] = [];
  const issues: FigureIssue[] = [];
  let lastPair: { sentence: Range; part: number; whole: number } | null = null;

  for (const quantity of quantities) {
    const sentence = context.sentenceAt(quantity.start);
    const afterPair = lastPair !== null && lastPair.sentence.start === sentence.start;
    const { qualifier, start } = qualifierOf(text, quantity, context);
    // "năm 2023 (3.120 đơn vị)": a year's figure given in brackets, be the year compared or not
    const bracketed = /\bnam\s+((?:19|20)\d{2})\s*\(\s*$/u.exec(lastWords(context, quantity.start, 16));
    const dated = bracketed ? { year: Number(bracketed[1]), sure: 1 } : context.yearAt(quantity.start);
    const year = dated.year ?? (dated.sure < 1 ? facts.year : null);
    const yearSure = dated.year === null && year !== null ? 0.75 : dated.sure;
    const campaign = campaignOf(context, quantity.start, year, topic);
    const scope = scopeOf(scopeNames(context, quantity), topic);
    const add = (value: number, pair: 'part' | 'whole' | null, spanStart: number) => {
      const role = { start: spanStart, end: quantity.end, value, unit: quantity.unit, pair, afterPair, year, atLeast: qualifier === 'at_least' };
      const { metric, sure, signals } = metricOf(context, role, facts);
      figures.push({
        signals,
        metric,
        value,
        unit: quantity.unit.unit,
        year,
        scope,
        campaign,
        qualifier,
        start: spanStart,
        end: quantity.end,
        confidence: Math.round(sure * yearSure * 100) / 100,
      });
      return metric;
    };

    // "X/Y đơn vị máu": X received of a plan of Y; "8/9 đơn vị": 8 of all 9; both carry the fraction
    if (quantity.of) {
      add(quantity.value, 'part', start);
      add(quantity.of.value, 'whole', start);
      if (quantity.unit.kind === 'blood') lastPair = { sentence, part: quantity.value, whole: quantity.of.value };
      continue;
    }
    const metric = add(quantity.value, null, start);
    // the first percentage after "X/Y" is its ratio; later ones ("đạt 30% so với chỉ tiêu cả năm")
    // measure against something else
    if (metric === 'percent_of_target' && afterPair && lastPair) {
      if (!checkPercent(lastPair.part, lastPair.whole, quantity.value)) {
        const computed = ((lastPair.part / lastPair.whole) * 100).toFixed(1);
        issues.push({ at: quantity.start, warning: warning('figure_arithmetic', { part: lastPair.part, whole: lastPair.whole, computed, printed: quantity.value }) });
      }
      lastPair = null;
    }
  }
  return { figures, issues };
}
