// The role of a figure (CONTRACT `metric`), read from the words around it as a reader of
// Vietnamese reports and plans does: first whether the sentence plans, reports, needs or denies
// (the last such cue before the figure, else the sentence it continues, the section headings, the
// kind of document); then what the figure counts and how it is compared (tăng/giảm, so với cùng
// kỳ, gấp … lần, vượt … so với chỉ tiêu, đạt X% kế hoạch, X% dân số).
import type { DocumentKind, FigureMetric } from '../core/records.js';
import type { Range, TextContext } from './text-context.js';
import type { UnitMatch } from './units.js';

type Mode = 'plan' | 'realised' | 'demand' | 'negated';

export interface DocumentFacts {
  year: number | null;
  kind: DocumentKind | null;
}

interface RoleInput {
  /** where the number (or its qualifier) starts, and where its unit ends */
  start: number;
  end: number;
  value: number;
  unit: UnitMatch;
  /** "ít nhất", "tối thiểu": a floor set for what is to come, where nothing else says */
  atLeast: boolean;
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
    'phấn đấu|dự kiến|dự tính|sẽ|nhằm|hướng tới|hướng đến|(?<!(?:đảm bảo|đáp ứng|theo|đúng|về|có|các|những) )yêu cầu|định hướng|phương hướng|được (?:[^\\s\\d,;.]+ ){0,2}giao|giao chỉ tiêu|giao(?=\\s*$)|kêu gọi(?! được)|mong muốn|thời gian tới',
    'cần (?:phải |tiếp tục |được )?(?:tiếp nhận|vận động|đạt|tổ chức|thu|huy động|hoàn thành|duy trì|có)',
  ].join('|'),
);
const REALISED = new Cue(
  [
    'đã(?! khoa| dạng| số)|kết quả|nâng tổng số|tính đến|đến nay|vừa qua|được tiếp nhận',
    '(?:tiếp nhận|thu nhận|thu|tổ chức|hiến|vận động|huy động|kêu gọi|đạt|hỗ trợ|lấy|quyên góp|sản xuất) được',
  ].join('|'),
);
// ("đáp ứng 85% nhu cầu" meets the need, it states none)
const DEMAND = new Cue('(?<!đáp ứng[^,;.]{0,25})nhu cầu|dự trù|(?<!tối )thiếu|khan hiếm');
// "cả nước vẫn cần hơn 10.000 đơn vị máu": what is needed, not planned
const NEEDED_BEFORE = new Cue('cần(?:\\s+(?:thêm|có|trung bình|khoảng|tới|đến))*\\s*$');
const PER_PERIOD_AFTER = new Cue('^\\s*(?:mỗi|một|hằng|hàng) (?:ngày|tuần|tháng)');
const NEED = new Cue('cần');
// "Số lượng máu tiếp nhận được: 19.116": a quantity named, not an act reported
const NOMINAL_BEFORE = new Cue('(?:số lượng|lượng|số)(?:\\s+[^\\s\\d,;.:]+){0,2}\\s+$');
const NEGATED = new Cue('không thể|chưa thể|không được|không đủ');
// "đạt 103% chỉ tiêu kế hoạch do … giao", "so với chỉ tiêu được giao": a target named as the
// measure of a result, not a plan of the sentence ("dat muc tieu" without marks is read as đặt
// mục tiêu, setting a goal)
const REFERENCE = new Cue(
  `(?:đạt(?! mục tiêu)|vượt|bằng|hoàn thành|so với|so(?=\\s+(?:chỉ tiêu|kế hoạch|mục tiêu|dự toán|kh)(?![\\p{L}])))(?:\\s+vượt)?(?:\\s+mức)?\\s+(?:${QUALIFIER}\\s+)?(?:[\\d.,/]+\\s*%?\\s*)?(?:(?:so với|so)\\s+)?(?:${TARGET_NOUN}|kh)[^,;.\\n]*|(?:${TARGET_NOUN})(?:\\s+[^\\s\\d,;.:]+){0,2}\\s+(?:đạt|vượt|hoàn thành|không đạt)`,
);
// the number that a target noun states: "chỉ tiêu giao là 900", "với mục tiêu tiếp nhận khoảng 8.000"
const VALUE_OF_TARGET = new Cue(
  [
    `(?:${TARGET_NOUN})(?:\\s+[^\\s\\d,;.:]+){0,4}\\s*(?:là|:)?\\s*$`,
    // "chỉ tiêu Ban Chỉ đạo quốc gia giao (28.000 đơn vị)", "kế hoạch năm (11.000 đơn vị)"
    `(?:${TARGET_NOUN})(?:(?:\\s+[^\\s\\d,;.:()]+){0,6}?\\s+(?:giao|đề ra|đặt ra|năm))?\\s*\\(\\s*$`,
  ].join('|'),
);
const TENSE_AFTER = new Cue('^\\s*(?:[^\\s\\d,;.:]+\\s+){0,3}?(?:đã|sẽ|dự kiến)');
const LINKED_OPENING = new Cue('^[\\s\\-+•*]*(?:trong đó|trong số đó|cụ thể)');
const HEADING_PLAN = new Cue('chỉ tiêu|kế hoạch|mục tiêu|nhiệm vụ|phương hướng|dự kiến|giải pháp');
const HEADING_REALISED = new Cue('kết quả|tình hình|đánh giá');

// comparisons and shares
const CHANGE_BEFORE = new Cue(`(?:tăng|giảm)(?: thêm)?(?: gấp)?(?:\\s+${QUALIFIER})?\\s*$`);
const TIMES_BEFORE = new Cue(`gấp(?:\\s+${QUALIFIER})?\\s*$`);
// a comparison whose period stands before the number: "thấp hơn cùng kỳ năm ngoái 6.800 đơn vị",
// "thấp hơn đợt 2 là 22 ĐVM", "cao hơn năm học trước 4,2%"
const PERIOD_BEFORE = `(?:cao|thấp|nhiều|ít|tăng|giảm)\\s+(?:hơn\\s+)?(?:so với\\s+)?(?:(?:cùng kỳ|cùng thời điểm)(?:\\s+năm\\s+(?:ngoái|trước|\\d{4}))?|năm (?:học )?(?:trước|ngoái|\\d{4})|(?:đợt|lần|kỳ|tháng|quý) (?:trước|\\d+|[ivx]+))(?:\\s+là)?\\s*$`;
const COMPARATIVE_BEFORE = new Cue(`(?:cao|thấp|nhiều|ít|lớn|nhỏ)\\s+hơn(?:\\s+mức)?\\s*$|${PERIOD_BEFORE}`);
const PERIOD_BEFORE_CUE = new Cue(PERIOD_BEFORE);
// "so với năm 2024, kết quả thấp hơn 37 đơn vị": the period named earlier in the sentence
const PERIOD_COMPARED = new Cue('(?:so với|so)\\s+(?:cùng kỳ|năm trước|năm ngoái|năm \\d{4}|kỳ trước)|(?:cao|thấp|nhiều|ít)\\s+hơn\\s+(?:cùng kỳ|năm trước|năm ngoái)');
const EXCEEDS_BEFORE = new Cue(`vượt(?:\\s+mức)?(?:\\s+${QUALIFIER})?\\s*$`);
// ("so với Chủ nhật Đỏ năm trước": the period may follow the event's name, a target may not come first)
const AGAINST_PERIOD_AFTER = new Cue(
  '^[\\s,]*(?:so với|so)\\s+(?:(?!chỉ tiêu|kế hoạch|mục tiêu|dự toán|tỷ lệ|tỉ lệ)[^\\s,;.]+\\s+){0,4}?(?:cùng kỳ|(?:\\d+\\s+)?năm|đợt trước|kỳ trước|nhiệm kỳ|tháng|quý|giai đoạn|trước|lần trước|ngày hội năm)',
);
const AGAINST_TARGET_AFTER = new Cue(`^[\\s,]*(?:so với\\s+|so\\s+)?(?:${TARGET_NOUN}|kh)`);
const AGAINST_AFTER = new Cue('^[\\s,]*(?:so với|so)(?= )');
const TARGET_AFTER = new Cue(`^[\\s,]*(?:theo (?:${TARGET_NOUN})|được giao)`);
const SHARE_BEFORE = new Cue('tỷ lệ|tỉ lệ|chiếm|đáp ứng|tương đương');
const PEOPLE_BRACKET = new Cue('(?:người|lượt)\\s*\\(\\s*(?:đạt|bằng|chiếm)?\\s*$');
const POPULATION_AFTER = new Cue('^\\s*dân số');
const SHARE_AFTER = new Cue('^\\s*(?:là|được|đến)? ?từ');
const REACHED_BEFORE = new Cue(`(?:đạt|vượt|bằng)(?: và vượt)?(?:\\s+(?:tương đương\\s+)?${QUALIFIER})?\\s*$`);
const NOUN_AFTER = /^\s*\p{L}/u;
const TARGET_WORD = new Cue(`chỉ tiêu|kế hoạch|kh`);
// people: registering, taking part, counted for something else
const REGISTERED = new Cue('đăng ký');
const TAKING_PART = new Cue('tham gia|tham dự|(?<!thực )hiến|cho máu|có mặt|vận động|huy động|thu hút|được lấy máu');
// donors counted by how often they gave ("56 người đã hiến máu từ 3 lần trở lên"), standby pools
const DONORS_BY_COUNT_AFTER = new Cue('^[^,;.]{0,30}\\d+\\s+lần');
const AMONG_PARTICIPANTS = new Cue('(?:những |các )?người tham gia|tham gia hiến máu');
const POOL = new Cue('dự bị|sẵn sàng|ngân hàng máu sống|(?:nhóm|đội|câu lạc bộ)(?=\\s*$)');
// people served by a programme ("tiêm chủng … cho 21.457 trẻ", "tuyển sinh được 2.140 học sinh")
const SERVED_BEFORE = new Cue('(?:tiêm|tiêm chủng|tuyển sinh)(?:[^,;.]{0,40})?\\s(?:cho|được)\\s*$');
// people honoured or given something are not counted as taking part
const HONOUR = new Cue('tôn vinh|khen thưởng|biểu dương|tặng|trao(?! đổi)');
// blood in stock is no collection: "kho máu chỉ còn khoảng 2.000 đơn vị", "lượng máu dự trữ …"
const STOCK = new Cue('còn(?! số)(?: lại)?|dự trữ|tồn kho|kho máu');
// a count of those served, given or supplied: "cung cấp cho hơn 120 bệnh viện"
const BENEFICIARY_BEFORE = new Cue('cho\\s*$');
const PRODUCED_BEFORE = new Cue('(?:sản xuất|điều chế|phân phối|cung cấp|sử dụng|truyền)(?: được)?(?:\\s+[^\\s\\d]+){0,2}\\s*$');
const GIFT = new Cue('quà|giá trị|tặng|mỗi|bồi dưỡng|hỗ trợ');
const COLLECTED = new Cue('(?:thu|huy động|vận động|quyên góp|ủng hộ|giải ngân|thực hiện|nộp)(?: được)?');

const BAG_SIZE_ML = 650;
const ORGANISED = new Cue('tổ chức|diễn ra|triển khai|ra quân');
const COLLECTING = new Cue('tiếp nhận|thu|hiến|đạt');

/** Whether the sentence speaks of blood in stock up to the figure, with no collection in between. */
function inStock(context: TextContext, sentence: Range, at: number): boolean {
  const stock = STOCK.find(context, { start: sentence.start, end: at }).at(-1);
  return stock !== undefined && !COLLECTING.test(context, { start: stock.end, end: at });
}

const slice = (context: TextContext, start: number, end: number): Range => ({ start: Math.max(0, start), end: Math.min(context.text.length, end) });

// "…, trong khi lượng tiếp nhận chỉ đạt 1.200 đơn vị": a contrast opens an assertion of its own
const CONTRAST = new Cue('(?<=[,;]\\s*)(?:trong khi|nhưng|song|tuy nhiên)');

/** The last cue of any kind before `at` in `range` (after a contrast), plans named as a result's measure left out. */
function lastMode(context: TextContext, range: Range, at: number): Mode | null {
  const contrast = CONTRAST.find(context, { start: range.start, end: at }).at(-1);
  const window = { start: contrast?.end ?? range.start, end: at };
  const references = REFERENCE.find(context, window);
  const inReference = (cue: Range) => references.some((r) => r.start <= cue.start && cue.start < r.end);
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

// a plan of what is to come, which the next sentence may go on with
const FUTURE = new Cue('sẽ|dự kiến|dự tính|theo kế hoạch');

function plansAhead(context: TextContext, sentence: Range): boolean {
  const future = FUTURE.find(context, sentence).at(-1);
  return future !== undefined && !REALISED.test(context, { start: future.end, end: sentence.end });
}

/** how many sentences back a list's lead is looked for */
const LIST_ITEMS = 4;

function listLead(context: TextContext, at: number): Range | null {
  const paragraph = context.paragraphAt(at);
  let sentence = context.sentenceBefore(at);
  for (let back = 0; back < LIST_ITEMS && sentence && sentence.start >= paragraph.start; back++) {
    if (/:\s*$/u.test(context.text.slice(sentence.start, sentence.end))) return sentence;
    sentence = sentence.start > 0 ? context.sentenceBefore(sentence.start) : null;
  }
  return null;
}

/** Whether the figure at `at` is planned, reported, needed or denied. */
function modeAt(context: TextContext, at: number, end: number, clauseOnly: boolean, input: Pick<RoleInput, 'year' | 'atLeast'>, facts: DocumentFacts): Mode {
  const sentence = context.sentenceAt(at);
  if (NEEDED_BEFORE.test(context, slice(context, at - 16, at))) return 'demand';
  // "cần tiếp nhận trung bình 1.000 đơn vị máu mỗi ngày": a need by the day is a demand, not a plan
  if (PER_PERIOD_AFTER.test(context, slice(context, end, end + 20)) && NEED.test(context, slice(context, context.clauseAt(at).start, at))) return 'demand';
  // a figure that is its clause's subject takes the tense of its verb: "30 đơn vị đã/sẽ tổ chức"
  const tense = TENSE_AFTER.find(context, slice(context, end, end + 30))[0];
  if (tense) return /(?:^|\s)(?:đã|da)$/u.test(context.cueText.slice(tense.start, tense.end)) ? 'realised' : 'plan';
  const own = lastMode(context, clauseOnly ? context.clauseAt(at) : sentence, at);
  if (own) return own;
  if (LINKED_OPENING.test(context, sentence)) {
    const previous = context.sentenceBefore(at);
    const inherited = previous ? lastMode(context, previous, previous.end) : null;
    if (inherited) return inherited;
  }
  // a plan goes on in the next sentence of its paragraph that reports nothing and names no year of its
  // own ("Theo kế hoạch, ngày hội sẽ … Ban tổ chức bố trí 6 điểm tiếp nhận …")
  const previous = context.sentenceBefore(at);
  if (previous && previous.start >= context.paragraphAt(at).start && !context.namesYear(sentence) && plansAhead(context, previous)) return 'plan';
  // a sentence of its paragraph that ends in a colon heads the list that follows ("đề ra chỉ tiêu: …")
  const lead = listLead(context, at);
  const led = lead ? lastMode(context, lead, lead.end) : null;
  if (led) return led;
  const heading = headingMode(context, at);
  if (heading) return heading;
  if (facts.kind === 'ke_hoach') return input.year !== null && facts.year !== null && input.year < facts.year ? 'realised' : 'plan';
  return input.atLeast ? 'plan' : 'realised';
}


/** What the words around a figure say of its role: the rules' inputs, and a classifier's features. */
export interface RoleSignals {
  kind: UnitMatch['kind'];
  percent: boolean;
  lượt: boolean;
  mode: Mode;
  pair: RoleInput['pair'];
  afterPair: boolean;
  aboveWhole: boolean;
  wholeOrMore: boolean;
  bagSize: boolean;
  organised: boolean;
  valueOfTarget: boolean;
  timesBefore: boolean;
  changeBefore: boolean;
  comparativeBefore: boolean;
  periodCompared: boolean;
  periodBefore: boolean;
  againstPeriodAfter: boolean;
  exceedsBefore: boolean;
  againstAfter: boolean;
  againstTargetAfter: boolean;
  reachedBefore: boolean;
  populationAfter: boolean;
  shareAfter: boolean;
  shareBefore: boolean;
  linkedOpening: boolean;
  nounAfter: boolean;
  targetNear: boolean;
  targetAfter: boolean;
  produced: boolean;
  stock: boolean;
  beneficiary: boolean;
  bracketAfterPair: boolean;
  bracketAfterPeople: boolean;
  registered: boolean;
  negatedAfter: boolean;
  takingPart: boolean;
  served: boolean;
  donorsByCount: boolean;
  amongParticipants: boolean;
  pool: boolean;
  honoured: boolean;
  gift: boolean;
  collected: boolean;
}

function roleSignals(context: TextContext, input: RoleInput, facts: DocumentFacts): RoleSignals {
  const { unit, value, start, end } = input;
  const sentence = context.sentenceAt(start);
  const clause = context.clauseAt(start);
  const justBefore = slice(context, start - 40, start);
  const clauseBefore = slice(context, clause.start, start);
  const after = slice(context, end, Math.max(clause.end, Math.min(end + 40, sentence.end)));
  // a unit of several nouns ("350 cán bộ, viên chức") may run past the figure's clause
  const clauseAfter = slice(context, end, Math.max(clause.end, context.clauseAt(Math.max(start, end - 1)).end));
  const earlier = context.sentenceBefore(sentence.start);
  const before = earlier ? context.sentenceBefore(earlier.start) : null;
  const lookback = slice(context, Math.min((before ?? earlier ?? sentence).start, context.paragraphAt(start).start), start);
  const lookahead = slice(context, end, Math.min(sentence.end, end + 50));
  return {
    kind: unit.kind,
    percent: unit.unit === '%',
    lượt: unit.unit === 'lượt',
    mode: modeAt(context, start, end, unit.kind === 'count' || unit.kind === 'award', input, facts),
    pair: input.pair,
    afterPair: input.afterPair,
    aboveWhole: value > 100,
    wholeOrMore: value >= 100,
    bagSize: unit.unit === 'ml' && value <= BAG_SIZE_ML,
    organised: ORGANISED.test(context, clauseBefore) || ORGANISED.test(context, clauseAfter),
    valueOfTarget: VALUE_OF_TARGET.test(context, clauseBefore),
    timesBefore: TIMES_BEFORE.test(context, justBefore),
    changeBefore: CHANGE_BEFORE.test(context, justBefore),
    comparativeBefore: COMPARATIVE_BEFORE.test(context, justBefore),
    periodCompared: PERIOD_COMPARED.test(context, slice(context, sentence.start, start)),
    periodBefore: PERIOD_BEFORE_CUE.test(context, justBefore),
    againstPeriodAfter: AGAINST_PERIOD_AFTER.test(context, after),
    exceedsBefore: EXCEEDS_BEFORE.test(context, justBefore),
    againstAfter: AGAINST_AFTER.test(context, after),
    againstTargetAfter: AGAINST_TARGET_AFTER.test(context, after),
    reachedBefore: REACHED_BEFORE.test(context, justBefore),
    populationAfter: POPULATION_AFTER.test(context, after),
    shareAfter: SHARE_AFTER.test(context, after),
    shareBefore: SHARE_BEFORE.test(context, clauseBefore),
    linkedOpening: LINKED_OPENING.test(context, sentence),
    nounAfter: NOUN_AFTER.test(context.text.slice(after.start, after.end)),
    // the measure may stand before or follow ("đạt 112%, vượt chỉ tiêu được giao")
    targetNear: TARGET_WORD.test(context, lookback) || TARGET_WORD.test(context, lookahead),
    targetAfter: TARGET_AFTER.test(context, after),
    produced: PRODUCED_BEFORE.test(context, clauseBefore),
    stock: inStock(context, sentence, start),
    beneficiary: BENEFICIARY_BEFORE.test(context, justBefore),
    // "1.210/1.100 đơn vị (110%)"
    bracketAfterPair: input.afterPair && /\(\s*$/u.test(context.text.slice(Math.max(0, start - 3), start)),
    // "9.215 người (đạt 84,8%)": a share of the people counted
    bracketAfterPeople: PEOPLE_BRACKET.test(context, justBefore),
    registered: REGISTERED.test(context, clauseAfter) || REGISTERED.test(context, clauseBefore),
    negatedAfter: NEGATED.test(context, clauseAfter),
    takingPart: TAKING_PART.test(context, clauseAfter) || TAKING_PART.test(context, clauseBefore),
    served: SERVED_BEFORE.test(context, clauseBefore),
    donorsByCount: DONORS_BY_COUNT_AFTER.test(context, clauseAfter),
    // "Trong số những người tham gia có … 14 người đã hiến từ 30 lần trở lên"
    amongParticipants: AMONG_PARTICIPANTS.test(context, slice(context, sentence.start, start)),
    pool: POOL.test(context, slice(context, start - 20, start)) || POOL.test(context, slice(context, end, end + 30)),
    honoured:
      HONOUR.test(context, clauseBefore) ||
      HONOUR.test(context, clauseAfter) ||
      HONOUR.test(context, slice(context, (LINKED_OPENING.test(context, sentence) ? (earlier ?? sentence) : sentence).start, start)),
    gift: GIFT.test(context, clauseBefore),
    collected: COLLECTED.test(context, clauseBefore),
  };
}

/** The signals as words, for a classifier: the names of those that hold, and the kinds. */
export function signalWords(signals: RoleSignals): string[] {
  return Object.entries(signals).flatMap(([name, on]) => (typeof on === 'boolean' ? (on ? [name] : []) : [`${name}=${on}`]));
}

/** The rules: a figure's metric from its signals, with how sure they are. */
function decideMetric(s: RoleSignals): { metric: FigureMetric; sure: number } {
  const result = (metric: FigureMetric, sure: number) => ({ metric, sure });
  // a target's stated number; a planned quantity is a target whatever it counts, a planned rise included
  if (s.valueOfTarget) return result('target', 0.95);
  if (s.mode === 'plan' && (s.changeBefore || s.timesBefore || s.againstPeriodAfter || s.comparativeBefore) && s.kind !== 'time') return result('target', 0.85);
  // comparisons: tăng/giảm N, gấp N lần, cao hơn N so với …
  if (s.kind === 'times' && s.timesBefore) return result('change', 0.95);
  if (s.kind !== 'award' && s.changeBefore) return result('change', 0.95);
  if (s.comparativeBefore) return result(s.againstPeriodAfter || s.periodCompared || s.periodBefore ? 'change' : 'other', 0.8);
  if (s.againstPeriodAfter) return result('change', 0.9);
  if (s.exceedsBefore && !s.percent && s.againstAfter) return result('other', 0.85);
  if (s.kind === 'time') return result('other', 0.8); // a least interval between donations

  if (s.percent) {
    // "vượt 122% so với chỉ tiêu" reaches 122%; "vượt 10% so với chỉ tiêu" is the excess
    if (s.exceedsBefore && s.againstTargetAfter) return result(s.mode === 'plan' ? 'target' : s.wholeOrMore ? 'percent_of_target' : 'other', 0.85);
    if (s.mode === 'plan') return result('target', 0.85);
    if (s.mode === 'demand' || s.mode === 'negated') return result('other', 0.7);
    if (s.againstTargetAfter) return result('percent_of_target', 1);
    if (s.afterPair && (s.reachedBefore || s.bracketAfterPair)) return result('percent_of_target', 0.95);
    if (s.populationAfter || s.shareAfter || s.bracketAfterPeople) return result('rate', 0.95);
    if (s.shareBefore || s.linkedOpening) return result('rate', 0.85);
    // a share is never above 100%
    if (s.reachedBefore || !s.nounAfter) return s.targetNear || s.aboveWhole ? result('percent_of_target', 0.8) : result('rate', 0.7);
    // "trên 50% lượng máu", "30% cán bộ": a share of something named
    return result('rate', 0.75);
  }

  if (s.bagSize) return result('other', 0.9); // the size of one bag
  if (s.kind === 'money' && s.gift) return result('other', 0.8); // a gift's value, planned or given
  if (s.beneficiary && (s.kind === 'count' || s.kind === 'award')) return result('other', 0.85);
  if (s.pair === 'whole' && ['blood', 'volume', 'people', 'event'].includes(s.kind)) return result('target', 1);
  if (s.mode === 'demand' || s.mode === 'negated') return result('other', 0.8);
  if (s.mode === 'plan') return result('target', 0.9);
  if (s.targetAfter && s.kind !== 'count') return result('target', 0.85);

  switch (s.kind) {
    case 'blood':
    case 'volume':
      if (s.produced || s.stock) return result('other', 0.8);
      return result('achieved', s.pair === 'part' ? 1 : 0.9);
    case 'people':
      if (s.registered) return result('registered', 0.95);
      if (s.negatedAfter || s.honoured || s.pool || (s.donorsByCount && !s.amongParticipants)) return result('other', 0.8);
      if (s.lượt || s.takingPart || s.served) return result('participants', 0.9);
      return result('other', 0.75);
    case 'event':
      return result('events', 0.9);
    case 'times':
      // "16 lần tổ chức" counts events; other turns ("tổng số lần hiến … 2.870 lần") are a donor's count
      return s.organised ? result('events', 0.9) : result('other', 0.75);
    case 'money':
      if (s.gift) return result('other', 0.8);
      if (s.collected) return result('achieved', 0.8);
      return result('other', 0.75);
    default:
      return result('other', 0.85);
  }
}

/** A figure's metric, with the signals that decided it. */
export function metricOf(context: TextContext, input: RoleInput, facts: DocumentFacts): { metric: FigureMetric; sure: number; signals: RoleSignals } {
  const signals = roleSignals(context, input, facts);
  return { ...decideMetric(signals), signals };
}
