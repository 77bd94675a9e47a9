// The bad-input corpus: every kind of broken, odd or hostile file an archive holds, made here from
// nothing downloaded (pdf-lib, pdfkit for encryption, sharp, the samples' page renderer), the same
// bytes every time. Each case says what must become of it: stored (with the figure its page
// states, the pages it has, the warning it deserves) or refused with a message that says why.
import { deflateSync, gzipSync } from 'node:zlib';
import PDFKit from 'pdfkit';
import { concatTransformationMatrix, drawObject, PDFArray, PDFDocument, PDFName, PDFNumber, popGraphicsState, pushGraphicsState, StandardFonts, type PDFPage, type PDFRef } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { renderDocument, REGULAR_FONT_FILE, type RenderedPage } from '../../samples/render.js';
import { seedBlocks } from '../../samples/seed-blocks.js';
import { g4Strips } from './fax.js';

/** What must become of a file. */
export type Expected =
  | {
      outcome: 'stored';
      /** the page count it is stored with */
      pages?: number;
      /** a figure value its text states, which must be among the stored figures */
      figure?: number;
      /** figure values its text states, each of which must be stored (as many times as listed) */
      figures?: number[];
      /** a warning code that must be among its warnings */
      warning?: string;
      /** the name it must be stored under */
      filename?: string;
    }
  | { outcome: 'refused'; message: RegExp };

export interface Case {
  /** the case, as the table names it */
  name: string;
  /** the file's name as uploaded */
  filename: string;
  bytes: Buffer;
  expected: Expected;
}

// A short notice in the office's words: one figure (6.250) the stored records must hold.
const NOTICE = [
  'UBND TỈNH KIÊN GIANG',
  'BAN CHỈ ĐẠO VẬN ĐỘNG HIẾN MÁU TÌNH NGUYỆN',
  'THÔNG BÁO',
  'Kết quả vận động hiến máu tình nguyện quý I năm 2025',
  'Trong quý I năm 2025, toàn tỉnh tiếp nhận được 6.250 đơn vị máu, đạt 27% kế hoạch năm.',
  'Ban Chỉ đạo đề nghị các đơn vị tiếp tục vận động cán bộ, đoàn viên tham gia hiến máu.',
].join('\n');
const FIGURE = 6250;
const ENGLISH = [
  'ANNUAL REPORT',
  'The committee met twice during the year and reviewed its budget.',
  'Members agreed to publish the minutes on the website within a month.',
].join('\n');

const page = (text: string): RenderedPage => renderDocument(seedBlocks(text))[0]!;
const grayImage = (p: { gray: Buffer; width: number; height: number }) => sharp(p.gray, { raw: { width: p.width, height: p.height, channels: 1 } });
const A4_POINTS: [number, number] = [595.28, 841.89];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => (bytes.reduce((c, byte) => CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** A white bilevel PNG of any size, written by hand: a few kilobytes that decode to width × height pixels. */
function whitePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // 1 bit per pixel, grayscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(Math.ceil(width / 8), 0xff)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)), { level: 9 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A deterministic stream of bytes (xorshift), for "random" files that are the same every run. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function newPdf(): Promise<PDFDocument> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  return pdf;
}

const saved = async (pdf: PDFDocument) => Buffer.from(await pdf.save({ useObjectStreams: false }));

/** A digital PDF: each text a page, its lines in a real (Vietnamese) font. */
async function textPdf(texts: string[], size: [number, number] = A4_POINTS): Promise<Buffer> {
  const pdf = await newPdf();
  const font = await pdf.embedFont(readFileSync(REGULAR_FONT_FILE), { subset: true });
  for (const text of texts) {
    const p = pdf.addPage(size);
    text.split('\n').forEach((line, i) => p.drawText(line, { x: 50, y: size[1] - 80 - i * 18, size: 11, font, maxWidth: size[0] - 100 }));
  }
  return saved(pdf);
}

/** Draws an image XObject on a page at (x, y) from its bottom left, w × h points. */
function placeImage(p: PDFPage, name: string, ref: PDFRef, x: number, y: number, w: number, h: number): void {
  p.node.setXObject(PDFName.of(name), ref);
  p.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, x, y), drawObject(name), popGraphicsState());
}

/** A scanned PDF: each image a page of its own, 8-bit gray, sized by its DPI; an optional invisible text layer. */
async function scanPdf(images: { gray: Buffer; width: number; height: number }[], dpi = 300, layer?: string): Promise<Buffer> {
  const pdf = await newPdf();
  const font = layer ? await pdf.embedFont(StandardFonts.Helvetica) : null;
  for (const image of images) {
    const [w, h] = [(image.width / dpi) * 72, (image.height / dpi) * 72];
    const p = pdf.addPage([w, h]);
    const ref = pdf.context.register(
      pdf.context.flateStream(image.gray, { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: image.height, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
    );
    placeImage(p, 'Scan', ref, 0, 0, w, h);
    if (layer && font) layer.split('\n').forEach((line, i) => p.drawText(line, { x: 40, y: h - 60 - i * 16, size: 10, font, opacity: 0 }));
  }
  return saved(pdf);
}

/** A page whose only content is bilevel strips of the notice, each coded as `filter` wants. */
async function bilevelPdf(filter: 'CCITTFaxDecode' | 'JBIG2Decode', image: RenderedPage, dpi = 300): Promise<Buffer> {
  const pdf = await newPdf();
  const [w, h] = [(image.width / dpi) * 72, (image.height / dpi) * 72];
  const p = pdf.addPage([w, h]);
  const strips = await g4Strips(image);
  strips.forEach((strip, i) => {
    const dict =
      filter === 'CCITTFaxDecode'
        ? { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: strip.rows, ColorSpace: 'DeviceGray', BitsPerComponent: 1, Filter: 'CCITTFaxDecode', DecodeParms: { K: -1, Columns: image.width, Rows: strip.rows, BlackIs1: false } }
        : { Type: 'XObject', Subtype: 'Image', Width: image.width, Height: strip.rows, ColorSpace: 'DeviceGray', BitsPerComponent: 1, Filter: 'JBIG2Decode' };
    const data = filter === 'CCITTFaxDecode' ? strip.g4 : jbig2Page(image.width, strip.rows, strip.g4);
    const [top, height] = [(strip.top / dpi) * 72, (strip.rows / dpi) * 72];
    placeImage(p, `Im${i}`, pdf.context.register(pdf.context.stream(data, dict)), 0, h - top - height, w, height);
  });
  return saved(pdf);
}

/** A JBIG2 page as PDF embeds it (no file header): page information, one generic region coded with MMR (the G4 code), end of page. */
function jbig2Page(width: number, height: number, mmr: Buffer): Buffer {
  const segment = (number: number, type: number, data: Buffer) => {
    const header = Buffer.alloc(11);
    header.writeUInt32BE(number, 0);
    header[4] = type; // page association in one byte, not deferred
    header[5] = 0; // refers to no segment
    header[6] = 1; // page 1
    header.writeUInt32BE(data.length, 7);
    return Buffer.concat([header, data]);
  };
  const info = Buffer.alloc(19);
  info.writeUInt32BE(width, 0);
  info.writeUInt32BE(height, 4);
  info[16] = 0; // page flags: default pixel 0 (white), OR
  const region = Buffer.alloc(18);
  region.writeUInt32BE(width, 0);
  region.writeUInt32BE(height, 4);
  region[17] = 0x01; // generic region flags: MMR
  return Buffer.concat([segment(0, 48, info), segment(1, 38, Buffer.concat([region, mmr])), segment(2, 49, Buffer.alloc(0))]);
}

/** An encrypted PDF (RC4 128): `user` empty opens without a password, as most "protected" office PDFs do. */
function encryptedPdf(text: string, user: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKit({ userPassword: user, ownerPassword: 'chu-so-huu', pdfVersion: '1.4', permissions: { printing: 'lowResolution' }, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(REGULAR_FONT_FILE).fontSize(11);
    for (const line of text.split('\n')) doc.text(line);
    doc.end();
  });
}

/** A TIFF of several frames, uncompressed gray, written by hand (sharp writes one frame). */
function multiFrameTiff(frames: { gray: Buffer; width: number; height: number }[]): Buffer {
  const entries = 9;
  const ifdSize = 2 + entries * 12 + 4;
  let offset = 8;
  const parts: Buffer[] = [];
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0, 0, 0, 0]);
  header.writeUInt32LE(offset, 4);
  parts.push(header);
  frames.forEach((frame, i) => {
    const ifd = Buffer.alloc(ifdSize);
    const dataAt = offset + ifdSize;
    const next = i + 1 < frames.length ? dataAt + frame.gray.length : 0;
    ifd.writeUInt16LE(entries, 0);
    const tag = (k: number, id: number, type: number, value: number) => {
      const at = 2 + k * 12;
      ifd.writeUInt16LE(id, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    };
    tag(0, 256, 4, frame.width);
    tag(1, 257, 4, frame.height);
    tag(2, 258, 3, 8);
    tag(3, 259, 3, 1);
    tag(4, 262, 3, 1); // black is zero
    tag(5, 273, 4, dataAt);
    tag(6, 277, 3, 1);
    tag(7, 278, 4, frame.height);
    tag(8, 279, 4, frame.gray.length);
    ifd.writeUInt32LE(next, 2 + entries * 12);
    parts.push(ifd, frame.gray);
    offset = next;
  });
  return Buffer.concat(parts);
}

/** A PDF whose cross-reference table points everywhere but at its objects. */
function brokenXref(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const start = text.lastIndexOf('\nxref');
  const trailer = text.indexOf('trailer', start);
  const table = text.slice(start, trailer).replace(/\b(\d{10}) (\d{5}) n/gu, (_, offset: string, generation: string) => `${String(Number(offset) + 7).padStart(10, '0')} ${generation} n`);
  return Buffer.from(text.slice(0, start) + table + text.slice(trailer), 'latin1');
}

/** The legacy 8-bit encodings' letters, for text files saved by old Vietnamese keyboards' fonts. */
const TCVN3: Record<string, string> = {
  ă: '\u00a8', â: '\u00a9', đ: '\u00ae', ê: '\u00aa', ô: '\u00ab', ơ: '\u00ac', ư: '\u00ad', Đ: '\u00a7', Ă: '\u00a1', Â: '\u00a2', Ê: '\u00a3', Ô: '\u00a4', Ơ: '\u00a5', Ư: '\u00a6',
  à: '\u00b5', á: '\u00b8', ả: '\u00b6', ã: '\u00b7', ạ: '\u00b9', ầ: '\u00c7', ấ: '\u00ca', ẩ: '\u00c8', ẫ: '\u00c9', ậ: '\u00cb', ằ: '\u00bb', ắ: '\u00be', ẳ: '\u00bc', ẵ: '\u00bd', ặ: '\u00c6',
  è: '\u00cc', é: '\u00d0', ẻ: '\u00ce', ẽ: '\u00cf', ẹ: '\u00d1', ề: '\u00d2', ế: '\u00d5', ể: '\u00d3', ễ: '\u00d4', ệ: '\u00d6', ì: '\u00d7', í: '\u00dd', ỉ: '\u00d8', ĩ: '\u00dc', ị: '\u00de',
  ò: '\u00df', ó: '\u00e3', ỏ: '\u00e1', õ: '\u00e2', ọ: '\u00e4', ồ: '\u00e5', ố: '\u00e8', ổ: '\u00e6', ỗ: '\u00e7', ộ: '\u00e9', ờ: '\u00ea', ớ: '\u00ed', ở: '\u00eb', ỡ: '\u00ec', ợ: '\u00ee',
  ù: '\u00ef', ú: '\u00f3', ủ: '\u00f1', ũ: '\u00f2', ụ: '\u00f4', ừ: '\u00f5', ứ: '\u00f8', ử: '\u00f6', ữ: '\u00f7', ự: '\u00f9', ỳ: '\u00fa', ý: '\u00fd', ỷ: '\u00fb', ỹ: '\u00fc', ỵ: '\u00fe',
};
/** TCVN3 has capitals for the bare letters only: a capital with a tone mark is its small letter in a capital font. */
const inTcvn3 = (text: string) => Buffer.from([...text.normalize('NFC')].map((ch) => TCVN3[ch] ?? TCVN3[ch.toLowerCase()] ?? ch).join(''), 'latin1');

// VNI: a base letter, then glyphs for its marks: a tone alone (ù ø û õ ï), a circumflex or breve
// with its tone in one glyph (á à å ã ä, é è ú ü ë), an i with its tone in one (í ì æ ó ò), ỵ as î,
// the horned ơ ư as ô ö, đ as ñ — "Thoâng baùo", "ñôn vò"
const TONES = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VNI_TONE = ['ù', 'ø', 'û', 'õ', 'ï'];
const VNI_CIRCUMFLEX = ['á', 'à', 'å', 'ã', 'ä'];
const VNI_BREVE = ['é', 'è', 'ú', 'ü', 'ë'];
const VNI_I = ['í', 'ì', 'æ', 'ó', 'ò'];
function inVni(text: string): Buffer {
  const out = [...text.normalize('NFC')].map((ch) => {
    if (ch === 'đ' || ch === 'Đ') return ch === 'đ' ? 'ñ' : 'Ñ';
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    if (marks.length === 0) return ch;
    const upper = base !== base.toLowerCase();
    const tone = TONES.findIndex((t) => marks.includes(t));
    let glyphs: string;
    if (marks.includes('\u031b')) glyphs = (base.toLowerCase() === 'o' ? 'ô' : 'ö') + (tone >= 0 ? VNI_TONE[tone] : '');
    else if (marks.includes('\u0302')) glyphs = base + (tone >= 0 ? VNI_CIRCUMFLEX[tone] : 'â');
    else if (marks.includes('\u0306')) glyphs = base + (tone >= 0 ? VNI_BREVE[tone] : 'ê');
    else if (base.toLowerCase() === 'i') glyphs = VNI_I[tone]!;
    else if (base.toLowerCase() === 'y' && tone === 4) glyphs = 'î';
    else glyphs = base + VNI_TONE[tone];
    return upper ? glyphs.toUpperCase() : glyphs;
  });
  return Buffer.from(out.join(''), 'latin1');
}

export async function makeCorpus(): Promise<Case[]> {
  const notice = page(NOTICE);
  const english = page(ENGLISH);
  const blank = { gray: Buffer.alloc(notice.width * notice.height, 255), width: notice.width, height: notice.height };
  const noticePdf = await textPdf([NOTICE]);
  const scanned = await scanPdf([notice]);
  const refusedAs = (message: RegExp): Expected => ({ outcome: 'refused', message });
  const readable = (extra: Omit<Extract<Expected, { outcome: 'stored' }>, 'outcome'> = {}): Expected => ({ outcome: 'stored', figure: FIGURE, ...extra });

  const upsideDown = await grayImage(notice).rotate(180).toColourspace('b-w').raw().toBuffer();
  const cmyk = await grayImage(notice).toColourspace('cmyk').jpeg({ quality: 85 }).toBuffer();
  const exifTurned = await grayImage(notice).rotate(270).jpeg({ quality: 85 }).withExif({ IFD0: { Orientation: '6' } }).toBuffer();
  const png16 = await grayImage(notice).toColourspace('grey16').png().toBuffer();
  const palette = await grayImage(notice).png({ palette: true, colours: 16 }).toBuffer();
  const pngNotice = await grayImage(notice).png().toBuffer();
  const bomb = whitePng(20_000, 20_000);
  const onePixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const webp = await grayImage(notice).webp().toBuffer();
  const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ffffff' } }).gif().toBuffer();

  const zeroPages = zeroPagePdf();
  const manyPages = await (async () => {
    const pdf = await newPdf();
    for (let i = 0; i < 300; i++) pdf.addPage(A4_POINTS);
    return saved(pdf);
  })();
  const blankPdf = await (async () => {
    const pdf = await newPdf();
    for (let i = 0; i < 3; i++) pdf.addPage(A4_POINTS);
    return saved(pdf);
  })();
  // a page's content stream that is no content at all, between two good pages
  const badPage = await (async () => {
    const pdf = await PDFDocument.load(await textPdf([NOTICE, 'Trang hai.', ENGLISH]));
    const second = pdf.getPage(1);
    second.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(noise(4000, 7))));
    return saved(pdf);
  })();
  const xfa = await (async () => {
    const pdf = await PDFDocument.load(await textPdf(['']));
    const xml = pdf.context.register(pdf.context.stream('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template/></xdp:xdp>'));
    pdf.catalog.set(PDFName.of('AcroForm'), pdf.context.obj({ Fields: [], XFA: xml, NeedsRendering: true }));
    return saved(pdf);
  })();
  const brokenToc = await (async () => {
    const pdf = await PDFDocument.load(noticePdf);
    const outlines = pdf.context.obj({ Type: 'Outlines', Count: PDFNumber.of(3) });
    const outlinesRef = pdf.context.register(outlines);
    // first and last point at objects that are not there; a dangling destination
    outlines.set(PDFName.of('First'), pdf.context.obj({ Title: 'Mục lục', Parent: outlinesRef, Dest: [pdf.context.nextRef(), 'Fit'], Next: pdf.context.nextRef() }));
    outlines.set(PDFName.of('Last'), pdf.context.nextRef());
    pdf.catalog.set(PDFName.of('Outlines'), outlinesRef);
    return saved(pdf);
  })();
  // a text layer of mojibake: the notice's UTF-8 read as Windows-1252 ("NÄƒm 2025")
  const mojibake = Buffer.from(NOTICE, 'utf8').toString('latin1').replace(/[^\x20-\x7e\n]/gu, (ch) => (ch.charCodeAt(0) >= 0xa0 ? ch : '?'));
  const mojibakeLayer = await scanPdf([notice], 300, mojibake.replace(/[^\x20-\x7e\n]/gu, '?'));
  const hugePage = await textPdf([NOTICE], [20000, 20000]);
  const longName = `${'Báo cáo kết quả vận động hiến máu tình nguyện '.repeat(7).slice(0, 296)}.pdf`;

  return [
    { name: 'zero-byte file', filename: 'rỗng.pdf', bytes: Buffer.alloc(0), expected: refusedAs(/rỗng/u) },
    { name: 'random bytes named .pdf', filename: 'ngẫu nhiên.pdf', bytes: noise(65_536, 42), expected: refusedAs(/không phải|không nhận ra/iu) },
    { name: 'an HTML page named .pdf', filename: 'trang web.pdf', bytes: Buffer.from(`<!DOCTYPE html>\n<html lang="vi"><head><title>Thông báo</title></head><body><p>${NOTICE}</p></body></html>\n`), expected: refusedAs(/HTML/u) },
    { name: 'a ZIP (Word file) named .pdf', filename: 'công văn.pdf', bytes: Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), noise(2000, 3)]), expected: refusedAs(/không phải|không nhận ra/iu) },
    { name: 'a gzip file named .pdf', filename: 'nén.pdf', bytes: gzipSync(noticePdf), expected: refusedAs(/không phải|không nhận ra/iu) },
    { name: 'truncated PDF', filename: 'cắt cụt.pdf', bytes: noticePdf.subarray(0, Math.floor(noticePdf.length / 2)), expected: refusedAs(/cắt|hỏng|không đọc/iu) },
    { name: 'broken cross-reference table', filename: 'xref hỏng.pdf', bytes: brokenXref(noticePdf), expected: readable() },
    { name: 'junk before the PDF header', filename: 'rác đầu tệp.pdf', bytes: Buffer.concat([noise(300, 5).map((b) => 0x20 + (b % 90)), noticePdf]), expected: readable() },
    { name: 'encrypted PDF, no password to open', filename: 'bảo vệ.pdf', bytes: await encryptedPdf(NOTICE, ''), expected: readable() },
    { name: 'encrypted PDF with a password to open', filename: 'mật khẩu.pdf', bytes: await encryptedPdf(NOTICE, 'bi-mat'), expected: refusedAs(/mật khẩu/u) },
    { name: 'PDF of 0 pages', filename: 'không trang.pdf', bytes: zeroPages, expected: refusedAs(/trang/u) },
    { name: 'PDF of 300 pages', filename: 'ba trăm trang.pdf', bytes: manyPages, expected: refusedAs(/300 trang/u) },
    { name: 'a 20000×20000 pt page with its text', filename: 'trang khổng lồ.pdf', bytes: hugePage, expected: readable({ pages: 1 }) },
    { name: 'a 20000×20000 pixel image (pixel bomb)', filename: 'bom điểm ảnh.png', bytes: bomb, expected: refusedAs(/quá lớn|điểm ảnh/u) },
    { name: 'a 1×1 image', filename: 'một điểm.png', bytes: onePixel, expected: refusedAs(/quá nhỏ/u) },
    { name: 'blank pages', filename: 'trang trắng.pdf', bytes: blankPdf, expected: { outcome: 'stored', pages: 3, warning: 'blank_page' } },
    { name: 'an upside-down scanned page', filename: 'lộn ngược.pdf', bytes: await scanPdf([{ gray: upsideDown, width: notice.width, height: notice.height }]), expected: readable() },
    { name: 'a page in English', filename: 'tiếng Anh.pdf', bytes: await scanPdf([english]), expected: { outcome: 'stored', pages: 1, warning: 'not_vietnamese' } },
    { name: 'a text layer of mojibake over a scan', filename: 'lớp chữ lỗi.pdf', bytes: mojibakeLayer, expected: readable() },
    { name: 'a good page, a broken page, a good page', filename: 'trang giữa hỏng.pdf', bytes: badPage, expected: readable({ pages: 3 }) },
    { name: 'an XFA form with no page content', filename: 'biểu mẫu XFA.pdf', bytes: xfa, expected: { outcome: 'stored', pages: 1, warning: 'blank_page' } },
    { name: 'a broken outline (table of contents)', filename: 'mục lục hỏng.pdf', bytes: brokenToc, expected: readable() },
    { name: 'a multi-frame TIFF', filename: 'nhiều khung.tiff', bytes: multiFrameTiff([notice, blank, english]), expected: readable({ pages: 3 }) },
    { name: 'a JBIG2 scan', filename: 'jbig2.pdf', bytes: await bilevelPdf('JBIG2Decode', notice), expected: readable() },
    { name: 'a CCITT G4 scan', filename: 'ccitt.pdf', bytes: await bilevelPdf('CCITTFaxDecode', notice), expected: readable() },
    { name: 'a CMYK JPEG', filename: 'cmyk.jpg', bytes: cmyk, expected: readable() },
    { name: 'a JPEG turned by its EXIF orientation', filename: 'exif xoay.jpg', bytes: exifTurned, expected: readable() },
    { name: 'a 16-bit PNG', filename: '16 bit.png', bytes: png16, expected: readable() },
    { name: 'a palette PNG', filename: 'bảng màu.png', bytes: palette, expected: readable() },
    { name: 'a truncated PNG', filename: 'ảnh cụt.png', bytes: pngNotice.subarray(0, Math.floor(pngNotice.length / 2)), expected: refusedAs(/hỏng|không đọc/iu) },
    { name: 'a WebP image', filename: 'ảnh.webp', bytes: webp, expected: refusedAs(/định dạng/u) },
    { name: 'a GIF image', filename: 'ảnh.gif', bytes: gif, expected: refusedAs(/định dạng/u) },
    { name: 'a text file in TCVN3 (ABC)', filename: 'tcvn3.txt', bytes: inTcvn3(NOTICE), expected: readable() },
    { name: 'a text file in VNI', filename: 'vni.txt', bytes: inVni(NOTICE), expected: readable() },
    { name: 'a text file in UTF-16 with its byte-order mark', filename: 'utf16.txt', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NOTICE, 'utf16le')]), expected: readable() },
    { name: 'a text file in UTF-8 with a byte-order mark', filename: 'utf8 bom.txt', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOTICE)]), expected: readable() },
    { name: 'a file name that climbs out (../../)', filename: '../../etc/thông báo.pdf', bytes: await textPdf([`${NOTICE}\nBản thứ hai.`]), expected: readable({ filename: 'thông báo.pdf' }) },
    { name: 'a file name of Vietnamese letters (decomposed)', filename: 'Thông báo kết quả hiến máu.pdf'.normalize('NFD'), bytes: await textPdf([`${NOTICE}\nBản thứ ba.`]), expected: readable({ filename: 'Thông báo kết quả hiến máu.pdf' }) },
    { name: 'a file name 300 characters long', filename: longName, bytes: await textPdf([`${NOTICE}\nBản thứ tư.`]), expected: readable() },
    { name: 'a scanned page (control)', filename: 'bản quét.pdf', bytes: scanned, expected: readable() },
    { name: 'an HTML-escaped script in the text (XSS)', filename: '<img src=x onerror=alert(1)>.txt', bytes: Buffer.from(`${NOTICE}\n<script>alert("xss")</script>`), expected: readable() },
    { name: 'a deflate bomb in a PDF stream', filename: 'bom nén.pdf', bytes: await deflateBombPdf(), expected: readable({ pages: 1 }) },
  ];
}

/** A PDF whose page tree has no pages, written by hand (pdf-lib adds a blank page to such a document). */
function zeroPagePdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  let body = '%PDF-1.7\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A page whose content stream inflates to 64 MB of spaces from 64 kB. */
async function deflateBombPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.load(await textPdf([NOTICE]));
  const chunk = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
  const stream = pdf.context.register(pdf.context.stream(chunk, { Filter: 'FlateDecode' }));
  const first = pdf.getPage(0);
  const contents = first.node.get(PDFName.of('Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents!];
  first.node.set(PDFName.of('Contents'), pdf.context.obj([stream, ...streams]));
  return saved(pdf);
}
