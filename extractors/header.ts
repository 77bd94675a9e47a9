// The document header: kind (from the title word), number, issuer, place, date and subject, as a
// Vietnamese administrative document prints them (Decree 30/2020/NĐ-CP layout): issuer and number
// in the left column, national motto and place-date line in the right, then the title and the
// subject lines. Matching ignores diacritics, so text that lost them (old OCR layers) still reads.
import { distance } from 'fastest-levenshtein';
import type { DocumentKind } from '../core/records.js';
import { foldDiacritics } from '../lang/vietnamese.js';
import { fold } from './text-context.js';
import { provinceEndingText } from './places.js';

export interface Header {
  kind: DocumentKind | null;
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  subject: string | null;
}

const TITLES: [string, DocumentKind][] = [
  ['thong bao', 'thong_bao'],
  ['bao cao', 'bao_cao'],
  ['ke hoach', 'ke_hoach'],
  ['quyet dinh', 'quyet_dinh'],
  ['cong van', 'cong_van'],
  ['to trinh', 'to_trinh'],
];

const MARKUP = /<\/?b>|\*\*?|^#{1,6}\s*/gu;
const clean = (line: string) => line.replace(MARKUP, '').replace(/\s+/gu, ' ').trim();

// Document codes: 253/TB-VP, 54/BC-BCĐ, 8A/KH-BCĐ, 182/2009/TT-BTC, 2535/SGDĐT-CTrTT (a part may
// hold lower-case letters after its first capital: CTrTT, UBNDh)
const NUMBER = /(\d+[A-Za-z]?)\s*\/\s*((?:\d{4}\/)?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*|-\d+)+)/u;

/**
 * A công văn prints no title word: under its number, "V/v …" (về việc) says what it is about, and
 * may run on to a second line before "Kính gửi".
 */
const ABOUT = /^\s*(?:V\s*\/\s*v|Về việc)[.:]?\s+(.+)$/iu;
const ADDRESSED = /^\s*Kính gửi\b/iu;
const FOLDED_DATE = /,\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/u;
const MOTTO_STARTS = ['cong hoa', 'doc lap'];
/** Whether two words start the national motto's lines (as OCR may misspell them). */
const startsMotto = (first: string, second: string) => MOTTO_STARTS.some((motto) => distance(fold(`${first} ${second}`), motto) <= 2);
// marks a header may carry that name no body: copy stamps, the received stamp, urgency and secrecy
const HEADER_MARK = /^(?:(?:sao y|ban sao|sao luc|trich sao|cong van den|den|du thao)(?:\s|$)|(?:khan|thuong khan|hoa toc|mat|toi mat|tuyet mat)$)/u;
// Bodies that issue documents, as the body text names them when the header has no issuer block
const ORG = String.raw`((?:Văn phòng|Ban Chỉ đạo|Ủy ban nhân dân|UBND|Sở|Hội|Phòng|Trung tâm|Bệnh viện|Ban|Cơ quan)\s[^,.;:“”"()]{2,90}?)`;
const ISSUER_SENTENCES = [
  new RegExp(`(?:^|[.\\n]\\s*)${ORG}\\s+thông báo\\s+(?:ý kiến|kết luận|đến|nội dung)`, 'u'),
  new RegExp(`(?:báo cáo|kế hoạch)[^.]{0,300}?\\scủa\\s+${ORG}\\s*\\.?\\s*\\/\\s*\\.`, 'iu'),
  new RegExp(`(?:^|[.,\\n]\\s*)${ORG}\\s+(?:xây dựng|ban hành)\\s+(?:Kế hoạch|kế hoạch|Quyết định|Thông báo)`, 'u'),
];
const ACRONYM = /^(?:[A-ZĐ]{2,}|[A-ZĐ]+\.)$/u;
const PLACE_LEVELS = ['tỉnh', 'huyện', 'thành phố', 'thị xã', 'xã', 'phường', 'quận', 'thị trấn'];
const PLACE_LEVEL = new Set(PLACE_LEVELS);
// without diacritics only where the words have none (TINH KIEN GIANG): "tình", "quản" are no level
const FOLDED_PLACE_LEVEL = new Set(PLACE_LEVELS.map((level) => fold(level)));
const isPlaceLevel = (words: string) => {
  const lower = words.normalize('NFC').toLocaleLowerCase('vi');
  return lower === foldDiacritics(lower) ? FOLDED_PLACE_LEVEL.has(fold(lower)) : PLACE_LEVEL.has(lower);
};
/** Whether a place level (one word or two: "thành phố") starts at word i. */
const levelAt = (words: string[], i: number) => isPlaceLevel(words[i] ?? '') || isPlaceLevel(`${words[i] ?? ''} ${words[i + 1] ?? ''}`);
const ACRONYMS = new Set(['UBND', 'HĐND', 'BCĐ', 'MTTQ', 'CTĐ', 'TP.']);

function titleIndex(lines: string[]): { index: number; kind: DocumentKind } | null {
  for (const [index, line] of lines.slice(0, 60).entries()) {
    const folded = fold(clean(line));
    const found = TITLES.find(([word]) => folded === word);
    if (found) return { index, kind: found[1] };
  }
  return null;
}

/** The left column of a header line whose right column (national motto) the text layer merged in. */
function leftColumn(line: string): string {
  const words = line.split(/\s+/u);
  for (let i = 1; i < words.length - 1; i++) {
    if (startsMotto(words[i]!, words[i + 1]!)) return words.slice(0, i).join(' ');
  }
  return line;
}

/**
 * Bodies named by their field (Decree 30/2020/NĐ-CP: the field's words start with a capital): "Sở
 * Giáo dục và Đào tạo", "Phòng Tài nguyên và Môi trường", "Ban Chỉ đạo …". Folded; "ủy ban" and
 * "hội đồng" (nhân dân) and "văn phòng" are named otherwise.
 */
const FIELD_BODIES = new Set(['so', 'bo', 'cuc', 'vu', 'phong', 'ban', 'vien', 'trung tam', 'benh vien', 'hoi', 'truong']);
const NOT_FIELD_BODIES = new Set(['uy ban', 'van phong', 'hoi dong']);
// a body's fields are joined by "và", commas and dashes: "Lao động - Thương binh và Xã hội"
const FIELD_JOINS = new Set(['va', '-', '–', ',']);

/** "UBND TỈNH KIÊN GIANG" → "UBND tỉnh Kiên Giang": acronyms kept, place names and fields capitalised. */
function sentenceCase(upper: string): string {
  const words = upper.split(/\s+/u);
  const folded = words.map((word) => fold(word));
  const isLevel = (...parts: (string | undefined)[]) => isPlaceLevel(parts.filter(Boolean).join(' '));
  const isFieldBody = (i: number) =>
    (FIELD_BODIES.has(folded[i]!) || FIELD_BODIES.has(`${folded[i - 1]} ${folded[i]}`)) &&
    !NOT_FIELD_BODIES.has(`${folded[i - 1]} ${folded[i]}`) &&
    !NOT_FIELD_BODIES.has(`${folded[i]} ${folded[i + 1]}`);
  let inName = false;
  let fieldStarts = false;
  let inField = false;
  return words
    .map((word, i) => {
      if (ACRONYMS.has(word) || (ACRONYM.test(word) && !/[AĂÂEÊIOÔƠUƯYÁÀẢÃẠÉÈÍÓÒÚÙÝ]/u.test(word.slice(1)))) return word;
      const lower = word.toLocaleLowerCase('vi');
      const capitalised = lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
      if (inName) return capitalised;
      // the words after "tỉnh", "huyện", "thành phố" … are a place name (not a field's "Xã hội")
      if (!fieldStarts && (isLevel(word) || isLevel(words[i - 1], word))) {
        inName = !isLevel(word, words[i + 1]);
        inField = false;
        return i === 0 ? capitalised : lower;
      }
      if (inField && FIELD_JOINS.has(folded[i]!)) {
        fieldStarts = true;
        return lower;
      }
      const startsField = fieldStarts;
      fieldStarts = false;
      if (isFieldBody(i) && !inField) [fieldStarts, inField] = [true, true];
      return i === 0 || startsField ? capitalised : lower;
    })
    .join(' ');
}

/** "thành phố Đà Nẵng" of "UBND thành phố Đà Nẵng": the place a body's name ends with, if any. */
function placeOf(name: string): string | null {
  const words = name.split(' ');
  // (a level in lower case: "Xã hội" of a field is none)
  const at = words.findIndex((word, i) => /^\p{Ll}/u.test(word) && levelAt(words, i));
  return at > 0 ? words.slice(at).join(' ') : null;
}

function headerIssuer(lines: string[]): string | null {
  const parts = lines
    .map((line) => clean(leftColumn(line)))
    .filter((line) => line !== '')
    .filter((line) => !NUMBER.test(line) && !FOLDED_DATE.test(fold(line)) && !/^s[oố6ô]\s*:/iu.test(line))
    .filter((line) => line === line.toLocaleUpperCase('vi') && /\p{Lu}{2}/u.test(line))
    // the national motto's lines, where OCR reads the right column on its own, and the stamps and
    // marks printed over a header (SAO Y BẢN CHÍNH, CÔNG VĂN ĐẾN, KHẨN, MẬT)
    .filter((line) => {
      const [first = '', second = ''] = line.split(/\s+/u);
      return !startsMotto(first, second);
    })
    .filter((line) => !HEADER_MARK.test(fold(line)));
  if (parts.length === 0) return null;
  // a line that starts with a place ends the name above it: "ỦY BAN NHÂN DÂN / HUYỆN TÂN HIỆP"
  const bodies: string[] = [];
  for (const part of parts) {
    const cased = sentenceCase(part);
    if (bodies.length > 0 && levelAt(part.split(/\s+/u), 0)) {
      bodies[bodies.length - 1] += ` ${cased.charAt(0).toLocaleLowerCase('vi')}${cased.slice(1)}`;
    } else bodies.push(cased);
  }
  // the lowest body is printed last: "UBND TỈNH KIÊN GIANG / VĂN PHÒNG" → "Văn phòng UBND tỉnh
  // Kiên Giang", the office of the body above it; a department of a place takes the place of the
  // body above it: "UBND THÀNH PHỐ ĐÀ NẴNG / SỞ GIÁO DỤC VÀ ĐÀO TẠO" → "Sở Giáo dục và Đào tạo thành phố Đà Nẵng"
  const own = bodies.pop()!;
  const parent = bodies.reverse().join(' ');
  const place = placeOf(parent);
  if (parent === '' || placeOf(own) !== null) return own;
  return fold(own).startsWith('van phong') || place === null ? `${own} ${parent}` : `${own} ${place}`;
}

function bodyIssuer(text: string, place: string | null): string | null {
  for (const pattern of ISSUER_SENTENCES) {
    const match = pattern.exec(text);
    const issuer = match?.[1]?.replace(/\s+/gu, ' ').trim();
    if (issuer) return / (tỉnh|huyện|thành phố)$/u.test(issuer) && place ? `${issuer} ${place}` : issuer;
  }
  return null;
}

function placeAndDate(lines: string[]): { place: string | null; date: string | null } {
  for (const line of lines) {
    const folded = fold(line);
    const match = FOLDED_DATE.exec(folded);
    if (!match) continue;
    const [day, month, year] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const before = line.slice(0, match.index);
    const words = before.trim().split(/\s+/u);
    const printed = words
      .slice(-3)
      .filter((word, i, all) => /^\p{Lu}\p{Ll}/u.test(word) || (i > 0 && /^\p{Lu}\p{Ll}/u.test(all[i - 1] ?? '')))
      .join(' ');
    return { place: provinceEndingText(before) ?? (printed || null), date };
  }
  return { place: null, date: null };
}

// the body's first words, capitalised: "Ngày 06/3/2024, …", "Căn cứ …", "Năm 2023, …"
const BODY_OPENING = /^(?:Ngay|Can cu|Thuc hien|Nam|Trong|Sau khi|Theo|Kinh gui|Tham du|Hom nay|Vao ngay|I\.|1\.|A\.)(?![\p{L}])/u;

function subjectAfter(lines: string[], title: number): string | null {
  const subject: string[] = [];
  for (const raw of lines.slice(title + 1)) {
    const line = clean(raw);
    if (line === '') continue;
    if (subject.length >= 8 || BODY_OPENING.test(foldDiacritics(line)) || line.length > 200) break;
    subject.push(line);
  }
  return subject.length > 0 ? subject.join(' ') : null;
}

/**
 * A letter's "V/v" subject: the words after it (the right column's place-date line, when the text
 * layer merged it in, cut off), and the line after when it runs on (not "Kính gửi", the body, the
 * national motto or a heading in capitals).
 */
function letterSubject(lines: string[]): string | null {
  const at = lines.findIndex((line) => ABOUT.test(clean(line)));
  if (at < 0) return null;
  const parts = [ABOUT.exec(clean(lines[at]!))![1]!];
  const next = clean(lines[at + 1] ?? '');
  const foldedNext = fold(next);
  const runsOn =
    next !== '' &&
    next !== next.toLocaleUpperCase('vi') &&
    !ADDRESSED.test(next) &&
    !BODY_OPENING.test(foldDiacritics(next)) &&
    !FOLDED_DATE.test(foldedNext) &&
    !MOTTO_STARTS.some((motto) => foldedNext.startsWith(motto)) &&
    next.length < 120;
  if (runsOn) parts.push(next);
  return parts
    .map((part) => {
      const date = FOLDED_DATE.exec(fold(part));
      // "… phòng, chống dịch Đà Nẵng, ngày 27 tháng 7 năm 2020": the place before the date goes too
      return date ? part.slice(0, date.index).replace(/(?:\s+\p{Lu}\p{Ll}*){1,3}$/u, '') : part;
    })
    .join(' ')
    .trim();
}

export function readHeader(text: string): Header {
  const lines = text.normalize('NFC').split(/\r?\n/u);
  const title = titleIndex(lines);
  const headerLines = lines.slice(0, title ? title.index : 15);
  const numberMatch = headerLines.map((line) => NUMBER.exec(line)).find((m) => m !== null);
  const { place, date } = placeAndDate(headerLines);
  const about = title ? null : letterSubject(headerLines);
  return {
    kind: title?.kind ?? (about ? 'cong_van' : null),
    number: numberMatch ? `${numberMatch[1]}/${numberMatch[2]}` : null,
    issuer: headerIssuer(headerLines.filter((line) => !ABOUT.test(clean(line)))) ?? bodyIssuer(text, place),
    place,
    date,
    subject: title ? subjectAfter(lines, title.index) : about,
  };
}
