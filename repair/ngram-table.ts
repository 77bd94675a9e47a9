// An open-addressing hash table from up to three token ids to a number, on typed arrays: several
// times faster than a Map for the millions of lookups a decoder makes, and built in one pass.

/** Token ids fit in 17 bits, so three of them pack exactly into one double. */
const ID_BITS = 17;
export const MAX_VOCABULARY = 2 ** ID_BITS;
const SHIFT = 2 ** ID_BITS;

export const packKey = (a: number, b: number, c: number) => (a * SHIFT + b) * SHIFT + c;

export function unpackKey(key: number): [number, number, number] {
  const c = key % SHIFT;
  const ab = (key - c) / SHIFT;
  const b = ab % SHIFT;
  return [(ab - b) / SHIFT, b, c];
}

const hash = (a: number, b: number, c: number) => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 0;

export class NgramTable {
  /** each slot holds its key, then its values: a lookup touches one cache line */
  private readonly slots: Float64Array;
  private readonly stride: number;
  private readonly mask: number;

  /** Builds the table from packed keys and one or more value columns (each as long as the keys). */
  constructor(keys: ArrayLike<number>, ...columns: ArrayLike<number>[]) {
    let size = 16;
    while (size < keys.length * 2) size *= 2;
    this.stride = 1 + columns.length;
    this.slots = new Float64Array(size * this.stride);
    for (let k = 0; k < size; k++) this.slots[k * this.stride] = -1;
    this.mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      const [a, b, c] = unpackKey(keys[i]!);
      let slot = hash(a, b, c) & this.mask;
      while (this.slots[slot * this.stride] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot * this.stride] = keys[i]!;
      columns.forEach((column, k) => (this.slots[slot * this.stride + 1 + k] = column[i]!));
    }
  }

  /** The value in `column` stored for (a, b, c), or 0. */
  get(a: number, b: number, c: number, column = 0): number {

    const key = packKey(a, b, c);
    let slot = hash(a, b, c) & this.mask;
    for (;;) {
      const found = this.slots[slot * this.stride]!;
      if (found === key) return this.slots[slot * this.stride + 1 + column]!;
      if (found === -1) return 0;
      slot = (slot + 1) & this.mask;
    }
  }
}
