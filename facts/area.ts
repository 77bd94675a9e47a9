// The area a document speaks for, which its figures that name no unit are about: the place in its
// issuer's name (UBND tỉnh Kiên Giang, Ban Chỉ đạo … huyện Tân Hiệp), else the place it was signed.
import type { StoredCopy } from '../core/records.js';

const PLACE = /(?<!\p{L})(tỉnh|thành phố|thị xã|huyện|quận|thị trấn|xã|phường)((?:\s+\p{Lu}\p{L}*)+)?(?!\p{L})/giu;

export function areaOf(copy: Pick<StoredCopy, 'issuer' | 'place'>): string | null {
  let area: string | null = null;
  for (const match of (copy.issuer ?? '').matchAll(PLACE)) {
    const [, designation, name] = match;
    // "UBND Huyện" in a document whose names were left out still says which level it speaks for
    if (name) area = `${designation!.toLocaleLowerCase('vi')}${name.replace(/\s+/gu, ' ')}`;
    else if (/^\p{Lu}/u.test(designation!)) area = designation!;
  }
  return area ?? copy.place;
}
