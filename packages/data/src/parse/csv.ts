/** One CSV record with the 1-based line it starts on. */
export type CsvRecord = { readonly line: number; readonly fields: string[] };

/**
 * RFC 4180 records: fields separated by commas, optionally double-quoted, `""` escapes a
 * quote inside quotes, quoted fields may span lines. CRLF and LF both end a record.
 * Empty lines are skipped. Returns `undefined` for a quote left open at the end of the text.
 */
export function* csvRecords(text: string): Generator<CsvRecord, { unterminatedAt?: number }> {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 34 /* " */ && atFieldStart) {
        const close = readQuoted(text, i + 1);
        if (close.end < 0) return { unterminatedAt: start };
        field = close.value;
        line += close.newlines;
        i = close.end;
        atFieldStart = false;
        continue;
      }
      atFieldStart = false;
      if (c === 44 /* , */) {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (c === 10 || c === 13) {
        fields.push(field);
        i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        break;
      } else {
        const next = nextSpecial(text, i);
        field += text.slice(i, next);
        i = next;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: start, fields };
  }
  return {};
}

function nextSpecial(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) break;
    j++;
  }
  return j;
}

function readQuoted(text: string, from: number): { value: string; end: number; newlines: number } {
  let value = '';
  let i = from;
  let newlines = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return { value, end: -1, newlines };
    const chunk = text.slice(i, q);
    for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) newlines++;
    value += chunk;
    if (text.charCodeAt(q + 1) === 34) {
      value += '"';
      i = q + 2;
    } else {
      return { value, end: q + 1, newlines };
    }
  }
}

/** Quotes a field when it needs it (comma, quote or line break), doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
