// Vietnam's provinces and centrally-run cities (before the 2025 mergers, as archived documents
// name them), for reading the place of a document whose text lost its diacritics.
import { fold } from '../lang/vietnamese.js';

export const PROVINCES = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre', 'Bình Dương',
  'Bình Định', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông',
  'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương',
  'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu',
  'Lạng Sơn', 'Lào Cai', 'Lâm Đồng', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ',
  'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La',
  'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'TP. Hồ Chí Minh',
  'Hồ Chí Minh', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

const BY_FOLDED = new Map(PROVINCES.map((name) => [fold(name), name]));

/** The province whose name `text` ends with, ignoring diacritics and case, or null. */
export function provinceEndingText(text: string): string | null {
  const folded = fold(text).trim();
  let best: string | null = null;
  for (const [key, name] of BY_FOLDED) {
    const boundary = folded.length === key.length || /[\s,.(]/u.test(folded[folded.length - key.length - 1] ?? '');
    if (folded.endsWith(key) && boundary && (!best || name.length > best.length)) best = name;
  }
  return best;
}

/**
 * The district-level units of Kiên Giang province (before the 2025 mergers), the first domain's
 * province: unit names in its tables are spelled and capitalised by this list.
 */
export const KIEN_GIANG_DISTRICTS = [
  { name: 'Rạch Giá', kind: 'Thành phố' }, { name: 'Hà Tiên', kind: 'Thành phố' }, { name: 'Phú Quốc', kind: 'Thành phố' },
  { name: 'Kiên Lương', kind: 'Huyện' }, { name: 'Hòn Đất', kind: 'Huyện' }, { name: 'Tân Hiệp', kind: 'Huyện' },
  { name: 'Châu Thành', kind: 'Huyện' }, { name: 'Giồng Riềng', kind: 'Huyện' }, { name: 'Gò Quao', kind: 'Huyện' },
  { name: 'An Biên', kind: 'Huyện' }, { name: 'An Minh', kind: 'Huyện' }, { name: 'Vĩnh Thuận', kind: 'Huyện' },
  { name: 'U Minh Thượng', kind: 'Huyện' }, { name: 'Kiên Hải', kind: 'Huyện' }, { name: 'Giang Thành', kind: 'Huyện' },
] as const;
