// What a quantity counts, whatever words name it: a fact of blood units is not a fact of people.
import type { FigureMetric, Measure } from '../core/records.js';

const BLOOD = /^(?:đơn vị máu|đơn vị tiểu cầu|đơn vị (?:chế phẩm|hồng cầu|huyết tương)|túi máu|bịch máu|ml|lít)/u;
const PEOPLE = /^(?:người|lượt|tình nguyện viên|cán bộ|công chức|viên chức|đoàn viên|hội viên|thanh niên|sinh viên|học sinh|thành viên|đại biểu|công nhân|chiến sĩ)/u;
const EVENTS = /^(?:đợt|điểm|buổi|ngày hội|cuộc|lớp|địa điểm|sự kiện|chương trình)/u;

/** The measure of a figure or cell: from its unit, and for people whether they registered (đăng ký). */
export function measureOf(metric: FigureMetric, unit: string, words = ''): Measure {
  const named = unit.toLowerCase();
  if (named === '%') return 'percent';
  if (/đồng$/u.test(named)) return 'money';
  if (BLOOD.test(named)) return 'blood_units';
  if (PEOPLE.test(named)) return metric === 'registered' || /đăng ký/iu.test(words) ? 'registrations' : 'people';
  // "lần" counts events (hiến máu 3 lần) or is a ratio (tăng 1,2 lần)
  if (EVENTS.test(named) || (named === 'lần' && metric === 'events')) return 'events';
  return 'other';
}
