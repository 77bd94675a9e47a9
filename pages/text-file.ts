// Plain text documents: UTF-8, pages separated by form feeds as pdftotext writes them.

/**
 * A text file's characters: UTF-16 when it starts with its byte-order mark, UTF-8 when the bytes
 * are valid UTF-8, otherwise Windows-1252, the 8-bit code page that legacy Vietnamese files (TCVN3,
 * VNI) were saved in.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  return text.replace(/^\uFEFF/u, '').normalize('NFC');
}

export function textFilePages(bytes: Uint8Array): string[] {
  const text = decodeText(bytes);
  return text.split('\f').filter((page, i, pages) => page.trim() !== '' || pages.length === 1);
}
