// Repairs Vietnamese text: restores stripped diacritics and undoes OCR confusions, choosing for
// each word the syllable that the language model and the error channel together find likeliest.
// Numbers, codes, e-mail, URLs and acronyms that are no syllable stay as printed; a word whose
// choice equals what is printed is left alone, its own tone placement included.
import { acronymWithStroke } from '../lang/acronyms.js';
import { allSyllables } from '../lang/syllables.js';
import { textQuality } from '../lang/text-quality.js';
import { fold, withCaseOf } from '../lang/vietnamese.js';
import { OcrChannel, type OcrPair } from './channel.js';
import { decodeSentence, type Candidate } from './decode.js';
import { detectLegacyEncoding, fromLegacy, type LegacyEncoding } from './legacy-encoding.js';
import { lmToken, sentencesOf, type TextWord } from './lm-tokens.js';
import type { SyllableLm } from './lm.js';

/** The (NFC) text with `changes` made at their offsets (a repair's, or some of them). */
export function withChanges(text: string, changes: readonly RepairChange[]): string {
  let out = '';
  let from = 0;
  for (const change of [...changes].sort((a, b) => a.offset - b.offset)) {
    out += text.slice(from, change.offset) + change.after;
    from = change.offset + change.before.length;
  }
  return out + text.slice(from);
}

/**
 * A span [start, end) of a text as it stands after `changes` (made to whole words, none across the
 * span's edges): the changes before it move it, those inside it stretch it.
 */
export function spanAfterChanges([start, end]: [number, number], changes: readonly RepairChange[]): [number, number] {
  let [from, to] = [start, end];
  for (const change of changes) {
    const delta = change.after.length - change.before.length;
    if (change.offset + change.before.length <= start) from += delta;
    if (change.offset < end) to += delta;
  }
  return [from, to];
}

export interface RepairChange {
  /** where the word starts in the input text (UTF-16 code units) */
  offset: number;
  before: string;
  after: string;
  confidence: number;
}

interface RepairResult {
  text: string;
  changes: RepairChange[];
}

const MAX_CANDIDATES = 10;
/** A candidate this far (natural log) below the word's likeliest one on its own is not tried. */
const PRIOR_MARGIN = 9;
/** From this share of unknown words on, a text is taken to be garbled by OCR. */
const GARBLED_FROM = 0.05;
/** Below this share of marked syllables a text is taken to have lost its diacritics. */
const STRIPPED_BELOW = 0.3;
/** In text that kept its diacritics, how rarely a printed syllable is not what was meant. */
const LOG_KEEP = Math.log(0.995);
const LOG_REMARK = Math.log(0.0005);
/**
 * In text OCR read, marks are misread far more often (a real 70 DPI capture: theo đồi, chặt chế,
 * Trương phòng): other marks are tried as a mark misread, not a word misspelt.
 */
const LOG_KEEP_OCR = Math.log(0.98);
const LOG_REMARK_OCR = Math.log(0.02);

/** How a text came to be: its marks lost, garbled by OCR into non-words, read by OCR with its marks. */
interface Reading {
  stripped: boolean;
  garbled: boolean;
  ocr: boolean;
}

/** Acronyms in capitals (ĐVM, HMTN) and unit symbols (ml) are no OCR-garbled syllables. */
const SYMBOL = /^(?:[A-ZĐ]{2,}|ml|kg|km|cm|mm)$/u;
const isSymbol = (word: string) => SYMBOL.test(word) && !/[AEIOUY]/u.test(word.slice(1));

/** E-mail addresses and web addresses: left exactly as printed. */
const ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+/gu;

function addressSpans(text: string): [number, number][] {
  return [...text.matchAll(ADDRESS)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

interface Word {
  text: string;
  offset: number;
  /** model tokens the word may stand for, likeliest on their own first */
  options: string[];
  candidates: Candidate[];
}

export class Repairer {
  /** syllables and the model's other words (acronyms such as BCĐ) by their letters without marks */
  private readonly byLetters = new Map<string, string[]>();

  private readonly channel: OcrChannel | null;

  /** @param ocrPairs printed/meant pairs that teach the OCR confusion channel (none: marks only) */
  constructor(
    private readonly lm: SyllableLm,
    ocrPairs: OcrPair[] = [],
  ) {
    const known = new Set([...allSyllables(), ...lm.vocabulary.filter((token) => /^\p{L}+$/u.test(token))]);
    for (const token of known) {
      const key = fold(token);
      this.byLetters.set(key, [...(this.byLetters.get(key) ?? []), token]);
    }
    this.channel = ocrPairs.length > 0 ? new OcrChannel(ocrPairs, (letters) => this.byLetters.get(letters) ?? []) : null;
  }

  /** candidates by mode and printed word: words repeat, and finding them is a good part of the work */
  private readonly found = new Map<string, { tokens: string[]; candidates: Candidate[] }>();

  private cachedCandidates(word: string, reading: Reading): { tokens: string[]; candidates: Candidate[] } {
    const key = `${reading.stripped ? 's' : '-'}${reading.garbled ? 'g' : '-'}${reading.ocr ? 'o' : '-'}${word}`;
    let found = this.found.get(key);
    if (!found) {
      const { tokens, channel } = this.candidates(word, reading);
      found = { tokens, candidates: tokens.map((t, i) => ({ id: this.lm.id(t), channel: channel[i]! })) };
      if (this.found.size < 200_000) this.found.set(key, found);
    }
    return found;
  }

  private candidates(word: string, { stripped, garbled, ocr }: Reading): { tokens: string[]; channel: number[] } {
    const own = lmToken(word);
    // an acronym that lost its Đ (DVM), unless the texts the model learnt from print it so more often
    const acronym = isSymbol(word) ? acronymWithStroke(word) : null;
    if (acronym && acronym !== word && this.lm.seen(this.lm.id(own)) <= this.lm.seen(this.lm.id(lmToken(acronym)))) {
      return { tokens: [lmToken(acronym)], channel: [0] };
    }
    const scores = new Map<string, number>();
    // the word as printed is always a candidate: a syllable, an acronym the model knows (BCĐ), or
    // OCR junk that loses to a candidate of the channel
    scores.set(own, stripped ? 0 : ocr ? LOG_KEEP_OCR : LOG_KEEP);
    for (const syllable of this.byLetters.get(fold(own)) ?? []) {
      if (syllable === own) continue;
      // stripped text: every marking of the letters is as likely as printed (what marks survive
      // in such text are mostly misread ones); otherwise rare
      const channel = stripped ? 0 : ocr ? LOG_REMARK_OCR : LOG_REMARK;
      scores.set(syllable, Math.max(scores.get(syllable) ?? -Infinity, channel));
    }
    for (const { syllable, logProbability } of (garbled && !isSymbol(word) && this.channel?.sources(word)) || []) {
      if (syllable === own) continue;
      scores.set(syllable, Math.max(scores.get(syllable) ?? -Infinity, logProbability));
    }
    if (scores.size === 0) return { tokens: [own], channel: [0] };
    // syllables the model never saw are kept only when nothing else fits; of the rest, the
    // likeliest on their own (channel × unigram) go to the decoder, which costs the cube of their number
    const entries = [...scores].filter(([token]) => token === own || this.lm.seen(this.lm.id(token)) > 0);
    const usable = (entries.length > 0 ? entries : [...scores])
      .map(([token, channel]) => ({ token, channel, prior: channel + Math.log(this.lm.unigram(this.lm.id(token))) }))
      .sort((a, b) => b.prior - a.prior)
      .slice(0, MAX_CANDIDATES);
    const kept = usable.filter((c) => c.prior >= usable[0]!.prior - PRIOR_MARGIN || c.token === own);
    return { tokens: kept.map((c) => c.token), channel: kept.map((c) => c.channel) };
  }

  /**
   * OCR garbled the text when many of its words spell no syllable even without their marks (kien is
   * a stripped kiến; ciia is garbled) and are no word the model knows.
   */
  private isGarbled(words: string[]): boolean {
    const lettered = words.filter((w) => /\p{L}/u.test(w));
    const unknown = lettered.filter((w) => !this.byLetters.has(fold(w)) && this.lm.seen(this.lm.id(lmToken(w))) === 0);
    return lettered.length > 0 && unknown.length / lettered.length >= GARBLED_FROM;
  }

  /**
   * Repairs a text; one in a legacy encoding (TCVN3, VNI) is converted to Unicode first.
   * @param ocr the text is OCR's reading of a page, its marks misread more often than printed text's
   * @param encoding the text's legacy encoding, when the caller has told it already
   */
  repair(text: string, { ocr = false, encoding = detectLegacyEncoding(text) }: { ocr?: boolean; encoding?: LegacyEncoding | null } = {}): RepairResult {
    if (!encoding) return this.repairUnicode(text, ocr);
    const converted = fromLegacy(text, encoding);
    const repaired = this.repairUnicode(converted, ocr);
    return { text: repaired.text, changes: legacyChanges(text, converted, repaired) };
  }

  private repairUnicode(text: string, ocr: boolean): RepairResult {
    const input = text.normalize('NFC');
    const sentences = sentencesOf(input);
    const printed = sentences.flat().map((w) => w.text);
    // stripped: few of its syllables carry any mark
    const quality = textQuality(input);
    const stripped = quality.words > 0 && quality.markedShare < STRIPPED_BELOW;
    const garbled = this.isGarbled(printed);
    const addresses = addressSpans(input);
    const toWord = ({ text: printed, offset }: TextWord): Word => {
      const inAddress = addresses.some(([start, end]) => offset >= start && offset < end);
      if (inAddress || !/\p{L}/u.test(printed)) {
        const token = lmToken(printed);
        return { text: printed, offset, options: [token], candidates: [{ id: this.lm.id(token), channel: 0 }] };
      }
      const { tokens, candidates } = this.cachedCandidates(printed, { stripped, garbled, ocr });
      return { text: printed, offset, options: tokens, candidates };
    };

    const changes: RepairChange[] = [];
    for (const sentence of sentences.map((s) => s.map(toWord))) {
      const { choice, confidence } = decodeSentence(
        this.lm,
        sentence.map((w) => w.candidates),
      );
      sentence.forEach((word, i) => {
        const chosen = word.options[choice[i]!]!;
        if (chosen === lmToken(word.text)) return;
        changes.push({ offset: word.offset, before: word.text, after: withCaseOf(word.text, chosen), confidence: round(confidence[i]!) });
      });
    }
    return { text: withChanges(input, changes), changes };
  }
}

/**
 * The changes of a converted and repaired legacy text, by the printed text's own words: both steps
 * keep the text's spacing, so its n-th run of non-space characters stays the n-th.
 */
function legacyChanges(printed: string, converted: string, repaired: RepairResult): RepairChange[] {
  const runs = (text: string) => [...text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], offset: m.index ?? 0 }));
  const before = runs(printed);
  const middle = runs(converted);
  const after = runs(repaired.text);
  return before.flatMap((run, i) => {
    const result = after[i]?.text ?? '';
    if (result === run.text) return [];
    const start = middle[i]?.offset ?? 0;
    const end = start + (middle[i]?.text.length ?? 0);
    const inside = repaired.changes.filter((c) => c.offset >= start && c.offset < end).map((c) => c.confidence);
    return [{ offset: run.offset, before: run.text, after: result, confidence: Math.min(1, ...inside) }];
  });
}

const round = (value: number) => Math.round(value * 1000) / 1000;
