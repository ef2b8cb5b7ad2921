import { describe, expect, it } from 'vitest';
import { csvField, csvRecords } from './csv';

describe('csvRecords (RFC 4180)', () => {
  it('splits quoted fields with commas, doubled quotes, CRLF and line breaks inside quotes', () => {
    const text = 'a,b\r\n1,"x, y"\n2,"say ""hi"""\n3,"two\nlines"\n\n4,\n';
    const recs = [...csvRecords(text)];
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', 'x, y'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
      ['4', ''],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 4, 7]);
  });

  it('reports an unterminated quote', () => {
    const it = csvRecords('a\n"open\n');
    expect(it.next().value).toEqual({ line: 1, fields: ['a'] });
    expect(it.next()).toEqual({ done: true, value: { unterminatedAt: 2 } });
  });

  it('csvField quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
  });
});
