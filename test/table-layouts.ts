// Other layouts of the seeds' tab-separated tables, as other text layers print them.

/** Tab-separated lines as fixed-width columns: names left-aligned, numbers right-aligned. */
function spaceAligned(block: string): string {
  const rows = block.split('\n').map((line) => (line.trim() === '' ? [] : line.split('\t').map((cell) => cell.replace(/<\/?b>/gu, '').trim())));
  const widths = Array.from({ length: Math.max(...rows.map((row) => row.length)) }, (_, j) => Math.max(...rows.map((row) => row[j]?.length ?? 0)));
  return rows
    .map((row) => (row.length === 0 ? '' : widths.map((width, j) => (/^[\d.,]+$/u.test(row[j] ?? '') ? (row[j] ?? '').padStart(width) : (row[j] ?? '').padEnd(width))).join('   ')))
    .join('\n');
}

/**
 * A text's tab-separated tables laid out with spaces (pdftotext -layout) and broken over pages in
 * the middle of every table (after its fifth row).
 */
export function spaceAlignedPages(text: string): { page: number; text: string }[] {
  const aligned = text.replace(/^.*\t.*$(?:\n(?:[ \t]*\n)*^.*\t.*$)*/gmu, (block) => spaceAligned(block));
  const paged = aligned.replace(/^( *0?5 .*)$/gmu, '$1\n\f');
  return paged.split('\f').map((page, i) => ({ page: i + 1, text: page }));
}
