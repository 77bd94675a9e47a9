// The measure words that follow a quantity in Vietnamese administrative reporting, longest first,
// matched without diacritics so OCR text that lost them still matches. A number with none of
// these after it is not reported as a figure (precision first).
import { fold, foldDiacritics } from '../lang/vietnamese.js';

type UnitClass = 'blood' | 'people' | 'event' | 'times' | 'money' | 'volume' | 'percent' | 'time' | 'age' | 'award' | 'count';

interface UnitEntry {
  /** the words as printed (any case, any diacritics) */
  words: string;
  /** the unit as a figure reports it (CONTRACT: normalised spelling; people are `người`, turns `lượt`) */
  unit: string;
  kind: UnitClass;
  /** folded words after which the same letters are another word ("đồng chí" is no money) */
  notBefore?: RegExp;
}

const blood = (words: string, unit = 'đơn vị máu'): UnitEntry => ({ words, unit, kind: 'blood' });
const people = (words: string, unit = 'người'): UnitEntry => ({ words, unit, kind: 'people' });
const counted = (words: string, unit = words): UnitEntry => ({ words, unit, kind: 'count' });

const ENTRIES: UnitEntry[] = [
  // blood: what a donation programme collects, in the units reports count it in
  blood('đơn vị máu và chế phẩm máu', 'đơn vị máu và chế phẩm máu'),
  blood('đơn vị chế phẩm máu', 'đơn vị chế phẩm máu'),
  blood('đơn vị máu và chế phẩm', 'đơn vị máu và chế phẩm'),
  blood('đơn vị máu quy đổi', 'đơn vị máu quy đổi'),
  blood('đơn vị máu tình nguyện', 'đơn vị máu tình nguyện'),
  blood('đơn vị máu chuyên nghiệp', 'đơn vị máu chuyên nghiệp'),
  blood('đơn vị tiểu cầu', 'đơn vị tiểu cầu'),
  blood('khối tiểu cầu', 'khối tiểu cầu'),
  blood('đơn vị máu'),
  blood('đv máu'),
  blood('đvm'),
  blood('túi máu', 'túi máu'),
  blood('túi', 'túi'),
  { words: 'ml', unit: 'ml', kind: 'volume' },
  { words: 'mililít', unit: 'ml', kind: 'volume' },
  { words: 'lít máu', unit: 'lít', kind: 'volume' },
  { words: 'lít', unit: 'lít', kind: 'volume' },
  // people: every noun for persons counts them as `người`; turns of donation (`lượt`) stay apart
  people('lượt người', 'lượt'),
  people('lượt', 'lượt'),
  people('người'),
  people('tình nguyện viên'),
  people('tnv'),
  people('tuyên truyền viên'),
  people('đại biểu'),
  people('cán bộ'),
  people('cbccvc'),
  people('công chức'),
  people('viên chức'),
  people('học sinh'),
  people('sinh viên'),
  people('công nhân'),
  people('giáo viên'),
  people('người lao động'),
  people('đoàn viên'),
  people('hội viên'),
  people('thanh niên'),
  people('chiến sĩ'),
  people('y bác sĩ'),
  people('bác sĩ'),
  people('nhân viên'),
  people('học viên'),
  people('đồng chí'),
  people('gương mặt'),
  people('giảng viên'),
  people('phật tử'),
  people('dân quân tự vệ'),
  people('dân quân'),
  people('người dân'),
  people('người bệnh'),
  people('bệnh nhân'),
  people('trẻ em'),
  people('trẻ'),
  people('em'),
  counted('thành viên'),
  // events, counted when held or planned
  { words: 'đợt', unit: 'đợt', kind: 'event' },
  { words: 'địa điểm', unit: 'địa điểm', kind: 'event' },
  { words: 'điểm', unit: 'điểm', kind: 'event' },
  { words: 'cuộc', unit: 'cuộc', kind: 'event' },
  { words: 'buổi', unit: 'buổi', kind: 'event' },
  { words: 'lớp tập huấn', unit: 'lớp tập huấn', kind: 'event' },
  { words: 'lớp', unit: 'lớp', kind: 'event' },
  { words: 'ngày hội', unit: 'ngày hội', kind: 'event' },
  { words: 'chiến dịch', unit: 'chiến dịch', kind: 'event' },
  { words: 'sự kiện', unit: 'sự kiện', kind: 'event' },
  { words: 'hội nghị', unit: 'hội nghị', kind: 'event' },
  { words: 'lần', unit: 'lần', kind: 'times' },
  // money: magnitude words (nghìn, triệu, tỷ) are multiplied into the value before the unit is read
  { words: 'đồng', unit: 'đồng', kind: 'money', notBefore: /^\s+(?:chi|bao|thoi|y|nghiep|doi|bo|huong|tam|loat|ruong|long|nghia|minh|cam|phuc|hanh|dang)(?![\p{L}])/u },
  { words: 'vnđ', unit: 'đồng', kind: 'money' },
  { words: 'vnd', unit: 'đồng', kind: 'money' },
  // organisations, places and things counted in reports
  counted('loại hình câu lạc bộ', 'câu lạc bộ'),
  counted('câu lạc bộ'),
  counted('CLB', 'câu lạc bộ'),
  counted('ngân hàng máu sống'),
  counted('đội'),
  counted('nhóm'),
  counted('Ban Chỉ đạo huyện'),
  counted('Ban Chỉ đạo xã'),
  counted('Ban Chỉ đạo'),
  counted('tỉnh, thành phố'),
  counted('tỉnh, thành'),
  counted('tỉnh'),
  counted('thành phố'),
  counted('quận'),
  counted('huyện'),
  counted('thị xã'),
  counted('xã'),
  counted('phường'),
  counted('thị trấn'),
  counted('ấp'),
  counted('địa phương'),
  counted('trường THPT'),
  counted('trường'),
  counted('bệnh viện'),
  counted('cơ sở y tế'),
  counted('đơn vị'),
  counted('cơ quan'),
  counted('doanh nghiệp'),
  counted('công ty'),
  counted('tập thể'),
  counted('cá nhân'),
  counted('gia đình'),
  counted('hộ gia đình'),
  counted('hộ'),
  counted('thôn'),
  counted('khu dân cư'),
  counted('chủ đầu tư'),
  counted('giường'),
  counted('công đoàn cơ sở'),
  counted('công đoàn'),
  counted('loại vắc xin'),
  counted('loại'),
  { words: 'bằng khen', unit: 'bằng khen', kind: 'award' },
  { words: 'giấy khen', unit: 'giấy khen', kind: 'award' },
  { words: 'kỷ niệm chương', unit: 'kỷ niệm chương', kind: 'award' },
  counted('tin, bài'),
  counted('tin bài', 'tin, bài'),
  counted('tờ rơi'),
  counted('băng rôn'),
  counted('áp phích'),
  counted('pa nô'),
  counted('khẩu hiệu'),
  counted('đĩa'),
  { words: 'phần quà', unit: 'phần quà', kind: 'award' },
  { words: 'suất quà', unit: 'suất quà', kind: 'award' },
  counted('suất'),
  counted('thẻ'),
  // what is never a figure by itself, recognised so that it is skipped
  { words: 'tháng', unit: 'tháng', kind: 'time' },
  { words: 'năm', unit: 'năm', kind: 'time' },
  { words: 'ngày', unit: 'ngày', kind: 'time' },
  { words: 'tuần', unit: 'tuần', kind: 'time' },
  { words: 'giờ', unit: 'giờ', kind: 'time' },
  { words: 'tiếng', unit: 'giờ', kind: 'time' },
  { words: 'phút', unit: 'phút', kind: 'time' },
  { words: 'tuổi', unit: 'tuổi', kind: 'age' },
];

// A unit is a run of words; between them any whitespace (line breaks included) may stand.
const MATCHERS = [...ENTRIES]
  .sort((a, b) => b.words.length - a.words.length)
  .map((entry) => {
    const words = fold(entry.words)
      .split(/\s+/u)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/,/g, '\\s*,'));
    return { entry, pattern: new RegExp(`^${words.join('\\s+')}(?![\\p{L}\\d])`, 'u') };
  });

export interface UnitMatch {
  unit: string;
  kind: UnitClass;
  /** characters of the text the unit takes, from the start of `rest` */
  length: number;
}

/** The unit that `rest` starts with (after optional spaces), if any. */
export function unitAt(rest: string): UnitMatch | null {
  // emphasis marks (**20.695** đơn vị) and line breaks may stand between a number and its unit
  // (and spaces of any width: a text layer may set a thin or no-break space before a unit)
  const lead = /^[^\S\r\n*_]*(?:[*_][^\S\r\n]*)*(?:\r?\n[^\S\r\n*_]*(?:[*_][^\S\r\n]*)*)*/u.exec(rest)?.[0].length ?? 0;
  const window = rest.slice(lead, lead + 60);
  // folding keeps the length of every letter used here (NFC text, one code unit per letter)
  const folded = fold(window);
  for (const { entry, pattern } of MATCHERS) {
    const match = pattern.exec(folded);
    if (!match) continue;
    // with diacritics printed they must be the unit's own: "2 đóng" is not "2 đồng"
    const printed = window.slice(0, match[0].length);
    if (printed !== foldDiacritics(printed) && !sameLetters(printed, entry.words)) continue;
    if (entry.notBefore?.test(folded.slice(match[0].length))) continue;
    const unit = { unit: entry.unit, kind: entry.kind, length: lead + match[0].length };
    return joined(rest, unit) ?? unit;
  }
  return null;
}

function sameLetters(printed: string, words: string): boolean {
  const squash = (text: string) => text.toLocaleLowerCase('vi').replace(/[\s,]+/gu, '');
  return squash(printed) === squash(words);
}

const PLACE_LEVELS = new Set(['tỉnh', 'thành', 'thành phố', 'quận', 'huyện', 'thị xã', 'xã', 'phường', 'thị trấn', 'ấp']);
const placeLevel = (unit: UnitMatch) => unit.kind === 'count' && unit.unit.split(', ').every((part) => PLACE_LEVELS.has(part));

/**
 * "52 giáo viên, học sinh" is one count of people named by two nouns; "13 xã, phường" and
 * "10 huyện, thị xã, thành phố" one count of places of several levels.
 */
function joined(rest: string, first: UnitMatch): UnitMatch | null {
  if (first.kind !== 'people' && !placeLevel(first)) return null;
  const tail = /^,[ \t]*/u.exec(rest.slice(first.length));
  if (!tail) return null;
  const second = unitAt(rest.slice(first.length + tail[0].length));
  if (!second) return null;
  const length = first.length + tail[0].length + second.length;
  if (first.kind === 'people' && second.kind === 'people') return { ...first, length };
  if (placeLevel(first) && placeLevel(second)) return { unit: `${first.unit}, ${second.unit}`, kind: 'count', length };
  return null;
}
