// Every warning a document's records can carry: its code, and how it is told to the user (in
// Vietnamese). The stages make warnings only through `warning()`, so each code has one wording.
import { z } from 'zod';

const MESSAGES = {
  text_layer_kept: (a: { page: number; layer: number; ocr: number }) =>
    `Lớp chữ của trang ${a.page} kém (điểm ${a.layer}) nhưng OCR không tốt hơn (điểm ${a.ocr}): giữ lớp chữ.`,
  text_layer_replaced: (a: { page: number; layer: number; ocr: number }) =>
    `Lớp chữ của trang ${a.page} kém (điểm ${a.layer}): dùng chữ OCR (điểm ${a.ocr}).`,
  blank_page: (a: { page: number }) => `Trang ${a.page} không có chữ (trang trắng?).`,
  not_vietnamese: (a: { page: number }) => `Trang ${a.page} viết bằng tiếng Anh, không phải tiếng Việt: giữ nguyên, không sửa dấu.`,
  text_repaired: (a: { page: number; before: number | null; changes: number; after: number }) =>
    `Trang ${a.page}: chữ kém (điểm ${a.before}) đã được sửa ${a.changes} từ (điểm ${a.after}).`,
  repair_uncertain: (a: { page: number; count: number; listed: string }) => `Trang ${a.page}: ${a.count} từ sửa chưa chắc chắn: ${a.listed}.`,
  another_document: (a: { page: number; document: string }) =>
    `Trang ${a.page} mở đầu một văn bản khác (${a.document}): số liệu và bảng từ trang này được đọc theo văn bản đó; tệp chưa được tách thành các văn bản riêng.`,
  figure_arithmetic: (a: { part: number; whole: number; computed: string; printed: number }) =>
    `${a.part}/${a.whole} là ${a.computed}%, nhưng văn bản ghi ${a.printed}%.`,
  table_incomplete: (a: { table: string }) =>
    `${a.table}: các dòng đọc được cộng lại đều thấp hơn dòng tổng ở mọi cột — bảng có thể bị cắt hoặc tách sai, thiếu dòng.`,
  table_check_failed: (a: { table: string; check: string; where: string; expected: number; printed: number | null }) =>
    `${a.table}: ${a.check} (${a.where}) là ${a.expected} nhưng in ${a.printed}.`,
  table_cell_mended: (a: { table: string; row: string; column: string; read: string; value: number }) =>
    `${a.table}: ô dòng “${a.row}”, cột ${a.column} đọc được “${a.read}”, thừa một ký tự; đọc là ${a.value} vì như vậy các tổng của bảng khớp.`,
  table_cell_suspect: (a: { table: string; row: string; column: string; printed: number | null; proposed: number }) =>
    `${a.table}: ô dòng “${a.row}”, cột ${a.column} in ${a.printed}; nếu là ${a.proposed} thì cả tổng dòng lẫn tổng cột đều khớp — cần kiểm tra lại.`,
  table_cell_unreadable: (a: { table: string; text: string; row: string; column: string }) =>
    `${a.table}: ô “${a.text}” (dòng “${a.row}”, cột ${a.column}) không đọc được thành số.`,
};

type Messages = typeof MESSAGES;
type WarningCodeName = keyof Messages;

export const WarningCode = z.enum(Object.keys(MESSAGES) as [WarningCodeName, ...WarningCodeName[]]);

/** A warning with its catalogue wording, on `page` when it has one. */
export function warning<C extends WarningCodeName>(code: C, facts: Parameters<Messages[C]>[0], page?: number): { code: C; message: string; page?: number } {
  const message = (MESSAGES[code] as (facts: Parameters<Messages[C]>[0]) => string)(facts);
  return page === undefined ? { code, message } : { code, message, page };
}
