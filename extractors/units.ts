// The measure words that follow a quantity in Vietnamese administrative reporting, longest first,
// matched without diacritics so OCR text that lost them still matches. A number with none of
// these after it is not reported as a figure (precision first).
import { fold, foldDiacritics } from '../pipeline/vietnamese.js';

export type UnitClass = 'blood' | 'people' | 'event' | 'money' | 'volume' | 'time' | 'age' | 'award' | 'count';

interface UnitEntry {
  /** the words as printed (any case, any diacritics) */
  words: string;
  /** the unit as a figure reports it */
  unit: string;
  kind: UnitClass;
}

const ENTRIES: UnitEntry[] = [
  // blood
  { words: 'đơn vị máu quy đổi', unit: 'đơn vị máu quy đổi', kind: 'blood' },
  { words: 'đơn vị máu tình nguyện', unit: 'đơn vị máu tình nguyện', kind: 'blood' },
  { words: 'đơn vị máu chuyên nghiệp', unit: 'đơn vị máu chuyên nghiệp', kind: 'blood' },
  { words: 'đơn vị tiểu cầu', unit: 'đơn vị tiểu cầu', kind: 'blood' },
  { words: 'đơn vị máu', unit: 'đơn vị máu', kind: 'blood' },
  { words: 'túi máu', unit: 'túi máu', kind: 'blood' },
  { words: 'ml', unit: 'ml', kind: 'volume' },
  { words: 'lít máu', unit: 'lít máu', kind: 'volume' },
  { words: 'lít', unit: 'lít', kind: 'volume' },
  // people
  { words: 'lượt người', unit: 'lượt người', kind: 'people' },
  { words: 'lượt', unit: 'lượt', kind: 'people' },
  { words: 'tình nguyện viên', unit: 'tình nguyện viên', kind: 'people' },
  { words: 'tuyên truyền viên', unit: 'tuyên truyền viên', kind: 'people' },
  { words: 'người', unit: 'người', kind: 'people' },
  { words: 'đại biểu', unit: 'đại biểu', kind: 'people' },
  { words: 'cán bộ', unit: 'cán bộ', kind: 'people' },
  { words: 'học sinh', unit: 'học sinh', kind: 'people' },
  { words: 'sinh viên', unit: 'sinh viên', kind: 'people' },
  { words: 'công nhân', unit: 'công nhân', kind: 'people' },
  { words: 'giáo viên', unit: 'giáo viên', kind: 'people' },
  { words: 'người lao động', unit: 'người lao động', kind: 'people' },
  { words: 'đoàn viên', unit: 'đoàn viên', kind: 'people' },
  { words: 'hội viên', unit: 'hội viên', kind: 'people' },
  { words: 'chiến sĩ', unit: 'chiến sĩ', kind: 'people' },
  { words: 'cán bộ, chiến sĩ', unit: 'cán bộ, chiến sĩ', kind: 'people' },
  { words: 'thành viên', unit: 'thành viên', kind: 'count' },
  // events
  { words: 'đợt', unit: 'đợt', kind: 'event' },
  { words: 'điểm', unit: 'điểm', kind: 'event' },
  { words: 'cuộc', unit: 'cuộc', kind: 'event' },
  { words: 'buổi', unit: 'buổi', kind: 'event' },
  { words: 'lớp tập huấn', unit: 'lớp tập huấn', kind: 'event' },
  { words: 'lớp', unit: 'lớp', kind: 'event' },
  { words: 'ngày hội', unit: 'ngày hội', kind: 'event' },
  { words: 'chiến dịch', unit: 'chiến dịch', kind: 'event' },
  { words: 'sự kiện', unit: 'sự kiện', kind: 'event' },
  { words: 'hội nghị', unit: 'hội nghị', kind: 'event' },
  // money
  { words: 'tỷ đồng', unit: 'tỷ đồng', kind: 'money' },
  { words: 'tỉ đồng', unit: 'tỷ đồng', kind: 'money' },
  { words: 'triệu đồng', unit: 'triệu đồng', kind: 'money' },
  { words: 'nghìn đồng', unit: 'nghìn đồng', kind: 'money' },
  { words: 'ngàn đồng', unit: 'nghìn đồng', kind: 'money' },
  { words: 'đồng', unit: 'đồng', kind: 'money' },
  // organisations, places and things counted in reports
  { words: 'loại hình câu lạc bộ', unit: 'câu lạc bộ', kind: 'count' },
  { words: 'câu lạc bộ', unit: 'câu lạc bộ', kind: 'count' },
  { words: 'CLB', unit: 'câu lạc bộ', kind: 'count' },
  { words: 'đội', unit: 'đội', kind: 'count' },
  { words: 'nhóm', unit: 'nhóm', kind: 'count' },
  { words: 'Ban Chỉ đạo huyện', unit: 'Ban Chỉ đạo huyện', kind: 'count' },
  { words: 'Ban Chỉ đạo xã', unit: 'Ban Chỉ đạo xã', kind: 'count' },
  { words: 'Ban Chỉ đạo', unit: 'Ban Chỉ đạo', kind: 'count' },
  { words: 'huyện, thị xã, thành phố', unit: 'huyện, thị xã, thành phố', kind: 'count' },
  { words: 'huyện, thành phố', unit: 'huyện, thành phố', kind: 'count' },
  { words: 'tỉnh, thành phố', unit: 'tỉnh, thành phố', kind: 'count' },
  { words: 'tỉnh', unit: 'tỉnh', kind: 'count' },
  { words: 'xã, phường, thị trấn', unit: 'xã, phường, thị trấn', kind: 'count' },
  { words: 'huyện', unit: 'huyện', kind: 'count' },
  { words: 'xã', unit: 'xã', kind: 'count' },
  { words: 'phường', unit: 'phường', kind: 'count' },
  { words: 'thị trấn', unit: 'thị trấn', kind: 'count' },
  { words: 'ấp', unit: 'ấp', kind: 'count' },
  { words: 'trường THPT', unit: 'trường THPT', kind: 'count' },
  { words: 'trường', unit: 'trường', kind: 'count' },
  { words: 'đơn vị', unit: 'đơn vị', kind: 'count' },
  { words: 'cơ quan', unit: 'cơ quan', kind: 'count' },
  { words: 'doanh nghiệp', unit: 'doanh nghiệp', kind: 'count' },
  { words: 'tập thể', unit: 'tập thể', kind: 'count' },
  { words: 'cá nhân', unit: 'cá nhân', kind: 'count' },
  { words: 'gia đình', unit: 'gia đình', kind: 'count' },
  { words: 'bằng khen', unit: 'bằng khen', kind: 'award' },
  { words: 'giấy khen', unit: 'giấy khen', kind: 'award' },
  { words: 'kỷ niệm chương', unit: 'kỷ niệm chương', kind: 'award' },
  { words: 'tin, bài', unit: 'tin, bài', kind: 'count' },
  { words: 'tin bài', unit: 'tin, bài', kind: 'count' },
  { words: 'tờ rơi', unit: 'tờ rơi', kind: 'count' },
  { words: 'băng rôn', unit: 'băng rôn', kind: 'count' },
  { words: 'áp phích', unit: 'áp phích', kind: 'count' },
  { words: 'pa nô', unit: 'pa nô', kind: 'count' },
  { words: 'khẩu hiệu', unit: 'khẩu hiệu', kind: 'count' },
  { words: 'đĩa', unit: 'đĩa', kind: 'count' },
  { words: 'phần quà', unit: 'phần quà', kind: 'award' },
  { words: 'suất quà', unit: 'suất quà', kind: 'award' },
  { words: 'suất', unit: 'suất', kind: 'count' },
  { words: 'thẻ', unit: 'thẻ', kind: 'count' },
  // what is never a figure, recognised so that it is skipped
  { words: 'tháng', unit: 'tháng', kind: 'time' },
  { words: 'năm', unit: 'năm', kind: 'time' },
  { words: 'ngày', unit: 'ngày', kind: 'time' },
  { words: 'tuần', unit: 'tuần', kind: 'time' },
  { words: 'giờ', unit: 'giờ', kind: 'time' },
  { words: 'phút', unit: 'phút', kind: 'time' },
  { words: 'tuổi', unit: 'tuổi', kind: 'age' },
  { words: 'lần', unit: 'lần', kind: 'time' },
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
  const lead = /^[ \t*_]*(?:\r?\n[ \t*_]*)*/u.exec(rest)?.[0].length ?? 0;
  const window = rest.slice(lead, lead + 60);
  // folding keeps the length of every letter used here (NFC text, one code unit per letter)
  const folded = fold(window);
  for (const { entry, pattern } of MATCHERS) {
    const match = pattern.exec(folded);
    if (!match) continue;
    // with diacritics printed they must be the unit's own: "2 đóng" is not "2 đồng"
    const printed = window.slice(0, match[0].length);
    if (printed !== foldDiacritics(printed) && !sameLetters(printed, entry.words)) continue;
    const unit = { unit: entry.unit, kind: entry.kind, length: lead + match[0].length };
    return joinedPeople(rest, unit) ?? unit;
  }
  return null;
}

function sameLetters(printed: string, words: string): boolean {
  const squash = (text: string) => text.toLocaleLowerCase('vi').replace(/[\s,]+/gu, '');
  return squash(printed) === squash(words);
}

/** "52 giáo viên, học sinh", "cán bộ, chiến sĩ": one count of people named by two nouns. */
function joinedPeople(rest: string, first: UnitMatch): UnitMatch | null {
  if (first.kind !== 'people') return null;
  const tail = /^,[ \t]*/u.exec(rest.slice(first.length));
  if (!tail) return null;
  const second = unitAt(rest.slice(first.length + tail[0].length));
  if (!second || second.kind !== 'people' || second.unit.includes(',')) return null;
  return {
    unit: `${first.unit}, ${second.unit}`,
    kind: 'people',
    length: first.length + tail[0].length + second.length,
  };
}
