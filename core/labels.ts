// The Vietnamese names of the records' codes, one place for the CLI, the messages and the web UI
// (which asks for them at /api/labels).
import type { DocumentKind, FigureMetric, Measure, TableKind, TextSource } from './records.js';
import type { DocumentStage } from './progress.js';
import type { Role } from './accounts.js';

export const LABELS = {
  documentKinds: {
    thong_bao: 'Thông báo',
    bao_cao: 'Báo cáo',
    ke_hoach: 'Kế hoạch',
    quyet_dinh: 'Quyết định',
    cong_van: 'Công văn',
    to_trinh: 'Tờ trình',
    other: 'Văn bản khác',
  } satisfies Record<DocumentKind, string>,
  metrics: {
    achieved: 'thực hiện',
    target: 'chỉ tiêu',
    percent_of_target: '% kế hoạch',
    registered: 'đăng ký',
    participants: 'lượt người',
    change: 'thay đổi',
    rate: 'tỷ lệ',
    events: 'đợt / điểm',
    other: 'khác',
  } satisfies Record<FigureMetric, string>,
  measures: {
    blood_units: 'đơn vị máu',
    people: 'người',
    events: 'đợt / điểm',
    registrations: 'người đăng ký',
    money: 'tiền',
    percent: 'phần trăm',
    other: 'khác',
  } satisfies Record<Measure, string>,
  tableKinds: { target: 'chỉ tiêu', achieved: 'thực hiện', allocation: 'phân bổ' } satisfies Record<TableKind, string>,
  stages: { reading: 'Đang đọc', extracting: 'Đang trích xuất số liệu', storing: 'Đang lưu' } satisfies Record<DocumentStage, string>,
  roles: { archivist: 'lưu trữ', analyst: 'phân tích', admin: 'quản trị' } satisfies Record<Role, string>,
  textSources: { text_layer: 'lớp chữ của PDF', ocr: 'nhận dạng chữ (OCR)', repaired: 'đã khôi phục dấu', mixed: 'nhiều nguồn' } satisfies Record<TextSource, string>,
};
