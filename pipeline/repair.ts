// The repair stage: pages whose text reads poorly as Vietnamese because it lost its diacritics (a
// stripped or garbled OCR layer, a legacy encoding) are repaired, and say so in their source. A page
// that keeps its marks but scores low for names, addresses and codes is left as read — unless OCR
// read it: then its words are mended one by one where the language model finds other marks far
// likelier in their context (OCR's own slips: chuân bị → chuẩn bị, Đảo tạo → Đào tạo), and the page
// stays `ocr`; OCR's marks are taken to be misread far more often than printed text's. Measured: the
// clean and office scans, CER 0.220% and 0.239% as read → 0.123% and 0.098%; the real 70 DPI captures
// of a letter (test/data/real-scans), pooled WER 15.4% → 10.4% (native tesseract alone 16.9%; 10.0% with the reading order's tall lines apart).
import { defaultRepairer } from '../repair/model.js';
import { withChanges, type RepairChange, type Repairer } from '../repair/repair.js';
import { GOOD_LAYER } from '../pages/page-text.js';
import { detectLegacyEncoding } from '../repair/legacy-encoding.js';
import { isEnglish } from '../lang/english.js';
import type { Page, Warning } from '../core/records.js';
import { warning } from '../core/warnings.js';
import { isSyllable } from '../lang/syllables.js';
import { EXPECTED_MARKED_SHARE, textQuality } from '../lang/text-quality.js';

/** A repaired word this unsure is reported, so that a reader checks it. */
const UNSURE = 0.5;

/**
 * On a page OCR read with its marks, a word that is a Vietnamese syllable is changed only when the
 * model is this sure of the other marks (CỤC in "CỤC CHỨNG THỰC" stays: 0.50 for CÚC).
 */
const FAR_LIKELIER = 0.9;
const LISTED = 10;

interface RepairedPages {
  pages: Page[];
  warnings: Warning[];
  /** the changes made to each repaired page's text, by page number */
  changes: Map<number, RepairChange[]>;
}

export function repairPages(pages: Page[], repairer: () => Repairer = defaultRepairer): RepairedPages {
  const warnings: Warning[] = [];
  const changed = new Map<number, RepairChange[]>();
  const tellUnsure = (page: Page, changes: RepairChange[]) => {
    const unsure = changes.filter((change) => change.confidence < UNSURE);
    if (unsure.length === 0) return;
    const listed = unsure.slice(0, LISTED).map((c) => `${c.before} → ${c.after}`).join(', ');
    warnings.push(warning('repair_uncertain', { page: page.page, count: unsure.length, listed: `${listed}${unsure.length > LISTED ? ', …' : ''}` }, page.page));
  };
  const repaired = pages.map((page) => {
    const quality = textQuality(page.text);
    if (quality.words === 0) return page;
    // an English page has no Vietnamese marks to restore: "repairing" it would make nonsense of it
    if (isEnglish(page.text)) {
      warnings.push(warning('not_vietnamese', { page: page.page }, page.page));
      return page;
    }
    // a legacy 8-bit encoding's letters (VNI's "aù", "ñ") look marked, but the text has none of its own
    const encoding = detectLegacyEncoding(page.text);
    const lostMarks = encoding !== null || ((page.quality ?? 1) < GOOD_LAYER && quality.markedShare < EXPECTED_MARKED_SHARE);
    if (!lostMarks && page.source !== 'ocr') return page;
    const repair = repairer().repair(page.text, { ocr: page.source === 'ocr', encoding });
    const changes = lostMarks ? repair.changes : repair.changes.filter((c) => c.confidence >= FAR_LIKELIER || !isSyllable(c.before.toLocaleLowerCase('vi')));
    if (changes.length === 0) return page;
    const text = lostMarks ? repair.text : withChanges(page.text.normalize('NFC'), changes);
    const repairedQuality = textQuality(text).score;
    if (lostMarks) warnings.push(warning('text_repaired', { page: page.page, before: page.quality, changes: changes.length, after: repairedQuality }, page.page));
    tellUnsure(page, changes);
    changed.set(page.page, changes);
    return { ...page, text, source: lostMarks ? ('repaired' as const) : page.source, quality: repairedQuality };
  });
  return { pages: repaired, warnings, changes: changed };
}
