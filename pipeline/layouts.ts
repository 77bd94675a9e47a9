// Where each page's words stand on its image: the OCR words of a page whose text is OCR's, each
// placed at its span in the text as stored (moved by the repair stage's changes) and its box brought
// back from the enlarged OCR image to the upright page image the viewer shows.
import type { Page, PageLayout } from '../core/records.js';
import type { PageTexts } from '../pages/page-text.js';
import { spanAfterChanges, type RepairChange } from '../repair/repair.js';

const px = (value: number) => Math.round(value * 10) / 10;

export function pageLayouts(read: PageTexts, pages: Page[], changes: Map<number, RepairChange[]>): PageLayout[] {
  const stored = new Set(pages.map((page) => page.page));
  return read.pages.flatMap(({ page, text, ocr }): PageLayout[] => {
    // a page whose text layer was kept has no words of OCR's in its text
    if (!ocr || text !== ocr.text || !stored.has(page)) return [];
    const { transform } = ocr;
    const made = changes.get(page) ?? [];
    return [
      {
        page,
        quarter_turns: transform.quarterTurns,
        deskew_degrees: transform.deskewDegrees,
        width: transform.rotatedWidth,
        height: transform.rotatedHeight,
        words: ocr.placed.map(({ start, end, word }) => {
          const [from, to] = spanAfterChanges([start, end], made);
          const { x0, y0, x1, y1 } = word.box;
          return {
            start: from,
            end: to,
            box: [px(x0 / transform.scale), px(y0 / transform.scale), px(x1 / transform.scale), px(y1 / transform.scale)],
            confidence: word.confidence,
            repaired: made.some((c) => c.offset >= start && c.offset < end),
          };
        }),
      },
    ];
  });
}
