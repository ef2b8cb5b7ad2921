import type { IssueSink } from '../parse/issues';
import { messages as msg } from '../messages';

const OTHER_DELIMITERS = /\t|,|;|\||::/;

/** Splits a line and checks the field count; reports and returns undefined on a mismatch. */
export function splitFields(
  line: string,
  delimiter: string,
  expected: number,
  file: string,
  lineNo: number,
  sink: IssueSink,
  names: readonly string[] = [],
): string[] | undefined {
  const parts = line.split(delimiter);
  if (parts.length === expected) return parts;
  if (parts.length === 1 && OTHER_DELIMITERS.test(line)) {
    sink.reject('wrong-delimiter', file, lineNo, names[0], msg.wrongDelimiter(file, delimiter, line));
  } else {
    // Too few fields: name the first missing one; too many: none has a name.
    sink.reject('field-count', file, lineNo, parts.length < expected ? names[parts.length] : undefined, msg.fieldCount(file, expected, parts.length));
  }
  return undefined;
}

/** A positive integer id; reports `non-numeric` / `out-of-range` and returns undefined otherwise. */
export function parseId(value: string, file: string, lineNo: number, field: string, sink: IssueSink): number | undefined {
  const s = value.trim();
  if (!/^-?\d+$/.test(s)) {
    sink.reject('non-numeric', file, lineNo, field, msg.nonNumeric(file, field, value));
    return undefined;
  }
  const n = Number(s);
  if (n < 1 || n > 2 ** 31 - 1) {
    sink.reject('out-of-range', file, lineNo, field, msg.outOfRange(file, field, n, 'an integer id ≥ 1'));
    return undefined;
  }
  return n;
}

/** An optional number: '' → NaN; anything non-numeric is reported. */
export function parseOptionalNumber(value: string, file: string, lineNo: number, field: string, sink: IssueSink): number | undefined {
  const s = value.trim();
  if (s === '') return Number.NaN;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) {
    sink.reject('non-numeric', file, lineNo, field, msg.nonNumeric(file, field, value));
    return undefined;
  }
  return Number(s);
}

/** "Toy Story (1995)" → 1995; also "(2006–2007)" series ranges; NaN when absent. */
export function yearFromTitle(title: string): number {
  const m = /\((\d{4})(?:\s*[-–]\s*\d{0,4})?\)\s*$/.exec(title);
  return m ? Number(m[1]) : Number.NaN;
}
