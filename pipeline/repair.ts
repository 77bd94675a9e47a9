// The repair stage: pages whose text reads poorly as Vietnamese because it lost its diacritics (a
// stripped or garbled OCR layer, a legacy encoding) are repaired, and say so in their source. A page
// that keeps its marks but scores low for names, addresses and codes is left as read.
import { defaultRepairer } from '../repair/model.js';
import type { Repairer } from '../repair/repair.js';
import { GOOD_LAYER } from '../pages/page-text.js';
import type { Page, Warning } from '../core/records.js';
import { warning } from '../core/warnings.js';
import { EXPECTED_MARKED_SHARE, textQuality } from '../lang/text-quality.js';

/** A repaired word this unsure is reported, so that a reader checks it. */
const UNSURE = 0.5;
const LISTED = 10;

export function repairPages(pages: Page[], repairer: () => Repairer = defaultRepairer): { pages: Page[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const repaired = pages.map((page) => {
    const quality = textQuality(page.text);
    if ((page.quality ?? 1) >= GOOD_LAYER || quality.words === 0 || quality.markedShare >= EXPECTED_MARKED_SHARE) return page;
    const { text, changes } = repairer().repair(page.text);
    if (changes.length === 0) return page;
    const repairedQuality = textQuality(text).score;
    warnings.push(warning('text_repaired', { page: page.page, before: page.quality, changes: changes.length, after: repairedQuality }, page.page));
    const unsure = changes.filter((change) => change.confidence < UNSURE);
    if (unsure.length > 0) {
      const listed = unsure.slice(0, LISTED).map((c) => `${c.before} → ${c.after}`).join(', ');
      warnings.push(warning('repair_uncertain', { page: page.page, count: unsure.length, listed: `${listed}${unsure.length > LISTED ? ', …' : ''}` }, page.page));
    }
    return { ...page, text, source: 'repaired' as const, quality: repairedQuality };
  });
  return { pages: repaired, warnings };
}
