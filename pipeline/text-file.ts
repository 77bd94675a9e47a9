// Plain text documents: UTF-8, pages separated by form feeds as pdftotext writes them.
export function textFilePages(bytes: Uint8Array): string[] {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '').normalize('NFC');
  return text.split('\f').filter((page, i, pages) => page.trim() !== '' || pages.length === 1);
}
