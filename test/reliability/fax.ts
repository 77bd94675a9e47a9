// CCITT Group 4 code of a page, by way of libvips' TIFF writer (libtiff codes each strip of up to
// 256 rows apart, starting from a white line): the strips' code, each with its place on the page.
import sharp from 'sharp';

export interface G4Strip {
  /** the strip's first row on the page, and its rows */
  top: number;
  rows: number;
  /** coded as fax codes are: a run of white pixels is a "white" run */
  g4: Buffer;
}

export async function g4Strips(image: { gray: Buffer; width: number; height: number }): Promise<G4Strip[]> {
  const tiff = await sharp(image.gray, { raw: { width: image.width, height: image.height, channels: 1 } })
    .threshold(160)
    // libtiff codes 0 bits as white runs, whatever the TIFF says they look like: paper must be 0
    .negate()
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
  const little = tiff[0] === 0x49;
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const tags = new Map<number, number[]>();
  for (let i = 0; i < u16(ifd); i++) {
    const at = ifd + 2 + i * 12;
    const [type, count] = [u16(at + 2), u32(at + 4)];
    const size = type === 3 ? 2 : 4;
    const from = count * size > 4 ? u32(at + 8) : at + 8;
    tags.set(u16(at), Array.from({ length: count }, (_, k) => (size === 2 ? u16(from + k * 2) : u32(from + k * 4))));
  }
  const [offsets, counts] = [tags.get(273)!, tags.get(279)!];
  const perStrip = tags.get(278)?.[0] ?? image.height;
  return offsets.map((offset, i) => ({
    top: i * perStrip,
    rows: Math.min(perStrip, image.height - i * perStrip),
    g4: tiff.subarray(offset, offset + counts[i]!),
  }));
}
