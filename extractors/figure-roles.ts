// The role of a figure (CONTRACT `metric`), read from the words around it as a reader of
// Vietnamese reports and plans does: first whether the sentence plans, reports, needs or denies
// (the last such cue before the figure, else the sentence it continues, the section headings, the
// kind of document); then what the figure counts and how it is compared (tăng/giảm, so với cùng
// kỳ, gấp … lần, vượt … so với chỉ tiêu, đạt X% kế hoạch, X% dân số).
import type { DocumentKind } from '../pipeline/records.js';
import type { Range, TextContext } from './text-context.js';
import type { UnitMatch } from './units.js';

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

export type Mode = 'plan' | 'realised' | 'demand' | 'negated';

export interface DocumentFacts {
  year: number | null;
  kind: DocumentKind | null;
}

export interface RoleInput {
  /** where the number (or its qualifier) starts, and where its unit ends */
  start: number;
  end: number;
  value: number;
  unit: UnitMatch;
  /** for "X/Y": X is the part, Y the whole */
  pair: 'part' | 'whole' | null;
  /** a percentage right after an "X/Y" of the same sentence ("554/662 … đạt 83,69%") */
  afterPair: boolean;
  year: number | null;
}

// Cue phrases, written with their diacritics; matched on the text's cue text (its diacritics kept
// where it has them, folded where it lost them) as whole words. Lookarounds keep apart the words
// that fold alike (tối thiểu / thiếu, Đa khoa / đã, thực hiện / hiến).
const word = (source: string) => `(?<![\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`;

class Cue {
  private readonly marked: RegExp;
  private readonly folded: RegExp;
  constructor(source: string) {
    this.marked = new RegExp(word(source), 'gu');
    this.folded = new RegExp(word(foldSource(source)), 'gu');
  }
  in(context: TextContext): RegExp {
    return context.foldedCues ? this.folded : this.marked;
  }
  /** The matches in `range` of the context's cue text, as absolute offsets. */
  find(context: TextContext, range: Range): Range[] {
    const pattern = this.in(context);
    pattern.lastIndex = 0;
    const slice = context.cueSlice(range);
    return [...slice.matchAll(pattern)].map((m) => ({ start: range.start + (m.index ?? 0), end: range.start + (m.index ?? 0) + m[0].length }));
  }
  test(context: TextContext, range: Range): boolean {
    return this.find(context, range).length > 0;
  }
}

/** A cue's regular expression for folded text: its letters without diacritics (no upper-case escapes in sources). */
function foldSource(source: string): string {
  return source.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').normalize('NFC');
}

const TARGET_NOUN = 'chỉ tiêu|kế hoạch(?! số)|mục tiêu|dự toán';
const QUALIFIER = '(?:hơn|trên|gần|khoảng|ít nhất|tối thiểu|tối đa|dưới)';
const PLAN = new Cue(
  [
    TARGET_NOUN,
    'phấn đấu|dự kiến|dự tính|sẽ|nhằm|hướng tới|hướng đến|yêu cầu|định hướng|phương hướng|được giao|giao chỉ tiêu',
    'cần (?:phải |tiếp tục |được )?(?:tiếp nhận|vận động|đạt|tổ chức|thu|huy động|hoàn thành|duy trì|có)',
  ].join('|'),
);
const REALISED = new Cue(
  [
    'đã(?! khoa| dạng| số)|kết quả|nâng tổng số|tính đến|đến nay|vừa qua|được tiếp nhận',
    '(?:tiếp nhận|thu nhận|thu|tổ chức|hiến|vận động|huy động|đạt|hỗ trợ|lấy|quyên góp|sản xuất) được',
  ].join('|'),
);
const DEMAND = new Cue('nhu cầu|dự trù|(?<!tối )thiếu|khan hiếm');
// "cả nước vẫn cần hơn 10.000 đơn vị máu": what is needed, not planned
const NEEDED_BEFORE = new Cue('cần(?:\\s+(?:thêm|có))?\\s*$');
// "Số lượng máu tiếp nhận được: 19.116": a quantity named, not an act reported
const NOMINAL_BEFORE = new Cue('(?:số lượng|lượng|số)(?:\\s+[^\\s\\d,;.:]+){0,2}\\s+$');
const NEGATED = new Cue('không thể|chưa thể|không được|không đủ');
// "đạt 103% chỉ tiêu kế hoạch do … giao", "so với chỉ tiêu được giao": a target named as the
// measure of a result, not a plan of the sentence
const REFERENCE = new Cue(`(?:đạt|vượt|bằng|hoàn thành|so với|so)\\s+(?:${QUALIFIER}\\s+)?(?:[\\d.,]+\\s*%\\s*)?(?:(?:so với|so)\\s+)?(?:${TARGET_NOUN}|kh)[^,;.\\n]*`);
// the number that a target noun states: "chỉ tiêu giao là 900", "với mục tiêu tiếp nhận khoảng 8.000"
const VALUE_OF_TARGET = new Cue(`(?:${TARGET_NOUN})(?:\\s+[^\\s\\d,;.:]+){0,4}\\s*(?:là|:)?\\s*$`);
const LINKED_OPENING = new Cue('^[\\s\\-+•*]*(?:trong đó|trong số đó|cụ thể)');
const HEADING_PLAN = new Cue('chỉ tiêu|kế hoạch|mục tiêu|nhiệm vụ|phương hướng|dự kiến|giải pháp');
const HEADING_REALISED = new Cue('kết quả|tình hình|đánh giá');

// comparisons and shares
const CHANGE_BEFORE = new Cue(`(?:tăng|giảm)(?: thêm)?(?: gấp)?(?:\\s+${QUALIFIER})?\\s*$`);
const TIMES_BEFORE = new Cue(`gấp(?:\\s+${QUALIFIER})?\\s*$`);
const COMPARATIVE_BEFORE = new Cue(`(?:cao|thấp|nhiều|ít|lớn|nhỏ)\\s+hơn\\s*$`);
const EXCEEDS_BEFORE = new Cue(`vượt(?:\\s+${QUALIFIER})?\\s*$`);
const AGAINST_PERIOD_AFTER = new Cue('^[\\s,]*(?:so với|so)\\s+(?:cùng kỳ|(?:\\d+\\s+)?năm|đợt trước|kỳ trước|nhiệm kỳ|tháng|quý|giai đoạn|trước|lần trước|ngày hội năm)');
const AGAINST_TARGET_AFTER = new Cue(`^[\\s,]*(?:so với\\s+|so\\s+)?(?:${TARGET_NOUN}|kh)`);
const AGAINST_AFTER = new Cue('^[\\s,]*(?:so với|so)(?= )');
const TARGET_AFTER = new Cue(`^[\\s,]*theo (?:${TARGET_NOUN})`);
const SHARE_BEFORE = new Cue('tỷ lệ|tỉ lệ|chiếm|đáp ứng|tương đương');
const POPULATION_AFTER = new Cue('^\\s*dân số');
const SHARE_AFTER = new Cue('^\\s*(?:là|được|đến)? ?từ');
const REACHED_BEFORE = new Cue(`(?:đạt|vượt|bằng)(?: và vượt)?(?:\\s+(?:tương đương\\s+)?${QUALIFIER})?\\s*$`);
const NOUN_AFTER = /^\s*\p{L}/u;
const TARGET_WORD = new Cue(`chỉ tiêu|kế hoạch|kh`);
// people: registering, taking part, counted for something else
const REGISTERED = new Cue('đăng ký');
const TAKING_PART = new Cue('tham gia|tham dự|(?<!thực )hiến|cho máu|có mặt|vận động|huy động|thu hút');
const PRODUCED_BEFORE = new Cue('(?:sản xuất|điều chế|phân phối|cung cấp|sử dụng|truyền)(?: được)?(?:\\s+[^\\s\\d]+){0,2}\\s*$');
const GIFT = new Cue('quà|giá trị|tặng|mỗi|bồi dưỡng|hỗ trợ');
const COLLECTED = new Cue('(?:thu|huy động|vận động|quyên góp|ủng hộ)(?: được)?');

const BAG_SIZE_ML = 650;

const slice = (context: TextContext, start: number, end: number): Range => ({ start: Math.max(0, start), end: Math.min(context.text.length, end) });

/** The last cue of any kind before `at` in `range`, plans named as a result's measure left out. */
function lastMode(context: TextContext, range: Range, at: number): Mode | null {
  const window = { start: range.start, end: at };
  const references = REFERENCE.find(context, window);
  const inReference = (cue: Range) => references.some((r) => r.start <= cue.start && cue.start < r.end && r.start < cue.start);
  const cues: [number, Mode][] = [
    ...PLAN.find(context, window).filter((cue) => !inReference(cue)).map((c): [number, Mode] => [c.start, 'plan']),
    ...REALISED.find(context, window)
      .filter((cue) => !NOMINAL_BEFORE.test(context, slice(context, cue.start - 30, cue.start)))
      .map((c): [number, Mode] => [c.start, 'realised']),
    ...DEMAND.find(context, window).map((c): [number, Mode] => [c.start, 'demand']),
    ...NEGATED.find(context, window).map((c): [number, Mode] => [c.start, 'negated']),
  ];
  cues.sort((a, b) => a[0] - b[0]);
  return cues.at(-1)?.[1] ?? null;
}

function headingMode(context: TextContext, at: number): Mode | null {
  for (const heading of context.headingsAbove(at)) {
    const plan = HEADING_PLAN.find(context, heading).at(-1)?.start ?? -1;
    const realised = HEADING_REALISED.find(context, heading).at(-1)?.start ?? -1;
    if (plan >= 0 || realised >= 0) return plan > realised ? 'plan' : 'realised';
  }
  return null;
}

/** Whether the figure at `at` is planned, reported, needed or denied. */
export function modeAt(context: TextContext, at: number, clauseOnly: boolean, input: Pick<RoleInput, 'year'>, facts: DocumentFacts): Mode {
  const sentence = context.sentenceAt(at);
  if (NEEDED_BEFORE.test(context, slice(context, at - 16, at))) return 'demand';
  const own = lastMode(context, clauseOnly ? context.clauseAt(at) : sentence, at);
  if (own) return own;
  if (LINKED_OPENING.test(context, sentence)) {
    const previous = context.sentenceBefore(at);
    const inherited = previous ? lastMode(context, previous, previous.end) : null;
    if (inherited) return inherited;
  }
  const heading = headingMode(context, at);
  if (heading) return heading;
  if (facts.kind === 'ke_hoach') return input.year !== null && facts.year !== null && input.year < facts.year ? 'realised' : 'plan';
  return 'realised';
}


export function metricOf(context: TextContext, input: RoleInput, facts: DocumentFacts): { metric: Metric; value: number; sure: number } {
  const { unit, value, start, end } = input;
  const sentence = context.sentenceAt(start);
  const clause = context.clauseAt(start);
  const justBefore = slice(context, start - 24, start);
  const after = slice(context, end, Math.max(clause.end, Math.min(end + 40, sentence.end)));
  // a unit of several nouns ("350 cán bộ, viên chức") may run past the figure's clause
  const clauseAfter = slice(context, end, Math.max(clause.end, context.clauseAt(Math.max(start, end - 1)).end));
  const result = (metric: Metric, sure: number, signed = value) => ({ metric, value: signed, sure });
  const signedChange = () => (/gi|giảm/u.test(context.cueSlice(justBefore).slice(-16)) ? -value : value);

  // a target's stated number
  if (VALUE_OF_TARGET.test(context, slice(context, clause.start, start))) return result('target', 0.95);
  if (unit.kind === 'times') {
    if (TIMES_BEFORE.test(context, justBefore) || CHANGE_BEFORE.test(context, justBefore)) return result('change', 0.95);
  }
  // comparisons: tăng/giảm N, gấp N lần, cao hơn N so với …
  if (unit.kind !== 'award' && CHANGE_BEFORE.test(context, justBefore)) return result('change', 0.95, signedChange());
  if (COMPARATIVE_BEFORE.test(context, justBefore)) return result(AGAINST_PERIOD_AFTER.test(context, after) ? 'change' : 'other', 0.8);
  if (AGAINST_PERIOD_AFTER.test(context, after)) return result('change', 0.9);
  const exceeds = EXCEEDS_BEFORE.test(context, justBefore);
  if (exceeds && unit.unit !== '%' && AGAINST_AFTER.test(context, after)) return result('other', 0.85);

  const mode = modeAt(context, start, unit.kind === 'count' || unit.kind === 'award', input, facts);
  if (unit.kind === 'time') return result('other', 0.8); // a least interval between donations

  if (unit.unit === '%') {
    if (exceeds && AGAINST_TARGET_AFTER.test(context, after)) return result(value >= 100 && mode !== 'plan' ? 'percent_of_target' : mode === 'plan' ? 'target' : 'other', 0.85);
    if (mode === 'plan') return result('target', 0.85);
    if (mode === 'demand' || mode === 'negated') return result('other', 0.7);
    if (AGAINST_TARGET_AFTER.test(context, after)) return result('percent_of_target', 1);
    if (input.afterPair && REACHED_BEFORE.test(context, justBefore)) return result('percent_of_target', 0.95);
    if (POPULATION_AFTER.test(context, after) || SHARE_AFTER.test(context, after)) return result('rate', 0.95);
    if (SHARE_BEFORE.test(context, slice(context, clause.start, start)) || LINKED_OPENING.test(context, sentence)) return result('rate', 0.85);
    if (REACHED_BEFORE.test(context, justBefore) || !NOUN_AFTER.test(context.text.slice(after.start, after.end))) {
      const earlier = context.sentenceBefore(sentence.start);
      const before = earlier ? context.sentenceBefore(earlier.start) : null;
      const lookback = slice(context, Math.min((before ?? earlier ?? sentence).start, context.paragraphAt(start).start), start);
      return TARGET_WORD.test(context, lookback) ? result('percent_of_target', 0.8) : result('rate', 0.7);
    }
    // "trên 50% lượng máu", "30% cán bộ": a share of something named
    return result('rate', 0.75);
  }

  if (unit.kind === 'volume' && value <= BAG_SIZE_ML) return result('other', 0.9); // the size of one bag
  if (input.pair === 'whole' && (unit.kind === 'blood' || unit.kind === 'volume' || unit.kind === 'people' || unit.kind === 'event')) return result('target', 1);
  if (mode === 'demand' || mode === 'negated') return result('other', 0.8);
  if (mode === 'plan') return result('target', 0.9);
  if (TARGET_AFTER.test(context, after) && unit.kind !== 'count') return result('target', 0.85);

  switch (unit.kind) {
    case 'blood':
    case 'volume':
      if (PRODUCED_BEFORE.test(context, slice(context, clause.start, start))) return result('other', 0.8);
      return result('achieved', input.pair === 'part' ? 1 : 0.9);
    case 'people':
      if (REGISTERED.test(context, clauseAfter) || REGISTERED.test(context, slice(context, clause.start, start))) return result('registered', 0.95);
      if (NEGATED.test(context, clauseAfter)) return result('other', 0.8);
      if (unit.unit === 'lượt' || TAKING_PART.test(context, clauseAfter) || TAKING_PART.test(context, slice(context, clause.start, start))) return result('participants', 0.9);
      return result('other', 0.75);
    case 'event':
    case 'times':
      return result('events', 0.9);
    case 'money': {
      const before = slice(context, clause.start, start);
      if (GIFT.test(context, before)) return result('other', 0.8);
      if (COLLECTED.test(context, before)) return result('achieved', 0.8);
      return result('other', 0.75);
    }
    default:
      return result('other', 0.85);
  }
}
