// Reads a seed document's plain text into the blocks an office document is made of: header lines,
// the title and subject, body paragraphs, ruled tables, recipients and signature.

export type TextRole =
  | 'header' // issuer and number, the header's left column
  | 'dateline' // "Kiên Giang, ngày … tháng … năm …", the header's right column
  | 'title' // the kind word: THÔNG BÁO, BÁO CÁO, KẾ HOẠCH …
  | 'subject' // the lines under the title
  | 'heading' // section headings inside the body
  | 'body'
  | 'recipients' // "Nơi nhận:" and its list
  | 'signature'; // signer's title and name

export type Block =
  | { type: 'text'; role: TextRole; text: string }
  | { type: 'table'; rows: string[][] };

const TITLE_WORDS = /^(THÔNG BÁO|BÁO CÁO|KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|TỜ TRÌNH)$/u;
const DATELINE = /^[\p{L} .]+, ngày \d{1,2} tháng \d{1,2} năm \d{4}$/u;
const BODY_OPENING = /^(Ngày|Căn cứ|Thực hiện|Năm|Trong|Sau khi|Theo)\b/u;
const SECTION_HEADING = /^([IVX]+|[A-Z])\.\s/u;

/** Markdown and HTML emphasis left over from the seed's conversion are layout, not text. */
function plain(line: string): string {
  return line
    .replace(/<\/?b>/g, '')
    .replace(/^#{1,6}\s+/u, '')
    .replace(/\*+/g, '')
    .replace(/\s+$/u, '');
}

function isUpperCaseLine(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toLocaleUpperCase('vi');
}

function continuesLine(previous: string, next: string): boolean {
  return !/[.:;!?…]$/u.test(previous) && /^[\p{Ll}\d]/u.test(next);
}

function tableCells(line: string): string[] | null {
  if (!line.includes('\t')) return null;
  const cells = line.split('\t').map((cell) => plain(cell).trim());
  return cells.filter((cell) => cell !== '').length >= 2 ? cells : null;
}

export function seedBlocks(seedText: string): Block[] {
  const lines = seedText.normalize('NFC').split(/\r?\n/);
  const blocks: Block[] = [];
  let table: string[][] | null = null;
  let stage: 'header' | 'subject' | 'body' | 'closing' = 'header';
  let subjectLines = 0;

  const titleIndex = lines.findIndex((line) => TITLE_WORDS.test(plain(line).trim()));
  const introducesTable = (index: number) => {
    const next = lines.slice(index + 1).find((line) => line.trim() !== '');
    return next !== undefined && tableCells(next) !== null;
  };
  lines.forEach((raw, index) => {
    const cells = tableCells(raw);
    if (cells) {
      if (!table) blocks.push({ type: 'table', rows: (table = []) });
      table.push(cells);
      return;
    }
    const text = plain(raw).replace(/\t+/g, ' ').trim();
    if (text === '') return; // a blank line inside a table does not end it
    table = null;

    if (index === titleIndex) {
      blocks.push({ type: 'text', role: 'title', text });
      stage = 'subject';
      return;
    }
    if (stage === 'header' && titleIndex > index) {
      blocks.push({ type: 'text', role: DATELINE.test(text) ? 'dateline' : 'header', text });
      return;
    }
    if (stage === 'subject') {
      if (subjectLines < 4 && !BODY_OPENING.test(text) && text.length < 200) {
        subjectLines += 1;
        blocks.push({ type: 'text', role: 'subject', text });
        return;
      }
      stage = 'body';
    }
    if (introducesTable(index)) {
      blocks.push({ type: 'text', role: 'heading', text });
      stage = 'body';
      return;
    }
    if (/^Nơi nhận:?$/u.test(text)) stage = 'closing';
    if (stage === 'closing') {
      const isList = text.startsWith('-') || text.startsWith('(') || /^Nơi nhận/u.test(text);
      blocks.push({ type: 'text', role: isList ? 'recipients' : 'signature', text });
      return;
    }
    const heading = SECTION_HEADING.test(text) || (isUpperCaseLine(text) && text.length < 160);
    const previous = blocks.at(-1);
    if (!heading && previous?.type === 'text' && previous.role === 'body' && continuesLine(previous.text, text)) {
      previous.text = `${previous.text} ${text}`; // a hard-wrapped line of the same paragraph
      return;
    }
    blocks.push({ type: 'text', role: heading ? 'heading' : 'body', text });
  });
  return blocks;
}
