// Acronyms of Vietnamese administrative writing that carry a Đ, which text stripped of its marks and
// OCR both turn into a D (DVM, BCD, HDND), by their letters without marks. Only those whose D-spelling
// means nothing else in such writing: not GĐ (GD is giáo dục), HĐ (HD is hướng dẫn) or NĐ.
import { fold } from './vietnamese.js';

const WITH_D_STROKE = [
  'BCĐ', // ban chỉ đạo
  'HĐND', // hội đồng nhân dân
  'ĐVM', // đơn vị máu
  'VĐHMTN', // vận động hiến máu tình nguyện
  'BVĐK', // bệnh viện đa khoa
  'CTĐ', // chữ thập đỏ
  'HCTĐ', // hội chữ thập đỏ
  'ĐTN', // đoàn thanh niên
  'ĐVTN', // đoàn viên thanh niên
  'ĐH', // đại học
  'CĐ', // cao đẳng
  'ĐHQG', // đại học quốc gia
  'ĐBQH', // đại biểu quốc hội
  'ĐBSCL', // đồng bằng sông Cửu Long
  'QĐ', // quyết định
  'HĐQT', // hội đồng quản trị
  'GDĐT', // giáo dục và đào tạo
  'SGDĐT', // sở giáo dục và đào tạo
  'LĐTBXH', // lao động – thương binh và xã hội
  'LĐLĐ', // liên đoàn lao động
  'CĐCS', // công đoàn cơ sở
  'TĐKT', // thi đua – khen thưởng
  'ĐCS', // đảng cộng sản
  'ĐKKD', // đăng ký kinh doanh
  'VĐV', // vận động viên
  'TTĐT', // thông tin điện tử
  'BĐKH', // biến đổi khí hậu
  'ĐVHC', // đơn vị hành chính
  'ĐTXD', // đầu tư xây dựng
];

/** The acronym with its Đ for the letters a text printed it with (dvm → ĐVM). */
export const acronymWithStroke = (printed: string): string | null => BY_LETTERS.get(fold(printed)) ?? null;

const BY_LETTERS = new Map(WITH_D_STROKE.map((acronym) => [fold(acronym), acronym]));
