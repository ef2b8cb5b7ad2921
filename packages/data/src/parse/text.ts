/** Byte → string helpers. Node's `latin1` is true ISO-8859-1 (WHATWG's "latin1" label is windows-1252). */
export type TextEncoding = 'latin1' | 'utf8';

const BOM = 0xfeff;

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
  return encoding === 'utf8' && text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** Lines without terminators (LF or CRLF); a final empty line is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Byte offset just after a UTF-8 BOM, else 0. */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
