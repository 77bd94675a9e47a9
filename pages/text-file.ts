// Plain text documents: UTF-8, pages separated by form feeds as pdftotext writes them.

/**
 * A text file's characters: UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252, the
 * 8-bit code page that legacy Vietnamese files (TCVN3, VNI) were saved in.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/u, '').normalize('NFC');
}

export function textFilePages(bytes: Uint8Array): string[] {
  const text = decodeText(bytes);
  return text.split('\f').filter((page, i, pages) => page.trim() !== '' || pages.length === 1);
}
