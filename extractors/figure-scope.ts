// What a figure is about beyond its number: the unit it counts for (scope: a district, a school,
// the armed forces …; null for the document's own area) and the campaign it belongs to.
import { foldDiacritics } from '../lang/vietnamese.js';
import { fold, type Range, type TextContext } from './text-context.js';

const CAMPAIGNS: [RegExp, string][] = [
  [/\bxuan hong\b|\bdip tet\b|\btet nguyen dan\b/u, 'Xuân hồng'],
  [/\btoan dan hien mau\b/u, 'Toàn dân hiến máu 7/4'],
  [/\bgiot mau hong\b|\bchien dich\b[^.]{0,40}\bhe\b|\bdip he\b/u, 'Hè'],
  [/\bhanh trinh do\b/u, 'Hành trình đỏ'],
  [/\bchu nhat do\b/u, 'Chủ nhật đỏ'],
];

/** The one campaign a stretch of folded text names, `undefined` where it names none, null where several. */
function campaignIn(folded: string): string | null | undefined {
  const named = new Set(CAMPAIGNS.filter(([pattern]) => pattern.test(folded)).map(([, name]) => name));
  if (named.size === 1) return [...named][0]!;
  return named.size > 1 ? null : undefined;
}

// Institution names carry words in small letters ("Trường Đại học Tiền Giang", "Bệnh viện Đa
// khoa tỉnh"): a capitalised word, or one of these kinds of school and hospital.
const NAME_WORD = String.raw`(?:[\p{Lu}\d][\p{L}\d]*\.?|học|khoa|đẳng|cấp|phổ thông|cơ sở|nghề|máu|ương|–|-)`;
const LEVEL = String.raw`(?:tỉnh|huyện|thành phố|thị xã|quận)`;
// A named unit a figure is about: a province, district, commune or city, a company, school,
// hospital or institute, the police, the labour federation, the armed forces, a sector (khối …),
// the whole country
const SCOPE_NAME = new RegExp(
  [
    String.raw`(?:tỉnh|huyện|thành phố|TP\.|thị xã|(?<![Cc]ơ\s)quận|xã|phường|thị trấn)\s*[\p{Lu}\d][\p{L}\d]*\.?(?:\s+[\p{Lu}\d][\p{L}\d]*\.?)*`,
    String.raw`(?:Công ty|Trường|Bệnh viện|Viện|Công an|Bộ Chỉ huy|Liên đoàn Lao động)(?:\s+${NAME_WORD})*(?:\s+${LEVEL}(?![\p{L}]))?`,
    String.raw`(?:khối\s+)?lực lượng vũ trang(?:\s+${LEVEL}(?![\p{L}]))?`,
    String.raw`khối\s+(?:trường học|doanh nghiệp|cơ quan|y tế|giáo dục|[\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*)*)`,
    String.raw`toàn quốc`,
  ].join('|'),
  'gu',
);
// the same names in text that lost its diacritics (matched on the folded text, sliced from the printed one)
const FOLDED_SCOPE_NAME = new RegExp(foldDiacritics(SCOPE_NAME.source), 'gu');
const LEVEL_AFTER = /\s(tỉnh|huyện|thành phố|thị xã|quận|tinh|huyen|thanh pho|thi xa|quan)$/u;
// a sentence's subject stands at its opening
const SUBJECT_CHARS = 60;

/** "Công an và Liên đoàn Lao động tỉnh": both are the province's. */
function withSharedLevel(text: string, names: RegExpMatchArray[]): string[] {
  const printed = (name: RegExpMatchArray) => text.slice(name.index ?? 0, (name.index ?? 0) + name[0].length).trim().replace(/[.,–-]$/u, '').trim();
  return names.map((name, i) => {
    const next = names[i + 1];
    const own = printed(name);
    if (!next || LEVEL_AFTER.test(own)) return own;
    const between = text.slice((name.index ?? 0) + name[0].length, next.index ?? 0);
    const level = LEVEL_AFTER.exec(printed(next))?.[1];
    return level && /^\s*(?:và|va|,)\s*$/u.test(between) ? `${own} ${level}` : own;
  });
}

/** The unit names in `range`, those starting before `startsBefore`. */
function namesIn(context: TextContext, range: Range, startsBefore = range.end): string[] {
  const value = context.text.slice(range.start, range.end);
  const found = context.foldedCues ? [...foldDiacritics(value).matchAll(FOLDED_SCOPE_NAME)] : [...value.matchAll(SCOPE_NAME)];
  return withSharedLevel(
    value,
    found.filter((m) => range.start + (m.index ?? 0) < startsBefore),
  );
}

const key = (name: string) => fold(name).replace(/\btp\.\s*/gu, 'thanh pho ').replace(/\s+/gu, ' ').trim();

/** What a document is about: its area (the units its issuer or its opening names) and its campaign. */
interface DocumentTopic {
  area: Set<string>;
  campaign: string | null;
}

const OPENING_CHARS = 120;

/** The first sentences of a text, up to the first that ends past OPENING_CHARS. */
function opening(context: TextContext): Range {
  const first = context.sentences.find((s) => s.end >= OPENING_CHARS) ?? context.sentences.at(-1);
  return { start: 0, end: first?.end ?? 0 };
}

/**
 * The area and campaign a document speaks of: the units its issuer names, else those its opening
 * names before its first figure; the campaign its subject, else its opening, names.
 */
export function documentTopic(context: TextContext, header: { issuer: string | null; subject: string | null }, firstFigure: number): DocumentTopic {
  const open = opening(context);
  const issuerNames = header.issuer ? [...header.issuer.matchAll(SCOPE_NAME)].map((m) => m[0].trim()) : [];
  const area = new Set((issuerNames.length > 0 ? issuerNames : namesIn(context, { start: open.start, end: Math.min(open.end, firstFigure) })).map(key));
  const campaign = (header.subject ? campaignIn(fold(header.subject)) : undefined) ?? campaignIn(context.foldedSlice(open)) ?? null;
  return { area, campaign };
}

/**
 * The campaign a figure belongs to: the one its sentence names, else the one the sections above it
 * name, else the one the document is about. A list of campaigns names none of them.
 */
export function campaignOf(context: TextContext, at: number, year: number | null, topic: DocumentTopic): string | null {
  const places = [context.foldedSlice(context.sentenceAt(at)), ...context.headingsAbove(at).map((heading) => fold(heading.text))];
  let name: string | null | undefined;
  for (const place of places) {
    name = campaignIn(place);
    if (name !== undefined) break;
  }
  if (name === undefined) name = topic.campaign;
  if (!name) return null;
  return year ? `${name} ${year}` : name;
}

/**
 * The units a figure is about: a name in brackets right after it ("02 trường THPT (huyện Vĩnh
 * Thuận)"), the subject of its clause, or the subject opening its sentence; a sentence that reports
 * the result of the one before ("Kết quả tiếp nhận được …") is about that one's subject.
 */
export function scopeNames(context: TextContext, figure: Range): string[] {
  const sentence = context.sentenceAt(figure.start);
  const bracket = /^\s*\(([^)]{3,60})\)/u.exec(context.text.slice(figure.end, sentence.end));
  if (bracket) {
    const at = figure.end + bracket[0].indexOf('(') + 1;
    const inside = namesIn(context, { start: at, end: at + (bracket[1] ?? '').length });
    if (inside.length > 0) return inside;
  }
  const clause = context.clauseAt(figure.start);
  const own = namesIn(context, { start: clause.start, end: figure.start });
  if (own.length > 0) return own;
  const opens = Math.max(0, context.text.slice(sentence.start, figure.start).search(/\S/u));
  const subject = namesIn(context, { start: sentence.start, end: figure.start }, sentence.start + opens + SUBJECT_CHARS);
  if (subject.length > 0) return subject;
  const previous = context.sentenceBefore(figure.start);
  return previous && /^[\s\-+•*]*ket qua\b/u.test(context.foldedSlice(sentence)) ? namesIn(context, previous) : [];
}

/** A figure's scope: its units, unless they are the document's own area (null). */
export function scopeOf(names: string[], topic: DocumentTopic): string | null {
  if (names.length === 0 || names.every((name) => topic.area.has(key(name)))) return null;
  return names.join(', ');
}
