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
// Bodies that issue documents, as the body text names them when the header has no issuer block
const ORG = String.raw`((?:Văn phòng|Ban Chỉ đạo|Ủy ban nhân dân|UBND|Sở|Hội|Phòng|Trung tâm|Bệnh viện|Ban|Cơ quan)\s[^,.;:“”"()]{2,90}?)`;
const ISSUER_SENTENCES = [
  new RegExp(`(?:^|[.\\n]\\s*)${ORG}\\s+thông báo\\s+(?:ý kiến|kết luận|đến|nội dung)`, 'u'),
  new RegExp(`(?:báo cáo|kế hoạch)[^.]{0,300}?\\scủa\\s+${ORG}\\s*\\.?\\s*\\/\\s*\\.`, 'iu'),
  new RegExp(`(?:^|[.,\\n]\\s*)${ORG}\\s+(?:xây dựng|ban hành)\\s+(?:Kế hoạch|kế hoạch|Quyết định|Thông báo)`, 'u'),
];
const ACRONYM = /^(?:[A-ZĐ]{2,}|[A-ZĐ]+\.)$/u;
// compared without diacritics, so that a header that lost them (TINH KIEN GIANG) reads too
const PLACE_LEVEL = new Set(['tinh', 'huyen', 'thanh pho', 'thi xa', 'xa', 'phuong', 'quan', 'thi tran']);
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
    const pair = fold(`${words[i]} ${words[i + 1]}`);
    if (MOTTO_STARTS.some((motto) => distance(pair, motto) <= 2)) return words.slice(0, i).join(' ');
  }
  return line;
}

/** "UBND TỈNH KIÊN GIANG" → "UBND tỉnh Kiên Giang": acronyms kept, place names capitalised. */
function sentenceCase(upper: string): string {
  const words = upper.split(/\s+/u);
  const isLevel = (...parts: (string | undefined)[]) => PLACE_LEVEL.has(fold(parts.filter(Boolean).join(' ')));
  let inName = false;
  return words
    .map((word, i) => {
      if (ACRONYMS.has(word) || (ACRONYM.test(word) && !/[AĂÂEÊIOÔƠUƯYÁÀẢÃẠÉÈÍÓÒÚÙÝ]/u.test(word.slice(1)))) return word;
      const lower = word.toLocaleLowerCase('vi');
      const capitalised = lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
      if (inName) return capitalised;
      // the words after "tỉnh", "huyện", "thành phố" … are a place name
      if (isLevel(word) || isLevel(words[i - 1], word)) inName = !isLevel(word, words[i + 1]);
      return i === 0 ? capitalised : lower;
    })
    .join(' ');
}

function headerIssuer(lines: string[]): string | null {
  const parts = lines
    .map((line) => clean(leftColumn(line)))
    .filter((line) => line !== '')
    .filter((line) => !NUMBER.test(line) && !FOLDED_DATE.test(fold(line)) && !/^s[oố6ô]\s*:/iu.test(line))
    .filter((line) => line === line.toLocaleUpperCase('vi') && /\p{Lu}{2}/u.test(line));
  if (parts.length === 0) return null;
  // the lowest body is printed last: "UBND TỈNH KIÊN GIANG / VĂN PHÒNG" → "Văn phòng UBND tỉnh Kiên Giang"
  const [own, ...above] = parts.reverse().map(sentenceCase);
  const lowerFirst = (name: string) => (/^\p{Lu}{2}/u.test(name) ? name : name.charAt(0).toLocaleLowerCase('vi') + name.slice(1));
  return [own, ...above.map(lowerFirst)].join(' ');
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
