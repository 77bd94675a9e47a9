// The unit registry: one canonical unit (a district, a company, a school …) for the names that
// differ between documents and years — "BCĐ. TP. Rạch Giá" and "Thành phố Rạch Giá", "Công ty
// Giấy da Thái Bình" and "Giày da", "Cty Cổ phần Vinpearl - Kiên Giang" and "Công ty cổ phần
// Vinpearl chi nhánh Kiên Giang". A name is first spelled out (abbreviations, the steering-committee
// prefix, place names from the gazetteer), then matched to a known unit: by its aliases, then by
// kind and name without diacritics (Jaro–Winkler), then by a brand name they share. A name that
// matches none is a new unit, never forced onto a wrong one; a row that names no unit (Tổng cộng,
// Khách vãn lai, Tiểu cầu) has none.
// natural's distance module alone: the whole library takes half a second to load
import { JaroWinklerDistance } from 'natural/lib/natural/distance/index.js';
import { distance } from 'fastest-levenshtein';
import { isSyllable } from '../lang/syllables.js';
import { fold } from '../lang/vietnamese.js';
import type { Unit } from '../core/records.js';
import { KIEN_GIANG_DISTRICTS, PROVINCES } from './places.js';

/** Kinds of unit, by the words a name starts with; one family's kinds name the same sort of body. */
const KINDS: { words: string; family: string }[] = [
  { words: 'Thành phố', family: 'place' }, { words: 'Huyện', family: 'place' }, { words: 'Thị xã', family: 'place' },
  { words: 'Tỉnh', family: 'place' }, { words: 'Quận', family: 'place' }, { words: 'Xã', family: 'place' },
  { words: 'Phường', family: 'place' }, { words: 'Thị trấn', family: 'place' },
  { words: 'Công ty', family: 'company' }, { words: 'Tập đoàn', family: 'company' }, { words: 'Tổng công ty', family: 'company' },
  { words: 'Trường Cao đẳng', family: 'college' }, { words: 'Trường Đại học', family: 'university' },
  { words: 'Trường', family: 'school' }, { words: 'Bệnh viện', family: 'hospital' }, { words: 'Trung tâm', family: 'centre' },
  { words: 'Ngân hàng', family: 'bank' }, { words: 'Siêu thị', family: 'shop' }, { words: 'Đoàn ủy khối', family: 'union' },
  { words: 'Liên đoàn', family: 'federation' }, { words: 'Công an', family: 'police' }, { words: 'Bộ Chỉ huy', family: 'military' },
  { words: 'Điện lực', family: 'utility' }, { words: 'Quản lý thị trường', family: 'agency' }, { words: 'Sở', family: 'department' },
  { words: 'Ban', family: 'board' }, { words: 'Hội', family: 'association' }, { words: 'Tỉnh Đoàn', family: 'youth' },
];

/** Abbreviations in unit names, whole words, spelled out. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/^TP\.?\s*/u, 'Thành phố '],
  [/^H\.\s*/u, 'Huyện '],
  [/^TX\.?\s*/u, 'Thị xã '],
  [/\bCty\b\.?/gu, 'Công ty'],
  [/\bCP\b\.?/gu, 'Cổ phần'],
  [/\bTNHH\b/gu, 'Trách nhiệm hữu hạn'],
  [/\bCQDN\b/gu, 'Cơ quan và Doanh nghiệp'],
  [/\bC?CQ\b/gu, 'Cơ quan'],
  [/\bDN\b/gu, 'Doanh nghiệp'],
  [/\bGDTX\b/gu, 'Giáo dục thường xuyên'],
  [/\bUBND\b/gu, 'Ủy ban nhân dân'],
];

/** A steering committee "of" a place stands for the place: BCĐ. huyện Tân Hiệp. OCR reads Đ as b, D, P. */
const COMMITTEE = /^(?:ban chỉ đạo|bc[đdbp]{1,2}\.?)\s*/iu;

const PLACES = [
  ...KIEN_GIANG_DISTRICTS.map(({ name }) => name),
  ...PROVINCES.filter((name) => !name.startsWith('TP.')),
];
const PLACE_BY_FOLDED = new Map(PLACES.map((name) => [fold(name), name]));

/** The words of a place name in the gazetteer's spelling and capitals: "Hà tiên" → "Hà Tiên". */
function spellPlaces(name: string): string {
  let out = name;
  for (const [key, place] of PLACE_BY_FOLDED) {
    const pattern = new RegExp(`(^|\\s)${key.replace(/ /gu, '\\s+')}(?=$|\\s|,)`, 'u');
    const folded = fold(out);
    const match = pattern.exec(folded);
    if (!match) continue;
    const start = match.index + match[1]!.length;
    const end = start + match[0].length - match[1]!.length;
    out = out.slice(0, start) + place + out.slice(end);
  }
  return out;
}

const capitalise = (word: string) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1);

/** The kind a name starts with (also misspelt by a letter: "Quảng lý thị trường"), and the rest. */
function kindOf(name: string): { kind: (typeof KINDS)[number] | null; rest: string } {
  const words = name.split(' ');
  let best: { kind: (typeof KINDS)[number]; size: number; length: number } | null = null;
  for (const kind of KINDS) {
    const key = fold(kind.words);
    const size = kind.words.split(' ').length;
    const head = fold(words.slice(0, size).join(' '));
    const close = head === key || (key.length >= 8 && distance(head, key) <= 1);
    if (close && (!best || key.length > best.length)) best = { kind, size, length: key.length };
  }
  return best ? { kind: best.kind, rest: words.slice(best.size).join(' ') } : { kind: null, rest: name };
}

/** A unit's name spelled out from a printed label, or null when the label names no unit. */
function spellUnitName(label: string): string | null {
  let name = label.replace(/\s*[-–]\s*/gu, ' ').replace(/\s+/gu, ' ').trim();
  name = name.replace(COMMITTEE, '');
  for (const [pattern, full] of ABBREVIATIONS) name = name.replace(pattern, full);
  name = spellPlaces(name.replace(/\s+/gu, ' ').trim());
  const { kind, rest } = kindOf(name);
  // a company's own name is capitalised: Tập đoàn Xây dựng Hòa Bình
  if (kind) return rest === '' ? kind.words : `${kind.words} ${kind.family === 'company' ? capitalise(rest) : rest}`;
  // a bare place is that place: Cà Mau → Tỉnh Cà Mau, Rạch Giá → Thành phố Rạch Giá
  const district = KIEN_GIANG_DISTRICTS.find((d) => d.name === name);
  if (district) return `${district.kind} ${district.name}`;
  if (PROVINCES.includes(name)) return `Tỉnh ${name}`;
  // otherwise a unit is a proper name: a capital after the first word, or a brand (Vinmart)
  const words = name.split(' ');
  const proper = words.slice(1).some((w) => /^\p{Lu}/u.test(w)) || words.some((w) => /\p{L}/u.test(w) && !isSyllable(w.toLocaleLowerCase('vi')));
  return proper ? capitalise(name) : null;
}

/** Words of a name that are no Vietnamese syllable: brands (Vinpearl, Coopmart). */
function brands(name: string): string[] {
  return name
    .split(/\s+/u)
    .filter((w) => /^\p{L}{4,}$/u.test(w) && !isSyllable(w.toLocaleLowerCase('vi')))
    .map((w) => fold(w));
}

/** Names of one kind this alike, without diacritics, are one unit. */
const SAME_NAME = 0.93;

/** How likely a spelling is as Vietnamese text (a language model's log-probability). */
type SpellingScore = (name: string) => number;

export class UnitRegistry {
  private readonly units: Unit[] = [];
  private readonly byAlias = new Map<string, Unit>();

  /**
   * @param known units to start from (a stored alias table)
   * @param spellingScore between names that differ only in diacritics (Giấy da / Giày da), the
   *   likelier becomes the unit's name
   */
  /** ids for units this registry found: negative until a store gives them its own */
  private nextNewId = -1;

  constructor(
    known: { id?: number; name: string; aliases?: string[] }[] = [],
    private readonly spellingScore: SpellingScore | null = null,
  ) {
    for (const unit of known) {
      const registered = this.add(unit.name, unit.id);
      for (const alias of unit.aliases ?? []) this.remember(alias, registered);
    }
  }

  get all(): readonly Unit[] {
    return this.units;
  }

  private add(name: string, id = this.nextNewId--): Unit {
    const unit: Unit = { id, name, aliases: [] };
    this.units.push(unit);
    this.remember(name, unit);
    return unit;
  }

  private remember(alias: string, unit: Unit): void {
    const key = fold(alias);
    if (!this.byAlias.has(key)) this.byAlias.set(key, unit);
    if (alias !== unit.name && !unit.aliases.includes(alias)) unit.aliases.push(alias);
  }

  /** The unit a printed label names (registering it when new), or null for a row that names none. */
  resolve(label: string): Unit | null {
    const name = spellUnitName(label);
    if (!name) return null;
    const unit = this.byAlias.get(fold(label)) ?? this.byAlias.get(fold(name)) ?? this.match(name) ?? this.add(name);
    if (name !== unit.name && fold(name) === fold(unit.name) && this.spellingScore && this.spellingScore(name) > this.spellingScore(unit.name)) {
      unit.aliases = unit.aliases.filter((alias) => alias !== name);
      unit.aliases.push(unit.name);
      unit.name = name;
    }
    this.remember(label, unit);
    this.remember(name, unit);
    return unit;
  }

  private match(name: string): Unit | null {
    const { kind, rest } = kindOf(name);
    if (!kind) return null;
    const own = fold(rest);
    const ownBrands = brands(rest);
    let best: { unit: Unit; score: number } | null = null;
    for (const unit of this.units) {
      const other = kindOf(unit.name);
      if (other.kind?.family !== kind.family) continue;
      const score = ownBrands.some((b) => brands(other.rest).includes(b)) ? 1 : JaroWinklerDistance(own, fold(other.rest));
      if (score >= SAME_NAME && (!best || score > best.score)) best = { unit, score };
    }
    return best?.unit ?? null;
  }
}
